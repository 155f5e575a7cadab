#include "cli/database.h"

#include <spdlog/spdlog.h>

#include "storage/migrations/migrations.h"

namespace sw::cli {

Result<std::unique_ptr<storage::Database>> OpenMigratedDatabase(const config::Settings& settings) {
  storage::OpenOptions options;
  options.connections = settings.database_connections;
  auto database = storage::Open(settings.database_url, options);
  if (!database.ok()) {
    spdlog::error("cannot open the database: {}", database.status().ToString());
    return database.status();
  }
  spdlog::info("database: {}", storage::DialectName((*database)->dialect()));
  auto applied = storage::Migrate(**database);
  if (!applied.ok()) {
    spdlog::error("{}", applied.status().ToString());
    return applied.status();
  }
  spdlog::info("schema version {} ({} migrations applied now)", storage::LatestSchemaVersion(), *applied);
  return database;
}

}  // namespace sw::cli
