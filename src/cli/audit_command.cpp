// shouwang audit verify: checks the audit log's hash chain.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command_support.h"
#include "cli/commands.h"
#include "storage/repositories/sql_repositories.h"

namespace sw::cli {
namespace {

int RunVerify(const config::Loaded& loaded) {
  auto database = OpenMigratedDatabase(loaded.settings);
  if (!database.ok()) return 1;
  storage::SqlStore store(**database);
  domain::ChainCheck check;
  Status status = store.Read([&](domain::Repositories& repos) -> Status {
    auto verified = repos.audit.Verify();
    if (!verified.ok()) return verified.status();
    check = *verified;
    return Status::Ok();
  });
  if (!status.ok()) return ReportFailure(status);
  if (check.first_bad_seq) {
    std::cout << "audit log BROKEN at entry " << *check.first_bad_seq << " (" << check.entries
              << " entries before it are intact): an entry was edited, inserted or deleted outside Shouwang\n";
    return 1;
  }
  std::cout << "audit log intact: " << check.entries << " entries\n";
  return 0;
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
