#include "storage/database.h"

#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace sw::storage {

Result<std::vector<Rows>> Executor::QueryEach(const std::vector<Statement>& statements) {
  std::vector<Rows> each;
  each.reserve(statements.size());
  for (const Statement& statement : statements) {
    auto rows = Query(statement.sql, statement.params);
    if (!rows.ok()) return rows.status();
    each.push_back(std::move(rows).value());
  }
  return each;
}

const char* DialectName(Dialect dialect) {
  return dialect == Dialect::kSqlite ? "sqlite" : "postgres";
}

bool WritesWaitForOneWriter(Dialect dialect) { return dialect == Dialect::kSqlite; }

Result<std::unique_ptr<Database>> Open(const std::string& url, const OpenOptions& options) {
  constexpr std::string_view kSqlite = "sqlite://";
  if (url.starts_with(kSqlite) && url.size() > kSqlite.size()) {
    return sqlite::SqliteDatabase::Open(url.substr(kSqlite.size()), options);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return postgres::PostgresDatabase::Open(url, options);
  }
  return Status::InvalidArgument("database_url", "unsupported database URL scheme");
}

}  // namespace sw::storage
