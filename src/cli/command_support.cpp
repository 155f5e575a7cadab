#include "cli/command_support.h"

#include <spdlog/spdlog.h>

#include <iostream>

#include "http/errors.h"
#include "storage/migrations/migrations.h"

namespace sw::cli {

namespace {

// "org: no organisation has the code X — <Chinese words> / <English words>".
std::string FailureText(const Status& status) {
  std::string text;
  if (!status.field().empty()) text += status.field() + ": ";
  text += status.detail().empty() ? StatusCodeName(status.code()) : status.detail();
  if (!status.reason().empty()) {
    text += " — " + http::PublicMessage(status, http::Language::kZhCn) + " / " +
            http::PublicMessage(status, http::Language::kEn);
  }
  return text;
}

}  // namespace

int ReportFailure(const Status& status) {
  std::cerr << "shouwang: " << FailureText(status) << "\n";
  return status.code() == StatusCode::kInvalidArgument ? 2 : 1;
}

Result<std::unique_ptr<storage::Database>> OpenMigratedDatabase(const config::Settings& settings,
                                                                bool bulk_load) {
  storage::OpenOptions options;
  options.connections = settings.database_connections;
  options.bulk_load = bulk_load;
  auto database = storage::Open(settings.database_url, options);
  if (!database.ok()) {
    spdlog::error("cannot open the database: {}", database.status().ToString());
    return database.status();
  }
  spdlog::info("database: {}", storage::DialectName((*database)->dialect()));
  auto applied = storage::Migrate(**database);
  if (!applied.ok()) {
    spdlog::error("{}", FailureText(applied.status()));
    return applied.status();
  }
  spdlog::info("schema version {} ({} migrations applied now)", storage::LatestSchemaVersion(), *applied);
  return database;
}

int WithServices(const config::Settings& settings, const std::function<int(CommandServices&)>& command,
                 bool bulk_load) {
  auto database = OpenMigratedDatabase(settings, bulk_load);
  if (!database.ok()) return 1;
  CommandServices services(std::move(database).value());
  return command(services);
}

}  // namespace sw::cli
