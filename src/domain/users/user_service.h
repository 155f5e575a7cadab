// Creating and administering user accounts: the CLI's `user …` commands (the operator's
// authority) and /api/v1/users (a system or security admin within their kManageUsers scope).
// Every change is audited in the transaction that makes it.
//
// A signed-in administrator manages an account only when every one of its role assignments
// lies inside their scope, so a county's admin cannot touch an account that also works for the
// province; never their own account (so nobody grants themselves a role or resets their own
// second factor); a user outside the scope is answered as unknown, with an access_denied
// audit row. The admin roles themselves are given only by the operator, on the command line.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/store.h"
#include "domain/users/password.h"

namespace sw::domain {

struct NewUser {
  std::string username;
  std::string display_name;        // defaults to the username
  std::string email;               // may be empty
  Role role = Role::kHelper;
  std::string org_code;
  std::optional<std::string> password;  // none: a temporary one is generated
};

// What PATCH /api/v1/users/{username} changes; what is absent stays.
struct UserChanges {
  std::optional<bool> active;
  std::optional<std::string> email;  // "" removes the address
};

struct IssuedPassword {
  User user;
  std::string password;  // the temporary password to hand over once; empty when the caller chose it
};

class UserService {
 public:
  // `replan` is told of each class whose head teachers changed, once that is committed, so the
  // tasks nobody owed until now are opened (the daily planner's Replan; nothing by default).
  using Replan = std::function<void(const std::string& org_id)>;
  // `changed` is told of each user changed, once that is committed, so that their sessions are
  // read again at their next request (SessionService::ForgetUser; nothing by default).
  using Changed = std::function<void(const std::string& user_id)>;
  UserService(Store& store, const Clock& clock, PasswordHasher& hasher, Replan replan = {}, Changed changed = {})
      : store_(store), clock_(clock), hasher_(hasher), replan_(std::move(replan)), changed_(std::move(changed)) {}

  // The account must change its password at first login either way. Conflict when the
  // username is taken; InvalidArgument naming username, org, role or password.
  Result<IssuedPassword> Add(const NewUser& user, const Authority& authority, const Actor& actor);
  // The accounts the authority manages, by username.
  Result<std::vector<User>> List(const Authority& authority, const Actor& actor);
  Result<User> Get(const std::string& username, const Authority& authority, const Actor& actor);
  // Both changes, or neither, in one transaction, each audited (user.enable/user.disable,
  // user.email). Disabling also ends the user's sessions.
  Status Update(const std::string& username, const UserChanges& changes, const Authority& authority,
                const Actor& actor);
  Status SetActive(const std::string& username, bool active, const Authority& authority, const Actor& actor) {
    return Update(username, {.active = active, .email = std::nullopt}, authority, actor);
  }
  // A new temporary password; lifts a lockout and ends the user's sessions.
  Result<IssuedPassword> ResetPassword(const std::string& username, const Authority& authority, const Actor& actor);
  // Lifts a lockout after failed logins.
  Status Unlock(const std::string& username, const Authority& authority, const Actor& actor);
  // Removes the second factor (a lost phone); the user enrols again at next login if required.
  Status ResetTotp(const std::string& username, const Authority& authority, const Actor& actor);
  // Adds or removes one role assignment. The organisation must lie in the authority's scope and
  // suit the role; the last role cannot be removed (disable the account instead).
  Status Grant(const std::string& username, Role role, const std::string& org_code, const Authority& authority,
               const Actor& actor);
  Status Revoke(const std::string& username, Role role, const std::string& org_code, const Authority& authority,
                const Actor& actor);

 private:
  using Change = std::function<Status(User&, Repositories&)>;
  // Loads the user the authority manages, applies `change` (which may touch other repositories),
  // saves, and audits `action`, all in one transaction; a refusal is audited as access_denied.
  // With `moves_duties` (roles or the account's state change), the head-teacher tasks of the
  // classes the user led before or leads after follow (care_planner.h).
  Status Modify(const std::string& username, const char* action, const Authority& authority, const Actor& actor,
                const Change& change, bool moves_duties = false);
  // The classes whose head teachers changed with the user's roles `before` and now.
  Result<std::vector<std::string>> HandOverClasses(Repositories& repos, const User& before);
  Result<RoleAssignment> Assignment(Repositories& repos, Role role, const std::string& org_code,
                                    const Authority& authority);
  // Writes the access_denied row for a refusal (not found, out of scope, not allowed).
  Status Refused(Status status, const std::string& username, const Actor& actor);

  Store& store_;
  const Clock& clock_;
  PasswordHasher& hasher_;
  Replan replan_;
  Changed changed_;
};

// 3 to 64 of a–z, 0–9, '.', '_', '-'; InvalidArgument("username") otherwise.
Status ValidateUsername(const std::string& username);
// Empty, or one address without spaces, brackets or separators; InvalidArgument("email") otherwise.
Status ValidateEmail(const std::string& email);

}  // namespace sw::domain
