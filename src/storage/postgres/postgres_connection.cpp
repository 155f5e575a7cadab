#include "storage/postgres/postgres_connection.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <memory>
#include <utility>

namespace sw::storage::postgres {
namespace {

// Type OIDs from PostgreSQL's pg_type.dat (stable across versions).
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

Value CellValue(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return kNull;
  const char* text = PQgetvalue(result, row, column);
  switch (PQftype(result, column)) {
    case kBool: return static_cast<std::int64_t>(text[0] == 't');
    case kInt2:
    case kInt4:
    case kInt8: return static_cast<std::int64_t>(std::strtoll(text, nullptr, 10));
    case kFloat4:
    case kFloat8: return std::strtod(text, nullptr);
    default: return std::string(text, static_cast<std::size_t>(PQgetlength(result, row, column)));
  }
}

// The server's words for the log, without the parts that can quote row values: DETAIL
// ("Key (id_number)=(…) already exists") and the message of data exceptions (class 22).
std::string LoggableDetail(const PGresult* result, pg_conn* connection, const std::string& sqlstate) {
  if (result == nullptr) return std::string("postgres: ") + PQerrorMessage(connection);
  if (sqlstate.starts_with("22")) return "postgres " + sqlstate + ": data exception";
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  return "postgres " + sqlstate + ": " + (primary ? primary : PQerrorMessage(connection));
}

// Maps SQLSTATE classes to our codes.
Status ErrorFrom(const PGresult* result, pg_conn* connection) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  const std::string detail = LoggableDetail(result, connection, sqlstate);
  if (sqlstate == "23505") return Status::Conflict(detail);
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") return Status::Busy(detail);
  if (sqlstate.starts_with("23") || sqlstate.starts_with("22")) return Status::InvalidArgument("", detail);
  if (sqlstate.empty() || sqlstate.starts_with("08") || sqlstate.starts_with("57")) {
    return Status::Unavailable(detail);
  }
  return Status::Internal(detail);
}

// One value in COPY's text format: \N for NULL; backslash, tab, newline and carriage return
// escaped (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format").
void AppendCopyValue(const Value& value, std::string& line) {
  if (IsNull(value)) {
    line += "\\N";
    return;
  }
  for (char c : AsText(value)) {
    switch (c) {
      case '\\': line += "\\\\"; break;
      case '\t': line += "\\t"; break;
      case '\n': line += "\\n"; break;
      case '\r': line += "\\r"; break;
      default: line += c;
    }
  }
}

// Each statement's result in a pipeline up to its sync, in order. Every statement's results end
// with a null; the sync's does not. A connection that breaks ends in nulls too.
std::vector<ResultPtr> PipelineResults(pg_conn* connection) {
  std::vector<ResultPtr> results;
  for (int nulls = 0; nulls < 2;) {
    PGresult* result = PQgetResult(connection);
    if (result == nullptr) {
      nulls = PQstatus(connection) == CONNECTION_OK ? nulls + 1 : 2;
      continue;
    }
    nulls = 0;
    if (PQresultStatus(result) == PGRES_PIPELINE_SYNC) {
      PQclear(result);
      break;
    }
    results.emplace_back(result, &PQclear);
  }
  return results;
}

// A statement's parameters as libpq takes them: text, or a null pointer for NULL.
struct TextParams {
  explicit TextParams(const Params& params) : texts(params.size()), values(params.size(), nullptr) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (IsNull(params[i])) continue;
      texts[i] = AsText(params[i]);
      values[i] = texts[i].c_str();
    }
  }
  TextParams(const TextParams&) = delete;  // `values` points into this object's `texts`
  TextParams& operator=(const TextParams&) = delete;

  std::vector<std::string> texts;
  std::vector<const char*> values;
};

Rows RowsOf(const PGresult* result) {
  const int column_count = PQnfields(result);
  const int row_count = PQntuples(result);
  Rows rows;
  for (int r = 0; r < row_count; ++r) {
    std::vector<Value> row;
    row.reserve(static_cast<std::size_t>(column_count));
    for (int c = 0; c < column_count; ++c) row.push_back(CellValue(result, r, c));
    rows.Add(std::move(row));
  }
  return rows;
}

constexpr std::size_t kCopyChunkBytes = 1 << 20;

// Statements kept prepared on a connection. The SQL is made from a fixed set of shapes (filters,
// lengths of IN lists), so this bounds the server's memory against unusual ones only.
constexpr std::size_t kMostPrepared = 512;

