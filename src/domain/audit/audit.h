// The audit trail: append-only, hash-chained, written in the same transaction as the change
// it records. Entries name objects by id only — never ID numbers, phone numbers, passwords or
// note contents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sw::domain {

enum class Outcome { kOk, kDenied, kError };
const char* OutcomeName(Outcome outcome);
std::optional<Outcome> ParseOutcome(std::string_view name);

// Who acts: a signed-in user in one of their roles, or the command line on the server itself.
struct Actor {
  std::string user_id;  // empty for the command line
  std::string role;     // "county_official", …, or "cli"
  std::string org_id;   // the organisation the role is bound to
  std::string request_id;
  std::string client_address;

  static Actor CommandLine() { return Actor{.user_id = "", .role = "cli", .org_id = "", .request_id = "", .client_address = "local"}; }
};

struct AuditEntry {
  std::int64_t seq = 0;  // 1, 2, 3, … in chain order
  std::string at;        // FormatUtc
  Actor actor;
  std::string action;       // "org.create", "session.login", "child.read", …
  std::string object_type;  // "org", "user", "child", …
  std::string object_id;
  Outcome outcome = Outcome::kOk;
  std::string prev_hash;  // the previous entry's hash; kGenesisHash for the first
  std::string hash;
};

inline const std::string kGenesisHash(64, '0');

// BLAKE2b-256 over the previous hash and every field, as hex. An entry edited, inserted or
// deleted in the database no longer matches its successor's prev_hash or its own hash.
std::string ChainHash(const AuditEntry& entry);

}  // namespace sw::domain
