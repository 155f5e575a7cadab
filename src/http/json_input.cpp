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

Result<std::optional<std::int64_t>> OptionalInteger(const nlohmann::json& body, const char* name) {
  if (!body.is_object() || !body.contains(name) || body[name].is_null()) return std::optional<std::int64_t>();
  if (!body[name].is_number_integer()) return Status::InvalidArgument(name, "not an integer").WithReason("wrong_type");
  return std::optional<std::int64_t>(body[name].get<std::int64_t>());
}

Result<bool> RequiredBool(const nlohmann::json& body, const char* name) {
  if (!body.is_object() || !body.contains(name) || body[name].is_null()) {
    return Status::InvalidArgument(name, "missing").WithReason("required");
  }
  if (!body[name].is_boolean()) return Status::InvalidArgument(name, "not true or false").WithReason("wrong_type");
  return body[name].get<bool>();
}

Result<std::string> OptionalString(const nlohmann::json& body, const char* name, std::size_t max_bytes,
                                   std::string fallback) {
  if (!body.is_object() || !body.contains(name) || body[name].is_null()) return fallback;
  return RequiredString(body, name, max_bytes);
}

Result<std::vector<std::string>> OptionalStringList(const nlohmann::json& body, const char* name,
                                                    std::size_t max_items) {
  std::vector<std::string> items;
  if (!body.is_object() || !body.contains(name) || body[name].is_null()) return items;
  const nlohmann::json& list = body[name];
  if (!list.is_array()) return Status::InvalidArgument(name, "a list").WithReason("wrong_type");
  if (list.size() > max_items) return Status::InvalidArgument(name, "too many").WithReason("too_long");
  for (const auto& item : list) {
    if (!item.is_string()) return Status::InvalidArgument(name, "strings").WithReason("wrong_type");
    if (item.get_ref<const std::string&>().size() > 64) return Status::InvalidArgument(name, "too long").WithReason("too_long");
    items.push_back(item.get<std::string>());
  }
  return items;
}

}  // namespace sw::http