// The plan cache's modes around statements led by kOnePlan (PostgresConnection::Steps).
constexpr std::string_view kForceGenericPlan = "SET plan_cache_mode = force_generic_plan";
constexpr std::string_view kResetPlanCacheMode = "RESET plan_cache_mode";

}  // namespace

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(const std::string& url) {
  std::unique_ptr<PostgresConnection> connection(new PostgresConnection(PQconnectdb(url.c_str())));
  if (PQstatus(connection->connection_) != CONNECTION_OK) {
    // PQerrorMessage does not repeat the password; the URL itself is never logged.
    return Status::Unavailable(std::string("cannot connect to PostgreSQL: ") +
                               PQerrorMessage(connection->connection_));
  }
  return connection;
}

PostgresConnection::~PostgresConnection() { PQfinish(connection_); }

Status PostgresConnection::EnsureConnected() {
  if (PQstatus(connection_) == CONNECTION_OK) return Status::Ok();
  prepared_.clear();  // the server's session, and its statements, went with the connection
  PQreset(connection_);
  if (PQstatus(connection_) == CONNECTION_OK) return Status::Ok();
  return Status::Unavailable(std::string("PostgreSQL connection lost: ") + PQerrorMessage(connection_));
}

Status PostgresConnection::Begin(const char* begin) {
  pending_begin_ = begin;
  return Status::Ok();
}

Status PostgresConnection::End(const char* end) {
  if (std::exchange(pending_begin_, nullptr) != nullptr) return Status::Ok();
  return Execute(end);
}

Status PostgresConnection::BeginNow() {
  const char* begin = std::exchange(pending_begin_, nullptr);
  return begin ? Execute(begin) : Status::Ok();
}

Result<std::vector<ResultPtr>> PostgresConnection::Run(std::span<const StatementRef> statements) {
  auto steps = Steps(statements);
  if (!steps.ok()) return steps.status();
  pending_begin_ = nullptr;  // among the steps
  bool sent = PQenterPipelineMode(connection_) == 1;
  for (std::size_t i = 0; sent && i < steps->size(); ++i) {
    const PipelineStep& step = (*steps)[i];
    if (step.statement == nullptr) {
      sent = PQsendQueryPrepared(connection_, step.name.c_str(), 0, nullptr, nullptr, nullptr, 0) == 1;
      continue;
    }
    const TextParams params(step.statement->params);  // libpq copies them into its buffer as it sends
    const int count = static_cast<int>(params.values.size());
    if (step.name.empty()) {
      const std::string text(step.statement->sql);  // libpq wants it ended by a null
      sent = PQsendQueryParams(connection_, text.c_str(), count, nullptr, params.values.data(), nullptr, nullptr, 0) == 1;
    } else {
      sent = PQsendQueryPrepared(connection_, step.name.c_str(), count, params.values.data(), nullptr, nullptr, 0) == 1;
    }
  }
  sent = sent && PQpipelineSync(connection_) == 1;
  std::vector<ResultPtr> results = sent ? PipelineResults(connection_) : std::vector<ResultPtr>();
  PQexitPipelineMode(connection_);
  // The first failure comes before the statements the server then skipped (PGRES_PIPELINE_ABORTED).
  for (const ResultPtr& result : results) {
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return ErrorFrom(result.get(), connection_);
  }
  if (results.size() != steps->size()) return ErrorFrom(nullptr, connection_);
  std::vector<ResultPtr> statements_results;
  statements_results.reserve(statements.size());
  for (std::size_t i = 0; i < steps->size(); ++i) {
    if ((*steps)[i].statement != nullptr) statements_results.push_back(std::move(results[i]));
  }
  return statements_results;
}

