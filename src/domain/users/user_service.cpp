#include "domain/users/user_service.h"

#include <algorithm>
#include <set>

#include "core/random.h"
#include "domain/access/denial.h"
#include "domain/care/care_planner.h"

namespace sw::domain {

Status ValidateUsername(const std::string& username) {
  const bool allowed = std::all_of(username.begin(), username.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
  if (!allowed || username.size() < 3 || username.size() > 64) {
    return Status::InvalidArgument("username", "3 to 64 of a-z, 0-9, '.', '_', '-'").WithReason("invalid_username");
  }
  return Status::Ok();
}

// A plain check by hand (no Debian library validates addresses): what matters is that the
// address cannot smuggle a header or a second recipient into a reminder mail; the mail server
// judges the rest.
Status ValidateEmail(const std::string& email) {
  const auto at = email.find('@');
  const bool one_at = at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos;
  const bool dotted_domain = one_at && email.find('.', at + 2) != std::string::npos && email.back() != '.';
  constexpr std::string_view kSeparators = "<>()[],;:\\\"";
  const bool plain = std::none_of(email.begin(), email.end(), [&](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == 0x7f || kSeparators.find(c) != std::string_view::npos;
  });
  if (email.empty() || (one_at && dotted_domain && plain && email.size() <= 254)) return Status::Ok();
  return Status::InvalidArgument("email", "an e-mail address such as li@example.cn").WithReason("invalid_email");
}

namespace {

bool Refusable(const Status& status) {
  return status.code() == StatusCode::kNotFound || status.code() == StatusCode::kPermissionDenied ||
         status.reason() == "unknown_org";
}

Result<std::optional<Org>> FindOrg(Repositories& repos, const std::string& code, const Authority& authority) {
  return authority.IsOperator() ? repos.orgs.FindByCode(code) : repos.orgs.FindByCodeInScope(code, *authority.scope);
}

// The account `username`, if the authority manages it.
Result<User> FindManaged(Repositories& repos, const std::string& username, const Authority& authority) {
  auto found = repos.users.FindByUsername(username);
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no user " + username);
  if (authority.IsOperator()) return **found;
  if ((*found)->id == authority.user_id) {
    return Status::PermissionDenied("own_account");
  }
  for (const RoleAssignment& assignment : (*found)->roles) {
    auto org = repos.orgs.FindByCodeInScope(assignment.org_code, *authority.scope);
    if (!org.ok()) return org.status();
    if (!*org) return Status::NotFound("user " + username + " works outside the scope");
  }
  return **found;
}

// A lockout that has run out is no longer shown (login_throttle keeps the time until the next failure).
void ForgetPastLock(User& user, const std::string& now) {
  if (user.locked_until <= now) user.locked_until.clear();
}

bool Holds(const User& user, const RoleAssignment& assignment) {
  return std::any_of(user.roles.begin(), user.roles.end(), [&](const RoleAssignment& held) {
    return held.role == assignment.role && held.org_id == assignment.org_id;
  });
}

}  // namespace

Status UserService::Refused(Status status, const std::string& username, const Actor& actor) {
  if (!Refusable(status)) return status;
  return Deny(store_, clock_, actor, "user", username, std::move(status));
}

Result<RoleAssignment> UserService::Assignment(Repositories& repos, Role role, const std::string& org_code,
                                               const Authority& authority) {
  // Otherwise an admin could make a second account and, through it, give themselves any duty.
  if (!authority.IsOperator() && IsAdminRole(role)) {
    return Status::PermissionDenied("admin_role_by_operator");
  }
  auto org = FindOrg(repos, org_code, authority);
  if (!org.ok()) return org.status();
  if (!*org) {
    return Status::InvalidArgument("org", "no organisation has the code " + org_code).WithReason("unknown_org");
  }
  if (!RoleFitsOrgKind(role, (*org)->kind)) {
    return Status::InvalidArgument("role", std::string("a ") + RoleName(role) + " cannot be bound to a " +
                                               OrgKindName((*org)->kind))
        .WithReason("role_org_mismatch");
  }
  return RoleAssignment{role, (*org)->id, (*org)->code};
}

Result<IssuedPassword> UserService::Add(const NewUser& request, const Authority& authority, const Actor& actor) {
  if (authority.Lacks()) return Refused(Status::PermissionDenied("forbidden"), "", actor);
  if (Status valid = ValidateUsername(request.username); !valid.ok()) return valid;
  if (Status valid = ValidateEmail(request.email); !valid.ok()) return valid;
  IssuedPassword issued;
  std::string password = request.password.value_or(GenerateTemporaryPassword());
  if (request.password) {
    if (Status strong = CheckPasswordStrength(password, request.username, "password"); !strong.ok()) return strong;
  } else {
    issued.password = password;
  }
  const std::string hash = hasher_.Hash(password);  // outside the transaction: it takes ~60 ms
  const std::string now = FormatUtc(clock_.Now());
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto assignment = Assignment(repos, request.role, request.org_code, authority);
    if (!assignment.ok()) return assignment.status();
    User user{.id = NewId(), .username = request.username,
              .display_name = request.display_name.empty() ? request.username : request.display_name,
              .email = request.email,
              .password_hash = hash, .password_changed_at = now, .must_change_password = true, .created_at = now,
              .roles = {*assignment}};
    if (Status inserted = repos.users.Insert(user); !inserted.ok()) return inserted;
    if (Status granted = repos.users.AddRole(user.id, *assignment); !granted.ok()) return granted;
    if (assignment->role == Role::kHeadTeacher) {
      if (Status handed = OnHeadTeachersChanged(repos, {assignment->org_id}); !handed.ok()) return handed;
    }
    issued.user = user;
    return repos.audit.Append({.at = now, .actor = actor, .action = "user.create", .object_type = "user",
                               .object_id = user.id});
  });
  if (!status.ok()) return authority.IsOperator() ? status : Refused(status, request.username, actor);
  if (replan_ && request.role == Role::kHeadTeacher) replan_(issued.user.roles.front().org_id);
  return issued;
}

