// Fixture: a real `shouwang serve` on a fresh database of the chosen backend, per test.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

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

// A signed-in client: the session cookie ("sw_session=…"), its CSRF token and the login body.
struct Session {
  std::string cookie;
  std::string csrf;
  nlohmann::json body;
};

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
  // 来安县 (341122) → 青山镇 (qs) → 青山镇中心小学 (qs-zx) → 三年级1班 (qs-zx-3-1): the tree most
  // suites start from.
  void SeedCountyTree() {
    Shouwang({"org", "add", "--code", "341122", "--name", "来安县", "--kind", "county"});
    Shouwang({"org", "add", "--code", "qs", "--name", "青山镇", "--kind", "township", "--parent", "341122"});
    Shouwang({"org", "add", "--code", "qs-zx", "--name", "青山镇中心小学", "--kind", "school", "--parent", "qs"});
    Shouwang({"org", "add", "--code", "qs-zx-3-1", "--name", "三年级1班", "--kind", "class", "--parent", "qs-zx"});
  }

  // A user with one role and a first password they must change (see SignInFirstTime).
  void SeedUser(const std::string& username, const std::string& role, const std::string& org,
                const std::string& first_password) {
    Shouwang({"user", "add", "--username", username, "--role", role, "--org", org, "--password-stdin"},
             first_password + "\n");
  }

  void TearDown() override {
    if (HasFailure() && server_) std::cerr << "--- server log ---\n" << server_->Log();
  }

  HttpClient Client() const { return HttpClient(server_->port()); }

  // Signs in; the test fails unless the answer is 200.
  Session Login(const std::string& username, const std::string& password) {
    HttpResponse response = Client().Send("POST", "/api/v1/session",
                                          nlohmann::json{{"username", username}, {"password", password}}.dump(),
                                          {{"Content-Type", "application/json"}});
    EXPECT_EQ(response.status, 200) << response.body;
    const std::string set_cookie = response.Header("set-cookie");
    return {set_cookie.substr(0, set_cookie.find(';')), response.Json().value("csrf_token", ""), response.Json()};
  }

  // Signs in with a first password and replaces it, as every new user must.
  Session SignInFirstTime(const std::string& username, const std::string& first, const std::string& chosen) {
    Session session = Login(username, first);
    HttpResponse changed = Call(session, "PUT", "/api/v1/session/password",
                                nlohmann::json{{"old_password", first}, {"new_password", chosen}}.dump());
    EXPECT_EQ(changed.status, 200) << changed.body;
    return session;
  }

  // A request in the session, with its CSRF token and, when given, a request id.
  HttpResponse Call(const Session& session, const std::string& method, const std::string& path,
                    const std::string& body = "", const std::string& request_id = "") {
    std::map<std::string, std::string> headers{
        {"Cookie", session.cookie}, {"X-CSRF-Token", session.csrf}, {"Content-Type", "application/json"}};
    if (!request_id.empty()) headers["X-Request-Id"] = request_id;
    return Client().Send(method, path, body, headers);
  }

  FreshDatabase fresh_;
  std::unique_ptr<ServerProcess> server_;
};

}  // namespace sw::testing
