// What the commands share: opening the database and reporting failures.
#pragma once

#include <memory>

#include "config/options.h"
#include "domain/children/archive_settings_service.h"
#include "domain/children/child_service.h"
#include "domain/imports/roster_import.h"
#include "domain/orgs/org_service.h"
#include "domain/pairing/pairing_service.h"
#include "domain/users/user_service.h"
#include "storage/database.h"
#include "storage/repositories/sql_repositories.h"

namespace sw::cli {

// Prints why a command failed ("shouwang: org: no organisation has the code X"), with the
// public words of its reason in Chinese and English, to standard error and returns the exit code: 2 for bad input, 1 for anything else.
int ReportFailure(const Status& status);

// Opens the configured database and applies pending migrations, logging what it did — and,
// on failure, why (never the URL's password). Used by `serve` and `migrate`; `bulk_load` as
// storage::OpenOptions has it.
Result<std::unique_ptr<storage::Database>> OpenMigratedDatabase(const config::Settings& settings,
                                                                bool bulk_load = false);

// The domain services a command works with, over one database.
struct CommandServices {
  explicit CommandServices(std::unique_ptr<storage::Database> opened)
      : database(std::move(opened)),
        store(*database),
        orgs(store, clock),
        users(store, clock, hasher),
        children(store, clock),
        archive(store, clock),
        pairings(store, clock),
        imports(store, clock) {}

  std::unique_ptr<storage::Database> database;
  storage::SqlStore store;
  SystemClock clock;
  domain::PasswordHasher hasher;
  domain::OrgService orgs;
  domain::UserService users;
  domain::ChildService children;
  domain::ArchiveSettingsService archive;
  domain::PairingService pairings;
  domain::RosterImportService imports;
};

// Opens the configured database and runs `command` with its services; 1 if it cannot open.
int WithServices(const config::Settings& settings, const std::function<int(CommandServices&)>& command,
                 bool bulk_load = false);

}  // namespace sw::cli