Result<std::vector<User>> UserService::List(const Authority& authority, const Actor& actor) {
  if (authority.Lacks()) return Refused(Status::PermissionDenied("forbidden"), "", actor);
  std::vector<User> users;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto listed = repos.users.List(authority.scope);
    if (listed.ok()) users = std::move(listed).value();
    return listed.status();
  });
  if (!status.ok()) return status;
  const std::string now = FormatUtc(clock_.Now());
  for (User& user : users) ForgetPastLock(user, now);
  return users;
}

Result<User> UserService::Get(const std::string& username, const Authority& authority, const Actor& actor) {
  if (authority.Lacks()) {
    return Refused(Status::PermissionDenied("forbidden"), username, actor);
  }
  User user;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto found = FindManaged(repos, username, authority);
    if (found.ok()) user = std::move(found).value();
    return found.status();
  });
  if (!status.ok()) return authority.IsOperator() ? status : Refused(status, username, actor);
  ForgetPastLock(user, FormatUtc(clock_.Now()));
  return user;
}

Result<std::vector<std::string>> UserService::HandOverClasses(Repositories& repos, const User& before) {
  auto after = repos.users.FindById(before.id);
  if (!after.ok()) return after.status();
  std::set<std::string> classes;
  for (const User* user : {&before, *after ? &**after : &before}) {
    for (const RoleAssignment& assignment : user->roles) {
      if (assignment.role == Role::kHeadTeacher) classes.insert(assignment.org_id);
    }
  }
  std::vector<std::string> changed(classes.begin(), classes.end());
  if (Status handed = OnHeadTeachersChanged(repos, changed); !handed.ok()) return handed;
  return changed;
}

