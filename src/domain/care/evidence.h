// Evidence of a care record: photos of a home visit, scans of a letter (DOMAIN.md §3). What is
// kept is never the file as uploaded: its real type is sniffed, it is decoded, turned upright,
// shrunk to a sensible size and written again without any metadata — the GPS position a phone
// puts in a photo would say where a left-behind child lives — with a thumbnail beside it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sw::domain {

struct Evidence {
  std::string id;
  std::string record_id;
  std::string child_id;
  std::string media_type;  // of what is kept: image/jpeg
  std::int64_t byte_size = 0;
  std::int64_t width = 0;
  std::int64_t height = 0;
  std::string uploaded_by;
  std::string uploaded_by_name;  // for answers
  std::string uploaded_at;
};

// An upload made safe to keep.
struct CleanImage {
  std::string media_type;
  std::string bytes;
  std::string thumbnail;  // same media type, at most kThumbnailEdge on its longer side
  int width = 0;
  int height = 0;
};

// Turns an upload into a CleanImage: InvalidArgument("file", reason) for a type that is not a
// photo (unsupported_file_type), a broken or enormous image (unreadable_image, image_too_large).
class ImageCleaner {
 public:
  virtual ~ImageCleaner() = default;
  virtual Result<CleanImage> Clean(std::string_view upload) const = 0;
};

// Where the images live, by evidence id.
class EvidenceFiles {
 public:
  virtual ~EvidenceFiles() = default;
  // Writes both files whole (or neither).
  virtual Status Put(const std::string& id, const CleanImage& image) = 0;
  virtual Result<std::string> Read(const std::string& id, bool thumbnail) const = 0;
  // Deletes both files; a file already gone is not an error.
  virtual Status Remove(const std::string& id) = 0;
};

}  // namespace sw::domain
