#include "domain/audit/audit.h"

#include <sodium.h>

#include "core/enum_names.h"

namespace sw::domain {

namespace {

constexpr std::pair<Outcome, const char*> kOutcomeNames[] = {
    {Outcome::kOk, "ok"}, {Outcome::kDenied, "denied"}, {Outcome::kError, "error"}};

}  // namespace

const char* OutcomeName(Outcome outcome) { return NameOf<Outcome>(kOutcomeNames, outcome); }

std::optional<Outcome> ParseOutcome(std::string_view name) { return ParseName<Outcome>(kOutcomeNames, name); }

std::string ChainHash(const AuditEntry& entry) {
  // Fields are separated by the ASCII unit separator, which no field may contain unescaped:
  // ids, role and action names are plain ASCII, and the rest is ours.
  const std::string fields[] = {entry.prev_hash,        std::to_string(entry.seq), entry.at,
                                entry.actor.user_id,    entry.actor.role,          entry.actor.org_id,
                                entry.actor.request_id, entry.actor.client_address, entry.action,
                                entry.object_type,      entry.object_id,           OutcomeName(entry.outcome)};
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  for (const std::string& field : fields) {
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(field.data()), field.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>("\x1f"), 1);
  }
  unsigned char digest[32];
  crypto_generichash_final(&state, digest, sizeof digest);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace sw::domain
