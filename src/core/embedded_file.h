// Files compiled into the binary by cmake/embed_files.cmake, so a deployment is one file.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace sw {

struct EmbeddedFile {
  const char* path;  // "/index.html", "/assets/app-1a2b3c.js", "/common-passwords.txt"
  const unsigned char* data;
  std::size_t size;
  // The same bytes gzip-compressed at build time; nullptr where that would not make them smaller
  // or was not asked for.
  const unsigned char* gzipped;
  std::size_t gzipped_size;
  const char* sha256;  // of data, in hex

  std::string_view text() const { return {reinterpret_cast<const char*>(data), size}; }
};

// The built web app (web/dist; empty when it was not built).
std::span<const EmbeddedFile> EmbeddedWebFiles();
// The project's data files (share/).
std::span<const EmbeddedFile> EmbeddedShareFiles();

// The text of share/<name> ("/openapi.json"); empty when no such file is embedded.
inline std::string_view ShareFileText(std::string_view path) {
  for (const EmbeddedFile& file : EmbeddedShareFiles()) {
    if (path == file.path) return file.text();
  }
  return {};
}

}  // namespace sw
