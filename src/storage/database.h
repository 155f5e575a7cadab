// The storage interface every layer above uses; backends live in sqlite/ and postgres/.
//
// SQL is written once, PostgreSQL-style: parameters are $1, $2, … and the SQLite backend
// rewrites them to its own ?1, ?2, …. Anything else that differs between the two dialects
// stays inside storage/ (see Dialect).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "storage/rows.h"

namespace sw::storage {

enum class Dialect { kSqlite, kPostgres };

const char* DialectName(Dialect dialect);

// Whether every write waits for the writes before it: SQLite has one writer (committing the
// writes that wait together in one transaction); PostgreSQL writes side by side.
bool WritesWaitForOneWriter(Dialect dialect);

// Leading a statement, asks for it to be planned for its values each time it runs. PostgreSQL
// otherwise keeps one plan for any values once a statement has run five times (a generic plan),
// which for a search by the start of a name led by the scope rather than by the name's index:
// 3× slower. SQLite plans without the values anyway, and ignores the comment.
inline constexpr std::string_view kPlanEachRun = "/* plan each run */ ";

// Leading a statement, asks for one plan for any values from its first run: PostgreSQL keeps a
// generic plan only when it expects it to cost no more than the plans it makes for the values,
// and a search by a key within its county, the same plan whatever the key, was never kept: its
// index range, estimated without its values, holds forty times the matches it holds with them.
// Planned each run, such a search spent more time planning than running (docs/performance.md).
// SQLite plans without the values anyway, and ignores the comment.
inline constexpr std::string_view kOnePlan = "/* one plan for any values */ ";

// A query of more parameters than this is a batch's IN list: its SQL as long as its list and
// seldom the same twice, its plan made for a table the batch itself is filling. Both databases
// prepare it for its one run and keep nothing of it. Kept, every batch's statement stayed in
// each connection that ran it; on PostgreSQL a kept plan, made while an import's first batches
// found the table empty, read the whole table for each later batch.
inline constexpr std::size_t kMostParametersKept = 256;

// One statement with its $n parameters, for Executor::QueryEach.
struct Statement {
  std::string sql;
  Params params;
};

// One connection's worth of work: what a transaction body receives.
class Executor {
 public:
  virtual ~Executor() = default;
  // One statement with $n parameters. Rows are empty for statements that return none.
  virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Statements none of whose parameters hang on another's rows, run in order: each one's rows,
  // or the first failure. PostgreSQL sends them in one round trip (a pipeline); a list's page
  // and its total so cost one wait for the server rather than two.
  virtual Result<std::vector<Rows>> QueryEach(const std::vector<Statement>& statements);
  // Several statements, no parameters (migrations).
  virtual Status ExecuteScript(std::string_view sql) = 0;

  // Appends `rows` to `table` as fast as the backend allows: PostgreSQL's COPY, or on SQLite
  // prepared INSERTs of up to 256 rows each. Each row has one value per column. On failure the
  // rows before the one refused may be in: the transaction is to be rolled back.
  // REQUIRES: `table` and `columns` are identifiers written in code, never user input.
  virtual Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                            const std::vector<std::vector<Value>>& rows) = 0;

  Status Execute(std::string_view sql, const Params& params = {}) {
    return Query(sql, params).status();
  }

  // Starts a transaction with `begin`. A backend may send it with the transaction's first
  // statement instead (PostgreSQL: a round trip less).
  virtual Status Begin(const char* begin) { return Execute(begin); }
  // Ends the transaction with `end` ("COMMIT" or "ROLLBACK").
  virtual Status End(const char* end) { return Execute(end); }
};

using Work = std::function<Status(Executor&)>;

// Thread-safe; shared by all request threads. Each call borrows a connection for its duration.
class Database {
 public:
  virtual ~Database() = default;

  virtual Dialect dialect() const = 0;

  // One read-only statement on a reader connection.
  virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;

  // `work` in one read-only transaction: every statement sees the same snapshot.
  virtual Status Read(const Work& work) = 0;

  // `work` in one write transaction: committed if it returns ok, rolled back otherwise.
  // When the database reports a transient conflict (SQLite busy, PostgreSQL serialization
  // failure or deadlock) the transaction is rolled back and `work` runs again, so `work` must
  // have no effects outside the database. It may run on the thread of another caller, whose
  // write SQLite commits with it (GroupCommit).
  virtual Status Write(const Work& work) = 0;

  // Whether another write waits for this one's transaction to end: a long write (an import's
  // batches) ends it then, and goes on in a new one. PostgreSQL's writes wait only for the rows
  // they share, which it cannot tell beforehand, so a long write there always ends (true).
  virtual bool WritesWaiting() { return true; }

  // Whether the database answers at all (for /readyz).
  virtual Status Ping() = 0;

  // After a bulk load (shouwang demo --children): PostgreSQL gathers its planner's statistics
  // and marks the pages all-visible (VACUUM ANALYZE), which autovacuum would otherwise do, on
  // the same two cores, while the first requests run. Nothing on SQLite, whose plans take no
  // statistics.
  virtual Status AfterBulkLoad() { return Status::Ok(); }
};

struct OpenOptions {
  int connections = 8;           // pool size (SQLite: readers; the writer is one more)
  int busy_timeout_ms = 5000;    // how long a statement waits for a lock before failing busy
  int acquire_timeout_ms = 10000;  // how long a caller waits for a free pooled connection
  // A bulk load of rows consistent by construction (shouwang demo --children). SQLite's writer
  // gets a 1 GiB page cache rather than its usual 32 MiB: rows land all over big indexes, and a
  // page the cache cannot hold is read and written through the operating system again and
  // again (with SQLite's default 2 MiB an import's batch did so 25 times a row). PostgreSQL's
  // connections skip the foreign-key triggers (a row of care_records would otherwise look up
  // its child, organisation and author) when the role may, that is a superuser's.
  bool bulk_load = false;
};

// Opens "sqlite:///abs/path.db" (creating the file and its directory) or
// "postgresql://…" / "postgres://…". Fails with Unavailable if the database cannot be reached,
// InvalidArgument("database_url") if the URL is not understood.
Result<std::unique_ptr<Database>> Open(const std::string& url, const OpenOptions& options = {});

}  // namespace sw::storage
