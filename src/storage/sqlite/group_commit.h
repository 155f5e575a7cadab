// SQLite's write transactions committed in groups.
//
// A commit is an fsync of the write-ahead log (0.31 ms on the bench's disk, docs/performance.md),
// and SQLite has one writer: a child's page, whose read is audited, waited for every earlier
// write's fsync and then paid its own. Here the writes that arrive while one runs wait together,
// and the first of them to go runs them all in one transaction and commits once. A write that
// finds none running runs alone, as it always did.
//
// Within a group each write sees what the earlier ones wrote, and each after the first runs in a
// savepoint of its own, so a write that fails is taken back alone: a group leaves what its writes
// would have left one after the other. A savepoint keeps a copy of every page its write changes
// (an import's batch took 16% longer in one, and the server held 130 MB more), so the write whose
// thread last wrote the most rows goes first: the writes of a group arrived together, and any
// order of them is one they could have run in. Only a failed commit (or SQLite ending the transaction itself, on a full
// disk) fails every write of the group. Each caller returns once its write is committed or
// refused. Every write runs on the thread of the group's first writer, which the others wait for.
#pragma once

#include <condition_variable>
#include <mutex>
#include <span>
#include <vector>

#include "storage/sqlite/sqlite_connection.h"

namespace sw::storage::sqlite {

class GroupCommit {
 public:
  explicit GroupCommit(SqliteConnection& writer) : writer_(writer) {}
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // `work` in a write transaction, alone or with the writes waiting beside it (one attempt:
  // a busy database is the caller's to retry).
  Status Write(const Work& work);

 private:
  struct Waiting {
    const Work* work;
    Status status;
    std::int64_t rows_last_written;  // by its thread's write before
    std::int64_t rows_written = 0;
    bool done = false;
  };
  class Turn;

  static void LargestFirst(std::vector<Waiting*>& group);
  void Run(std::span<Waiting* const> group);
  // Begins the transaction with the first write of `group` that succeeds, in no savepoint: the
  // writes before it failed alone, each its transaction rolled back. The writes from it on; none
  // when every write failed or the transaction could not begin.
  std::span<Waiting* const> OpenWithFirstKept(std::span<Waiting* const> group);
  // `write` in a savepoint, taken back alone if it fails. A failure returned is the group's: it
  // cannot go on, and none of its writes is kept.
  Status RunInSavepoint(Waiting& write);
  void RunWork(Waiting& write);
  static void Fail(std::span<Waiting* const> writes, const Status& status);

  SqliteConnection& writer_;
  std::mutex mutex_;
  std::condition_variable finished_;
  std::vector<Waiting*> waiting_;
  bool running_ = false;  // a group is running on the writer
};

}  // namespace sw::storage::sqlite