Status UserService::Modify(const std::string& username, const char* action, const Authority& authority,
                           const Actor& actor, const Change& change, bool moves_duties) {
  if (authority.Lacks()) {
    return Refused(Status::PermissionDenied("forbidden"), username, actor);
  }
  std::vector<std::string> replanned;
  std::string user_id;
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto found = FindManaged(repos, username, authority);
    if (!found.ok()) return found.status();
    const User before = found.value();
    User user = std::move(found).value();
    user_id = user.id;
    if (Status changed = change(user, repos); !changed.ok()) return changed;
    if (Status updated = repos.users.Update(user); !updated.ok()) return updated;
    if (moves_duties) {
      auto classes = HandOverClasses(repos, before);
      if (!classes.ok()) return classes.status();
      replanned = std::move(classes).value();
    }
    return repos.audit.Append({.at = FormatUtc(clock_.Now()), .actor = actor, .action = action,
                               .object_type = "user", .object_id = user.id});
  });
  if (status.ok() && replan_) {
    for (const std::string& class_id : replanned) replan_(class_id);
  }
  if (status.ok() && changed_) changed_(user_id);
  return authority.IsOperator() ? status : Refused(status, username, actor);
}

Status UserService::Update(const std::string& username, const UserChanges& changes, const Authority& authority,
                           const Actor& actor) {
  if (!changes.active && !changes.email) return Status::InvalidArgument("active", "required").WithReason("required");
  if (changes.email) {
    if (Status valid = ValidateEmail(*changes.email); !valid.ok()) return valid;
  }
  // Modify audits the first action; a second change writes its own row beside it.
  const char* state_action = changes.active && *changes.active ? "user.enable" : "user.disable";
  const char* action = changes.active ? state_action : "user.email";
  return Modify(username, action, authority, actor, [&](User& user, Repositories& repos) -> Status {
    if (changes.email) {
      user.email = *changes.email;
      if (changes.active) {
        Status audited = repos.audit.Append({.at = FormatUtc(clock_.Now()), .actor = actor, .action = "user.email",
                                             .object_type = "user", .object_id = user.id});
        if (!audited.ok()) return audited;
      }
    }
    if (!changes.active) return Status::Ok();
    user.active = *changes.active;
    return user.active ? Status::Ok() : repos.sessions.DeleteForUser(user.id, "");
  }, changes.active.has_value());
}

Result<IssuedPassword> UserService::ResetPassword(const std::string& username, const Authority& authority,
                                                  const Actor& actor) {
  IssuedPassword issued{.user = {}, .password = GenerateTemporaryPassword()};
  const std::string hash = hasher_.Hash(issued.password);
  const std::string now = FormatUtc(clock_.Now());
  Status status = Modify(username, "user.reset_password", authority, actor, [&](User& user, Repositories& repos) {
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

Status UserService::Unlock(const std::string& username, const Authority& authority, const Actor& actor) {
  return Modify(username, "user.unlock", authority, actor, [](User& user, Repositories& repos) {
    user.locked_until.clear();
    return repos.throttle.Clear(user.username);
  });
}

Status UserService::ResetTotp(const std::string& username, const Authority& authority, const Actor& actor) {
  return Modify(username, "user.reset_totp", authority, actor, [](User& user, Repositories& repos) {
    user.totp_secret.clear();
    user.totp_pending.clear();
    return repos.sessions.DeleteForUser(user.id, "");
  });
}

Status UserService::Grant(const std::string& username, Role role, const std::string& org_code,
                          const Authority& authority, const Actor& actor) {
  return Modify(username, "user.grant_role", authority, actor, [&](User& user, Repositories& repos) -> Status {
    auto assignment = Assignment(repos, role, org_code, authority);
    if (!assignment.ok()) return assignment.status();
    if (Holds(user, *assignment)) return Status::Conflict("already held").WithReason("role_already_held");
    return repos.users.AddRole(user.id, *assignment);
  }, role == Role::kHeadTeacher);
}

Status UserService::Revoke(const std::string& username, Role role, const std::string& org_code,
                           const Authority& authority, const Actor& actor) {
  return Modify(username, "user.revoke_role", authority, actor, [&](User& user, Repositories& repos) -> Status {
    auto assignment = Assignment(repos, role, org_code, authority);
    if (!assignment.ok()) return assignment.status();
    if (!Holds(user, *assignment)) return Status::InvalidArgument("role", "not held").WithReason("role_not_held");
    if (user.roles.size() == 1) return Status::InvalidArgument("role", "the last role").WithReason("last_role");
    return repos.users.RemoveRole(user.id, *assignment);
  }, role == Role::kHeadTeacher);
}

}  // namespace sw::domain
