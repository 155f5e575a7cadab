#pragma once

#include <memory>

#include "config/options.h"
#include "storage/database.h"

namespace sw::cli {

// Opens the configured database, logging (without the URL's password) what it opened.
Result<std::unique_ptr<storage::Database>> OpenDatabase(const config::Settings& settings);

// Applies pending migrations and logs how many ran.
Status MigrateDatabase(storage::Database& database);

}  // namespace sw::cli
