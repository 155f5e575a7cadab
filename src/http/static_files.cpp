#include "http/static_files.h"

#include <sodium.h>
#include <zlib.h>

#include <stdexcept>

namespace sw::http {
namespace {

std::string ContentType(std::string_view path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
  };
  for (const auto& [extension, type] : kTypes) {
    if (path.ends_with(extension)) return type;
  }
  return "application/octet-stream";
}

std::string Etag(std::string_view data) {
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), nullptr, 0);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  std::string etag(1, '"');
  etag.append(hex).push_back('"');
  return etag;
}

bool AcceptsGzip(const Request& request) {
  return request.Header("accept-encoding").find("gzip") != std::string_view::npos;
}

bool HasExtension(std::string_view path) {
  const auto slash = path.rfind('/');
  return path.find('.', slash == std::string_view::npos ? 0 : slash) != std::string_view::npos;
}

}  // namespace

std::string Gzip(std::string_view data) {
  z_stream stream{};
  // windowBits 15 + 16 asks zlib for a gzip header rather than a raw zlib one.
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("zlib deflate failed");
  return out;
}

StaticFiles::StaticFiles(std::span<const EmbeddedFile> files) {
  for (const EmbeddedFile& file : files) {
    std::string_view plain(reinterpret_cast<const char*>(file.data), file.size);
    std::string gzipped = Gzip(plain);
    if (gzipped.size() >= plain.size()) gzipped.clear();
    assets_.emplace(file.path, Asset{.content_type = ContentType(file.path),
                                     .etag = Etag(plain),
                                     .plain = plain,
                                     .gzipped = std::move(gzipped),
                                     .immutable = std::string_view(file.path).starts_with("/assets/")});
  }
}

std::optional<Response> StaticFiles::Serve(const Request& request) const {
  std::string_view path = request.path;
  if (path == "/") path = "/index.html";
  auto found = assets_.find(path);
  if (found == assets_.end() && !HasExtension(path)) found = assets_.find("/index.html");
  if (found == assets_.end()) return std::nullopt;
  const Asset& asset = found->second;

  Response response;
  response.content_type = asset.content_type;
  response.headers.emplace_back("ETag", asset.etag);
  response.headers.emplace_back("Vary", "Accept-Encoding");
  response.headers.emplace_back("Cache-Control", asset.immutable ? "public, max-age=31536000, immutable"
                                                                 : "no-cache");
  if (request.Header("if-none-match") == asset.etag) {
    response.status = 304;
    return response;
  }
  if (!asset.gzipped.empty() && AcceptsGzip(request)) {
    response.headers.emplace_back("Content-Encoding", "gzip");
    response.body = asset.gzipped;
  } else {
    response.body = std::string(asset.plain);
  }
  return response;
}

}  // namespace sw::http
