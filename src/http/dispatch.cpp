#include "http/dispatch.h"

#include <spdlog/spdlog.h>

#include "http/caller.h"
#include "http/errors.h"

namespace sw::http {
namespace {

bool IsApiPath(std::string_view path) { return path.starts_with("/api/"); }

bool IsJsonContentType(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  std::string_view media = content_type.substr(0, semicolon);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  if (media.size() != 16) return false;
  for (std::size_t i = 0; i < media.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(media[i])) != "application/json"[i]) return false;
  }
  return true;
}

// What is wrong with the JSON, in words a client developer can act on. nlohmann's own message
// quotes the body, so only its position and kind are used.
ErrorDetails DescribeJsonError(const nlohmann::json::parse_error& error, std::size_t body_size) {
  const std::string what = error.what();
  const std::string at = std::to_string(error.byte);
  if (what.find("UTF-8") != std::string::npos) {
    return {.zh_detail = "第 " + at + " 字节处不是合法的 UTF-8 编码",
            .en_detail = "invalid UTF-8 at byte " + at};
  }
  if (error.byte > body_size) {
    return {.zh_detail = "内容在第 " + at + " 字节处意外结束", .en_detail = "unexpected end at byte " + at};
  }
  return {.zh_detail = "第 " + at + " 字节处有语法错误", .en_detail = "syntax error at byte " + at};
}

std::optional<Response> CheckBody(Request& request, const Route* route) {
  if (request.body.empty() || !IsApiPath(request.path)) return std::nullopt;
  if (route != nullptr && route->body == Body::kFile) return std::nullopt;
  if (!IsJsonContentType(request.Header("content-type"))) {
    return ErrorResponse(ErrorCode::kUnsupportedMediaType, request);
  }
  try {
    request.json = nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& error) {
    return ErrorResponse(ErrorCode::kInvalidJson, request, DescribeJsonError(error, request.body.size()));
  }
  return std::nullopt;
}

Response MethodNotAllowed(const Request& request, const std::vector<std::string>& allowed) {
  Response response = ErrorResponse(ErrorCode::kMethodNotAllowed, request);
  std::string allow;
  for (const std::string& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
  if (std::find(allowed.begin(), allowed.end(), "GET") != allowed.end()) allow += ", HEAD";
  response.headers.emplace_back("Allow", allow);
  return response;
}

}  // namespace

Prepared Dispatcher::Prepare(Request& request) const {
  RouteMatch match = router_.Match(request.method, request.path);
  if (auto rejected = CheckBody(request, match.route)) return {.response = std::move(rejected)};
  if (match.route != nullptr) {
    request.path_params = std::move(match.params);
    return {.route = match.route};
  }
  if (!match.allowed_methods.empty()) return {.response = MethodNotAllowed(request, match.allowed_methods)};
  const bool reads = request.method == "GET" || request.method == "HEAD";
  if (reads && !IsApiPath(request.path)) {
    if (auto file = static_files_.Serve(request)) return {.response = std::move(file)};
  }
  return {.response = ErrorResponse(ErrorCode::kNotFound, request)};
}

std::optional<Response> Dispatcher::PassGate(const Route& route, Request& request, Context& context) {
  if (route.gate == Gate::kPublic) return std::nullopt;
  request.session_token = request.Cookie(kSessionCookie);
  auto signed_in = context.sessions.Resume(request.session_token);
  if (!signed_in.ok()) {
    Response refused = ErrorResponse(signed_in.status(), request);
    if (!request.session_token.empty()) refused.headers.emplace_back("Set-Cookie", ExpiredSessionCookie(request));
    return refused;
  }
  request.caller = std::move(signed_in).value();
  const bool changes_state = request.method != "GET" && request.method != "HEAD";
  const std::string csrf_token(request.Header("x-csrf-token"));
  if (changes_state && !domain::SessionService::CsrfMatches(request.session_token, csrf_token)) {
    return ErrorResponse(Status::PermissionDenied("csrf_failed"), request);
  }
  if (route.gate == Gate::kSignedIn && request.caller->must_change_password) {
    return ErrorResponse(Status::PermissionDenied("password_change_required"), request);
  }
  if (route.gate == Gate::kSignedIn && request.caller->must_enroll_totp) {
    return ErrorResponse(Status::PermissionDenied("second_factor_enrollment_required"), request);
  }
  return std::nullopt;
}

Response Dispatcher::Run(const Route& route, Request& request, Context& context) {
  try {
    if (auto refused = PassGate(route, request, context)) return std::move(*refused);
    return route.handler(request, context);
  } catch (const std::exception& error) {
    spdlog::error("[{}] handler for {} {} threw: {}", request.request_id, route.method, route.pattern,
                  error.what());
  } catch (...) {
    spdlog::error("[{}] handler for {} {} threw a non-standard exception", request.request_id,
                  route.method, route.pattern);
  }
  return ErrorResponse(ErrorCode::kInternal, request);
}

}  // namespace sw::http
