#include "cli/commands.h"
#include "cli/database.h"

namespace sw::cli {

int RunMigrate(const config::Loaded& loaded) { return OpenMigratedDatabase(loaded.settings).ok() ? 0 : 1; }

}  // namespace sw::cli
