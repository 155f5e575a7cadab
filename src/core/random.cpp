#include "core/random.h"

#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace sw {
namespace {

void EnsureSodium() {
  // sodium_init is idempotent and thread-safe; it fails only without an entropy source.
  static const int kInit = sodium_init();
  if (kInit < 0) throw std::runtime_error("libsodium could not initialise");
}

std::string Hex(const unsigned char* raw, std::size_t bytes) {
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw, bytes);
  hex.pop_back();  // the terminating NUL
  return hex;
}

// Random bytes taken from a buffer of this thread's, filled from the system's generator 4 KiB at
// a time. A getrandom call for each id was 3% of the thread writing an import's batches, which
// makes two ids a child (docs/performance.md). The bytes are the generator's as they were, so
// no id can be guessed from another; only what is no secret takes them (a secret's bytes would
// wait in the buffer until used).
void NonSecretRandomBytes(unsigned char* into, std::size_t bytes) {
  constexpr std::size_t kBuffered = 4096;
  thread_local std::array<unsigned char, kBuffered> buffer;
  thread_local std::size_t taken = kBuffered;
  if (bytes > kBuffered) throw std::invalid_argument("NonSecretRandomBytes: too many bytes at once");
  if (taken + bytes > kBuffered) {
    EnsureSodium();
    randombytes_buf(buffer.data(), buffer.size());
    taken = 0;
  }
  std::memcpy(into, buffer.data() + taken, bytes);
  taken += bytes;
}

}  // namespace

std::string RandomHex(std::size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  return Hex(raw.data(), raw.size());
}

std::string NonSecretRandomHex(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  NonSecretRandomBytes(raw.data(), raw.size());
  return Hex(raw.data(), raw.size());
}

std::string NewId() {
  const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
  // 48 bits, 12 digits: enough until the year 10889; then 80 random bits.
  std::array<unsigned char, 16> raw;
  for (std::size_t at = 0; at < 6; ++at) raw[at] = static_cast<unsigned char>(milliseconds >> (8 * (5 - at)));
  NonSecretRandomBytes(raw.data() + 6, 10);
  return Hex(raw.data(), raw.size());
}

}  // namespace sw
