#include "storage/postgres/postgres_database.h"

#include "storage/transaction.h"

namespace sw::storage::postgres {
namespace {

constexpr int kWriteAttempts = 5;

// For a bulk load: foreign keys are not checked on this connection when its role is a
// superuser's (session_replication_role disables their triggers); otherwise nothing changes.
Status TrustForeignKeys(PostgresConnection& connection) {
  auto superuser = connection.Query("SELECT COUNT(*) FROM pg_roles WHERE rolname = current_user AND rolsuper", {});
  if (!superuser.ok()) return superuser.status();
  if (AsInt((*superuser)[0][0]) == 0) return Status::Ok();
  return connection.ExecuteScript("SET session_replication_role = replica");
}

}  // namespace

Result<std::unique_ptr<Database>> PostgresDatabase::Open(const std::string& url,
                                                         const OpenOptions& options) {
  std::unique_ptr<PostgresDatabase> database(new PostgresDatabase(options));
  for (int i = 0; i < options.connections; ++i) {
    auto connection = PostgresConnection::Open(url);
    if (!connection.ok()) return connection.status();
    if (options.bulk_load) {
      if (Status trusted = TrustForeignKeys(**connection); !trusted.ok()) return trusted;
    }
    database->pool_.Add(std::move(connection).value());
  }
  return std::unique_ptr<Database>(std::move(database));
}

Result<Pool<PostgresConnection>::Lease> PostgresDatabase::Connection() {
  auto lease = pool_.Acquire(std::chrono::milliseconds(options_.acquire_timeout_ms));
  if (!lease) return Status::Unavailable("no PostgreSQL connection came free in time");
  if (Status status = (*lease)->EnsureConnected(); !status.ok()) return status;
  return std::move(*lease);
}

Result<Rows> PostgresDatabase::Query(std::string_view sql, const Params& params) {
  auto connection = Connection();
  if (!connection.ok()) return connection.status();
  return (*connection)->Query(sql, params);
}

Status PostgresDatabase::Read(const Work& work) {
  auto connection = Connection();
  if (!connection.ok()) return connection.status();
  return RunInTransaction(**connection, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", work);
}

Status PostgresDatabase::Write(const Work& work) {
  return RetryWhileBusy(kWriteAttempts, [&]() -> Status {
    auto connection = Connection();
    if (!connection.ok()) return connection.status();
    return RunInTransaction(**connection, "BEGIN", work);
  });
}

Status PostgresDatabase::Ping() { return Query("SELECT 1", {}).status(); }

Status PostgresDatabase::AfterBulkLoad() {
  auto connection = Connection();
  if (!connection.ok()) return connection.status();
  return (*connection)->ExecuteScript("VACUUM (ANALYZE)");  // outside any transaction, as VACUUM must be
}

}  // namespace sw::storage::postgres
