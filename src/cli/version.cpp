#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "core/version.h"

namespace sw::cli {

namespace {

int RunVersion() {
  std::cout << "shouwang " << Version() << "\n";
  return 0;
}
}  // namespace

void RegisterVersion(CLI::App& app, Runner& chosen) {
  AddCommand(app, "version", "print the version")->callback([&chosen] { chosen = [](const config::Loaded&) { return RunVersion(); }; });
}

}  // namespace sw::cli
