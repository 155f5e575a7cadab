// The fixed command line that scripts rely on.
#include <gtest/gtest.h>

#include <fstream>

#include "storage/database.h"
#include "storage/migrations/migrations.h"
#include "support/backend.h"
#include "support/server_process.h"

namespace sw::testing {
namespace {

TEST(Cli, VersionPrintsTheVersion) {
  std::string output;
  EXPECT_EQ(RunShouwang({"version"}, output), 0);
  EXPECT_TRUE(output.starts_with("shouwang ")) << output;
}

TEST(Cli, ConfigPrintsEffectiveValuesWithSecretsHidden) {
  std::string output;
  EXPECT_EQ(RunShouwang({"config", "--database-url", "postgresql://care:s3cret@127.0.0.1:5/db"}, output,
                        {"SHOUWANG_IDLE_TIMEOUT_SECONDS=42"}),
            0);
  EXPECT_EQ(output.find("s3cret"), std::string::npos) << output;
  EXPECT_NE(output.find("database_url = \"postgresql://care:****@127.0.0.1:5/db\""), std::string::npos) << output;
  EXPECT_NE(output.find("idle_timeout_seconds = \"42\""), std::string::npos) << output;
  EXPECT_NE(output.find("from env:SHOUWANG_IDLE_TIMEOUT_SECONDS"), std::string::npos);
  EXPECT_NE(output.find("listen = \"127.0.0.1:8080\""), std::string::npos);
}

TEST(Cli, AnInvalidOptionStopsTheStartAndNamesIt) {
  std::string output;
  EXPECT_EQ(RunShouwang({"serve", "--read-timeout-seconds", "soon"}, output), 2);
  EXPECT_NE(output.find("read_timeout_seconds"), std::string::npos) << output;
  EXPECT_EQ(RunShouwang({"serve"}, output, {"SHOUWANG_LISTEN=nowhere"}), 2);
  EXPECT_NE(output.find("\"listen\""), std::string::npos) << output;
  EXPECT_NE(output.find("SHOUWANG_LISTEN"), std::string::npos) << output;
}

TEST(Cli, UnknownFlagsAndCommandsAreRefused) {
  std::string output;
  EXPECT_EQ(RunShouwang({"serve", "--no-such-flag"}, output), 2);
  EXPECT_EQ(RunShouwang({"fly"}, output), 2);
  EXPECT_EQ(RunShouwang({}, output), 2);
}

TEST(Cli, ConfigFileIsRead) {
  FreshDatabase fresh;
  const auto file = fresh.directory() / "shouwang.toml";
  std::ofstream(file) << "listen = \"127.0.0.1:9999\"\nmax_body_bytes = 2048\n";
  std::string output;
  EXPECT_EQ(RunShouwang({"config", "--config", file.string()}, output), 0);
  EXPECT_NE(output.find("listen = \"127.0.0.1:9999\""), std::string::npos) << output;
  EXPECT_NE(output.find("max_body_bytes = \"2048\""), std::string::npos) << output;
}

TEST(Cli, MigrateBringsTheDatabaseUpToDate) {
  FreshDatabase fresh;
  std::string output;
  ASSERT_EQ(RunShouwang({"migrate", "--data-dir", fresh.directory().string(), "--database-url", fresh.url()}, output), 0)
      << output;
  auto database = storage::Open(fresh.url(), {.connections = 1});
  ASSERT_TRUE(database.ok());
  EXPECT_EQ(*storage::CurrentSchemaVersion(**database), storage::LatestSchemaVersion());
  EXPECT_EQ(output.find("password"), std::string::npos);
}

TEST(Cli, UnreachableDatabaseFailsWithoutLeakingThePassword) {
  std::string output;
  EXPECT_EQ(RunShouwang({"migrate", "--database-url", "postgresql://care:s3cret@127.0.0.1:1/db?connect_timeout=2"}, output),
            1);
  EXPECT_EQ(output.find("s3cret"), std::string::npos) << output;
}

TEST(Cli, ServeOnABusyPortFailsClearly) {
  FreshDatabase fresh;
  ServerProcess first(fresh.directory(), fresh.url());
  std::string output;
  EXPECT_EQ(RunShouwang({"serve", "--listen", "127.0.0.1:" + std::to_string(first.port()), "--data-dir",
                         fresh.directory().string(), "--database-url", fresh.url()},
                        output),
            1);
  EXPECT_NE(output.find("cannot listen"), std::string::npos) << output;
}

}  // namespace
}  // namespace sw::testing
