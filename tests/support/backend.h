// Which database a test binary runs against, chosen by its --backend=sqlite|postgres argument
// (CTest registers each suite once per backend), and a fresh, empty database for each test.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace sw::storage {
class Database;
}  // namespace sw::storage

namespace sw::testing {

enum class Backend { kSqlite, kPostgres };

Backend CurrentBackend();
const char* BackendName();

// A new, empty database, removed again when the object goes away.
class FreshDatabase {
 public:
  FreshDatabase();
  ~FreshDatabase();
  FreshDatabase(const FreshDatabase&) = delete;
  FreshDatabase& operator=(const FreshDatabase&) = delete;

  const std::string& url() const { return url_; }
  // A scratch directory for this test (the server's data_dir).
  const std::filesystem::path& directory() const { return directory_; }

 private:
  std::filesystem::path directory_;
  std::string url_;
  std::string postgres_name_;  // set for PostgreSQL
};

// The number `sql` gives (the first column of its first row) on `database`: a count. -1, with a
// test failure, when it cannot be read.
std::int64_t CountOf(storage::Database& database, const std::string& sql);
// The same on `fresh`'s database, read by a connection of its own: a count while a server or a
// command writes there.
std::int64_t CountOf(const FreshDatabase& fresh, const std::string& sql);

// Records in the database at `url` a migration past this program's last, as a newer program
// would have applied it.
void RecordANewerSchema(const std::string& url);

// Reads --backend=… from argv (removing it). Called by test_main.cpp.
void ParseBackendFlag(int& argc, char** argv);

}  // namespace sw::testing
