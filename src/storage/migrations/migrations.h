// Numbered schema migrations, each applied in one transaction and recorded in schema_version.
//
// Migrations are append-only: never edit one that has shipped; add the next number.
#pragma once

#include <span>

#include "storage/database.h"

namespace sw::storage {

struct Migration {
  int version;
  const char* name;
  const char* sqlite_sql;
  const char* postgres_sql;  // nullptr: the same text as sqlite_sql; "": nothing to do there
};

std::span<const Migration> AllMigrations();

// The version the code expects: the last migration's number.
int LatestSchemaVersion();

// The version the database is at (0 for a new database).
Result<int> CurrentSchemaVersion(Database& database);

// Refuses (reason schema_newer_than_program) a database at `version` when a newer program has
// migrated it past the last migration this one knows: this program does not know that schema's
// rules (on SQLite, for one, a child it inserted would go uncounted since migration 24).
Status RefuseNewerSchema(int version);

// Applies every migration above the current version, up to `up_to`, in order. Safe to run from
// several processes at once: each migration's transaction re-checks the version under a lock.
// Returns the number of migrations this call applied; a newer database is refused
// (RefuseNewerSchema). (`up_to` lets a test fill a database as an older version held it, then
// migrate it.)
Result<int> Migrate(Database& database, int up_to = LatestSchemaVersion());

}  // namespace sw::storage
