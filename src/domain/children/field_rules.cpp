#include "domain/children/field_rules.h"

#include <algorithm>

namespace sw::domain {

Status InvalidField(std::string field, const char* reason) {
  return Status::InvalidArgument(std::move(field), reason).WithReason(reason);
}

Status CheckTextField(const std::string& value, const char* field, std::size_t max_bytes,
                      std::span<const std::string_view> choices) {
  if (value.size() > max_bytes) return InvalidField(field, "too_long");
  if (value.empty() || choices.empty()) return Status::Ok();
  const bool known = std::find(choices.begin(), choices.end(), value) != choices.end();
  return known ? Status::Ok() : InvalidField(field, "invalid_choice");
}

}  // namespace sw::domain
