// Password rules and hashing.
//
// Rules: at least 12 characters; not on the common-password list shipped with the project
// (share/common-passwords.txt, compiled in); not one character repeated; not containing the
// username. Hashing: argon2id (libsodium, interactive limits, ~60 ms and 64 MiB each), with at
// most `max_concurrent` hashes at a time so a burst of logins queues instead of starving the
// server of CPU and memory.
#pragma once

#include <mutex>
#include <semaphore>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sw::domain {

inline constexpr std::size_t kMinPasswordLength = 12;

// Ok, or InvalidArgument naming `field` and saying which rule failed.
Status CheckPasswordStrength(std::string_view password, std::string_view username, const std::string& field);

// Characters, not bytes: 张三 counts 2.
std::size_t Utf8Length(std::string_view text);

class PasswordHasher {
 public:
  explicit PasswordHasher(int max_concurrent = 2);

  std::string Hash(std::string_view password);
  bool Verify(const std::string& hash, std::string_view password);
  // Verifies against a fixed hash, so that a login for a user who does not exist takes as
  // long as one for a user who does.
  void VerifyDummy(std::string_view password);

 private:
  std::counting_semaphore<64> slots_;
  std::once_flag dummy_made_;  // the dummy hash costs a hash: made on first use, not at start-up
  std::string dummy_hash_;
};

// A random password for first login or a reset: 16 characters without look-alikes (0/O, 1/l).
std::string GenerateTemporaryPassword();

}  // namespace sw::domain
