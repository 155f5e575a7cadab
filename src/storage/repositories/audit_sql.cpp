#include "storage/repositories/row_sql.h"
#include "storage/repositories/scope_sql.h"
#include "storage/repositories/sql_repositories.h"

namespace sw::storage {
namespace {

using domain::AuditEntry;

// Appends are serialised so the chain has one order: SQLite's writer lock already does it;
// PostgreSQL servers take this advisory lock until their transaction ends.
constexpr const char* kPostgresAuditLock = "SELECT pg_advisory_xact_lock(727275)";
constexpr std::int64_t kVerifyBatch = 5000;

const std::vector<std::string> kColumnList = {"seq", "at", "user_id", "role", "org_id", "action", "object_type",
                                              "object_id", "outcome", "request_id", "client_address", "prev_hash",
                                              "hash"};
const std::string kColumns = ColumnNames(kColumnList);

AuditEntry EntryFromRow(const std::vector<Value>& row) {
  return AuditEntry{.seq = AsInt(row[0]), .at = AsText(row[1]),
                    .actor = {.user_id = AsText(row[2]), .role = AsText(row[3]), .org_id = AsText(row[4]),
                              .request_id = AsText(row[9]), .client_address = AsText(row[10])},
                    .action = AsText(row[5]), .object_type = AsText(row[6]), .object_id = AsText(row[7]),
                    .outcome = domain::ParseOutcome(AsText(row[8])).value_or(domain::Outcome::kError), .prev_hash = AsText(row[11]), .hash = AsText(row[12])};
}

// "(org_id = '' OR org_id in scope)" plus "AND column = $n" for each non-empty filter.
std::string Where(const domain::Scope& scope, const std::vector<std::pair<const char*, std::string>>& filters,
                  Params& params) {
  std::string where = "(org_id = '' OR " + InScope("org_id", scope, params) + ")";
  for (const auto& [condition, value] : filters) {
    if (value.empty()) continue;
    params.emplace_back(value);
    where += std::string(" AND ") + condition + " $" + std::to_string(params.size());
  }
  return where;
}

}  // namespace

Result<std::vector<AuditEntry>> SqlAuditLog::Search(const domain::AuditQuery& query, const domain::Scope& scope) {
  Params params;
  std::string where = Where(scope,
                            {{"user_id =", query.user_id}, {"object_type =", query.object_type},
                             {"object_id =", query.object_id}, {"action =", query.action},
                             {"at >=", query.from}, {"at <", query.to}},
                            params);
  if (query.before_seq > 0) {
    params.emplace_back(query.before_seq);
    where += " AND seq < $" + std::to_string(params.size());
  }
  params.emplace_back(query.limit);
  auto rows = tx_.Query("SELECT " + kColumns + " FROM audit_log WHERE " + where +
                            " ORDER BY seq DESC LIMIT $" + std::to_string(params.size()),
                        params);
  if (!rows.ok()) return rows.status();
  std::vector<AuditEntry> entries;
  for (const auto& row : *rows) entries.push_back(EntryFromRow(row));
  return entries;
}

Result<std::vector<domain::AccessCount>> SqlAuditLog::Report(const std::string& from, const std::string& to,
                                                             const domain::Scope& scope) {
  Params params;
  const std::string where = Where(scope, {{"at >=", from}, {"at <", to}}, params);
  auto rows = tx_.Query("SELECT org_id, action, outcome, COUNT(*) FROM audit_log WHERE " + where +
                            " GROUP BY org_id, action, outcome ORDER BY org_id, action, outcome",
                        params);
  if (!rows.ok()) return rows.status();
  std::vector<domain::AccessCount> counts;
  for (const auto& row : *rows) {
    counts.push_back({AsText(row[0]), AsText(row[1]), AsText(row[2]), AsInt(row[3])});
  }
  return counts;
}

Status SqlAuditLog::AppendMany(std::vector<AuditEntry> entries) {
  if (entries.empty()) return Status::Ok();
  if (dialect_ == Dialect::kPostgres) {
    if (Status locked = tx_.Execute(kPostgresAuditLock); !locked.ok()) return locked;
  }
  auto last = tx_.Query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!last.ok()) return last.status();
  std::int64_t seq = last->empty() ? 0 : AsInt((*last)[0][0]);
  std::string prev_hash = last->empty() ? domain::kGenesisHash : AsText((*last)[0][1]);
  auto row_of = [&](AuditEntry& entry) -> Params {
    entry.seq = ++seq;
    entry.prev_hash = std::move(prev_hash);
    entry.hash = domain::ChainHash(entry);
    prev_hash = entry.hash;
    return {entry.seq, entry.at, entry.actor.user_id, entry.actor.role, entry.actor.org_id, entry.action,
            entry.object_type, entry.object_id, std::string(domain::OutcomeName(entry.outcome)),
            entry.actor.request_id, entry.actor.client_address, entry.prev_hash, entry.hash};
  };
  // One row is one INSERT: PostgreSQL's COPY would take three round trips for it.
  if (entries.size() == 1) return InsertRow(tx_, "audit_log", kColumnList, row_of(entries.front()));
  return InsertRows(tx_, "audit_log", kColumnList, std::span<AuditEntry>(entries), row_of);
}

Result<domain::ChainCheck> SqlAuditLog::Verify() {
  domain::ChainCheck check;
  std::string expected_prev = domain::kGenesisHash;
  std::int64_t expected_seq = 1;
  for (;;) {
    auto rows = tx_.Query("SELECT " + kColumns + " FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2",
                          {expected_seq, kVerifyBatch});
    if (!rows.ok()) return rows.status();
    for (const auto& row : *rows) {
      const AuditEntry entry = EntryFromRow(row);
      const bool intact = entry.seq == expected_seq && entry.prev_hash == expected_prev &&
                          entry.hash == domain::ChainHash(entry);
      if (!intact) {
        check.first_bad_seq = expected_seq;
        return check;
      }
      ++check.entries;
      ++expected_seq;
      expected_prev = entry.hash;
    }
    if (static_cast<std::int64_t>(rows->size()) < kVerifyBatch) return check;
  }
}

}  // namespace sw::storage