// Named before the pipeline begins: preparing is a round trip of its own. The BEGIN is prepared
// too: parsed afresh, it took a list's server a fifth as long as its page. Statements led by
// kOnePlan run with the plan cache forced to a generic plan, set back after them; both settings
// are undone with the transaction should it fail between them.
Result<std::vector<PostgresConnection::PipelineStep>> PostgresConnection::Steps(
    std::span<const StatementRef> statements) {
  constexpr std::size_t kMostAdded = 3;  // the BEGIN, the plan cache's mode set and reset
  // Room for the names, made before any is taken: made between two, it would forget the first.
  if (prepared_.size() + statements.size() + kMostAdded > kMostPrepared) {
    PQclear(PQexec(connection_, "DEALLOCATE ALL"));  // fails only in a failed transaction: see Prepared
    prepared_.clear();
  }
  std::vector<PipelineStep> steps;
  steps.reserve(statements.size() + kMostAdded);
  auto add_prepared = [&](std::string_view sql, const StatementRef* statement) -> Status {
    auto name = Prepared(sql);
    if (!name.ok()) return name.status();
    steps.push_back({std::move(name).value(), statement});
    return Status::Ok();
  };
  if (pending_begin_ != nullptr) {
    if (Status added = add_prepared(pending_begin_, nullptr); !added.ok()) return added;
  }
  bool one_plan = false;
  for (const StatementRef& statement : statements) {
    if (statement.sql.starts_with(kOnePlan) != one_plan) {
      one_plan = !one_plan;
      const std::string_view mode = one_plan ? kForceGenericPlan : kResetPlanCacheMode;
      if (Status added = add_prepared(mode, nullptr); !added.ok()) return added;
    }
    // Planned for its values: sent unnamed with its text.
    if (statement.sql.starts_with(kPlanEachRun) || statement.params.size() > kMostParametersKept) {
      steps.push_back({"", &statement});
    } else if (Status added = add_prepared(statement.sql, &statement); !added.ok()) {
      return added;
    }
  }
  if (one_plan) {
    if (Status added = add_prepared(kResetPlanCacheMode, nullptr); !added.ok()) return added;
  }
  return steps;
}

Result<Rows> PostgresConnection::Query(std::string_view sql, const Params& params) {
  const StatementRef statement{sql, params};
  auto ran = Run({&statement, 1});
  if (!ran.ok()) return ran.status();
  return RowsOf(ran->front().get());
}

Result<std::vector<Rows>> PostgresConnection::QueryEach(const std::vector<Statement>& statements) {
  std::vector<StatementRef> refs;
  refs.reserve(statements.size());
  for (const Statement& statement : statements) refs.push_back({statement.sql, statement.params});
  auto ran = Run(refs);
  if (!ran.ok()) return ran.status();
  std::vector<Rows> each;
  each.reserve(ran->size());
  for (const ResultPtr& result : *ran) each.push_back(RowsOf(result.get()));
  return each;
}

// Prepared once a connection, as on SQLite: PostgreSQL parses a statement once, and after five
// runs keeps a generic plan when it expects it to cost no more than planning each run; planning
// was 40% of a list's SQL at a million children (docs/performance.md). A statement whose plan
// must follow its values is led by kPlanEachRun. Named statements outlive a rolled
// back transaction; names are never reused, so one forgotten here costs only its memory.
Result<std::string> PostgresConnection::Prepared(std::string_view sql) {
  if (auto found = prepared_.find(sql); found != prepared_.end()) return found->second;
  std::string name = "sw" + std::to_string(++statements_named_);
  const std::string text(sql);
  ResultPtr result(PQprepare(connection_, name.c_str(), text.c_str(), 0, nullptr), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) return ErrorFrom(result.get(), connection_);
  prepared_.emplace(text, name);
  return name;
}

Status PostgresConnection::ExecuteScript(std::string_view sql) {
  if (Status begun = BeginNow(); !begun.ok()) return begun;
  const std::string script(sql);
  ResultPtr result(PQexec(connection_, script.c_str()), &PQclear);
  const ExecStatusType status = PQresultStatus(result.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Status::Ok();
  return ErrorFrom(result.get(), connection_);
}

Status PostgresConnection::BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                                      const std::vector<std::vector<Value>>& rows) {
  if (Status begun = BeginNow(); !begun.ok()) return begun;
  std::string sql = "COPY " + std::string(table) + " (";
  for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
  sql += ") FROM STDIN";
  ResultPtr started(PQexec(connection_, sql.c_str()), &PQclear);
  if (PQresultStatus(started.get()) != PGRES_COPY_IN) return ErrorFrom(started.get(), connection_);

  std::string chunk;
  bool sent = true;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) chunk += '\t';
      AppendCopyValue(row[i], chunk);
    }
    chunk += '\n';
    if (chunk.size() >= kCopyChunkBytes) {
      sent = sent && PQputCopyData(connection_, chunk.data(), static_cast<int>(chunk.size())) == 1;
      chunk.clear();
    }
  }
  if (!chunk.empty()) sent = sent && PQputCopyData(connection_, chunk.data(), static_cast<int>(chunk.size())) == 1;
  PQputCopyEnd(connection_, sent ? nullptr : "client failed to send the rows");
  ResultPtr finished(PQgetResult(connection_), &PQclear);
  Status status = PQresultStatus(finished.get()) == PGRES_COMMAND_OK ? Status::Ok()
                                                                    : ErrorFrom(finished.get(), connection_);
  // Drain any further results so the connection is ready for the next command.
  while (PGresult* extra = PQgetResult(connection_)) PQclear(extra);
  return status;
}

}  // namespace sw::storage::postgres
