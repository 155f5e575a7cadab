// SQLite as a server database: WAL, one writer connection whose writes are committed in groups
// (GroupCommit), a pool of readers, and a thread that copies the log into the database
// (WalCheckpointer).
//
// SQLite allows one writer at a time per file; serialising writers in the process (rather
// than letting connections fight over the lock) keeps write latency flat. Readers never block
// the writer in WAL mode. Writes from another process (`shouwang migrate` beside a running
// server) are absorbed by busy_timeout and, beyond it, by retrying the transaction.
#pragma once

#include "storage/database.h"
#include "storage/pool.h"
#include "storage/sqlite/group_commit.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/wal_checkpointer.h"

namespace sw::storage::sqlite {

class SqliteDatabase final : public Database {
 public:
  // `path` is a file path; its directory is created if missing.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, const OpenOptions& options);

  Dialect dialect() const override { return Dialect::kSqlite; }
  Result<Rows> Query(std::string_view sql, const Params& params) override;
  Status Read(const Work& work) override;
  Status Write(const Work& work) override;
  bool WritesWaiting() override { return writes_->AnyWaiting(); }
  Status Ping() override;

 private:
  explicit SqliteDatabase(const OpenOptions& options) : options_(options) {}
  Result<Pool<SqliteConnection>::Lease> Reader();

  OpenOptions options_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // outlives the writer, whose commits call it
  std::unique_ptr<SqliteConnection> writer_;
  std::unique_ptr<GroupCommit> writes_;  // on writer_
  Pool<SqliteConnection> readers_;
};

}  // namespace sw::storage::sqlite
