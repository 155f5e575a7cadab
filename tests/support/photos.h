// Photos for tests, made here rather than committed: a phone's JPEG with the EXIF a phone writes
// (its position, and "turn me upright"), and the odd files people upload instead of photos.
#pragma once

#include <string>

namespace sw::testing {

// A grey JPEG of width × height pixels. With `phone_exif`: an EXIF block saying "rotate 90°
// clockwise to view" (orientation 6) and a GPS latitude, as a phone puts in.
std::string TestJpeg(int width, int height, bool phone_exif);

// A PNG of width × height pixels with a transparent half.
std::string TestPng(int width, int height);

// The metadata fields libvips reads from an image ("exif-ifd3-GPSLatitude", "xmp-data", …).
std::string MetadataNames(const std::string& image);

// {width, height} as libvips reads the image.
std::pair<int, int> SizeOf(const std::string& image);

}  // namespace sw::testing
