// Transfers between schools in SQL.
#include "storage/repositories/row_sql.h"
#include "storage/repositories/scope_sql.h"
#include "storage/repositories/sql_repositories.h"

namespace sw::storage {
namespace {

using domain::ChildTransfer;

const std::vector<std::string>& Columns() {
  static const std::vector<std::string> kColumns = {
      "id",         "child_id",   "from_org_id", "to_org_id", "reason", "state",   "requested_at",
      "requested_by", "decided_at", "decided_by", "note",      "snapshot", "version"};
  return kColumns;
}

Params ValuesOf(const ChildTransfer& transfer) {
  return {transfer.id,           transfer.child_id,   transfer.from_org_id, transfer.to_org_id, transfer.reason,
          transfer.state,        transfer.requested_at, transfer.requested_by, transfer.decided_at,
          transfer.decided_by,   transfer.note,       transfer.snapshot,    transfer.version};
}

constexpr const char* kSelect =
    "SELECT t.id, t.child_id, t.from_org_id, t.to_org_id, t.reason, t.state, t.requested_at, t.requested_by, "
    "t.decided_at, t.decided_by, t.note, t.snapshot, t.version, f.code, o.code, c.name, c.gender, c.birth_date, "
    "c.id_number FROM child_transfers t JOIN orgs f ON f.id = t.from_org_id JOIN orgs o ON o.id = t.to_org_id "
    "JOIN children c ON c.id = t.child_id ";

ChildTransfer TransferFromRow(const std::vector<Value>& row) {
  ChildTransfer transfer;
  std::size_t at = 0;
  for (std::string* text : {&transfer.id, &transfer.child_id, &transfer.from_org_id, &transfer.to_org_id,
                            &transfer.reason, &transfer.state, &transfer.requested_at, &transfer.requested_by,
                            &transfer.decided_at, &transfer.decided_by, &transfer.note, &transfer.snapshot}) {
    *text = AsText(row[at++]);
  }
  transfer.version = AsInt(row[at++]);
  for (std::string* text : {&transfer.from_org_code, &transfer.to_org_code, &transfer.child_name,
                            &transfer.child_gender, &transfer.child_birth_date, &transfer.child_id_number}) {
    *text = IsNull(row[at]) ? "" : AsText(row[at]);
    ++at;
  }
  return transfer;
}

}  // namespace

Status SqlTransferRepository::Insert(const ChildTransfer& transfer) {
  Status inserted = InsertRow(tx_, "child_transfers", Columns(), ValuesOf(transfer));
  if (inserted.code() == StatusCode::kConflict) return inserted.WithReason("transfer_pending");
  return inserted;
}

Result<std::optional<ChildTransfer>> SqlTransferRepository::Find(const std::string& id) {
  auto rows = tx_.Query(std::string(kSelect) + "WHERE t.id = $1", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<ChildTransfer>();
  return std::optional<ChildTransfer>(TransferFromRow((*rows)[0]));
}

Status SqlTransferRepository::Update(ChildTransfer& transfer) {
  auto version = UpdateVersionedRow(tx_, "child_transfers", Columns(), ValuesOf(transfer));
  if (!version.ok()) return version.status();
  transfer.version = *version;
  return Status::Ok();
}

Result<std::pair<std::vector<ChildTransfer>, std::int64_t>> SqlTransferRepository::List(
    const domain::TransferQuery& query) {
  Params params;
  std::string where = "WHERE " + InScope(query.incoming ? "t.to_org_id" : "t.from_org_id", query.scope, params);
  if (!query.state.empty()) {
    params.emplace_back(query.state);
    where += " AND t.state = $" + std::to_string(params.size());
  }
  auto total = tx_.Query("SELECT COUNT(*) FROM child_transfers t " + where, params);
  if (!total.ok()) return total.status();
  params.emplace_back(query.limit);
  params.emplace_back(query.offset);
  auto rows = tx_.Query(std::string(kSelect) + where + " ORDER BY t.requested_at DESC, t.id LIMIT $" +
                            std::to_string(params.size() - 1) + " OFFSET $" + std::to_string(params.size()),
                        params);
  if (!rows.ok()) return rows.status();
  std::vector<ChildTransfer> transfers;
  for (const auto& row : *rows) transfers.push_back(TransferFromRow(row));
  return std::make_pair(std::move(transfers), AsInt((*total)[0][0]));
}

Result<bool> SqlTransferRepository::OrgInScope(const std::string& org_id, const domain::Scope& scope) {
  Params params{org_id};
  auto rows =
      tx_.Query("SELECT 1 FROM orgs o WHERE o.id = $1 AND " + InScope("o.id", scope, params, SubtreeTest::kPerRow),
                params);
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

}  // namespace sw::storage
