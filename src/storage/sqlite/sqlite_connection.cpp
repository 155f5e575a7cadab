#include "storage/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <algorithm>
#include <span>

namespace sw::storage::sqlite {
namespace {

// A bulk insert's rows go this many to a statement. A statement a row costs SQLite a program
// run and its cursors positioned afresh each time: at 256 rows a statement, a 20k-row import
// ran 7% fewer instructions (callgrind; no fewer at 1,000).
constexpr std::size_t kRowsPerInsert = 256;

// On every exit a kept statement is reset, releasing its locks and bindings; another is freed.
class ReleaseOnExit {
 public:
  ReleaseOnExit(sqlite3_stmt* statement, bool kept) : statement_(statement), kept_(kept) {}
  ~ReleaseOnExit() {
    if (!kept_) {
      sqlite3_finalize(statement_);
      return;
    }
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  ReleaseOnExit(const ReleaseOnExit&) = delete;
  ReleaseOnExit& operator=(const ReleaseOnExit&) = delete;

 private:
  sqlite3_stmt* statement_;
  bool kept_;
};

// INSERT OR FAIL INTO table (columns) VALUES (?, …), … for `rows` rows. A row of many that breaks
// a constraint would make a plain INSERT (OR ABORT) take back the rows of its statement before
// it, so SQLite would copy every page the statement changes into a statement journal first: a
// fifth of an import's time and a third of its page faults (docs/performance.md). OR FAIL stops
// at the row and leaves the rest to the transaction's rollback (Executor::BulkInsert).
std::string InsertSql(std::string_view table, const std::vector<std::string>& columns, std::size_t rows) {
  std::string sql = "INSERT OR FAIL INTO " + std::string(table) + " (";
  std::string values = "(";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    sql += (i ? ", " : "") + columns[i];
    values += i ? ", ?" : "?";
  }
  values += ")";
  sql += ") VALUES " + values;
  for (std::size_t row = 1; row < rows; ++row) sql += ", " + values;
  return sql;
}

const char* kPragmas =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=FULL;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA temp_store=MEMORY;";

Value ColumnValue(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_column_int64(statement, column));
    case SQLITE_FLOAT: return sqlite3_column_double(statement, column);
    case SQLITE_NULL: return kNull;
    default: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
      return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
    }
  }
}

// SQLite counts every allocation it makes under one process-wide mutex, for statistics
// Shouwang never reads: with two threads reading, that mutex was 2% of a list's time in SQLite.
// It can only be turned off before SQLite starts, so this runs before the first connection
// opens; had SQLite started already (never here), it would refuse and keep counting: harmless.
void StopCountingMemory() {
  static const int kConfigured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kConfigured;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A statement run with parameters left unbound would read them as NULL: refused instead.
Status AllBound(sqlite3_stmt* statement, std::size_t given) {
  const int expected = sqlite3_bind_parameter_count(statement);
  if (static_cast<int>(given) == expected) return Status::Ok();
  return Status::Internal("statement expects " + std::to_string(expected) + " parameters, got " +
                          std::to_string(given));
}

}  // namespace

std::string ToSqlitePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  std::size_t highest = 0;  // SQLite's count of parameters so far: the highest number given
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '$' && i + 1 < sql.size() && IsDigit(sql[i + 1])) {
      const std::size_t digits = i + 1;
      std::size_t number = 0;
      for (i = digits; i < sql.size() && IsDigit(sql[i]); ++i) {
        number = number * 10 + static_cast<std::size_t>(sql[i] - '0');
      }
      // SQLite numbers a bare "?" one past the highest so far. A "?N" it looks up among the
      // statement's parameters one by one as it writes the statement's code, so a batch's
      // IN list of n "?N" cost n² steps to prepare (a third of an import in 10,000-row
      // batches). The next number is therefore written bare; a repeat or a jump keeps its N.
      out += '?';
      if (number != highest + 1) out += sql.substr(digits, i - digits);
      highest = std::max(highest, number);
      --i;  // the loop steps past the last digit
      continue;
    }
    out += c;
  }
  return out;
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path, Mode mode,
                                                                 int busy_timeout_ms) {
  StopCountingMemory();
  const int flags = (mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                             : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  sqlite3* db = nullptr;
  const int code = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  if (code != SQLITE_OK) {
    return Status::Unavailable("cannot open " + path + ": " + sqlite3_errstr(code));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  if (Status status = connection->ExecuteScript(kPragmas); !status.ok()) return status;
  return connection;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close_v2(db_);
}

Status SqliteConnection::Error(int code, std::string_view what) const {
  std::string detail = std::string(what) + ": " + sqlite3_errmsg(db_);
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Status::Busy(detail);
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Status::Conflict(detail);
      }
      return Status::InvalidArgument("", detail);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY: return Status::Unavailable(detail);
    default: return Status::Internal(detail);
  }
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql, bool keep) {
  if (keep) {
    if (auto found = statements_.find(sql); found != statements_.end()) return found->second;
  }
  const std::string translated = ToSqlitePlaceholders(sql);
  sqlite3_stmt* statement = nullptr;
  const int code = sqlite3_prepare_v3(db_, translated.c_str(), static_cast<int>(translated.size()),
                                      keep ? SQLITE_PREPARE_PERSISTENT : 0, &statement, nullptr);
  if (code != SQLITE_OK) return Error(code, "prepare");
  if (keep) statements_.emplace(sql, statement);
  return statement;
}

