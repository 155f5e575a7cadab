// Fixture: a real `shouwang serve` on a fresh database of the chosen backend, per test.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "support/backend.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace sw::testing {

class ServerTest : public ::testing::Test {
 protected:
  // Extra `serve` flags for a suite (short timeouts, small limits).
  virtual std::vector<std::string> ServerArgs() const { return {}; }

  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(fresh_.directory(), fresh_.url(), ServerArgs());
  }
  void TearDown() override {
    if (HasFailure() && server_) std::cerr << "--- server log ---\n" << server_->Log();
  }

  HttpClient Client() const { return HttpClient(server_->port()); }

  FreshDatabase fresh_;
  std::unique_ptr<ServerProcess> server_;
};

}  // namespace sw::testing
