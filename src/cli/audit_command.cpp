// shouwang audit verify: checks the audit log's hash chain.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command_support.h"
#include "cli/commands.h"

namespace sw::cli {
namespace {

int RunVerify(const config::Loaded& loaded) {
  return WithServices(loaded.settings, [](CommandServices& services) {
    domain::ChainCheck check;
    Status status = services.store.Read([&](domain::Repositories& repos) -> Status {
      auto verified = repos.audit.Verify();
      if (verified.ok()) check = *verified;
      return verified.status();
    });
    if (!status.ok()) return ReportFailure(status);
    if (check.first_bad_seq) {
      std::cout << "audit log BROKEN at entry " << *check.first_bad_seq << " (" << check.entries
                << " entries before it are intact): an entry was edited, inserted or deleted outside Shouwang\n";
      return 1;
    }
    std::cout << "audit log intact: " << check.entries << " entries\n";
    return 0;
  });
}

}  // namespace

void RegisterAudit(CLI::App& app, Runner& chosen) {
  auto* audit = AddCommand(app, "audit", "the audit log");
  audit->require_subcommand(1);
  AddCommand(*audit, "verify", "check that no entry was edited, inserted or deleted")->callback([&chosen] {
    chosen = RunVerify;
  });
}

}  // namespace sw::cli
