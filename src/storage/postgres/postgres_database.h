// PostgreSQL through libpq: a pool of connections, one per concurrent caller.
#pragma once

#include "storage/database.h"
#include "storage/pool.h"
#include "storage/postgres/postgres_connection.h"

namespace sw::storage::postgres {

class PostgresDatabase final : public Database {
 public:
  static Result<std::unique_ptr<Database>> Open(const std::string& url, const OpenOptions& options);

  Dialect dialect() const override { return Dialect::kPostgres; }
  Result<Rows> Query(std::string_view sql, const Params& params) override;
  Status Read(const Work& work) override;
  Status Write(const Work& work) override;
  Status Ping() override;
  Status AfterBulkLoad() override;

 private:
  explicit PostgresDatabase(const OpenOptions& options) : options_(options) {}
  Result<Pool<PostgresConnection>::Lease> Connection();

  OpenOptions options_;
  Pool<PostgresConnection> pool_;
};

}  // namespace sw::storage::postgres
