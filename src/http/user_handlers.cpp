// /api/v1/users…: user administration for system and security admins, within their scope.
// Passwords are never chosen by an administrator: a new or reset account gets a temporary
// password, shown once in the answer, which the user must replace at first login.
#include "http/caller.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/json_input.h"

namespace sw::http {
namespace {

domain::Authority AuthorityOf(const Request& request) {
  return domain::Authority::Of(request.caller->user, domain::Action::kManageUsers);
}

const std::string& Username(const Request& request) { return request.path_params.at("username"); }

nlohmann::json AdminUserJson(const domain::User& user) {
  nlohmann::json json = UserJson(user);
  json["active"] = user.active;
  json["email"] = user.email;
  json["must_change_password"] = user.must_change_password;
  json["totp_enabled"] = !user.totp_secret.empty();
  json["locked_until"] = user.locked_until.empty() ? nlohmann::json(nullptr) : nlohmann::json(user.locked_until);
  json["created_at"] = user.created_at;
  return json;
}

Result<domain::Role> ParseRoleField(std::string_view name) {
  auto role = domain::ParseRole(name);
  if (!role) return Status::InvalidArgument("role", "unknown role").WithReason("unknown_role");
  return *role;
}

// {"role","org"} of a body.
Result<std::pair<domain::Role, std::string>> ParseAssignment(const nlohmann::json& body) {
  auto role_name = RequiredString(body, "role", 32);
  if (!role_name.ok()) return role_name.status();
  auto role = ParseRoleField(*role_name);
  if (!role.ok()) return role.status();
  auto org = RequiredString(body, "org", 64);
  if (!org.ok()) return org.status();
  return std::pair{*role, *org};
}

// The account as it is now, after a change to it succeeded.
Response CurrentUser(const Request& request, Context& context, int status) {
  auto user = context.users.Get(Username(request), AuthorityOf(request), ActorOf(request));
  if (!user.ok()) return ErrorResponse(user.status(), request);
  return Response::Json(status, AdminUserJson(*user));
}

Response Issued(const domain::IssuedPassword& issued, int status) {
  return Response::Json(status, {{"user", AdminUserJson(issued.user)}, {"temporary_password", issued.password}});
}

}  // namespace

Response HandleListUsers(const Request& request, Context& context) {
  auto users = context.users.List(AuthorityOf(request), ActorOf(request));
  if (!users.ok()) return ErrorResponse(users.status(), request);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& user : *users) items.push_back(AdminUserJson(user));
  return Response::Json(200, {{"users", items}});
}

Response HandleAddUser(const Request& request, Context& context) {
  auto username = RequiredString(request.json, "username", 64);
  if (!username.ok()) return ErrorResponse(username.status(), request);
  auto display_name = OptionalString(request.json, "display_name", 200);
  if (!display_name.ok()) return ErrorResponse(display_name.status(), request);
  auto email = OptionalString(request.json, "email", 254);
  if (!email.ok()) return ErrorResponse(email.status(), request);
  auto assignment = ParseAssignment(request.json);
  if (!assignment.ok()) return ErrorResponse(assignment.status(), request);
  domain::NewUser user{.username = *username, .display_name = *display_name, .email = *email,
                       .role = assignment->first,
                       .org_code = assignment->second, .password = std::nullopt};
  auto issued = context.users.Add(user, AuthorityOf(request), ActorOf(request));
  if (!issued.ok()) return ErrorResponse(issued.status(), request);
  return Issued(*issued, 201);
}

Response HandleGetUser(const Request& request, Context& context) { return CurrentUser(request, context, 200); }

// {"active"} and/or {"email"}, changed together or not at all.
Response HandleUpdateUser(const Request& request, Context& context) {
  domain::UserChanges changes;
  if (request.json.contains("active") || !request.json.contains("email")) {
    auto active = RequiredBool(request.json, "active");
    if (!active.ok()) return ErrorResponse(active.status(), request);
    changes.active = *active;
  }
  if (request.json.contains("email")) {
    auto email = OptionalString(request.json, "email", 254);  // null removes it, as "" does
    if (!email.ok()) return ErrorResponse(email.status(), request);
    changes.email = *email;
  }
  Status status = context.users.Update(Username(request), changes, AuthorityOf(request), ActorOf(request));
  if (!status.ok()) return ErrorResponse(status, request);
  return CurrentUser(request, context, 200);
}

Response HandleResetPassword(const Request& request, Context& context) {
  auto issued = context.users.ResetPassword(Username(request), AuthorityOf(request), ActorOf(request));
  if (!issued.ok()) return ErrorResponse(issued.status(), request);
  return Issued(*issued, 200);
}

Response HandleUnlockUser(const Request& request, Context& context) {
  Status status = context.users.Unlock(Username(request), AuthorityOf(request), ActorOf(request));
  if (!status.ok()) return ErrorResponse(status, request);
  return CurrentUser(request, context, 200);
}

Response HandleResetTotp(const Request& request, Context& context) {
  Status status = context.users.ResetTotp(Username(request), AuthorityOf(request), ActorOf(request));
  if (!status.ok()) return ErrorResponse(status, request);
  return CurrentUser(request, context, 200);
}

Response HandleGrantRole(const Request& request, Context& context) {
  auto assignment = ParseAssignment(request.json);
  if (!assignment.ok()) return ErrorResponse(assignment.status(), request);
  Status status = context.users.Grant(Username(request), assignment->first, assignment->second,
                                      AuthorityOf(request), ActorOf(request));
  if (!status.ok()) return ErrorResponse(status, request);
  return CurrentUser(request, context, 201);
}

Response HandleRevokeRole(const Request& request, Context& context) {
  auto role = ParseRoleField(request.path_params.at("role"));
  if (!role.ok()) return ErrorResponse(role.status(), request);
  Status status = context.users.Revoke(Username(request), *role, request.path_params.at("org"),
                                       AuthorityOf(request), ActorOf(request));
  if (!status.ok()) return ErrorResponse(status, request);
  return CurrentUser(request, context, 200);
}

}  // namespace sw::http
