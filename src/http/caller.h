// Helpers for handlers about who is calling: the session cookie, the audit actor, and how a
// signed-in user is shown in responses.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "domain/audit/audit.h"
#include "http/message.h"

namespace sw::http {

inline constexpr const char* kSessionCookie = "sw_session";

// The audit actor of a request: its signed-in user (in their first role) or an anonymous
// caller, with the request id and client address.
domain::Actor ActorOf(const Request& request);

// Set-Cookie values that start and end a session. HttpOnly and SameSite=Strict always;
// Secure when the request reached us over HTTPS (X-Forwarded-Proto from the proxy).
std::string SessionCookie(const Request& request, const std::string& token);
std::string ExpiredSessionCookie(const Request& request);

// {"id","username","display_name","roles":[{"role","org_id","org_code"}]} — no secrets.
nlohmann::json UserJson(const domain::User& user);

}  // namespace sw::http
