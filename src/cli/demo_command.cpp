// shouwang demo [--children-per-class N] [--if-empty]: fills an empty database with a
// realistic county. scripts/serve runs it with --if-empty before every start.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/demo_county.h"

namespace sw::cli {
namespace {

int RunDemo(const config::Loaded& loaded, const DemoOptions& options) {
  return WithServices(loaded.settings, [&](CommandServices& services) {
    const auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(services.clock.Now()));
    auto county = FillDemoCounty(services, options, today);
    if (!county.ok() && options.if_empty && county.status().field() == "database") {
      std::cout << "the database already holds data: no demo added\n";
      return 0;
    }
    if (!county.ok()) return ReportFailure(county.status());
    std::cout << "demo county 来安县 (341122): " << county->orgs << " organisations, " << county->children
              << " children\n"
              << "demo accounts (password " << county->password << ", to be changed at first sign-in):\n";
    for (const DemoAccount& account : county->accounts) {
      std::cout << "  " << account.username << "\t" << account.role << "@" << account.org << "\n";
    }
    return 0;
  });
}

}  // namespace

void RegisterDemo(CLI::App& app, Runner& chosen) {
  auto options = std::make_shared<DemoOptions>();
  auto* demo = AddCommand(app, "demo", "fill an empty database with a realistic county to try Shouwang on");
  demo->add_option("--children-per-class", options->children_per_class, "left-behind children in each class")
      ->check(CLI::Range(1, 60));
  demo->add_flag("--if-empty", options->if_empty, "do nothing (and succeed) when the database already holds data");
  demo->callback([&chosen, options] { chosen = [options](const config::Loaded& loaded) { return RunDemo(loaded, *options); }; });
}

}  // namespace sw::cli
