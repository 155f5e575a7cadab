#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/users/role.h"

namespace sw::domain {

struct User {
  std::string id;
  std::string username;
  std::string display_name;
  std::string email;          // where reminders are mailed (when the server mails them); may be empty
  std::string password_hash;  // argon2id string; never logged, never returned
  std::string password_changed_at;
  bool must_change_password = true;
  std::string locked_until;    // read from login_throttle (FormatUtc); empty when not locked
  std::string totp_secret;     // hex; empty when there is no second factor
  std::string totp_pending;    // a secret being enrolled, until a code confirms it
  std::int64_t totp_last_step = 0;  // the time step of the last code accepted; never accepted again
  bool active = true;
  std::string created_at;
  std::int64_t version = 1;
  std::vector<RoleAssignment> roles;
};

}  // namespace sw::domain
