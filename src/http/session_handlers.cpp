// POST/GET/DELETE /api/v1/session and PUT /api/v1/session/password.
#include "http/caller.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/json_input.h"

namespace sw::http {
namespace {

nlohmann::json SessionJson(const domain::SignedIn& signed_in, const std::string& token, Context& context) {
  nlohmann::json actions = nlohmann::json::array();
  for (domain::Action action : domain::ActionsOf(signed_in.user)) actions.push_back(domain::ActionName(action));
  return {{"user", UserJson(signed_in.user)},
          {"actions", actions},
          {"idle_seconds", context.sessions.IdleTimeout().count()},
          {"csrf_token", domain::SessionService::CsrfTokenFor(token)},
          {"must_change_password", signed_in.must_change_password},
          {"must_enroll_totp", signed_in.must_enroll_totp},
          {"totp_enabled", !signed_in.user.totp_secret.empty()}};
}

}  // namespace

Response HandleLogin(const Request& request, Context& context) {
  auto username = RequiredString(request.json, "username", 64);
  if (!username.ok()) return ErrorResponse(username.status(), request);
  auto password = RequiredString(request.json, "password");
  if (!password.ok()) return ErrorResponse(password.status(), request);
  auto otp = OptionalString(request.json, "otp", 16);  // only users with a second factor need it
  if (!otp.ok()) return ErrorResponse(otp.status(), request);
  auto session = context.sessions.Login(*username, *password, *otp, ActorOf(request));
  if (!session.ok()) return ErrorResponse(session.status(), request);
  Response response = Response::Json(200, SessionJson(session->signed_in, session->token, context));
  response.headers.emplace_back("Set-Cookie", SessionCookie(request, session->token));
  return response;
}

Response HandleCurrentSession(const Request& request, Context& context) {
  return Response::Json(200, SessionJson(*request.caller, request.session_token, context));
}

Response HandleLogout(const Request& request, Context& context) {
  if (Status status = context.sessions.Logout(*request.caller, ActorOf(request)); !status.ok()) {
    return ErrorResponse(status, request);
  }
  Response response = Response::Json(200, {{"status", "signed_out"}});
  response.headers.emplace_back("Set-Cookie", ExpiredSessionCookie(request));
  return response;
}

Response HandleChangePassword(const Request& request, Context& context) {
  auto old_password = RequiredString(request.json, "old_password");
  if (!old_password.ok()) return ErrorResponse(old_password.status(), request);
  auto new_password = RequiredString(request.json, "new_password");
  if (!new_password.ok()) return ErrorResponse(new_password.status(), request);
  Status status = context.sessions.ChangePassword(*request.caller, *old_password, *new_password, ActorOf(request));
  if (!status.ok()) return ErrorResponse(status, request);
  return Response::Json(200, {{"status", "password_changed"}});
}

Response HandleBeginTotp(const Request& request, Context& context) {
  auto enrolment = context.sessions.BeginTotp(*request.caller, ActorOf(request));
  if (!enrolment.ok()) return ErrorResponse(enrolment.status(), request);
  return Response::Json(200, {{"secret", enrolment->secret_base32}, {"otpauth_uri", enrolment->otpauth_uri}});
}

Response HandleConfirmTotp(const Request& request, Context& context) {
  auto code = RequiredString(request.json, "code", 16);
  if (!code.ok()) return ErrorResponse(code.status(), request);
  if (Status status = context.sessions.ConfirmTotp(*request.caller, *code, ActorOf(request)); !status.ok()) {
    return ErrorResponse(status, request);
  }
  return Response::Json(200, {{"status", "totp_enabled"}});
}

}  // namespace sw::http
