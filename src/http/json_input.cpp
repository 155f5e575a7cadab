#include "http/json_input.h"

namespace sw::http {

Result<std::string> RequiredString(const nlohmann::json& body, const char* name, std::size_t max_bytes) {
  if (!body.is_object() || !body.contains(name) || body[name].is_null()) {
    return Status::InvalidArgument(name, "missing").WithReason("required");
  }
  if (!body[name].is_string()) return Status::InvalidArgument(name, "not a string").WithReason("wrong_type");
  std::string value = body[name].get<std::string>();
  if (value.size() > max_bytes) return Status::InvalidArgument(name, "too long").WithReason("too_long");
  return value;
}

}  // namespace sw::http
