// One sqlite3 connection with a cache of prepared statements. Not thread-safe: the pool
// hands it to one thread at a time.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>

#include "storage/database.h"
#include "storage/statement_map.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sw::storage::sqlite {

class SqliteConnection final : public Executor {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, Mode mode,
                                                        int busy_timeout_ms);
  ~SqliteConnection() override;

  Result<Rows> Query(std::string_view sql, const Params& params = {}) override;
  Status ExecuteScript(std::string_view sql) override;
  Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<std::vector<Value>>& rows) override;

  // Calls `committed` with the write-ahead log's length in pages after each commit, in place of
  // SQLite's own checkpoint at commit (sqlite3_wal_hook replaces it). What `committed` uses must
  // outlive the connection's commits.
  void OnCommit(std::function<void(int wal_pages)> committed);
  // Copies into the database file what it can of the log, without waiting for readers or the
  // writer (a passive checkpoint).
  Status Checkpoint();
  // Whether a transaction is open. SQLite ends one itself on some errors (a full disk, out of
  // memory): work that went on would run outside it, each statement its own commit.
  bool InTransaction() const;
  // Rows inserted, changed or deleted through the connection since it opened.
  std::int64_t RowsChanged() const;
  // Whether the transaction leaves a row whose deferred foreign key finds no parent (migration
  // 29 defers the children's and the families'): its commit would fail.
  bool ForeignKeysUnresolved() const;

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  // `keep`: looked for and kept among the connection's statements; otherwise prepared afresh,
  // for the caller to finalize.
  Result<sqlite3_stmt*> Prepare(std::string_view sql, bool keep = true);
  // `copy`: SQLite keeps its own copy of text (the values may go before the statement runs);
  // otherwise the values must outlive the step.
  Status Bind(sqlite3_stmt* statement, const Params& params, bool copy = true);
  // Binds `params` to the parameters after the first `skipped`.
  Status BindFrom(sqlite3_stmt* statement, const Params& params, int skipped, bool copy);
  // `rows` in one INSERT, `sql` having their parameters.
  Status InsertRows(std::string_view sql, std::span<const std::vector<Value>> rows, bool keep);
  Status Error(int code, std::string_view what) const;

  sqlite3* db_;
  std::function<void(int)> committed_;
  StatementMap<sqlite3_stmt*> statements_;
};

// "$1 … $n" → "? … ?" in the order they first appear, "?k" for a repeat or a jump; quoted
// text is left alone.
std::string ToSqlitePlaceholders(std::string_view sql);

}  // namespace sw::storage::sqlite
