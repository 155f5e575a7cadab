// The `shouwang` command line: one file per command. Each Register* function adds its
// command (and subcommands) to the app; the one the user picks leaves its runner in `chosen`,
// which app.cpp calls once the configuration has loaded.
#pragma once

#include <functional>

#include "config/loader.h"

namespace CLI {
class App;
}

namespace sw::cli {

using Runner = std::function<int(const config::Loaded&)>;

// Parses argv, loads the configuration and runs the chosen command. Exit codes: 0 success,
// 1 failure while running, 2 bad arguments, configuration or input.
int Main(int argc, char** argv);

void RegisterServe(CLI::App& app, Runner& chosen);
void RegisterMigrate(CLI::App& app, Runner& chosen);
void RegisterConfig(CLI::App& app, Runner& chosen);
void RegisterVersion(CLI::App& app, Runner& chosen);
void RegisterOrg(CLI::App& app, Runner& chosen);
void RegisterUser(CLI::App& app, Runner& chosen);
void RegisterAudit(CLI::App& app, Runner& chosen);
void RegisterTerm(CLI::App& app, Runner& chosen);
void RegisterDemo(CLI::App& app, Runner& chosen);
void RegisterImport(CLI::App& app, Runner& chosen);

// A subcommand that also accepts the global configuration flags after its name.
CLI::App* AddCommand(CLI::App& parent, const char* name, const char* description);

}  // namespace sw::cli
