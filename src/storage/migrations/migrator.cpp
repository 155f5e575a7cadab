#include <algorithm>

#include "core/clock.h"
#include "storage/migrations/migrations.h"

namespace sw::storage {
namespace {

constexpr const char* kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "  version INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  applied_at TEXT NOT NULL"
    ")";

// Any fixed number works; it only has to be the same for every Shouwang process.
constexpr const char* kPostgresMigrationLock = "SELECT pg_advisory_xact_lock(727274)";

// SQLite's BEGIN IMMEDIATE already serialises writers; on PostgreSQL concurrent migrators
// (several servers starting at once) take an advisory lock held until the transaction ends.
Status LockForMigration(const Database& database, Executor& tx) {
  if (database.dialect() != Dialect::kPostgres) return Status::Ok();
  return tx.Execute(kPostgresMigrationLock);
}

Result<int> VersionIn(Executor& executor) {
  auto rows = executor.Query("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!rows.ok()) return rows.status();
  return static_cast<int>(AsInt((*rows)[0][0]));
}

// Applies `migration` unless another process got there first; says whether it did.
Result<bool> Apply(Database& database, const Migration& migration) {
  bool applied = false;
  Status status = database.Write([&](Executor& tx) -> Status {
    applied = false;
    if (Status locked = LockForMigration(database, tx); !locked.ok()) return locked;
    auto current = VersionIn(tx);
    if (!current.ok()) return current.status();
    if (*current >= migration.version) return Status::Ok();
    const char* sql = database.dialect() == Dialect::kPostgres && migration.postgres_sql
                          ? migration.postgres_sql
                          : migration.sqlite_sql;
    if (*sql != '\0') {  // empty: nothing to change on this backend
      if (Status script = tx.ExecuteScript(sql); !script.ok()) return script;
    }
    applied = true;
    return tx.Execute("INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)",
                      {std::int64_t{migration.version}, std::string(migration.name), NowUtcIso8601()});
  });
  if (!status.ok()) return status;
  return applied;
}

Status EnsureVersionTable(Database& database) {
  return database.Write([&](Executor& tx) -> Status {
    if (Status locked = LockForMigration(database, tx); !locked.ok()) return locked;
    return tx.ExecuteScript(kCreateVersionTable);
  });
}

}  // namespace

int LatestSchemaVersion() {
  int latest = 0;
  for (const Migration& migration : AllMigrations()) latest = std::max(latest, migration.version);
  return latest;
}

Status RefuseNewerSchema(int version) {
  if (version <= LatestSchemaVersion()) return Status::Ok();
  return Status::Unavailable("the database's schema is at version " + std::to_string(version) +
                             ", newer than this program's " + std::to_string(LatestSchemaVersion()))
      .WithReason("schema_newer_than_program");
}

Result<int> CurrentSchemaVersion(Database& database) {
  int version = 0;
  Status status = database.Read([&](Executor& tx) -> Status {
    auto exists = tx.Query(database.dialect() == Dialect::kPostgres
                               ? "SELECT 1 FROM pg_tables WHERE tablename = 'schema_version' "
                                 "AND schemaname = current_schema()"
                               : "SELECT 1 FROM sqlite_master WHERE name = 'schema_version'");
    if (!exists.ok()) return exists.status();
    if (exists->empty()) return Status::Ok();
    auto current = VersionIn(tx);
    if (!current.ok()) return current.status();
    version = *current;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return version;
}

Result<int> Migrate(Database& database, int up_to) {
  if (Status status = EnsureVersionTable(database); !status.ok()) return status;
  auto before = CurrentSchemaVersion(database);
  if (!before.ok()) return before.status();
  if (Status known = RefuseNewerSchema(*before); !known.ok()) return known;
  int applied = 0;
  for (const Migration& migration : AllMigrations()) {
    if (migration.version <= *before || migration.version > up_to) continue;
    auto done = Apply(database, migration);
    if (!done.ok()) {
      return Status::Internal("migration " + std::to_string(migration.version) + " (" +
                              migration.name + ") failed: " + done.status().ToString());
    }
    applied += *done ? 1 : 0;
  }
  return applied;
}

}  // namespace sw::storage
