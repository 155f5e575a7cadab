#include "media/image_cleaner.h"

#include <magic.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <vips/vips8>

namespace sw::media {
namespace {

// Photos as phones and scanners write them. libvips reads many more formats (SVG, PDF, TIFF,
// ImageMagick's): only these reach it, so a file that merely claims to be a photo never does.
constexpr std::array<std::string_view, 5> kPhotoTypes = {"image/jpeg", "image/png", "image/webp", "image/heic",
                                                         "image/heif"};

Status Refused(const char* reason) { return Status::InvalidArgument("file", reason).WithReason(reason); }

struct MagicCloser {
  void operator()(magic_t cookie) const { magic_close(cookie); }
};

// A libmagic handle may serve one thread at a time; each thread keeps its own.
magic_t ThreadMagic() {
  thread_local std::unique_ptr<std::remove_pointer_t<magic_t>, MagicCloser> cookie = [] {
    magic_t opened = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
    if (opened != nullptr && magic_load(opened, nullptr) != 0) {
      magic_close(opened);
      opened = nullptr;
    }
    return std::unique_ptr<std::remove_pointer_t<magic_t>, MagicCloser>(opened);
  }();
  return cookie.get();
}

std::string Encoded(const vips::VImage& image, int quality) {
  void* buffer = nullptr;
  std::size_t size = 0;
  // strip: no EXIF (GPS, camera, time), XMP, IPTC or ICC profile is written.
  image.write_to_buffer(".jpg", &buffer, &size, vips::VImage::option()->set("Q", quality)->set("strip", true));
  std::string bytes(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return bytes;
}

vips::VImage FitWithin(const vips::VImage& image, int edge) {
  if (std::max(image.width(), image.height()) <= edge) return image;
  return image.thumbnail_image(edge, vips::VImage::option()->set("height", edge)->set("size", VIPS_SIZE_DOWN));
}

// Upright, within kLongestEdge, 8-bit sRGB without transparency (flattened on white): what a
// JPEG can hold and every browser shows.
vips::VImage Normalised(vips::VImage image) {
  image = FitWithin(image.autorot(), VipsImageCleaner::kLongestEdge);
  if (image.has_alpha()) image = image.flatten(vips::VImage::option()->set("background", std::vector<double>{255}));
  return image.colourspace(VIPS_INTERPRETATION_sRGB).cast(VIPS_FORMAT_UCHAR);
}

// Started at the first photo rather than with the server: libvips's start registers its types and
// loads its modules, a few megabytes a server that never sees a photo would hold for nothing.
void StartVipsOnce() {
  static std::once_flag started;
  std::call_once(started, [] {
    if (VIPS_INIT("shouwang") != 0) vips_error_exit("libvips did not start");
    // No cache of decoded images: children's photos stay in memory only while they are worked on.
    vips_cache_set_max(0);
  });
}

}  // namespace

std::string SniffMediaType(std::string_view bytes) {
  magic_t cookie = ThreadMagic();
  if (cookie == nullptr) return "";
  const char* type = magic_buffer(cookie, bytes.data(), bytes.size());
  return type == nullptr ? "" : type;
}

Result<domain::CleanImage> VipsImageCleaner::Clean(std::string_view upload) const {
  StartVipsOnce();
  const std::string type = SniffMediaType(upload);
  if (std::find(kPhotoTypes.begin(), kPhotoTypes.end(), type) == kPhotoTypes.end()) {
    return Refused("unsupported_file_type");
  }
  try {
    // The header alone, first: the pixels are decoded only once the size is known to be sane.
    vips::VImage image = vips::VImage::new_from_buffer(upload.data(), upload.size(), "",
                                                       vips::VImage::option()->set("fail", true));
    if (static_cast<long long>(image.width()) * image.height() > kMostPixels) return Refused("image_too_large");
    image = Normalised(image);
    domain::CleanImage clean{.media_type = "image/jpeg", .bytes = Encoded(image, 85),
                             .thumbnail = Encoded(FitWithin(image, kThumbnailEdge), 75),
                             .width = image.width(), .height = image.height()};
    return clean;
  } catch (const vips::VError&) {
    vips_error_clear();
    return Refused("unreadable_image");
  }
}

}  // namespace sw::media
