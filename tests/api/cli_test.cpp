// The fixed command line that scripts rely on.
#include <gtest/gtest.h>

#include <fstream>

#include "storage/database.h"
#include "storage/migrations/migrations.h"
#include "support/backend.h"
#include "support/server_process.h"
#include "support/server_test.h"

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
                        {.environment = {"SHOUWANG_IDLE_TIMEOUT_SECONDS=42"}, .input = ""}),
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
  EXPECT_EQ(RunShouwang({"serve"}, output, {.environment = {"SHOUWANG_LISTEN=nowhere"}, .input = ""}), 2);
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

TEST(Cli, ADatabaseANewerProgramMigratedIsRefusedInBothLanguages) {
  FreshDatabase fresh;
  std::string output;
  const std::vector<std::string> migrate = {"migrate", "--data-dir", fresh.directory().string(), "--database-url",
                                            fresh.url()};
  ASSERT_EQ(RunShouwang(migrate, output), 0) << output;
  RecordANewerSchema(fresh.url());
  EXPECT_EQ(RunShouwang(migrate, output), 1);
  EXPECT_NE(output.find("newer than this program"), std::string::npos) << output;
  EXPECT_NE(output.find("更新版本"), std::string::npos) << output;
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

class CliTree : public ::testing::Test {
 protected:
  void SetUp() override {
    for (std::vector<std::string> org : {std::vector<std::string>{"--code", "341122", "--name", "来安县", "--kind", "county"},
                                         {"--code", "qs", "--name", "青山镇", "--kind", "township", "--parent", "341122"},
                                         {"--code", "qs-zx", "--name", "青山镇中心小学", "--kind", "school", "--parent", "qs",
                                          "--pupils", "680"}}) {
      org.insert(org.begin(), {"org", "add"});
      ASSERT_EQ(RunOn(fresh_, org, output_), 0) << output_;
    }
  }

  FreshDatabase fresh_;
  std::string output_;
};

TEST_F(CliTree, OrgAddRefusesBadInputNamingTheField) {
  EXPECT_EQ(RunOn(fresh_, {"org", "add", "--code", "x", "--name", "x", "--kind", "bureau"}, output_), 2);
  EXPECT_NE(output_.find("shouwang: kind:"), std::string::npos) << output_;
  EXPECT_EQ(RunOn(fresh_, {"org", "add", "--code", "c1", "--name", "一班", "--kind", "class", "--parent", "qs"}, output_), 2);
  EXPECT_NE(output_.find("shouwang: parent:"), std::string::npos) << output_;
  EXPECT_EQ(RunOn(fresh_, {"org", "add", "--code", "qs", "--name", "again", "--kind", "township", "--parent", "341122"},
                  output_),
            1);
  EXPECT_EQ(RunOn(fresh_, {"org", "add", "--name", "no code", "--kind", "county"}, output_), 2);
}

TEST_F(CliTree, UserAddIssuesATemporaryPasswordOnce) {
  ASSERT_EQ(RunOn(fresh_, {"user", "add", "--username", "admin", "--role", "system_admin", "--org", "341122"}, output_), 0)
      << output_;
  const auto at = output_.find("temporary password: ");
  ASSERT_NE(at, std::string::npos) << output_;
  EXPECT_EQ(output_.substr(at + 20, 16).size(), 16u);
  ASSERT_EQ(RunOn(fresh_, {"user", "list"}, output_), 0);
  EXPECT_NE(output_.find("admin	admin	system_admin@341122	active, must change password"), std::string::npos) << output_;
  EXPECT_EQ(output_.find("temporary password"), std::string::npos);
}

TEST_F(CliTree, UserAddReadsAPasswordFromStandardInputAndChecksIt) {
  EXPECT_EQ(RunOn(fresh_, {"user", "add", "--username", "leader.wu", "--role", "school_leader", "--org", "qs-zx",
                           "--password-stdin"},
                  output_, "password1234\n"),
            2);
  EXPECT_NE(output_.find("shouwang: password: password_too_common"), std::string::npos) << output_;
  EXPECT_EQ(RunOn(fresh_, {"user", "add", "--username", "leader.wu", "--role", "school_leader", "--org", "qs-zx",
                           "--password-stdin"},
                  output_, "dusk-Heron-paddy-42\n"),
            0)
      << output_;
  EXPECT_EQ(output_.find("temporary password"), std::string::npos);
  EXPECT_EQ(RunOn(fresh_, {"user", "add", "--username", "leader.wu2", "--role", "school_leader", "--org", "341122"},
                  output_),
            2);
  EXPECT_NE(output_.find("shouwang: role:"), std::string::npos) << output_;
}

TEST_F(CliTree, ResetPasswordAndDisable) {
  ASSERT_EQ(RunOn(fresh_, {"user", "add", "--username", "helper.zhao", "--role", "helper", "--org", "qs-zx"}, output_), 0);
  ASSERT_EQ(RunOn(fresh_, {"user", "reset-password", "--username", "helper.zhao"}, output_), 0);
  EXPECT_NE(output_.find("temporary password: "), std::string::npos);
  ASSERT_EQ(RunOn(fresh_, {"user", "disable", "--username", "helper.zhao"}, output_), 0);
  ASSERT_EQ(RunOn(fresh_, {"user", "list"}, output_), 0);
  EXPECT_NE(output_.find("helper.zhao\thelper.zhao\thelper@qs-zx\tdisabled"), std::string::npos) << output_;
  EXPECT_EQ(RunOn(fresh_, {"user", "disable", "--username", "nobody"}, output_), 1);
}

TEST_F(CliTree, TermSetStoresACountysTerm) {
  ASSERT_EQ(RunOn(fresh_, {"term", "set", "--county", "341122", "--key", "2026-2027-2", "--starts", "2027-02-20",
                           "--ends", "2027-07-10"},
                  output_),
            0)
      << output_;
  EXPECT_NE(output_.find("term 2026-2027-2 (2026—2027学年第二学期) of 341122: 2027-02-20 to 2027-07-10"),
            std::string::npos)
      << output_;
  EXPECT_EQ(RunOn(fresh_, {"term", "set", "--county", "341122", "--key", "2026-2027-2", "--starts", "2027-2-30",
                           "--ends", "2027-07-10"},
                  output_),
            2);
  EXPECT_NE(output_.find("shouwang: starts_on:"), std::string::npos) << output_;
  EXPECT_EQ(RunOn(fresh_, {"term", "set", "--county", "qs", "--key", "2026-2027-2", "--starts", "2027-02-20",
                           "--ends", "2027-07-10"},
                  output_),
            2);
  EXPECT_NE(output_.find("shouwang: county:"), std::string::npos) << output_;
}

TEST_F(CliTree, AuditVerifyCatchesARowEditedInTheDatabase) {
  ASSERT_EQ(RunOn(fresh_, {"audit", "verify"}, output_), 0);
  EXPECT_NE(output_.find("audit log intact: 3 entries"), std::string::npos) << output_;
  auto database = storage::Open(fresh_.url(), {.connections = 1});
  ASSERT_TRUE(database.ok());
  ASSERT_TRUE((*database)->Write([](storage::Executor& tx) {
                return tx.Execute("UPDATE audit_log SET action = 'org.read' WHERE seq = 2");
              }).ok());
  EXPECT_EQ(RunOn(fresh_, {"audit", "verify"}, output_), 1);
  EXPECT_NE(output_.find("BROKEN at entry 2"), std::string::npos) << output_;
}

}  // namespace
}  // namespace sw::testing