Status SqliteConnection::Bind(sqlite3_stmt* statement, const Params& params, bool copy) {
  if (Status counted = AllBound(statement, params.size()); !counted.ok()) return counted;
  return BindFrom(statement, params, 0, copy);
}

Status SqliteConnection::BindFrom(sqlite3_stmt* statement, const Params& params, int skipped, bool copy) {
  for (int i = 0; i < static_cast<int>(params.size()); ++i) {
    const Value& value = params[static_cast<std::size_t>(i)];
    const int at = skipped + i + 1;
    int code = SQLITE_OK;
    if (auto number = std::get_if<std::int64_t>(&value)) {
      code = sqlite3_bind_int64(statement, at, *number);
    } else if (auto real = std::get_if<double>(&value)) {
      code = sqlite3_bind_double(statement, at, *real);
    } else if (auto text = std::get_if<std::string>(&value)) {
      code = sqlite3_bind_text64(statement, at, text->data(), text->size(),
                                 copy ? SQLITE_TRANSIENT : SQLITE_STATIC, SQLITE_UTF8);
    } else {
      code = sqlite3_bind_null(statement, at);
    }
    if (code != SQLITE_OK) return Error(code, "bind");
  }
  return Status::Ok();
}

Result<Rows> SqliteConnection::Query(std::string_view sql, const Params& params) {
  const bool keep = params.size() <= kMostParametersKept;
  auto prepared = Prepare(sql, keep);
  if (!prepared.ok()) return prepared.status();
  sqlite3_stmt* statement = *prepared;
  ReleaseOnExit release(statement, keep);
  if (Status status = Bind(statement, params); !status.ok()) return status;

  Rows rows;
  const int columns = sqlite3_column_count(statement);
  for (;;) {
    const int code = sqlite3_step(statement);
    if (code == SQLITE_DONE) return rows;
    if (code != SQLITE_ROW) return Error(sqlite3_extended_errcode(db_), "step");
    std::vector<Value> row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i) row.push_back(ColumnValue(statement, i));
    rows.Add(std::move(row));
  }
}

Status SqliteConnection::ExecuteScript(std::string_view sql) {
  const std::string script(sql);
  const int code = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, nullptr);
  return code == SQLITE_OK ? Status::Ok() : Error(sqlite3_extended_errcode(db_), "exec");
}

Status SqliteConnection::BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                                    const std::vector<std::vector<Value>>& rows) {
  const auto most_parameters = static_cast<std::size_t>(sqlite3_limit(db_, SQLITE_LIMIT_VARIABLE_NUMBER, -1));
  const std::size_t per_statement =
      std::clamp<std::size_t>(most_parameters / std::max<std::size_t>(columns.size(), 1), 1, kRowsPerInsert);
  std::span<const std::vector<Value>> left(rows);
  // Whole statements are prepared once and kept; the rest, whose count varies, is not kept.
  for (; left.size() >= per_statement; left = left.subspan(per_statement)) {
    if (Status inserted = InsertRows(InsertSql(table, columns, per_statement), left.first(per_statement), true);
        !inserted.ok()) {
      return inserted;
    }
  }
  return left.empty() ? Status::Ok() : InsertRows(InsertSql(table, columns, left.size()), left, false);
}

Status SqliteConnection::InsertRows(std::string_view sql, std::span<const std::vector<Value>> rows, bool keep) {
  auto prepared = Prepare(sql, keep);
  if (!prepared.ok()) return prepared.status();
  sqlite3_stmt* statement = *prepared;
  ReleaseOnExit release(statement, keep);
  int bound = 0;
  for (const std::vector<Value>& row : rows) {
    // Bound in place, without a copy of the text: the rows outlive the step.
    if (Status status = BindFrom(statement, row, bound, false); !status.ok()) return status;
    bound += static_cast<int>(row.size());
  }
  if (Status counted = AllBound(statement, static_cast<std::size_t>(bound)); !counted.ok()) return counted;
  if (sqlite3_step(statement) != SQLITE_DONE) return Error(sqlite3_extended_errcode(db_), "step");
  return Status::Ok();
}

void SqliteConnection::OnCommit(std::function<void(int wal_pages)> committed) {
  committed_ = std::move(committed);
  sqlite3_wal_hook(
      db_,
      [](void* connection, sqlite3*, const char*, int pages) {
        static_cast<SqliteConnection*>(connection)->committed_(pages);
        return SQLITE_OK;
      },
      this);
}

Status SqliteConnection::Checkpoint() {
  const int code = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  return code == SQLITE_OK ? Status::Ok() : Error(code, "checkpoint");
}

bool SqliteConnection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

std::int64_t SqliteConnection::RowsChanged() const { return sqlite3_total_changes64(db_); }

bool SqliteConnection::ForeignKeysUnresolved() const {
  int unresolved = 0, highwater = 0;
  return sqlite3_db_status(db_, SQLITE_DBSTATUS_DEFERRED_FKS, &unresolved, &highwater, 0) == SQLITE_OK &&
         unresolved != 0;
}

}  // namespace sw::storage::sqlite
