// What handlers may use: the database and the effective settings. Later issues add the
// domain services here, so handlers never construct their own.
#pragma once

#include <chrono>

#include "config/options.h"
#include "domain/sessions/session_service.h"
#include "storage/database.h"

namespace sw::http {

struct Context {
  storage::Database& database;
  const config::Settings& settings;
  domain::SessionService& sessions;
};

}  // namespace sw::http
