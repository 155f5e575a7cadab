#include "domain/users/user_service.h"

#include <algorithm>

#include "core/random.h"

namespace sw::domain {

Status ValidateUsername(const std::string& username) {
  const bool allowed = std::all_of(username.begin(), username.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
  if (!allowed || username.size() < 3 || username.size() > 64) {
    return Status::InvalidArgument("username", "3 to 64 of a-z, 0-9, '.', '_', '-'");
  }
  return Status::Ok();
}

Result<User> UserService::Build(const NewUser& request, Repositories& repos, const std::string& password_hash) {
  auto org = repos.orgs.FindByCode(request.org_code);
  if (!org.ok()) return org.status();
  if (!*org) return Status::InvalidArgument("org", "no organisation has the code " + request.org_code);
  if (!RoleFitsOrgKind(request.role, (*org)->kind)) {
    return Status::InvalidArgument("role", std::string("a ") + RoleName(request.role) + " cannot be bound to a " +
                                               OrgKindName((*org)->kind));
  }
  const std::string now = FormatUtc(clock_.Now());
  User user{.id = RandomHexId(), .username = request.username,
            .display_name = request.display_name.empty() ? request.username : request.display_name,
            .password_hash = password_hash, .password_changed_at = now, .must_change_password = true,
            .created_at = now};
  user.roles.push_back({request.role, (*org)->id, (*org)->code});
  return user;
}

Result<IssuedPassword> UserService::Add(const NewUser& request, const Actor& actor) {
  if (Status valid = ValidateUsername(request.username); !valid.ok()) return valid;
  IssuedPassword issued;
  std::string password = request.password.value_or(GenerateTemporaryPassword());
  if (request.password) {
    if (Status strong = CheckPasswordStrength(password, request.username, "password"); !strong.ok()) return strong;
  } else {
    issued.password = password;
  }
  const std::string hash = hasher_.Hash(password);  // outside the transaction: it takes ~60 ms
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto user = Build(request, repos, hash);
    if (!user.ok()) return user.status();
    if (Status inserted = repos.users.Insert(*user); !inserted.ok()) return inserted;
    if (Status granted = repos.users.AddRole(user->id, user->roles.front()); !granted.ok()) return granted;
    issued.user = *user;
    return repos.audit.Append({.at = user->created_at, .actor = actor, .action = "user.create",
                               .object_type = "user", .object_id = user->id});
  });
  if (!status.ok()) return status;
  return issued;
}

Result<std::vector<User>> UserService::List() {
  std::vector<User> users;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto listed = repos.users.List();
    if (!listed.ok()) return listed.status();
    users = std::move(listed).value();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return users;
}

Status UserService::Modify(const std::string& username, const char* action, const Actor& actor,
                           const std::function<Status(User&, Repositories&)>& change) {
  return store_.Write([&](Repositories& repos) -> Status {
    auto found = repos.users.FindByUsername(username);
    if (!found.ok()) return found.status();
    if (!*found) return Status::NotFound("no user " + username);
    User user = **found;
    if (Status changed = change(user, repos); !changed.ok()) return changed;
    if (Status updated = repos.users.Update(user); !updated.ok()) return updated;
    return repos.audit.Append({.at = FormatUtc(clock_.Now()), .actor = actor, .action = action,
                               .object_type = "user", .object_id = user.id});
  });
}

Status UserService::Disable(const std::string& username, const Actor& actor) {
  return Modify(username, "user.disable", actor, [](User& user, Repositories& repos) {
    user.active = false;
    return repos.sessions.DeleteForUser(user.id, "");
  });
}

Result<IssuedPassword> UserService::ResetPassword(const std::string& username, const Actor& actor) {
  IssuedPassword issued{.user = {}, .password = GenerateTemporaryPassword()};
  const std::string hash = hasher_.Hash(issued.password);
  const std::string now = FormatUtc(clock_.Now());
  Status status = Modify(username, "user.reset_password", actor, [&](User& user, Repositories& repos) {
    user.password_hash = hash;
    user.password_changed_at = now;
    user.must_change_password = true;
    user.locked_until.clear();
    issued.user = user;
    if (Status ended = repos.sessions.DeleteForUser(user.id, ""); !ended.ok()) return ended;
    return repos.throttle.Clear(user.username);
  });
  if (!status.ok()) return status;
  return issued;
}

}  // namespace sw::domain
