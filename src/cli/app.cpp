#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/logging.h"

namespace sw::cli {

CLI::App* AddCommand(CLI::App& parent, const char* name, const char* description) {
  return parent.add_subcommand(name, description)->fallthrough();
}

int Main(int argc, char** argv) {
  CLI::App app{"Shouwang (守望): care for left-behind children", "shouwang"};
  app.require_subcommand(1);

  std::string config_file;
  app.add_option("--config", config_file, "TOML file with options (keys as in `shouwang config`)")
      ->check(CLI::ExistingFile);
  // Every option of the table as a flag; only those given override the file and environment.
  std::map<std::string, std::string> flag_values;
  std::vector<std::pair<std::string, CLI::Option*>> flags;
  for (const config::Option& option : config::AllOptions()) {
    auto* flag = app.add_option(config::FlagName(option.name), flag_values[option.name], option.meaning)
                     ->group("Configuration");
    flags.emplace_back(option.name, flag);
  }
  Runner chosen;
  for (auto* registrar : {RegisterServe, RegisterMigrate, RegisterConfig, RegisterVersion, RegisterOrg,
                          RegisterUser, RegisterAudit, RegisterTerm, RegisterDemo, RegisterImport}) {
    registrar(app, chosen);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }

  std::map<std::string, std::string> given;
  for (const auto& [name, flag] : flags) {
    if (flag->count() > 0) given[name] = flag_values[name];
  }
  std::optional<std::filesystem::path> file;
  if (!config_file.empty()) file = config_file;
  auto loaded = config::Load(file, config::ProcessEnvironment, given);
  if (!loaded.ok()) {
    std::cerr << "shouwang: " << loaded.status().detail() << "\n";
    return 2;
  }
  SetUpLogging(loaded->settings.log_level);
  return chosen(*loaded);
}

}  // namespace sw::cli
