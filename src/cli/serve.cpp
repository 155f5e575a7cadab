#include <spdlog/spdlog.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/command_support.h"
#include "core/version.h"
#include "http/server.h"

namespace sw::cli {

namespace {

int RunServe(const config::Loaded& loaded) {
  const config::Settings& settings = loaded.settings;
  auto database = OpenMigratedDatabase(settings);
  if (!database.ok()) return 1;
  http::Context context{.database = **database, .settings = settings};
  http::Server server(settings, context);
  Status status = server.Run([](const std::string& address) {
    // Scripts and tests read this line to learn the port when --listen asked for port 0.
    std::cout << "shouwang " << Version() << " listening on http://" << address << std::endl;
  });
  if (!status.ok()) {
    spdlog::error("{}", status.ToString());
    return 1;
  }
  return 0;
}
}  // namespace

void RegisterServe(CLI::App& app, Runner& chosen) {
  AddCommand(app, "serve", "run the web server (migrates the database first)")->callback([&chosen] { chosen = RunServe; });
}

}  // namespace sw::cli
