#include "domain/users/password.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

#include "core/embedded_file.h"

namespace sw::domain {
namespace {

std::string Lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const std::unordered_set<std::string>& CommonPasswords() {
  static const std::unordered_set<std::string> kList = [] {
    std::unordered_set<std::string> list;
    std::string_view text = ShareFileText("/common-passwords.txt");
    while (!text.empty()) {
      const auto newline = text.find('\n');
      std::string_view line = text.substr(0, newline);
      if (!line.empty() && line.front() != '#') list.insert(Lowercase(line));
      if (newline == std::string_view::npos) break;
      text.remove_prefix(newline + 1);
    }
    if (list.empty()) throw std::logic_error("share/common-passwords.txt is not embedded");
    return list;
  }();
  return kList;
}

// Holds one of the hasher's slots for its lifetime.
class Slot {
 public:
  explicit Slot(std::counting_semaphore<64>& slots) : slots_(slots) { slots_.acquire(); }
  ~Slot() { slots_.release(); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  std::counting_semaphore<64>& slots_;
};

void EnsureSodium() {
  static const int kInit = sodium_init();
  if (kInit < 0) throw std::runtime_error("libsodium could not initialise");
}

}  // namespace

std::size_t Utf8Length(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // count all but continuation bytes
  }));
}

Status CheckPasswordStrength(std::string_view password, std::string_view username, const std::string& field) {
  if (Utf8Length(password) < kMinPasswordLength) {
    return Status::InvalidArgument(field, "password_too_short").WithReason("password_too_short");
  }
  const std::string lower = Lowercase(password);
  if (CommonPasswords().contains(lower)) return Status::InvalidArgument(field, "password_too_common").WithReason("password_too_common");
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password.front(); })) {
    return Status::InvalidArgument(field, "password_too_common").WithReason("password_too_common");
  }
  if (!username.empty() && lower.find(Lowercase(username)) != std::string::npos) {
    return Status::InvalidArgument(field, "password_contains_username").WithReason("password_contains_username");
  }
  return Status::Ok();
}

PasswordHasher::PasswordHasher(int max_concurrent) : slots_(std::clamp(max_concurrent, 1, 64)) {
  EnsureSodium();
}

std::string PasswordHasher::Hash(std::string_view password) {
  Slot slot(slots_);
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("argon2id ran out of memory");
  }
  return hash;
}

bool PasswordHasher::Verify(const std::string& hash, std::string_view password) {
  Slot slot(slots_);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::VerifyDummy(std::string_view password) {
  std::call_once(dummy_made_, [this] { dummy_hash_ = Hash("not a real password, only a timing stand-in"); });
  (void)Verify(dummy_hash_, password);
}

std::string GenerateTemporaryPassword() {
  EnsureSodium();
  static constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string password;
  for (int i = 0; i < 16; ++i) {
    password += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  }
  return password;
}

}  // namespace sw::domain
