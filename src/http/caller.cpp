#include "http/caller.h"

namespace sw::http {
namespace {

std::string CookieAttributes(const Request& request) {
  std::string attributes = "; Path=/; HttpOnly; SameSite=Strict";
  if (request.Header("x-forwarded-proto") == "https") attributes += "; Secure";
  return attributes;
}

}  // namespace

domain::Actor ActorOf(const Request& request) {
  domain::Actor actor{.user_id = "", .role = "anonymous", .org_id = "", .request_id = request.request_id,
                      .client_address = request.client_address};
  if (!request.caller) return actor;
  const domain::User& user = request.caller->user;
  actor.user_id = user.id;
  if (!user.roles.empty()) {
    actor.role = domain::RoleName(user.roles.front().role);
    actor.org_id = user.roles.front().org_id;
  }
  return actor;
}

std::string SessionCookie(const Request& request, const std::string& token) {
  return std::string(kSessionCookie) + "=" + token + CookieAttributes(request);
}

std::string ExpiredSessionCookie(const Request& request) {
  return std::string(kSessionCookie) + "=" + CookieAttributes(request) + "; Max-Age=0";
}

nlohmann::json UserJson(const domain::User& user) {
  nlohmann::json roles = nlohmann::json::array();
  for (const auto& assignment : user.roles) {
    roles.push_back({{"role", domain::RoleName(assignment.role)}, {"org_id", assignment.org_id},
                     {"org_code", assignment.org_code}});
  }
  return {{"id", user.id}, {"username", user.username}, {"display_name", user.display_name}, {"roles", roles}};
}

}  // namespace sw::http
