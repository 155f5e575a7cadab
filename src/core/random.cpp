#include "core/random.h"

#include <fmt/format.h>
#include <sodium.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace sw {
namespace {

void EnsureSodium() {
  // sodium_init is idempotent and thread-safe; it fails only without an entropy source.
  static const int kInit = sodium_init();
  if (kInit < 0) throw std::runtime_error("libsodium could not initialise");
}

}  // namespace

std::string RandomHex(std::size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();  // the terminating NUL
  return hex;
}

std::string NewId() {
  const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
  // 48 bits, 12 digits: enough until the year 10889.
  return fmt::format("{:012x}", static_cast<std::uint64_t>(milliseconds) & 0xffff'ffff'ffffULL) + RandomHex(10);
}

}  // namespace sw
