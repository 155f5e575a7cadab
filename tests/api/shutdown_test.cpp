// SIGTERM: requests in flight finish, idle connections close, the process exits 0.
#include <signal.h>

#include <chrono>
#include <thread>

#include "support/server_test.h"

namespace sw::testing {
namespace {

class ShutdownTest : public ServerTest {};

TEST_F(ShutdownTest, RequestsInFlightFinishAndTheProcessExitsZero) {
  constexpr int kClients = 6;
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(std::make_unique<HttpClient>(server_->port()));
    // Half a request: the server is reading it when the signal comes.
    clients.back()->WriteRaw("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  server_->Signal(SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  for (auto& client : clients) {
    client->WriteRaw("\r\n");
    auto response = client->ReadResponse();
    ASSERT_TRUE(response) << "a request in flight got no answer";
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->Header("connection"), "close");
  }
  EXPECT_EQ(server_->Wait(15), 0);
  EXPECT_TRUE(server_->WaitForLog("stopped", 0));
}

TEST_F(ShutdownTest, IdleConnectionsDoNotHoldTheShutdown) {
  std::vector<std::unique_ptr<HttpClient>> idle;
  for (int i = 0; i < 4; ++i) {
    idle.push_back(std::make_unique<HttpClient>(server_->port()));
    EXPECT_EQ(idle.back()->Get("/healthz").status, 200);
  }
  const auto started = std::chrono::steady_clock::now();
  server_->Signal(SIGTERM);
  EXPECT_EQ(server_->Wait(10), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  for (auto& client : idle) EXPECT_TRUE(client->ClosedByServer(2));
}

// One database thread and a queue of sign-ins, each a password hash: past the shutdown timeout
// the queued ones are answered 503 without running, and the process exits in about the timeout
// rather than after every hash.
class SlowQueueShutdownTest : public ServerTest {
 protected:
  std::vector<std::string> ServerArgs() const override {
    return {"--database-threads", "1", "--password-hashing-concurrency", "1", "--shutdown-timeout-seconds", "1"};
  }
};

TEST_F(SlowQueueShutdownTest, RequestsStillQueuedAfterTheTimeoutDoNotHoldTheProcess) {
  constexpr int kQueued = 150;  // at 60 ms or more a hash, ten seconds of work and more
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kQueued; ++i) {
    clients.push_back(std::make_unique<HttpClient>(server_->port()));
    const std::string body = nlohmann::json{{"username", "nobody." + std::to_string(i)}, {"password", "x"}}.dump();
    clients.back()->WriteRaw("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto started = std::chrono::steady_clock::now();
  server_->Signal(SIGTERM);
  EXPECT_EQ(server_->Wait(30), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_TRUE(server_->WaitForLog("still open after the shutdown timeout", 0));
}

TEST_F(ShutdownTest, SigintStopsTheServerToo) {
  server_->Signal(SIGINT);
  EXPECT_EQ(server_->Wait(10), 0);
}

}  // namespace
}  // namespace sw::testing
