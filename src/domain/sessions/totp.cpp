#include "domain/sessions/totp.h"

#include <liboath/oath.h>

#include <cstdlib>
#include <stdexcept>

#include "core/random.h"

namespace sw::domain {
namespace {

constexpr unsigned kStepSeconds = 30;
constexpr unsigned kDigits = 6;
constexpr std::size_t kDriftSteps = 1;

// liboath wants its library initialised once and secrets as raw bytes.
std::string RawSecret(const std::string& hex_secret) {
  static const int kInit = oath_init();
  if (kInit != OATH_OK) throw std::runtime_error("liboath could not initialise");
  std::string raw(hex_secret.size() / 2, '\0');
  std::size_t length = raw.size();
  if (oath_hex2bin(hex_secret.c_str(), raw.data(), &length) != OATH_OK) throw std::invalid_argument("bad TOTP secret");
  raw.resize(length);
  return raw;
}

time_t Seconds(TimePoint time) { return std::chrono::system_clock::to_time_t(time); }

}  // namespace

std::string NewTotpSecret() { return RandomHex(20); }

std::string TotpSecretBase32(const std::string& hex_secret) {
  const std::string raw = RawSecret(hex_secret);
  char* encoded = nullptr;
  std::size_t length = 0;
  if (oath_base32_encode(raw.data(), raw.size(), &encoded, &length) != OATH_OK) {
    throw std::runtime_error("base32 encoding failed");
  }
  std::string text(encoded, length);
  std::free(encoded);
  while (!text.empty() && text.back() == '=') text.pop_back();  // apps expect no padding
  return text;
}

std::string TotpUri(const std::string& username, const std::string& hex_secret) {
  return "otpauth://totp/Shouwang:" + username + "?secret=" + TotpSecretBase32(hex_secret) +
         "&issuer=Shouwang&digits=6&period=30";
}

std::optional<std::int64_t> TotpStep(const std::string& hex_secret, const std::string& code, TimePoint now) {
  if (hex_secret.empty() || code.size() != kDigits) return std::nullopt;
  const std::string raw = RawSecret(hex_secret);
  std::uint64_t step = 0;
  const int found = oath_totp_validate3(raw.data(), raw.size(), Seconds(now), kStepSeconds, 0, kDriftSteps, nullptr,
                                        &step, code.c_str());
  if (found < 0) return std::nullopt;
  return static_cast<std::int64_t>(step);
}

std::string TotpCode(const std::string& hex_secret, TimePoint now) {
  const std::string raw = RawSecret(hex_secret);
  char code[kDigits + 1] = {};
  if (oath_totp_generate(raw.data(), raw.size(), Seconds(now), kStepSeconds, 0, kDigits, code) != OATH_OK) {
    throw std::runtime_error("TOTP generation failed");
  }
  return code;
}

}  // namespace sw::domain
