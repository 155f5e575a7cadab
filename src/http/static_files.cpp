#include "http/static_files.h"

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

bool AcceptsGzip(const Request& request) {
  return request.Header("accept-encoding").find("gzip") != std::string_view::npos;
}

bool HasExtension(std::string_view path) {
  const auto slash = path.rfind('/');
  return path.find('.', slash == std::string_view::npos ? 0 : slash) != std::string_view::npos;
}

}  // namespace

StaticFiles::StaticFiles(std::span<const EmbeddedFile> files) {
  for (const EmbeddedFile& file : files) {
    // The build's digest: hashing here would read every file at start-up (cmake/embed_files.cmake).
    std::string etag(1, '"');
    etag.append(std::string_view(file.sha256).substr(0, 32)).push_back('"');
    assets_.emplace(file.path, Asset{.content_type = ContentType(file.path),
                                     .etag = std::move(etag),
                                     .plain = file.text(),
                                     .gzipped = {reinterpret_cast<const char*>(file.gzipped), file.gzipped_size},
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
    response.body = std::string(asset.gzipped);
  } else {
    response.body = std::string(asset.plain);
  }
  return response;
}

}  // namespace sw::http
