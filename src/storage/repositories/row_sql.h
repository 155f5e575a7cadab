// Statements over a whole record whose columns are listed once, in the order of its values —
// shared by the archive's repositories (children, family members).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "storage/database.h"

namespace sw::storage {

// "a, b, c".
std::string ColumnNames(const std::vector<std::string>& columns);

// "INSERT INTO table (columns…) VALUES ($1, …)".
std::string InsertStatement(std::string_view table, const std::vector<std::string>& columns);

// Runs InsertStatement with `values`.
Status InsertRow(Executor& tx, std::string_view table, const std::vector<std::string>& columns, const Params& values);

// Each item's row of values (an item may be completed as its row is made: an audit entry's hashes).
template <typename Item, typename ValuesOfItem>
std::vector<Params> RowsOf(std::span<Item> items, ValuesOfItem values_of) {
  std::vector<Params> rows;
  rows.reserve(items.size());
  for (Item& item : items) rows.push_back(values_of(item));
  return rows;
}

// Rows a bulk insert makes before it sends them: an import's transaction of four batches made
// all its rows at once, 65 MB more at its peak than a batch's, and the pages freed after
// each were touched anew by the next (docs/performance.md). A multiple of SQLite's 256 rows a
// statement, so that only an insert's last statement is not one kept prepared.
constexpr std::size_t kRowsMadeAtOnce = 4096;

// Every item's row by Executor::BulkInsert (COPY on PostgreSQL), kRowsMadeAtOnce at a time.
template <typename Item, typename ValuesOfItem>
Status InsertRows(Executor& tx, std::string_view table, const std::vector<std::string>& columns,
                  std::span<Item> items, ValuesOfItem values_of) {
  for (std::size_t from = 0; from < items.size(); from += kRowsMadeAtOnce) {
    const auto chunk = items.subspan(from, std::min(kRowsMadeAtOnce, items.size() - from));
    if (Status inserted = tx.BulkInsert(table, columns, RowsOf(chunk, values_of)); !inserted.ok()) return inserted;
  }
  return Status::Ok();
}

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

// `json` as text; a string that is not UTF-8 has its bad bytes replaced rather than failing.
std::string JsonText(const nlohmann::json& json);

// A batch's list as one parameter, a JSON array appended to `params`, and a SELECT of its
// elements as text (column `value`): the statement is the same whatever the batch's length, so
// it is prepared once a connection. Written as thousands of placeholders, an import's lookups
// were prepared anew each batch: on PostgreSQL, which parsed and planned every placeholder,
// the import gained a fifth (docs/performance.md). PostgreSQL plans such a statement for
// its values each run (kPlanEachRun): a plan kept from an import's first batch, made while
// the table was empty, would read the whole table for each later batch.
std::string ListParameter(Dialect dialect, Params& params, const std::vector<std::string>& values);
// The same of pairs: a SELECT of columns `first` and `second`.
std::string PairsParameter(Dialect dialect, Params& params,
                           const std::vector<std::pair<std::string, std::string>>& pairs);

// Nullable integers as values.
Value OptionalInt(const std::optional<std::int64_t>& value);

}  // namespace sw::storage
