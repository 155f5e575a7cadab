// Reading fields out of a request's JSON body, with errors that name the field.
#pragma once

#include <nlohmann/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"

namespace sw::http {

// The string field `name` of a JSON object body, at most `max_bytes` long. InvalidArgument
// naming the field (reason "required" or "wrong_type" or "too_long") otherwise.
Result<std::string> RequiredString(const nlohmann::json& body, const char* name, std::size_t max_bytes = 1024);

// The integer field `name` when present and not null; InvalidArgument("wrong_type") for a
// non-integer. An unsigned number beyond int64 comes back negative, so a range check refuses it.
Result<std::optional<std::int64_t>> OptionalInteger(const nlohmann::json& body, const char* name);

// The boolean field `name`; InvalidArgument naming it ("required" or "wrong_type") otherwise.
Result<bool> RequiredBool(const nlohmann::json& body, const char* name);

// The string field `name` when present and not null, else `fallback`.
Result<std::string> OptionalString(const nlohmann::json& body, const char* name, std::size_t max_bytes,
                                   std::string fallback = "");

// The list of strings `name` when present and not null (else empty), at most `max_items` of at
// most 64 bytes; InvalidArgument naming it ("wrong_type", "too_long") otherwise.
Result<std::vector<std::string>> OptionalStringList(const nlohmann::json& body, const char* name,
                                                    std::size_t max_items);

}  // namespace sw::http
