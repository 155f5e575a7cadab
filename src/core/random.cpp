#include "core/random.h"

#include <sodium.h>

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

std::string RandomHexId() { return RandomHex(16); }

}  // namespace sw
