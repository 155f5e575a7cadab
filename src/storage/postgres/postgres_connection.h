// One libpq connection. Not thread-safe: the pool hands it to one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "storage/database.h"

struct pg_conn;

namespace sw::storage::postgres {

class PostgresConnection final : public Executor {
 public:
  static Result<std::unique_ptr<PostgresConnection>> Open(const std::string& url);
  ~PostgresConnection() override;

  Result<Rows> Query(std::string_view sql, const Params& params = {}) override;
  Status ExecuteScript(std::string_view sql) override;
  Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<std::vector<Value>>& rows) override;

  // Reconnects if the server dropped the connection (restart, idle kill). Cheap when healthy.
  Status EnsureConnected();

 private:
  explicit PostgresConnection(pg_conn* connection) : connection_(connection) {}

  pg_conn* connection_;
};

}  // namespace sw::storage::postgres
