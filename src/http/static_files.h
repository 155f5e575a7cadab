// The web app's files, embedded in the binary at build time (cmake/embed_files.cmake).
//
// Each file is served with the right content type, gzip-compressed (at build time) when the
// client accepts it, an ETag, and caching that suits it: Vite's hashed files under /assets/ are immutable; everything
// else is revalidated. Unknown paths without a file extension get index.html, so the web
// app's own router can take over (history mode).
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>

#include "core/embedded_file.h"
#include "http/message.h"

namespace sw::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::span<const EmbeddedFile> files);
  // nullopt when there is nothing to serve for this path.
  std::optional<Response> Serve(const Request& request) const;

 private:
  struct Asset {
    std::string content_type;
    std::string etag;
    std::string_view plain;
    std::string_view gzipped;  // empty when compression does not help
    bool immutable;
  };
  std::map<std::string, Asset, std::less<>> assets_;
};

}  // namespace sw::http
