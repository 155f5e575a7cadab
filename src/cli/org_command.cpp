// shouwang org add --code CODE --name NAME --kind KIND [--parent CODE] [--pupils N]
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/command_support.h"
#include "cli/commands.h"

namespace sw::cli {
namespace {

struct AddOptions {
  std::string code, name, kind, parent;
  std::optional<std::int64_t> pupils;
};

int RunAdd(const config::Loaded& loaded, const AddOptions& options) {
  auto kind = domain::ParseOrgKind(options.kind);
  if (!kind) {
    return ReportFailure(Status::InvalidArgument(
        "kind", "one of province, city, county, township, school, community, village, class"));
  }
  return WithServices(loaded.settings, [&](CommandServices& services) {
    auto org = services.orgs.Add({.code = options.code, .name = options.name, .kind = *kind,
                                  .parent_code = options.parent, .pupils = options.pupils},
                                 domain::Authority::Operator(), domain::Actor::CommandLine());
    if (!org.ok()) return ReportFailure(org.status());
    std::cout << "added " << domain::OrgKindName(org->kind) << " " << org->code << " (" << org->name << ")\n";
    return 0;
  });
}

}  // namespace

void RegisterOrg(CLI::App& app, Runner& chosen) {
  auto* org = AddCommand(app, "org", "organisations: province, city, county, township, school, class, …");
  org->require_subcommand(1);
  auto options = std::make_shared<AddOptions>();
  auto* add = AddCommand(*org, "add", "add an organisation under its parent");
  add->add_option("--code", options->code, "unique code; a county's is its GB/T 2260 code")->required();
  add->add_option("--name", options->name, "name, e.g. 青山镇中心小学")->required();
  add->add_option("--kind", options->kind, "province, city, county, township, school, community, village or class")
      ->required();
  add->add_option("--parent", options->parent, "code of the parent organisation");
  add->add_option("--pupils", options->pupils, "pupils this term (schools and classes)");
  add->callback([&chosen, options] { chosen = [options](const config::Loaded& l) { return RunAdd(l, *options); }; });
}

}  // namespace sw::cli
