// The public surface of the foundation: probes, the error shape, the web app's files.
#include <regex>

#include "support/server_test.h"

namespace sw::testing {
namespace {

class ApiTest : public ServerTest {};

void ExpectError(const HttpResponse& response, int status, const std::string& code) {
  EXPECT_EQ(response.status, status);
  EXPECT_EQ(response.Header("content-type"), "application/json; charset=utf-8");
  auto body = response.Json();
  EXPECT_EQ(body["error"]["code"], code) << response.body;
  EXPECT_TRUE(body["error"]["message"].is_string());
  EXPECT_TRUE(body["error"].contains("field"));
}

TEST_F(ApiTest, HealthzAnswersWhileTheProcessIsUp) {
  HttpResponse response = Client().Get("/healthz");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Json()["status"], "ok");
}

TEST_F(ApiTest, ReadyzReportsTheCurrentSchema) {
  HttpResponse response = Client().Get("/readyz");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.Json()["status"], "ready");
  EXPECT_GE(response.Json()["schema_version"].get<int>(), 1);
}

// A newer program may migrate the database while this one serves: it says so rather than
// asking for a migration this program cannot do.
TEST_F(ApiTest, ReadyzSaysWhenANewerProgramHasMigratedTheDatabase) {
  RecordANewerSchema(fresh_.url());
  HttpResponse english = Client().Get("/readyz", {{"Accept-Language", "en"}});
  EXPECT_EQ(english.status, 503);
  EXPECT_NE(english.Json()["error"]["message"].get<std::string>().find("newer Shouwang"), std::string::npos)
      << english.body;
  HttpResponse chinese = Client().Get("/readyz");
  EXPECT_NE(chinese.Json()["error"]["message"].get<std::string>().find("更新版本"), std::string::npos) << chinese.body;
}

TEST_F(ApiTest, VersionIsServedUnderApiV1) {
  HttpResponse response = Client().Get("/api/v1/version");
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.Json()["version"].is_string());
}

TEST_F(ApiTest, TheOpenApiDocumentIsServedToAnyone) {
  HttpResponse response = Client().Get("/api/v1/openapi.json");
  ASSERT_EQ(response.status, 200);
  EXPECT_TRUE(response.Header("content-type").starts_with("application/json"));
  EXPECT_TRUE(response.Json()["paths"].contains("/api/v1/children/{id}"));
}

TEST_F(ApiTest, EveryResponseCarriesARequestIdAndSafeHeaders) {
  HttpResponse response = Client().Get("/healthz");
  EXPECT_EQ(response.Header("x-request-id").size(), 16u);
  EXPECT_EQ(response.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(response.Header("cache-control"), "no-store");
  EXPECT_EQ(response.Header("server"), "");
}

// The server's own time (Server-Timing), so that the network's time can be told from it.
TEST_F(ApiTest, EveryAnswerSaysHowLongTheServerTookInServerTiming) {
  HttpClient client = Client();
  for (const char* path : {"/healthz", "/api/v1/nothing", "/"}) {
    const std::string timing = client.Get(path).Header("server-timing");
    std::smatch parts;
    ASSERT_TRUE(std::regex_match(timing, parts, std::regex(R"(app;dur=(\d+\.\d{3}))"))) << path << ": " << timing;
    EXPECT_LT(std::stod(parts[1]), 10'000.0) << path;
  }
}

TEST_F(ApiTest, AClientRequestIdIsKeptAndLoggedWithoutTheQueryString) {
  HttpResponse response = Client().Get("/api/v1/nothing?name=张三&phone=13800138000",
                                       {{"X-Request-Id", "trace-42"}});
  EXPECT_EQ(response.Header("x-request-id"), "trace-42");
  EXPECT_TRUE(server_->WaitForLog("[trace-42] GET /api/v1/nothing 404")) << server_->Log();
  const std::string log = server_->Log();
  EXPECT_EQ(log.find("13800138000"), std::string::npos);
  EXPECT_EQ(log.find("name="), std::string::npos);
}

TEST_F(ApiTest, UnknownRouteIs404InChineseByDefault) {
  HttpResponse response = Client().Get("/api/v1/nothing");
  ExpectError(response, 404, "not_found");
  EXPECT_EQ(response.Json()["error"]["message"], "找不到请求的内容");
}

TEST_F(ApiTest, EnglishWhenAcceptLanguageAsksForIt) {
  HttpResponse response = Client().Get("/api/v1/nothing", {{"Accept-Language", "en-US,en;q=0.9"}});
  EXPECT_EQ(response.Json()["error"]["message"], "Nothing was found at this address");
}

TEST_F(ApiTest, WrongMethodIs405WithAllow) {
  HttpResponse response = Client().Send("DELETE", "/healthz", "");
  ExpectError(response, 405, "method_not_allowed");
  EXPECT_EQ(response.Header("allow"), "GET, HEAD");
}

TEST_F(ApiTest, BadJsonIs400SayingWhatIsWrong) {
  HttpResponse response = Client().Send("POST", "/api/v1/version", R"({"a": [1, 2,]})",
                                        {{"Content-Type", "application/json"}, {"Accept-Language", "en"}});
  ExpectError(response, 400, "invalid_json");
  EXPECT_NE(response.Json()["error"]["message"].get<std::string>().find("syntax error at byte 13"),
            std::string::npos)
      << response.body;
}

TEST_F(ApiTest, NonJsonBodyIs415) {
  HttpResponse response = Client().Send("POST", "/api/v1/version", "name=x", {{"Content-Type", "text/plain"}});
  ExpectError(response, 415, "unsupported_media_type");
}

TEST_F(ApiTest, ValidJsonToAGetOnlyRouteIs405) {
  HttpResponse response = Client().Send("POST", "/api/v1/version", "{}", {{"Content-Type", "application/json"}});
  ExpectError(response, 405, "method_not_allowed");
}

TEST_F(ApiTest, HeadHasTheHeadersOfGetButNoBody) {
  HttpClient client = Client();
  HttpResponse get = client.Get("/healthz");
  HttpResponse head = client.Send("HEAD", "/healthz", "");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.Header("content-length"), std::to_string(get.body.size()));
}

TEST_F(ApiTest, OneConnectionServesManyRequests) {
  HttpClient client = Client();
  for (int i = 0; i < 20; ++i) EXPECT_EQ(client.Get(i % 2 ? "/healthz" : "/readyz").status, 200);
}

TEST_F(ApiTest, TheWebAppIsServedWithTypeCachingAndGzip) {
  HttpClient client = Client();
  HttpResponse page = client.Get("/", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.Header("content-encoding"), "gzip");
  EXPECT_EQ(page.Header("cache-control"), "no-cache");
  const std::string etag = page.Header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(client.Get("/", {{"If-None-Match", etag}}).status, 304);
  HttpResponse plain = client.Get("/children/abc");
  EXPECT_NE(plain.body.find("守望"), std::string::npos);
  ExpectError(client.Get("/missing.js"), 404, "not_found");
}

}  // namespace
}  // namespace sw::testing
