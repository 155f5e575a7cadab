// The list of migrations. Append only.
#include "storage/migrations/migrations.h"

namespace sw::storage {
namespace {

const Migration kMigrations[] = {
    {1, "instance settings",
     // Key-value facts about this installation (its id, when it was created); later
     // migrations add the domain tables.
     "CREATE TABLE instance_settings ("
     "  key TEXT PRIMARY KEY,"
     "  value TEXT NOT NULL,"
     "  updated_at TEXT NOT NULL"
     ");",
     nullptr},
};

}  // namespace

std::span<const Migration> AllMigrations() { return kMigrations; }

}  // namespace sw::storage
