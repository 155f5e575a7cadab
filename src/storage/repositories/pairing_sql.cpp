// Pairings of children and helpers in SQL.
#include "storage/repositories/row_sql.h"
#include "storage/repositories/sql_repositories.h"

namespace sw::storage {
namespace {

const std::vector<std::string> kStoredColumns = {"id", "child_id", "helper_id", "role", "starts_on", "ends_on",
                                                 "created_at", "created_by"};

Params ValuesOf(const domain::Pairing& pairing) {
  return {pairing.id, pairing.child_id, pairing.helper_id, pairing.role, pairing.starts_on, pairing.ends_on,
          pairing.created_at, pairing.created_by};
}

}  // namespace

Result<std::vector<domain::Pairing>> SqlPairingRepository::OfChild(const std::string& child_id) {
  return OfChildren({child_id});
}

Result<std::vector<domain::Pairing>> SqlPairingRepository::OfChildren(const std::vector<std::string>& child_ids) {
  std::vector<domain::Pairing> pairings;
  if (child_ids.empty()) return pairings;
  Params params;
  const std::string in = Placeholders(params, child_ids);
  auto rows = tx_.Query(
      "SELECT p.id, p.child_id, p.helper_id, u.username, u.display_name, p.role, p.starts_on, p.ends_on, "
      "p.created_at, p.created_by FROM pairings p JOIN users u ON u.id = p.helper_id WHERE p.child_id IN (" + in + ") "
      "ORDER BY CASE WHEN p.ends_on = '' THEN 0 ELSE 1 END, p.starts_on DESC, p.created_at DESC",
      params);
  if (!rows.ok()) return rows.status();
  for (const auto& row : *rows) {
    pairings.push_back({AsText(row[0]), AsText(row[1]), AsText(row[2]), AsText(row[3]), AsText(row[4]),
                        AsText(row[5]), AsText(row[6]), AsText(row[7]), AsText(row[8]), AsText(row[9])});
  }
  return pairings;
}

Status SqlPairingRepository::Insert(const domain::Pairing& pairing) {
  return InsertRow(tx_, "pairings", kStoredColumns, ValuesOf(pairing));
}

Status SqlPairingRepository::InsertMany(std::span<const domain::Pairing> pairings) {
  return InsertRows(tx_, "pairings", kStoredColumns, pairings, ValuesOf);
}

Status SqlPairingRepository::End(const std::string& pairing_id, const std::string& ends_on) {
  return tx_.Execute("UPDATE pairings SET ends_on = $2 WHERE id = $1 AND ends_on = ''", {pairing_id, ends_on});
}

Result<std::int64_t> SqlPairingRepository::LoadOf(const std::string& helper_id) {
  auto rows = tx_.Query("SELECT COUNT(*) FROM pairings WHERE helper_id = $1 AND ends_on = ''", {helper_id});
  if (!rows.ok()) return rows.status();
  return AsInt((*rows)[0][0]);
}

Result<std::vector<domain::HelperLoad>> SqlPairingRepository::Helpers(const std::string& org_id,
                                                                      const std::string& prefix,
                                                                      std::int64_t limit) {
  Params params{org_id, EscapeLike(prefix) + "%", limit};
  auto rows = tx_.Query(
      "SELECT u.id, u.username, u.display_name, "
      "(SELECT COUNT(*) FROM pairings p WHERE p.helper_id = u.id AND p.ends_on = '') "
      "FROM users u WHERE u.active = 1 AND EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = u.id AND "
      "r.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1)) "
      "AND (u.username LIKE $2 ESCAPE '\\' OR u.display_name LIKE $2 ESCAPE '\\') ORDER BY u.username LIMIT $3",
      params);
  if (!rows.ok()) return rows.status();
  std::vector<domain::HelperLoad> helpers;
  for (const auto& row : *rows) helpers.push_back({AsText(row[0]), AsText(row[1]), AsText(row[2]), AsInt(row[3])});
  return helpers;
}

}  // namespace sw::storage
