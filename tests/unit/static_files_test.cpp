#include <gtest/gtest.h>
#include <zlib.h>

#include "http/static_files.h"

namespace sw::http {
namespace {

std::string Gunzip(const std::string& data) {
  z_stream stream{};
  inflateInit2(&stream, 15 + 16);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

const std::string kIndex = "<!doctype html><title>守望</title>" + std::string(2000, ' ') + "</html>";
const std::string kScript = "console.log('hello');" + std::string(500, ';');
const unsigned char kIcon[] = {0, 0, 1, 0};

const sw::EmbeddedFile kFiles[] = {
    {"/index.html", reinterpret_cast<const unsigned char*>(kIndex.data()), kIndex.size()},
    {"/assets/app-1a2b.js", reinterpret_cast<const unsigned char*>(kScript.data()), kScript.size()},
    {"/favicon.ico", kIcon, sizeof kIcon},
};

Request Get(const std::string& path, std::map<std::string, std::string> headers = {}) {
  Request request;
  request.method = "GET";
  request.path = path;
  request.headers = std::move(headers);
  return request;
}

std::string HeaderOf(const Response& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

TEST(StaticFiles, ServesIndexWithContentTypeAndRevalidation) {
  StaticFiles files(kFiles);
  auto response = files.Serve(Get("/"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(response->body, kIndex);
  EXPECT_EQ(HeaderOf(*response, "Cache-Control"), "no-cache");
  EXPECT_FALSE(HeaderOf(*response, "ETag").empty());
}

TEST(StaticFiles, HashedAssetsAreImmutable) {
  StaticFiles files(kFiles);
  auto response = files.Serve(Get("/assets/app-1a2b.js"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(HeaderOf(*response, "Cache-Control"), "public, max-age=31536000, immutable");
}

TEST(StaticFiles, GzipWhenTheClientAcceptsIt) {
  StaticFiles files(kFiles);
  auto response = files.Serve(Get("/index.html", {{"accept-encoding", "gzip, deflate, br"}}));
  ASSERT_TRUE(response);
  EXPECT_EQ(HeaderOf(*response, "Content-Encoding"), "gzip");
  EXPECT_LT(response->body.size(), kIndex.size());
  EXPECT_EQ(Gunzip(response->body), kIndex);
  EXPECT_EQ(HeaderOf(*response, "Vary"), "Accept-Encoding");
}

TEST(StaticFiles, TinyFilesAreNotCompressed) {
  StaticFiles files(kFiles);
  auto response = files.Serve(Get("/favicon.ico", {{"accept-encoding", "gzip"}}));
  ASSERT_TRUE(response);
  EXPECT_EQ(HeaderOf(*response, "Content-Encoding"), "");
  EXPECT_EQ(response->content_type, "image/x-icon");
}

TEST(StaticFiles, MatchingEtagAnswersNotModified) {
  StaticFiles files(kFiles);
  const std::string etag = HeaderOf(*files.Serve(Get("/")), "ETag");
  auto response = files.Serve(Get("/", {{"if-none-match", etag}}));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 304);
  EXPECT_TRUE(response->body.empty());
}

TEST(StaticFiles, AppRoutesFallBackToIndexButMissingFilesDoNot) {
  StaticFiles files(kFiles);
  auto page = files.Serve(Get("/children/123"));
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body, kIndex);
  EXPECT_FALSE(files.Serve(Get("/assets/missing.js")));
}

TEST(StaticFiles, TheBinaryEmbedsAnIndexPage) {
  StaticFiles files(EmbeddedWebFiles());
  auto response = files.Serve(Get("/"));
  ASSERT_TRUE(response);
  EXPECT_NE(response->body.find("守望"), std::string::npos);
}

}  // namespace
}  // namespace sw::http
