// Creating and administering user accounts (the CLI's `user …` commands; later the admin API).
// Every change is audited in the transaction that makes it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/store.h"
#include "domain/users/password.h"

namespace sw::domain {

struct NewUser {
  std::string username;
  std::string display_name;        // defaults to the username
  Role role = Role::kHelper;
  std::string org_code;
  std::optional<std::string> password;  // none: a temporary one is generated
};

struct IssuedPassword {
  User user;
  std::string password;  // the temporary password to hand over once; empty when the caller chose it
};

class UserService {
 public:
  UserService(Store& store, const Clock& clock, PasswordHasher& hasher)
      : store_(store), clock_(clock), hasher_(hasher) {}

  // The account must change its password at first login either way. Conflict when the
  // username is taken; InvalidArgument naming username, org, role or password.
  Result<IssuedPassword> Add(const NewUser& user, const Actor& actor);
  Result<std::vector<User>> List();
  // Also ends the user's sessions.
  Status Disable(const std::string& username, const Actor& actor);
  // A new temporary password; lifts a lockout and ends the user's sessions.
  Result<IssuedPassword> ResetPassword(const std::string& username, const Actor& actor);

 private:
  Result<User> Build(const NewUser& request, Repositories& repos, const std::string& password_hash);
  // Loads the user, applies `change` (which may touch other repositories), saves, and audits
  // `action`, all in one transaction.
  Status Modify(const std::string& username, const char* action, const Actor& actor,
                const std::function<Status(User&, Repositories&)>& change);

  Store& store_;
  const Clock& clock_;
  PasswordHasher& hasher_;
};

// 3 to 64 of a–z, 0–9, '.', '_', '-'; InvalidArgument("username") otherwise.
Status ValidateUsername(const std::string& username);

}  // namespace sw::domain
