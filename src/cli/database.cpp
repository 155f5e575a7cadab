#include "cli/database.h"

#include <spdlog/spdlog.h>

#include "storage/migrations/migrations.h"

namespace sw::cli {

Result<std::unique_ptr<storage::Database>> OpenDatabase(const config::Settings& settings) {
  storage::OpenOptions options;
  options.connections = settings.database_connections;
  auto database = storage::Open(settings.database_url, options);
  if (database.ok()) spdlog::info("database: {}", storage::DialectName((*database)->dialect()));
  return database;
}

Status MigrateDatabase(storage::Database& database) {
  auto applied = storage::Migrate(database);
  if (!applied.ok()) return applied.status();
  spdlog::info("schema version {} ({} migrations applied now)", storage::LatestSchemaVersion(), *applied);
  return Status::Ok();
}

}  // namespace sw::cli
