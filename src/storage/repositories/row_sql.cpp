#include "storage/repositories/row_sql.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace sw::storage {
namespace {

std::string Position(const std::vector<std::string>& columns, std::string_view column) {
  return std::to_string(std::find(columns.begin(), columns.end(), column) - columns.begin() + 1);
}

}  // namespace

std::string JsonText(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ColumnNames(const std::vector<std::string>& columns) {
  std::string names;
  for (const std::string& column : columns) names += (names.empty() ? "" : ", ") + column;
  return names;
}

std::string InsertStatement(std::string_view table, const std::vector<std::string>& columns) {
  std::string placeholders;
  for (std::size_t i = 0; i < columns.size(); ++i) placeholders += (i ? ", $" : "$") + std::to_string(i + 1);
  return "INSERT INTO " + std::string(table) + " (" + ColumnNames(columns) + ") VALUES (" + placeholders + ")";
}

Status InsertRow(Executor& tx, std::string_view table, const std::vector<std::string>& columns, const Params& values) {
  return tx.Execute(InsertStatement(table, columns), values);
}

Result<std::int64_t> UpdateVersionedRow(Executor& tx, std::string_view table, const std::vector<std::string>& columns,
                                        const Params& values) {
  std::string sets;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == "id" || columns[i] == "version") continue;
    sets += columns[i] + " = $" + std::to_string(i + 1) + ", ";
  }
  auto rows = tx.Query("UPDATE " + std::string(table) + " SET " + sets + "version = version + 1 WHERE id = $" +
                           Position(columns, "id") + " AND version = $" + Position(columns, "version") +
                           " RETURNING version",
                       values);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::Conflict(std::string(table) + " row changed since it was read").WithReason("stale_version");
  return AsInt((*rows)[0][0]);
}

Value OptionalInt(const std::optional<std::int64_t>& value) { return value ? Value(*value) : kNull; }

std::string EscapeLike(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

std::string Placeholder(Params& params, Value value) {
  params.push_back(std::move(value));
  std::string placeholder = "$";  // appended to: GCC 12 warns falsely of "$" + a temporary (-Wrestrict)
  placeholder += std::to_string(params.size());
  return placeholder;
}

std::string Placeholders(Params& params, const std::vector<std::string>& values) {
  std::string list;
  for (const std::string& value : values) list += (list.empty() ? "" : ", ") + Placeholder(params, value);
  return list;
}

std::string ListParameter(Dialect dialect, Params& params, const std::vector<std::string>& values) {
  const std::string list = Placeholder(params, JsonText(values));
  return dialect == Dialect::kSqlite ? "SELECT value FROM json_each(" + list + ")"
                                     : "SELECT jsonb_array_elements_text(" + list + "::jsonb) AS value";
}

std::string PairsParameter(Dialect dialect, Params& params,
                           const std::vector<std::pair<std::string, std::string>>& pairs) {
  const std::string list = Placeholder(params, JsonText(pairs));
  return dialect == Dialect::kSqlite
             ? "SELECT json_extract(value, '$[0]') AS first, json_extract(value, '$[1]') AS second "
               "FROM json_each(" + list + ")"
             : "SELECT pair->>0 AS first, pair->>1 AS second FROM jsonb_array_elements(" + list + "::jsonb) pair";
}

}  // namespace sw::storage
