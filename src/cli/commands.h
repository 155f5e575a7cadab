// The `shouwang` command line: one file per command.
#pragma once

#include "config/loader.h"

namespace sw::cli {

// Parses argv, loads the configuration and runs the chosen command. Returns the exit code:
// 0 success, 1 failure while running, 2 bad arguments or configuration.
int Main(int argc, char** argv);

int RunServe(const config::Loaded& loaded);
int RunMigrate(const config::Loaded& loaded);
int RunConfig(const config::Loaded& loaded);
int RunVersion();

}  // namespace sw::cli
