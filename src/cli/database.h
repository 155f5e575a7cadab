#pragma once

#include <memory>

#include "config/options.h"
#include "storage/database.h"

namespace sw::cli {

// Opens the configured database and applies pending migrations, logging what it did — and,
// on failure, why (never the URL's password). Used by `serve` and `migrate`.
Result<std::unique_ptr<storage::Database>> OpenMigratedDatabase(const config::Settings& settings);

}  // namespace sw::cli
