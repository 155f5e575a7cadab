#include "storage/sqlite/wal_checkpointer.h"

#include <spdlog/spdlog.h>

namespace sw::storage::sqlite {

WalCheckpointer::WalCheckpointer(std::unique_ptr<SqliteConnection> connection)
    : connection_(std::move(connection)), thread_([this] { Run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void WalCheckpointer::Committed(SqliteConnection& writer, int wal_pages) {
  if (wal_pages < kPagesBeforeCheckpoint) return;
  if (wal_pages >= kPagesBeforeWriterCopies) return Copy(writer);
  {
    std::lock_guard lock(mutex_);
    wanted_ = true;
  }
  wake_.notify_one();
}

void WalCheckpointer::Run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return wanted_ || stopping_; });
    if (stopping_) return;
    wanted_ = false;
    lock.unlock();
    Copy(*connection_);
    lock.lock();
  }
}

void WalCheckpointer::Copy(SqliteConnection& connection) {
  // Busy only while the other connection copies: the next commit asks again.
  if (Status copied = connection.Checkpoint(); !copied.ok() && copied.code() != StatusCode::kBusy) {
    spdlog::warn("the SQLite log could not be copied into the database: {}", copied.ToString());
  }
}

}  // namespace sw::storage::sqlite
