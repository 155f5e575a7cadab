#include "storage/repositories/sql_repositories.h"
#include "storage/repositories/user_rows.h"

namespace sw::storage {

Result<domain::Throttle> SqlLoginThrottle::Get(const std::string& username) {
  auto rows = tx_.Query("SELECT failures, locked_until FROM login_throttle WHERE username = $1", {username});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return domain::Throttle{};
  return domain::Throttle{.failures = static_cast<int>(AsInt((*rows)[0][0])), .locked_until = AsText((*rows)[0][1])};
}

Status SqlLoginThrottle::Set(const std::string& username, const domain::Throttle& throttle) {
  return tx_.Execute(
      "INSERT INTO login_throttle (username, failures, locked_until) VALUES ($1, $2, $3) "
      "ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until",
      {username, std::int64_t{throttle.failures}, throttle.locked_until});
}

Status SqlLoginThrottle::Clear(const std::string& username) {
  return tx_.Execute("DELETE FROM login_throttle WHERE username = $1", {username});
}

Status SqlSessionRepository::Insert(const domain::Session& session) {
  return tx_.Execute(
      "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)",
      {session.token_hash, session.user_id, session.created_at, session.last_seen_at});
}

Result<std::optional<domain::SessionOfUser>> SqlSessionRepository::FindWithUser(const std::string& token_hash) {
  // A row for each of the user's roles (one without a role when they have none).
  constexpr std::size_t kSessionColumns = 2;
  auto rows = tx_.Query("SELECT s.created_at, s.last_seen_at, " + kUserColumns + ", r.role, r.org_id, o.code " +
                            kUserFrom +
                            "JOIN sessions s ON s.user_id = u.id LEFT JOIN role_assignments r ON r.user_id = u.id "
                            "LEFT JOIN orgs o ON o.id = r.org_id WHERE s.token_hash = $1",
                        {token_hash});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<domain::SessionOfUser>();
  const auto& first = (*rows)[0];
  domain::SessionOfUser found{.session = {.token_hash = token_hash, .user_id = {},
                                          .created_at = AsText(first[0]), .last_seen_at = AsText(first[1])},
                              .user = UserFromRow(std::span<const Value>(first).subspan(kSessionColumns))};
  found.session.user_id = found.user.id;
  for (auto& row : *rows) {
    if (Status added = AddRoleFromRow(found.user, row, kSessionColumns + kUserColumnCount); !added.ok()) return added;
  }
  SortRoles(found.user);
  return std::optional<domain::SessionOfUser>(std::move(found));
}

Status SqlSessionRepository::Touch(const std::string& token_hash, const std::string& at) {
  return tx_.Execute("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2", {at, token_hash});
}

Status SqlSessionRepository::Delete(const std::string& token_hash) {
  return tx_.Execute("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
}

Status SqlSessionRepository::DeleteForUser(const std::string& user_id, const std::string& keep) {
  return tx_.Execute("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2", {user_id, keep});
}

Status SqlSessionRepository::DeleteExpired(const std::string& idle_before, const std::string& created_before) {
  // A scan, but of a table that this keeps down to the sessions still alive.
  return tx_.Execute("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2", {idle_before, created_before});
}

}  // namespace sw::storage
