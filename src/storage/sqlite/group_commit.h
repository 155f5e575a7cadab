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
// order of them is one they could have run in. A write that leaves a row whose deferred foreign
// key finds no parent is refused as it ends, so no write's key fails the group's commit. Only a
// failed commit (or SQLite ending the transaction itself, on a full disk) fails every write of
// the group. Each caller returns once its write is committed or refused. Every write runs on the
// thread of the group's first writer, which the others wait for.
//
// A long write yields. An import's batch holds the writer for 0.2–1 s, and the import has its
// next batch waiting the moment one ends: every group held a batch, and a child's page, whose
// read writes its audit row, waited seconds while an import committed (docs/performance.md).
// So a thread whose write held the writer for kLongWrite or more leaves it to the writes of
// others for as long, while they keep coming: its next write goes once that time has passed, or
// once no other write has run or waited for kIdle. Alone, a long write is not held back.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
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
  // Whether a write waits for the writer, or for the transaction of the group it is in: a long
  // write running may end its transaction for it.
  bool AnyWaiting();

 private:
  using Clock = std::chrono::steady_clock;
  // A write that holds the writer this long is a bulk write's; a child's page or a care record
  // holds it for about a millisecond.
  static constexpr Clock::duration kLongWrite = std::chrono::milliseconds(10);
  // A write that yields goes when no other write has run or waited for this long: writes come
  // from the database threads within microseconds of each other while a server is busy.
  static constexpr Clock::duration kIdle = std::chrono::milliseconds(10);

  struct Waiting {
    const Work* work;
    Status status;
    std::int64_t rows_last_written;  // by its thread's write before
    // Set when its thread's write before held the writer for kLongWrite or more: others go first until then.
    std::optional<Clock::time_point> yields_until;
    std::int64_t rows_written = 0;
    Clock::duration took{};          // its work, on the writer
    bool done = false;
  };
  class Turn;

  // Waits until `mine` is done or may take the writer with a group.
  void WaitForTurn(std::unique_lock<std::mutex>& lock, const Waiting& mine);
  static bool GoesNow(const Waiting& write, Clock::time_point now) { return write.yields_until.value_or(now) <= now; }
  bool MayLead(const Waiting& mine, Clock::time_point now) const;
  bool AnyWaitingGoesNow(Clock::time_point now) const;
  // The writes waiting that go now (all of them when each yields), out of waiting_.
  std::vector<Waiting*> TakeGroup(Clock::time_point now);
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
  std::size_t running_ = 0;  // the writes of the group running on the writer, if one is
  // When the last group holding a write that follows no long write ended: a write that yields
  // waits kIdle from then, for others that keep coming.
  Clock::time_point short_writes_ended_{};
};

}  // namespace sw::storage::sqlite
