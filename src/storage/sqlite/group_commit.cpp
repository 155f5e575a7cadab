#include "storage/sqlite/group_commit.h"

#include "storage/transaction.h"

namespace sw::storage::sqlite {

// The writer's turn with a group: whatever way it ends, the group's writes are done and the next
// waiting write may take the writer.
class GroupCommit::Turn {
 public:
  Turn(GroupCommit& owner, std::vector<Waiting*> group) : owner_(owner), group_(std::move(group)) {}
  ~Turn() {
    {
      std::lock_guard lock(owner_.mutex_);
      for (Waiting* write : group_) write->done = true;
      owner_.running_ = false;
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
  // Refused until it has run: a write its group never reached is not told it was kept.
  Waiting mine{.work = &work, .status = Status::Unavailable("the write was not run"), .done = false};
  std::unique_lock lock(mutex_);
  waiting_.push_back(&mine);
  finished_.wait(lock, [&] { return mine.done || !running_; });
  if (mine.done) return std::move(mine.status);
  running_ = true;
  std::vector<Waiting*> group;
  group.swap(waiting_);
  lock.unlock();
  {
    Turn turn(*this, std::move(group));
    Run(turn.group());
  }
  return std::move(mine.status);
}

void GroupCommit::Run(std::span<Waiting* const> group) {
  if (group.size() == 1) {
    // IMMEDIATE takes the write lock up front, so a transaction never fails half-way through
    // because another process started writing after it read.
    group[0]->status = RunInTransaction(writer_, "BEGIN IMMEDIATE", *group[0]->work);
    return;
  }
  RunTogether(group);
}

void GroupCommit::RunTogether(std::span<Waiting* const> group) {
  const Status begun = writer_.Begin("BEGIN IMMEDIATE");
  if (!begun.ok()) {
    for (Waiting* write : group) write->status = begun;
    return;
  }
  for (Waiting* write : group) {
    const Status going = RunInSavepoint(*write);
    if (going.ok()) continue;
    // What the group wrote cannot be told apart from what this write left: none of it is kept.
    if (writer_.InTransaction()) (void)writer_.End("ROLLBACK");
    for (Waiting* each : group) each->status = going;
    return;
  }
  const Status committed = writer_.End("COMMIT");
  if (committed.ok()) return;
  (void)writer_.End("ROLLBACK");
  for (Waiting* write : group) {
    if (write->status.ok()) write->status = committed;
  }
}

Status GroupCommit::RunInSavepoint(Waiting& write) {
  if (Status saved = writer_.Execute("SAVEPOINT grouped_write"); !saved.ok()) return saved;
  write.status = (*write.work)(writer_);
  if (!writer_.InTransaction()) {
    return write.status.ok() ? Status::Internal("SQLite ended a group's transaction") : write.status;
  }
  if (!write.status.ok()) {
    if (Status undone = writer_.Execute("ROLLBACK TO grouped_write"); !undone.ok()) return undone;
  }
  return writer_.Execute("RELEASE grouped_write");
}

}  // namespace sw::storage::sqlite
