#include <gtest/gtest.h>
#include <zlib.h>

#include "http/static_files.h"

namespace sw::http {
namespace {

// Points `stream` at all of `in`, to write into all of `out`.
void Point(z_stream& stream, const std::string& in, std::string& out) {
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  stream.avail_in = static_cast<uInt>(in.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
}

// windowBits 15 + 16: a gzip header (RFC 1952), as cmake/embed_files.cmake writes, rather than zlib's.
constexpr int kGzipWindow = 15 + 16;

std::string Gunzip(const std::string& data, std::size_t capacity = 1 << 20) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, kGzipWindow), Z_OK);
  std::string out(capacity, '\0');
  Point(stream, data, out);
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

// gzip of `data`, as cmake/embed_files.cmake embeds it beside the file.
std::string Gzip(const std::string& data) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, kGzipWindow, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  Point(stream, data, out);
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

const unsigned char* Bytes(const std::string& text) { return reinterpret_cast<const unsigned char*>(text.data()); }

const std::string kIndex = "<!doctype html><title>守望</title>" + std::string(2000, ' ') + "</html>";
const std::string kIndexGzipped = Gzip(kIndex);
const std::string kScript = "console.log('hello');" + std::string(500, ';');
const unsigned char kIcon[] = {0, 0, 1, 0};

const sw::EmbeddedFile kFiles[] = {
    {"/index.html", Bytes(kIndex), kIndex.size(), Bytes(kIndexGzipped), kIndexGzipped.size(), "11aa22bb33cc44dd55ee66ff77aa88bb99cc"},
    {"/assets/app-1a2b.js", Bytes(kScript), kScript.size(), nullptr, 0, "0011"},
    {"/favicon.ico", kIcon, sizeof kIcon, nullptr, 0, "ffee"},
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

TEST(StaticFiles, FilesEmbeddedWithoutAGzipAreSentAsTheyAre) {
  StaticFiles files(kFiles);
  auto response = files.Serve(Get("/favicon.ico", {{"accept-encoding", "gzip"}}));
  ASSERT_TRUE(response);
  EXPECT_EQ(HeaderOf(*response, "Content-Encoding"), "");
  EXPECT_EQ(response->content_type, "image/x-icon");
  EXPECT_EQ(response->body, std::string(reinterpret_cast<const char*>(kIcon), sizeof kIcon));
}

TEST(StaticFiles, MatchingEtagAnswersNotModified) {
  StaticFiles files(kFiles);
  const std::string etag = HeaderOf(*files.Serve(Get("/")), "ETag");
  EXPECT_EQ(etag, "\"11aa22bb33cc44dd55ee66ff77aa88bb\"");  // the build's digest, cut to 128 bits
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

// Each file the build compressed unpacks to the file itself (cmake/embed_files.cmake).
TEST(StaticFiles, TheBinaryEmbedsAnIndexPageAndEachFileGzipped) {
  StaticFiles files(EmbeddedWebFiles());
  auto response = files.Serve(Get("/"));
  ASSERT_TRUE(response);
  EXPECT_NE(response->body.find("守望"), std::string::npos);
  int gzipped = 0;
  for (const EmbeddedFile& file : EmbeddedWebFiles()) {
    EXPECT_EQ(std::string_view(file.sha256).size(), 64u) << file.path;
    if (file.gzipped == nullptr) continue;
    ++gzipped;
    EXPECT_LT(file.gzipped_size, file.size) << file.path;
    const std::string packed(reinterpret_cast<const char*>(file.gzipped), file.gzipped_size);
    EXPECT_EQ(Gunzip(packed, file.size + 1), file.text()) << file.path;
  }
  EXPECT_GT(gzipped, 0);
}

}  // namespace
}  // namespace sw::http
