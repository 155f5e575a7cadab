// Fixture: a real `shouwang serve` on a fresh database of the chosen backend, per test.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "support/backend.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace sw::testing {

// Runs a `shouwang` command on `fresh`'s database; returns its exit code, output in `output`.
inline int RunOn(const FreshDatabase& fresh, std::vector<std::string> args, std::string& output,
                 const std::string& input = "") {
  args.insert(args.end(), {"--data-dir", fresh.directory().string(), "--database-url", fresh.url()});
  return RunShouwang(args, output, {.environment = {}, .input = input});
}

class ServerTest : public ::testing::Test {
 protected:
  // Extra `serve` flags for a suite (short timeouts, small limits).
  virtual std::vector<std::string> ServerArgs() const { return {}; }

  // Runs before the server starts: create organisations and users with Shouwang() here.
  virtual void Seed() {}

  void SetUp() override {
    Seed();
    if (HasFatalFailure()) return;
    server_ = std::make_unique<ServerProcess>(fresh_.directory(), fresh_.url(), ServerArgs());
  }

  // Runs a `shouwang` command on this test's database; fails the test if it fails.
  std::string Shouwang(const std::vector<std::string>& args, const std::string& input = "") {
    std::string output;
    EXPECT_EQ(RunOn(fresh_, args, output, input), 0) << output;
    return output;
  }
  void TearDown() override {
    if (HasFailure() && server_) std::cerr << "--- server log ---\n" << server_->Log();
  }

  HttpClient Client() const { return HttpClient(server_->port()); }

  FreshDatabase fresh_;
  std::unique_ptr<ServerProcess> server_;
};

}  // namespace sw::testing
