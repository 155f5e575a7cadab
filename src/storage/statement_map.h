// The statements a connection has prepared, found by the SQL text a query passes without
// copying it: the key was copied and hashed for every query, and a list's SQL is a kilobyte.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sw::storage {

struct SqlTextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
};

template <typename Statement>
using StatementMap = std::unordered_map<std::string, Statement, SqlTextHash, std::equal_to<>>;

}  // namespace sw::storage
