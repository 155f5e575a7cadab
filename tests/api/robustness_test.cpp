// What a hostile or broken client can send, and what it gets back. After each, the server
// must still answer others.
#include <chrono>
#include <thread>

#include "support/server_test.h"

namespace sw::testing {
namespace {

using Clock = std::chrono::steady_clock;

class RobustnessTest : public ServerTest {
 protected:
  std::vector<std::string> ServerArgs() const override {
    return {"--read-timeout-seconds", "2", "--idle-timeout-seconds", "3", "--max-body-bytes", "4096",
            "--max-header-bytes", "2048"};
  }

  void ExpectStillServing() {
    HttpResponse response = Client().Get("/healthz");
    EXPECT_EQ(response.status, 200);
  }

  static std::string Head(const std::string& method, const std::string& target, const std::string& extra = "") {
    return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
  }

  static std::string ErrorCode(const std::optional<HttpResponse>& response) {
    if (!response) return "(closed)";
    return response->Json()["error"]["code"];
  }
};

TEST_F(RobustnessTest, TruncatedBodyThenHangUpLeavesTheServerServing) {
  {
    HttpClient client = Client();
    client.WriteRaw(Head("POST", "/api/v1/version", "Content-Type: application/json\r\nContent-Length: 100\r\n") +
                    "{\"name\":");
  }
  ExpectStillServing();
}

TEST_F(RobustnessTest, TruncatedBodyIsCutOffAtTheReadTimeout) {
  HttpClient client = Client();
  client.WriteRaw(Head("POST", "/api/v1/version", "Content-Type: application/json\r\nContent-Length: 100\r\n") +
                  "{\"name\":");
  const auto started = Clock::now();
  EXPECT_TRUE(client.ClosedByServer(10));
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  EXPECT_GE(waited, 1500);
  EXPECT_LE(waited, 6000);
  ExpectStillServing();
}

TEST_F(RobustnessTest, OversizedBodyIs413NamingTheLimit) {
  HttpClient client = Client();
  auto response = client.SendRaw(
      Head("POST", "/api/v1/version", "Content-Type: application/json\r\nContent-Length: 5000\r\nAccept-Language: en\r\n") +
      std::string(5000, 'x'));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(ErrorCode(response), "payload_too_large");
  EXPECT_NE(response->body.find("4096 bytes"), std::string::npos) << response->body;
  EXPECT_EQ(response->Header("connection"), "close");
  ExpectStillServing();
}

TEST_F(RobustnessTest, OversizedChunkedBodyIs413) {
  HttpClient client = Client();
  std::string chunks;
  for (int i = 0; i < 5; ++i) chunks += "400\r\n" + std::string(1024, 'x') + "\r\n";
  auto response = client.SendRaw(
      Head("POST", "/api/v1/version", "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n") + chunks +
      "0\r\n\r\n");
  EXPECT_EQ(ErrorCode(response), "payload_too_large");
  ExpectStillServing();
}

TEST_F(RobustnessTest, BinaryBodyIsRefused) {
  std::string binary;
  for (int i = 0; i < 512; ++i) binary += static_cast<char>((i * 37) & 0xff);
  HttpClient client = Client();
  EXPECT_EQ(client.Send("POST", "/api/v1/version", binary, {{"Content-Type", "application/octet-stream"}}).status, 415);
  HttpResponse as_json = client.Send("POST", "/api/v1/version", binary, {{"Content-Type", "application/json"}});
  EXPECT_EQ(as_json.status, 400);
  EXPECT_EQ(as_json.Json()["error"]["code"], "invalid_json");
}

TEST_F(RobustnessTest, InvalidUtf8InJsonIsNamed) {
  HttpResponse response = Client().Send("POST", "/api/v1/version", "{\"name\":\"\xE5\xBC\"}",
                                        {{"Content-Type", "application/json"}, {"Accept-Language", "en"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.Json()["error"]["message"].get<std::string>().find("UTF-8"), std::string::npos);
}

TEST_F(RobustnessTest, MalformedHeadersAre400) {
  for (const std::string& bad : {Head("GET", "/healthz", "Bad Header: x\r\n"),
                                 Head("GET", "/healthz", "Content-Length: abc\r\n"),
                                 std::string("GET /healthz HTTP/9.9\r\n\r\n"),
                                 std::string("G\x01T /healthz HTTP/1.1\r\n\r\n")}) {
    HttpClient client = Client();
    auto response = client.SendRaw(bad);
    ASSERT_TRUE(response) << bad;
    EXPECT_EQ(response->status, 400) << bad;
    EXPECT_EQ(ErrorCode(response), "bad_request");
  }
  ExpectStillServing();
}

TEST_F(RobustnessTest, BinaryGarbageInsteadOfHttpIsRefused) {
  std::string garbage = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03";
  garbage += std::string(200, '\xff');
  HttpClient client = Client();
  auto response = client.SendRaw(garbage);
  if (response) {
    EXPECT_EQ(response->status, 400);
  }
  ExpectStillServing();
}

TEST_F(RobustnessTest, OversizedHeadersAre431) {
  HttpClient client = Client();
  auto response = client.SendRaw(Head("GET", "/healthz", "X-Big: " + std::string(4000, 'a') + "\r\n"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
  EXPECT_EQ(ErrorCode(response), "header_too_large");
  ExpectStillServing();
}

TEST_F(RobustnessTest, ASlowClientIsCutOffWhileOthersAreServed) {
  const std::string request = Head("GET", "/healthz");
  std::atomic<bool> closed{false};
  std::thread slow([&] {
    HttpClient client = Client();
    for (char byte : request) {
      try {
        client.WriteRaw(std::string(1, byte));
      } catch (const std::exception&) {
        closed = true;  // the server hung up on us
        return;
      }
      std::this_thread::sleep_for(std::chrono::seconds(1));
      if (client.ClosedByServer(0)) {
        closed = true;
        return;
      }
    }
  });
  for (int i = 0; i < 6; ++i) {
    const auto started = Clock::now();
    ExpectStillServing();
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  slow.join();
  EXPECT_TRUE(closed.load());
}

TEST_F(RobustnessTest, IdleKeepAliveConnectionsAreClosed) {
  HttpClient client = Client();
  EXPECT_EQ(client.Get("/healthz").status, 200);
  const auto started = Clock::now();
  EXPECT_TRUE(client.ClosedByServer(10));
  EXPECT_GE(Clock::now() - started, std::chrono::milliseconds(2500));
}

TEST_F(RobustnessTest, PipelinedRequestsAreAnsweredInOrder) {
  HttpClient client = Client();
  client.WriteRaw(Head("GET", "/healthz") + Head("GET", "/api/v1/nothing") + Head("GET", "/readyz"));
  EXPECT_EQ(client.ReadResponse()->status, 200);
  EXPECT_EQ(client.ReadResponse()->status, 404);
  EXPECT_EQ(client.ReadResponse()->status, 200);
}

}  // namespace
}  // namespace sw::testing
