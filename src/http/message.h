// The server's own small Request and Response. Only server.cpp sees Boost.Beast; handlers and
// middleware see these, so a handler rebuilds in seconds on a 2-core machine.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/sessions/session_service.h"

namespace sw::http {

enum class Language { kZhCn, kZhTw, kEn };  // kZhTw: Traditional, converted from kZhCn by OpenCC

struct Request {
  std::string method;  // "GET", "POST", …
  std::string path;    // without the query string
  std::string query;   // may hold names and phone numbers: never logged
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string request_id;
  Language language = Language::kZhCn;  // from Accept-Language, set by the server
  nlohmann::json json;                                // the parsed body of a JSON request
  std::map<std::string, std::string> path_params;     // {name} segments of the matched route
  std::string client_address;                         // the peer's IP address, for the audit log
  std::string session_token;                          // from the session cookie; never logged
  std::optional<domain::SignedIn> caller;             // set for routes behind a sign-in gate

  // The header's value, or "" when absent. `name` must be lower case.
  std::string_view Header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? std::string_view() : std::string_view(found->second);
  }
  // The value of cookie `name`, or "".
  std::string Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the body is this file's bytes instead, sent from disk and then removed: a download
  // of a million children's workbook does not sit in memory.
  std::filesystem::path body_file;

  static Response Json(int status, const nlohmann::json& body) { return JsonText(status, body.dump()); }
  // A body already written as JSON (sw::JsonWriter).
  static Response JsonText(int status, std::string body) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    return response;
  }
};

}  // namespace sw::http
