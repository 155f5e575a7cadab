// Rules shared by the archive's records (children, family members): a text field is at most so
// many bytes and, when it is a choice, one of its allowed names.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sw::domain {

// InvalidArgument(field) whose public reason is `reason`.
Status InvalidField(std::string field, const char* reason);

// too_long or invalid_choice, naming `field`; an empty value passes.
Status CheckTextField(const std::string& value, const char* field, std::size_t max_bytes,
                      std::span<const std::string_view> choices);

}  // namespace sw::domain
