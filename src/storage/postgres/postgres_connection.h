// One libpq connection with its prepared statements. Not thread-safe: the pool hands it to one
// thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "storage/database.h"
#include "storage/statement_map.h"

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
  // The name `sql` is prepared under on this connection, preparing it the first time.
  Result<std::string> Prepared(std::string_view sql);

  pg_conn* connection_;
  StatementMap<std::string> prepared_;  // SQL → statement name
  std::uint64_t statements_named_ = 0;
};

}  // namespace sw::storage::postgres
