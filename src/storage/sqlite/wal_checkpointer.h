// Copies SQLite's write-ahead log into the database file on a thread of its own.
//
// By default SQLite does it inside the commit that takes the log past 1,000 pages: that write
// waits for the copy and the database file's fsync, which was a seventh of an import's time
// (docs/performance.md). Here the commit only appends to the log and wakes this thread; a
// passive checkpoint neither waits for nor blocks readers and the writer.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "storage/sqlite/sqlite_connection.h"

namespace sw::storage::sqlite {

class WalCheckpointer {
 public:
  // SQLite's own threshold (SQLITE_DEFAULT_WAL_AUTOCHECKPOINT).
  static constexpr int kPagesBeforeCheckpoint = 1000;
  // Past this (256 MiB of 4 KiB pages) the writer copies the log itself, in its commit, so that
  // a thread that cannot keep up does not let the log grow without bound.
  static constexpr int kPagesBeforeWriterCopies = 65536;

  // `connection`: a read-write connection of its own, used by the thread only.
  explicit WalCheckpointer(std::unique_ptr<SqliteConnection> connection);
  ~WalCheckpointer();  // after the checkpoint under way, if any
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Called in each of `writer`'s commits with the log's length: wakes the thread past the
  // threshold, or copies the log in the commit past the bound.
  void Committed(SqliteConnection& writer, int wal_pages);

 private:
  void Run();
  static void Copy(SqliteConnection& connection);

  std::unique_ptr<SqliteConnection> connection_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool wanted_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the rest is ready
};

}  // namespace sw::storage::sqlite
