#include "support/photos.h"

#include <cstdint>
#include <mutex>
#include <vips/vips8>

namespace sw::testing {
namespace {

void StartVips() {
  static std::once_flag started;
  std::call_once(started, [] { VIPS_INIT("shouwang-tests"); });
}

std::string Saved(const vips::VImage& image, const char* suffix) {
  void* buffer = nullptr;
  std::size_t size = 0;
  image.write_to_buffer(suffix, &buffer, &size);
  std::string bytes(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return bytes;
}

void Put16(std::string& out, std::uint16_t value) {
  out += static_cast<char>(value & 0xff);
  out += static_cast<char>(value >> 8);
}

void Put32(std::string& out, std::uint32_t value) {
  Put16(out, static_cast<std::uint16_t>(value & 0xffff));
  Put16(out, static_cast<std::uint16_t>(value >> 16));
}

// One 12-byte IFD entry, little-endian; `value` is the value itself when it fits in 4 bytes.
void PutEntry(std::string& out, std::uint16_t tag, std::uint16_t type, std::uint32_t count, std::uint32_t value) {
  Put16(out, tag);
  Put16(out, type);
  Put32(out, count);
  Put32(out, value);
}

// A TIFF-structured EXIF block: IFD0 (Orientation = 6, a pointer to the GPS IFD) and a GPS IFD
// (GPSLatitudeRef "N", GPSLatitude 32°26'0").
std::string PhoneExif() {
  constexpr std::uint16_t kShort = 3, kLong = 4, kAscii = 2, kRational = 5;
  constexpr std::uint32_t kGpsIfd = 8 + 2 + 2 * 12 + 4;        // right after IFD0
  constexpr std::uint32_t kLatitude = kGpsIfd + 2 + 2 * 12 + 4;  // right after the GPS IFD
  std::string tiff = "II*";
  tiff += '\0';
  Put32(tiff, 8);
  Put16(tiff, 2);
  PutEntry(tiff, 0x0112, kShort, 1, 6);
  PutEntry(tiff, 0x8825, kLong, 1, kGpsIfd);
  Put32(tiff, 0);
  Put16(tiff, 2);
  PutEntry(tiff, 0x0001, kAscii, 2, 'N');
  PutEntry(tiff, 0x0002, kRational, 3, kLatitude);
  Put32(tiff, 0);
  for (std::uint32_t part : {32u, 26u, 0u}) {
    Put32(tiff, part);
    Put32(tiff, 1);
  }
  const std::string payload = std::string("Exif\0\0", 6) + tiff;
  const std::size_t length = payload.size() + 2;
  return std::string("\xFF\xE1", 2) + static_cast<char>(length >> 8) + static_cast<char>(length & 0xff) + payload;
}

}  // namespace

std::string TestJpeg(int width, int height, bool phone_exif) {
  StartVips();
  std::string jpeg = Saved(vips::VImage::black(width, height, vips::VImage::option()->set("bands", 3)) + 128, ".jpg");
  if (phone_exif) jpeg.insert(2, PhoneExif());  // after the start-of-image marker
  return jpeg;
}

std::string TestPng(int width, int height) {
  StartVips();
  vips::VImage colour = vips::VImage::black(width, height, vips::VImage::option()->set("bands", 3)) + 200;
  vips::VImage alpha = vips::VImage::xyz(width, height)[0] < (width / 2);  // 255 on the left half, 0 on the right
  return Saved(colour.bandjoin(alpha).cast(VIPS_FORMAT_UCHAR), ".png");
}

std::string MetadataNames(const std::string& image) {
  StartVips();
  vips::VImage loaded = vips::VImage::new_from_buffer(image.data(), image.size(), "");
  std::string names;
  gchar** fields = vips_image_get_fields(loaded.get_image());
  for (gchar** field = fields; *field != nullptr; ++field) names += std::string(*field) + " ";
  g_strfreev(fields);
  return names;
}

std::pair<int, int> SizeOf(const std::string& image) {
  StartVips();
  vips::VImage loaded = vips::VImage::new_from_buffer(image.data(), image.size(), "");
  return {loaded.width(), loaded.height()};
}

}  // namespace sw::testing
