#include "support/backend.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstring>
#include <fstream>
#include <stdexcept>

#include "core/random.h"
#include "storage/database.h"
#include "storage/migrations/migrations.h"
#include "storage/rows.h"

namespace sw::testing {
namespace {

Backend g_backend = Backend::kSqlite;

// The admin URL of the PostgreSQL server that scripts/test-postgres started (CTest fixture).
std::string PostgresAdminUrl() {
  if (const char* url = std::getenv("SHOUWANG_TEST_POSTGRES_URL")) return url;
  std::ifstream file(SHOUWANG_TEST_POSTGRES_URL_FILE);
  std::string url;
  std::getline(file, url);
  if (url.empty()) {
    throw std::runtime_error("no test PostgreSQL: run scripts/test-postgres start or set "
                             "SHOUWANG_TEST_POSTGRES_URL");
  }
  return url;
}

// CREATE/DROP DATABASE cannot run in a transaction, so this talks to libpq directly.
void RunAdminStatement(const std::string& sql) {
  PGconn* connection = PQconnectdb(PostgresAdminUrl().c_str());
  PGresult* result = PQexec(connection, sql.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  const std::string message = PQerrorMessage(connection);
  PQclear(result);
  PQfinish(connection);
  if (!ok) throw std::runtime_error("test PostgreSQL: " + sql + ": " + message);
}

std::string WithDatabase(const std::string& admin_url, const std::string& name) {
  const auto slash = admin_url.rfind('/');
  return admin_url.substr(0, slash + 1) + name;
}

}  // namespace

Backend CurrentBackend() { return g_backend; }
const char* BackendName() { return g_backend == Backend::kSqlite ? "sqlite" : "postgres"; }

void ParseBackendFlag(int& argc, char** argv) {
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--backend=postgres") == 0) {
      g_backend = Backend::kPostgres;
    } else if (std::strcmp(argv[i], "--backend=sqlite") == 0) {
      g_backend = Backend::kSqlite;
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
}

FreshDatabase::FreshDatabase() {
  directory_ = std::filesystem::temp_directory_path() / ("shouwang-test-" + RandomHex(6));
  std::filesystem::create_directories(directory_);
  if (g_backend == Backend::kSqlite) {
    url_ = "sqlite://" + (directory_ / "test.db").string();
    return;
  }
  postgres_name_ = "test_" + RandomHex(6);
  RunAdminStatement("CREATE DATABASE " + postgres_name_);
  url_ = WithDatabase(PostgresAdminUrl(), postgres_name_);
}

FreshDatabase::~FreshDatabase() {
  if (!postgres_name_.empty()) {
    try {
      RunAdminStatement("DROP DATABASE IF EXISTS " + postgres_name_ + " WITH (FORCE)");
    } catch (const std::exception& error) {
      ADD_FAILURE() << error.what();
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

std::int64_t CountOf(storage::Database& database, const std::string& sql) {
  auto rows = database.Query(sql);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() ? storage::AsInt((*rows)[0][0]) : -1;
}

std::int64_t CountOf(const FreshDatabase& fresh, const std::string& sql) {
  auto database = storage::Open(fresh.url(), {.connections = 1});
  EXPECT_TRUE(database.ok()) << database.status().ToString();
  return database.ok() ? CountOf(**database, sql) : -1;
}

void RecordANewerSchema(const std::string& url) {
  auto database = storage::Open(url, {.connections = 1});
  ASSERT_TRUE(database.ok()) << database.status().ToString();
  Status recorded = (*database)->Write([](storage::Executor& tx) {
    return tx.Execute("INSERT INTO schema_version (version, name, applied_at) VALUES ($1, 'from a newer program', '')",
                      {std::int64_t{storage::LatestSchemaVersion() + 1}});
  });
  ASSERT_TRUE(recorded.ok()) << recorded.ToString();
}

}  // namespace sw::testing
