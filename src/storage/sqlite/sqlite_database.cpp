#include "storage/sqlite/sqlite_database.h"

#include <filesystem>
#include "storage/transaction.h"

namespace sw::storage::sqlite {
namespace {

constexpr int kWriteAttempts = 5;

}  // namespace

Result<std::unique_ptr<Database>> SqliteDatabase::Open(const std::string& path,
                                                       const OpenOptions& options) {
  std::error_code error;
  const auto directory = std::filesystem::path(path).parent_path();
  if (!directory.empty()) std::filesystem::create_directories(directory, error);
  if (error) return Status::Unavailable("cannot create " + directory.string() + ": " + error.message());

  std::unique_ptr<SqliteDatabase> database(new SqliteDatabase(options));
  auto writer = SqliteConnection::Open(path, SqliteConnection::Mode::kReadWrite, options.busy_timeout_ms);
  if (!writer.ok()) return writer.status();
  database->writer_ = std::move(writer).value();
  database->writes_ = std::make_unique<GroupCommit>(*database->writer_);
  auto checkpointing = SqliteConnection::Open(path, SqliteConnection::Mode::kReadWrite, options.busy_timeout_ms);
  if (!checkpointing.ok()) return checkpointing.status();
  database->checkpointer_ = std::make_unique<WalCheckpointer>(std::move(checkpointing).value());
  database->writer_->OnCommit([writer = database->writer_.get(), checkpointer = database->checkpointer_.get()](
                                  int wal_pages) { checkpointer->Committed(*writer, wal_pages); });
  // In KiB (negative); the pages are allocated as they are read, so an idle server holds none.
  const char* cache = options.bulk_load ? "PRAGMA cache_size=-1048576;" : "PRAGMA cache_size=-32768;";
  if (Status sized = database->writer_->ExecuteScript(cache); !sized.ok()) return sized;
  for (int i = 0; i < options.connections; ++i) {
    auto reader = SqliteConnection::Open(path, SqliteConnection::Mode::kReadOnly, options.busy_timeout_ms);
    if (!reader.ok()) return reader.status();
    database->readers_.Add(std::move(reader).value());
  }
  return std::unique_ptr<Database>(std::move(database));
}

Result<Pool<SqliteConnection>::Lease> SqliteDatabase::Reader() {
  auto lease = readers_.Acquire(std::chrono::milliseconds(options_.acquire_timeout_ms));
  if (!lease) return Status::Unavailable("no SQLite reader came free in time");
  return std::move(*lease);
}

Result<Rows> SqliteDatabase::Query(std::string_view sql, const Params& params) {
  auto reader = Reader();
  if (!reader.ok()) return reader.status();
  return (*reader)->Query(sql, params);
}

Status SqliteDatabase::Read(const Work& work) {
  auto reader = Reader();
  if (!reader.ok()) return reader.status();
  return RunInTransaction(**reader, "BEGIN DEFERRED", work);
}

Status SqliteDatabase::Write(const Work& work) {
  return RetryWhileBusy(kWriteAttempts, [&] { return writes_->Write(work); });
}

Status SqliteDatabase::Ping() { return Query("SELECT 1", {}).status(); }

}  // namespace sw::storage::sqlite
