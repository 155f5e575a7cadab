#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/database.h"

namespace sw::cli {

int RunMigrate(const config::Loaded& loaded) {
  auto database = OpenDatabase(loaded.settings);
  if (!database.ok()) {
    spdlog::error("cannot open the database: {}", database.status().ToString());
    return 1;
  }
  if (Status status = MigrateDatabase(**database); !status.ok()) {
    spdlog::error("{}", status.ToString());
    return 1;
  }
  return 0;
}

}  // namespace sw::cli
