// One libpq connection with its prepared statements. Not thread-safe: the pool hands it to one
// thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "storage/database.h"
#include "storage/statement_map.h"

struct pg_conn;
struct pg_result;

namespace sw::storage::postgres {

class PostgresConnection final : public Executor {
 public:
  static Result<std::unique_ptr<PostgresConnection>> Open(const std::string& url);
  ~PostgresConnection() override;

  Result<Rows> Query(std::string_view sql, const Params& params = {}) override;
  Result<std::vector<Rows>> QueryEach(const std::vector<Statement>& statements) override;
  Status ExecuteScript(std::string_view sql) override;
  Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<std::vector<Value>>& rows) override;

  // Kept until the transaction's first statement, and sent in one pipeline with it: a request
  // reads in two transactions, so this saves two of its seven round trips.
  Status Begin(const char* begin) override;
  // Ends a transaction; one that made no statement was never begun on the server.
  Status End(const char* end) override;

  // Reconnects if the server dropped the connection (restart, idle kill). Cheap when healthy.
  Status EnsureConnected();

 private:
  explicit PostgresConnection(pg_conn* connection) : connection_(connection) {}
  // The name `sql` is prepared under on this connection, preparing it the first time.
  Result<std::string> Prepared(std::string_view sql);
  // A statement as Run sends it: its SQL and parameters are read where they are, not copied.
  struct StatementRef {
    std::string_view sql;
    const Params& params;
  };
  // Sends the statements (each prepared, or planned for its values when led by kPlanEachRun or
  // of more than kMostParametersKept values) in one pipeline, after the pending BEGIN if there is
  // one, and returns each statement's result, or the first failure.
  Result<std::vector<std::unique_ptr<pg_result, void (*)(pg_result*)>>> Run(std::span<const StatementRef> statements);
  // One message of Run's pipeline: a caller's statement, or one the connection adds (the BEGIN,
  // the plan cache's mode around statements led by kOnePlan), whose result the caller never sees.
  struct PipelineStep {
    std::string name;                       // prepared; "" to send the statement's text
    const StatementRef* statement = nullptr;  // nullptr for a step the connection adds
  };
  Result<std::vector<PipelineStep>> Steps(std::span<const StatementRef> statements);
  // Sends a pending BEGIN alone, for work that cannot share its pipeline (COPY, scripts).
  Status BeginNow();

  pg_conn* connection_;
  const char* pending_begin_ = nullptr;
  StatementMap<std::string> prepared_;  // SQL → statement name
  std::uint64_t statements_named_ = 0;
};

}  // namespace sw::storage::postgres
