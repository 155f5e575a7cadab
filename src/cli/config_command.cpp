#include <iostream>
#include <nlohmann/json.hpp>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace sw::cli {

namespace {

// Prints TOML that `--config` accepts back, each option with its meaning and where its value
// came from. Passwords in URLs and secret options are hidden.
int RunConfig(const config::Loaded& loaded) {
  for (const config::Option& option : config::AllOptions()) {
    const config::Origin& origin = loaded.origins.at(option.name);
    std::cout << "# " << option.meaning << " (from " << origin.source << ")\n"
              << option.name << " = " << nlohmann::json(config::Printable(option, origin.value)).dump()
              << "\n";
  }
  return 0;
}
}  // namespace

void RegisterConfig(CLI::App& app, Runner& chosen) {
  AddCommand(app, "config", "print the effective configuration, secrets hidden")->callback([&chosen] { chosen = RunConfig; });
}

}  // namespace sw::cli
