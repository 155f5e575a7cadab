// Statements over a whole record whose columns are listed once, in the order of its values —
// shared by the archive's repositories (children, family members).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace sw::storage {

// INSERT INTO table (columns…) VALUES ($1, …).
Status InsertRow(Executor& tx, std::string_view table, const std::vector<std::string>& columns, const Params& values);

// Writes every column but "id" and "version" where the row's id and version match the values',
// bumping the version; returns the new version, or Conflict when the row changed meanwhile.
// Every value is used in the statement (PostgreSQL cannot type an unused parameter), so
// unchanging columns are written back as they are.
Result<std::int64_t> UpdateVersionedRow(Executor& tx, std::string_view table, const std::vector<std::string>& columns,
                                        const Params& values);

// LIKE's wildcards and its escape character taken literally (use with ESCAPE '\\').
std::string EscapeLike(const std::string& text);

// "$n" for `value`, appended to `params`.
std::string Placeholder(Params& params, Value value);
// "$k, $k+1, …" for the values, appended to `params` (for IN (…); never called empty).
std::string Placeholders(Params& params, const std::vector<std::string>& values);

// Nullable integers as values.
Value OptionalInt(const std::optional<std::int64_t>& value);

}  // namespace sw::storage
