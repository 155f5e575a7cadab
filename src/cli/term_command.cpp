// shouwang term set --county CODE --key 2026-2027-1 --starts 2026-09-01 --ends 2027-01-20 [--name NAME]
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/command_support.h"
#include "cli/commands.h"

namespace sw::cli {
namespace {

struct TermOptions {
  std::string county, key, starts, ends, name;
};

Result<domain::Term> BuildTerm(const TermOptions& options) {
  auto starts = domain::ParseDate(options.starts);
  if (!starts) return Status::InvalidArgument("starts_on", "a date like 2026-09-01");
  auto ends = domain::ParseDate(options.ends);
  if (!ends) return Status::InvalidArgument("ends_on", "a date like 2027-01-20");
  // Without a name, the usual one for the key ("2026—2027学年第一学期").
  return domain::Term{options.key, options.name.empty() ? domain::TermNameForKey(options.key) : options.name,
                      *starts, *ends};
}

int RunSet(const config::Loaded& loaded, const TermOptions& options) {
  auto term = BuildTerm(options);
  if (!term.ok()) return ReportFailure(term.status());
  return WithServices(loaded.settings, [&](CommandServices& services) {
    if (Status status = services.orgs.SetTerm(options.county, *term, domain::Authority::Operator(), domain::Actor::CommandLine()); !status.ok()) {
      return ReportFailure(status);
    }
    std::cout << "term " << term->key << " (" << term->name << ") of " << options.county << ": "
              << domain::FormatDate(term->starts_on) << " to " << domain::FormatDate(term->ends_on) << "\n";
    return 0;
  });
}

}  // namespace

void RegisterTerm(CLI::App& app, Runner& chosen) {
  auto* term = AddCommand(app, "term", "terms (学期) of a county; without them the national calendar applies");
  term->require_subcommand(1);
  auto options = std::make_shared<TermOptions>();
  auto* set = AddCommand(*term, "set", "add or replace one of a county's terms");
  set->add_option("--county", options->county, "the county's code")->required();
  set->add_option("--key", options->key, "school year and term number, e.g. 2026-2027-1")->required();
  set->add_option("--starts", options->starts, "first day, e.g. 2026-09-01")->required();
  set->add_option("--ends", options->ends, "last day, e.g. 2027-01-20")->required();
  set->add_option("--name", options->name, "name shown to users (default: 2026—2027学年第一学期)");
  set->callback([&chosen, options] { chosen = [options](const config::Loaded& l) { return RunSet(l, *options); }; });
}

}  // namespace sw::cli
