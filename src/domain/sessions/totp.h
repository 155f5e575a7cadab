// Time-based one-time passwords (RFC 6238) through liboath: 6 digits, 30-second steps, and one
// step of clock drift either way. Secrets are 20 random bytes, kept as hex.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"

namespace sw::domain {

std::string NewTotpSecret();
// The secret as authenticator apps want it, and the otpauth:// URI a QR code carries.
std::string TotpSecretBase32(const std::string& hex_secret);
std::string TotpUri(const std::string& username, const std::string& hex_secret);
// The time step (seconds since 1970 / 30) of the step within the drift window whose code is
// `code`; nullopt when none matches. A caller that records the step can refuse a replay.
std::optional<std::int64_t> TotpStep(const std::string& hex_secret, const std::string& code, TimePoint now);
// The code for `now` (what the user's app shows); for tests and diagnostics.
std::string TotpCode(const std::string& hex_secret, TimePoint now);

}  // namespace sw::domain
