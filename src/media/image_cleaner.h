// domain::ImageCleaner on libmagic and libvips (DESIGN.md: uploads).
#pragma once

#include "domain/care/evidence.h"

namespace sw::media {

class VipsImageCleaner final : public domain::ImageCleaner {
 public:
  // Starts libvips, once per process, at the first photo.
  Result<domain::CleanImage> Clean(std::string_view upload) const override;

  static constexpr int kLongestEdge = 2560;      // enough to read a scanned letter
  static constexpr int kThumbnailEdge = 320;
  static constexpr long long kMostPixels = 50'000'000;  // a decompression bomb stops here
};

// What libmagic says the bytes are ("image/jpeg"), whatever name or type the client gave.
std::string SniffMediaType(std::string_view bytes);

}  // namespace sw::media
