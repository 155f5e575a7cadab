// Enums that have stable names (in the API, the CLI and the database), kept as one table of
// {value, name} pairs per enum, looked up both ways by these two helpers.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <utility>

namespace sw {

template <typename Enum>
using NameTable = std::span<const std::pair<Enum, const char*>>;

template <typename Enum>
const char* NameOf(NameTable<Enum> table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "unknown";
}

template <typename Enum>
std::optional<Enum> ParseName(NameTable<Enum> table, std::string_view name) {
  for (const auto& [value, candidate] : table) {
    if (name == candidate) return value;
  }
  return std::nullopt;
}

}  // namespace sw
