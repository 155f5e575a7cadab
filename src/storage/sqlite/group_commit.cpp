#include "storage/sqlite/group_commit.h"

#include <algorithm>

namespace sw::storage::sqlite {
namespace {

// SQLite rolls a transaction back itself on some errors (a full disk, out of memory).
Status TransactionEnded() { return Status::Internal("SQLite ended the transaction"); }

// As SqliteConnection::Error words an immediate key's failure.
Status ForeignKeyUnresolved() { return Status::InvalidArgument("", "FOREIGN KEY constraint failed"); }

}  // namespace

// The writer's turn with a group: whatever way it ends, the group's writes are done and the next
// waiting write may take the writer.
class GroupCommit::Turn {
 public:
  Turn(GroupCommit& owner, std::vector<Waiting*> group) : owner_(owner), group_(std::move(group)) {}
  ~Turn() {
    const bool holds_short_write =
        std::any_of(group_.begin(), group_.end(), [](const Waiting* write) { return !write->yields_until; });
    {
      std::lock_guard lock(owner_.mutex_);
      for (Waiting* write : group_) write->done = true;
      owner_.running_ = 0;
      if (holds_short_write) owner_.short_writes_ended_ = Clock::now();
    }
    owner_.finished_.notify_all();
  }
  Turn(const Turn&) = delete;
  Turn& operator=(const Turn&) = delete;

  std::span<Waiting* const> group() const { return group_; }

 private:
  GroupCommit& owner_;
  std::vector<Waiting*> group_;
};

Status GroupCommit::Write(const Work& work) {
  // Per thread, whatever the database: they only order the writes, and any order of writes that
  // wait together is one they could have run in.
  thread_local std::int64_t rows_last_written = 0;
  thread_local std::optional<Clock::time_point> yields_until;
  // Refused until it has run: a write its group never reached is not told it was kept.
  Waiting mine{.work = &work, .status = Status::Unavailable("the write was not run"),
               .rows_last_written = rows_last_written, .yields_until = yields_until};
  std::unique_lock lock(mutex_);
  waiting_.push_back(&mine);
  WaitForTurn(lock, mine);
  if (!mine.done) {
    std::vector<Waiting*> group = TakeGroup(Clock::now());
    running_ = group.size();
    lock.unlock();
    LargestFirst(group);
    Turn turn(*this, std::move(group));
    Run(turn.group());
  }
  rows_last_written = mine.rows_written;
  yields_until = mine.took >= kLongWrite ? std::optional(Clock::now() + mine.took) : std::nullopt;
  return std::move(mine.status);
}

bool GroupCommit::AnyWaiting() {
  std::lock_guard lock(mutex_);
  return !waiting_.empty() || running_ > 1;  // the others of the group wait for its transaction too
}

void GroupCommit::WaitForTurn(std::unique_lock<std::mutex>& lock, const Waiting& mine) {
  for (;;) {
    if (mine.done) return;
    const Clock::time_point now = Clock::now();
    if (running_ == 0 && MayLead(mine, now)) return;
    // A write that goes now takes the writer, and its group's end wakes this one.
    if (running_ > 0 || AnyWaitingGoesNow(now)) {
      finished_.wait(lock);
    } else {  // `mine` yields, or it would lead
      finished_.wait_until(lock, std::min(*mine.yields_until, short_writes_ended_ + kIdle));
    }
  }
}

bool GroupCommit::MayLead(const Waiting& mine, Clock::time_point now) const {
  return GoesNow(mine, now) || (!AnyWaitingGoesNow(now) && short_writes_ended_ + kIdle <= now);
}

bool GroupCommit::AnyWaitingGoesNow(Clock::time_point now) const {
  return std::any_of(waiting_.begin(), waiting_.end(), [now](const Waiting* write) { return GoesNow(*write, now); });
}

std::vector<GroupCommit::Waiting*> GroupCommit::TakeGroup(Clock::time_point now) {
  auto yielding = std::stable_partition(waiting_.begin(), waiting_.end(),
                                        [now](const Waiting* write) { return GoesNow(*write, now); });
  if (yielding == waiting_.begin()) yielding = waiting_.end();  // each yields: they all go
  std::vector<Waiting*> group(waiting_.begin(), yielding);
  waiting_.erase(waiting_.begin(), yielding);
  return group;
}

void GroupCommit::LargestFirst(std::vector<Waiting*>& group) {
  const auto largest = std::max_element(group.begin(), group.end(), [](const Waiting* left, const Waiting* right) {
    return left->rows_last_written < right->rows_last_written;
  });
  std::rotate(group.begin(), largest, largest + 1);
}

void GroupCommit::Run(std::span<Waiting* const> group) {
  const auto open = OpenWithFirstKept(group);
  if (open.empty()) return;
  for (Waiting* write : open.subspan(1)) {
    const Status going = RunInSavepoint(*write);
    if (going.ok()) continue;
    // What the group wrote cannot be told apart from what this write left: none of it is kept.
    if (writer_.InTransaction()) (void)writer_.End("ROLLBACK");
    return Fail(open, going);
  }
  const Status committed = writer_.End("COMMIT");
  if (committed.ok()) return;
  (void)writer_.End("ROLLBACK");
  for (Waiting* write : open) {
    if (write->status.ok()) write->status = committed;
  }
}

std::span<GroupCommit::Waiting* const> GroupCommit::OpenWithFirstKept(std::span<Waiting* const> group) {
  for (std::size_t first = 0; first < group.size(); ++first) {
    // IMMEDIATE takes the write lock up front, so a transaction never fails half-way through
    // because another process started writing after it read.
    if (const Status begun = writer_.Begin("BEGIN IMMEDIATE"); !begun.ok()) {
      Fail(group.subspan(first), begun);
      return {};
    }
    Waiting& write = *group[first];
    RunWork(write);
    const bool open = writer_.InTransaction();
    if (write.status.ok() && open) return group.subspan(first);
    if (write.status.ok()) write.status = TransactionEnded();
    if (open) (void)writer_.End("ROLLBACK");
  }
  return {};
}

void GroupCommit::RunWork(Waiting& write) {
  const std::int64_t rows_before = writer_.RowsChanged();
  const Clock::time_point started = Clock::now();
  write.status = (*write.work)(writer_);
  // A foreign key deferred to the commit (migration 29) is the write's to keep: one that leaves
  // a row without its parent is refused here, as its statement was before, and taken back alone.
  if (write.status.ok() && writer_.ForeignKeysUnresolved()) write.status = ForeignKeyUnresolved();
  write.took = Clock::now() - started;
  write.rows_written = writer_.RowsChanged() - rows_before;
}

void GroupCommit::Fail(std::span<Waiting* const> writes, const Status& status) {
  for (Waiting* write : writes) write->status = status;
}

Status GroupCommit::RunInSavepoint(Waiting& write) {
  if (Status saved = writer_.Execute("SAVEPOINT grouped_write"); !saved.ok()) return saved;
  RunWork(write);
  if (!writer_.InTransaction()) {
    return write.status.ok() ? TransactionEnded() : write.status;
  }
  if (!write.status.ok()) {
    if (Status undone = writer_.Execute("ROLLBACK TO grouped_write"); !undone.ok()) return undone;
  }
  return writer_.Execute("RELEASE grouped_write");
}

}  // namespace sw::storage::sqlite
