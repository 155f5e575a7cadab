#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/command_support.h"

namespace sw::cli {

namespace {

int RunMigrate(const config::Loaded& loaded) { return OpenMigratedDatabase(loaded.settings).ok() ? 0 : 1; }
}  // namespace

void RegisterMigrate(CLI::App& app, Runner& chosen) {
  AddCommand(app, "migrate", "bring the database schema up to date and exit")->callback([&chosen] { chosen = RunMigrate; });
}

}  // namespace sw::cli
