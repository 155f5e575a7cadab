// What the commands share: opening the database and reporting failures.
#pragma once

#include <memory>

#include "config/options.h"
#include "storage/database.h"

namespace sw::cli {

// Prints why a command failed ("shouwang: org: no organisation has the code X") to standard
// error and returns the exit code: 2 for bad input, 1 for anything else.
int ReportFailure(const Status& status);

// Opens the configured database and applies pending migrations, logging what it did — and,
// on failure, why (never the URL's password). Used by `serve` and `migrate`.
Result<std::unique_ptr<storage::Database>> OpenMigratedDatabase(const config::Settings& settings);

}  // namespace sw::cli
