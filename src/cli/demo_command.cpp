// shouwang demo [--children-per-class N] [--if-empty]: fills an empty database with a
// realistic county. scripts/serve runs it with --if-empty before every start.
// shouwang demo --children N [--seed S]: a generated province of N children instead, for the
// benchmark (bench/run) and for trying Shouwang at scale.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/demo_county.h"
#include "cli/demo_province.h"

namespace sw::cli {
namespace {

int RunDemo(const config::Loaded& loaded, const DemoOptions& options) {
  return WithServices(loaded.settings, [&](CommandServices& services) {
    const auto today = services.clock.Today();
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

std::string ProvinceLine(const ProvinceCounts& counts) {
  return std::to_string(counts.orgs) + " organisations, " + std::to_string(counts.users) + " accounts, " +
         std::to_string(counts.children) + " children, " + std::to_string(counts.family_members) +
         " parents and guardians, " + std::to_string(counts.pairings) + " pairings, " +
         std::to_string(counts.records) + " care records, " + std::to_string(counts.signals) + " signals, " +
         std::to_string(counts.tasks) + " tasks";
}

int RunProvince(const config::Loaded& loaded, const ProvinceOptions& options, bool if_empty) {
  return WithServices(loaded.settings, [&](CommandServices& services) {
    const auto started = std::chrono::steady_clock::now();
    const auto today = services.clock.Today();
    const bool terminal = isatty(fileno(stderr)) != 0;
    auto province = FillDemoProvince(services, options, today, [&](const ProvinceCounts& counts) {
      if (terminal) std::cerr << "\r" << counts.children << " / " << options.children << " children" << std::flush;
    });
    if (terminal) std::cerr << "\n";
    if (!province.ok() && if_empty && province.status().field() == "database") {
      std::cout << "the database already holds data: no demo added\n";
      return 0;
    }
    if (!province.ok()) return ReportFailure(province.status());
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "demo province 安徽省 (340000), seed " << options.seed << ": " << ProvinceLine(province->counts)
              << " in " << static_cast<int>(seconds) << " s\n"
              << "demo accounts, one of each kind (password " << province->password
              << " for every generated account, to be changed at first sign-in):\n";
    for (const DemoAccount& account : province->accounts) {
      std::cout << "  " << account.username << "\t" << account.role << "@" << account.org << "\n";
    }
    return 0;
  }, /*bulk_load=*/true);
}

}  // namespace

void RegisterDemo(CLI::App& app, Runner& chosen) {
  auto options = std::make_shared<DemoOptions>();
  auto province = std::make_shared<ProvinceOptions>();
  auto* demo = AddCommand(app, "demo", "fill an empty database with a realistic county to try Shouwang on");
  demo->add_option("--children-per-class", options->children_per_class, "left-behind children in each class")
      ->check(CLI::Range(1, 60));
  demo->add_flag("--if-empty", options->if_empty, "do nothing (and succeed) when the database already holds data");
  auto* children = demo->add_option("--children", province->children,
                                    "generate a province of this many children instead of the county")
                       ->check(CLI::Range(std::int64_t{1}, std::int64_t{10'000'000}));
  demo->add_option("--seed", province->seed, "the generated province's seed: the same seed, the same province")
      ->needs(children);
  children->excludes(demo->get_option("--children-per-class"));
  demo->callback([&chosen, options, province, children] {
    if (children->count() > 0) {
      chosen = [options, province](const config::Loaded& loaded) { return RunProvince(loaded, *province, options->if_empty); };
      return;
    }
    chosen = [options](const config::Loaded& loaded) { return RunDemo(loaded, *options); };
  });
}

}  // namespace sw::cli
