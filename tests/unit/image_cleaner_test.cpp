// What is kept of an upload: a JPEG upright and shrunk, without the metadata a phone writes, and
// a thumbnail; anything that is not a photo refused, naming the file.
#include "media/image_cleaner.h"

#include <gtest/gtest.h>

#include "support/photos.h"

namespace sw::media {
namespace {

using testing::MetadataNames;
using testing::SizeOf;

std::string ReasonOf(const Result<domain::CleanImage>& cleaned) {
  EXPECT_FALSE(cleaned.ok());
  if (cleaned.ok()) return "";
  EXPECT_EQ(cleaned.status().field(), "file");
  return cleaned.status().reason();
}

TEST(ImageCleanerTest, APhonePhotoLosesItsPositionAndStandsUpright) {
  const std::string upload = testing::TestJpeg(400, 300, true);
  ASSERT_NE(MetadataNames(upload).find("exif-ifd3-GPSLatitude"), std::string::npos);  // the fixture is sound
  ASSERT_NE(MetadataNames(upload).find("orientation"), std::string::npos);

  auto cleaned = VipsImageCleaner().Clean(upload);
  ASSERT_TRUE(cleaned.ok()) << cleaned.status().ToString();
  EXPECT_EQ(cleaned->media_type, "image/jpeg");
  EXPECT_EQ(SniffMediaType(cleaned->bytes), "image/jpeg");
  const std::string kept = MetadataNames(cleaned->bytes);
  EXPECT_EQ(kept.find("exif"), std::string::npos) << kept;
  EXPECT_EQ(kept.find("GPS"), std::string::npos) << kept;
  EXPECT_EQ(kept.find("xmp"), std::string::npos) << kept;
  EXPECT_EQ(cleaned->bytes.find("Exif"), std::string::npos);
  // Orientation 6: the 400 × 300 sensor image is a 300 × 400 portrait.
  EXPECT_EQ(SizeOf(cleaned->bytes), std::make_pair(300, 400));
  EXPECT_EQ(std::make_pair(cleaned->width, cleaned->height), std::make_pair(300, 400));
  EXPECT_EQ(SizeOf(cleaned->thumbnail), std::make_pair(240, 320));
  EXPECT_EQ(MetadataNames(cleaned->thumbnail).find("exif"), std::string::npos);
}

TEST(ImageCleanerTest, LargePhotosShrinkAndTransparentOnesGoOnWhite) {
  auto big = VipsImageCleaner().Clean(testing::TestJpeg(4000, 3000, false));
  ASSERT_TRUE(big.ok());
  EXPECT_EQ(SizeOf(big->bytes), std::make_pair(VipsImageCleaner::kLongestEdge, 1920));
  EXPECT_EQ(SizeOf(big->thumbnail), std::make_pair(VipsImageCleaner::kThumbnailEdge, 240));

  auto small = VipsImageCleaner().Clean(testing::TestJpeg(200, 100, false));
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(SizeOf(small->bytes), std::make_pair(200, 100));  // never enlarged
  EXPECT_EQ(SizeOf(small->thumbnail), std::make_pair(200, 100));

  auto png = VipsImageCleaner().Clean(testing::TestPng(64, 32));
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png->media_type, "image/jpeg");
  EXPECT_EQ(SniffMediaType(png->bytes), "image/jpeg");
}

TEST(ImageCleanerTest, WhatIsNotAPhotoIsRefusedByWhatItIs) {
  const VipsImageCleaner cleaner;
  EXPECT_EQ(ReasonOf(cleaner.Clean("家访记录：孩子一切都好")), "unsupported_file_type");
  EXPECT_EQ(ReasonOf(cleaner.Clean("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")), "unsupported_file_type");
  // An SVG is an image to a browser and to libvips, and can carry scripts: never a photo here.
  EXPECT_EQ(ReasonOf(cleaner.Clean(R"(<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>)")),
            "unsupported_file_type");
  const std::string jpeg = testing::TestJpeg(300, 200, false);
  EXPECT_EQ(ReasonOf(cleaner.Clean(jpeg.substr(0, jpeg.size() / 2))), "unreadable_image");
  // 8000 × 8000 is 64 million pixels: refused from the header, before any decoding.
  EXPECT_EQ(ReasonOf(cleaner.Clean(testing::TestJpeg(8000, 8000, false))), "image_too_large");
}

}  // namespace
}  // namespace sw::media
