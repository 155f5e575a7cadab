#include <algorithm>

#include "storage/repositories/row_sql.h"
#include "storage/repositories/sql_repositories.h"
#include "storage/repositories/scope_sql.h"
#include "storage/repositories/user_rows.h"

namespace sw::storage {
namespace {

using domain::User;

std::int64_t Flag(bool value) { return value ? 1 : 0; }

// What Insert writes, in the order of ValuesOf.
const std::vector<std::string> kStoredColumns = {"id", "username", "display_name", "password_hash",
                                                 "password_changed_at", "must_change_password", "totp_secret",
                                                 "active", "created_at", "version", "email"};

Params ValuesOf(const User& user) {
  return {user.id, user.username, user.display_name, user.password_hash, user.password_changed_at,
          Flag(user.must_change_password), user.totp_secret, Flag(user.active), user.created_at, user.version,
          user.email};
}

const std::vector<std::string> kRoleColumns = {"user_id", "role", "org_id"};

Params RoleValues(const std::string& user_id, const domain::RoleAssignment& assignment) {
  return {user_id, std::string(domain::RoleName(assignment.role)), assignment.org_id};
}

}  // namespace

const std::string kUserColumns =
    "u.id, u.username, u.display_name, u.password_hash, u.password_changed_at, u.must_change_password, "
    "COALESCE(t.locked_until, ''), u.totp_secret, u.active, u.created_at, u.version, u.totp_pending, u.totp_last_step, "
    "u.email";

const std::string kUserFrom = "FROM users u LEFT JOIN login_throttle t ON t.username = u.username ";

User UserFromRow(std::span<const Value> row) {
  return User{.id = AsText(row[0]), .username = AsText(row[1]), .display_name = AsText(row[2]), .email = AsText(row[13]),
              .password_hash = AsText(row[3]), .password_changed_at = AsText(row[4]),
              .must_change_password = AsInt(row[5]) != 0, .locked_until = AsText(row[6]),
              .totp_secret = AsText(row[7]), .totp_pending = AsText(row[11]), .totp_last_step = AsInt(row[12]), .active = AsInt(row[8]) != 0,
              .created_at = AsText(row[9]), .version = AsInt(row[10]), .roles = {}};
}

Status AddRoleFromRow(User& user, std::vector<Value>& row, std::size_t first) {
  if (IsNull(row[first])) return Status::Ok();
  auto role = domain::ParseRole(AsText(row[first]));
  if (!role) return Status::Internal("unknown role in role_assignments");
  user.roles.push_back({*role, TakeText(row[first + 1]), TakeText(row[first + 2])});
  return Status::Ok();
}

void SortRoles(User& user) {
  std::sort(user.roles.begin(), user.roles.end(), [](const auto& a, const auto& b) {
    return std::pair(std::string_view(domain::RoleName(a.role)), std::string_view(a.org_code)) <
           std::pair(std::string_view(domain::RoleName(b.role)), std::string_view(b.org_code));
  });
}

Status SqlUserRepository::LoadRoles(User& user) {
  auto rows = tx_.Query(
      "SELECT r.role, r.org_id, o.code FROM role_assignments r JOIN orgs o ON o.id = r.org_id WHERE r.user_id = $1",
      {user.id});
  if (!rows.ok()) return rows.status();
  user.roles.clear();
  for (auto& row : *rows) {
    if (Status added = AddRoleFromRow(user, row, 0); !added.ok()) return added;
  }
  SortRoles(user);
  return Status::Ok();
}

Result<std::optional<User>> SqlUserRepository::FindOne(const char* where, const std::string& value) {
  auto rows = tx_.Query("SELECT " + kUserColumns + " " + kUserFrom + where, {value});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<User>();
  User user = UserFromRow((*rows)[0]);
  if (Status status = LoadRoles(user); !status.ok()) return status;
  return std::optional<User>(std::move(user));
}

Result<std::optional<User>> SqlUserRepository::FindByUsername(std::string_view username) {
  return FindOne("WHERE u.username = $1", std::string(username));
}

Result<std::optional<User>> SqlUserRepository::FindById(std::string_view id) {
  return FindOne("WHERE u.id = $1", std::string(id));
}

Status SqlUserRepository::Insert(const User& user) { return InsertRow(tx_, "users", kStoredColumns, ValuesOf(user)); }

Status SqlUserRepository::InsertMany(std::span<const User> users) {
  std::vector<Params> rows, roles;
  for (const User& user : users) {
    rows.push_back(ValuesOf(user));
    for (const domain::RoleAssignment& role : user.roles) roles.push_back(RoleValues(user.id, role));
  }
  if (Status inserted = tx_.BulkInsert("users", kStoredColumns, rows); !inserted.ok()) return inserted;
  return tx_.BulkInsert("role_assignments", kRoleColumns, roles);
}

Status SqlUserRepository::Update(User& user) {
  auto rows = tx_.Query(
      "UPDATE users SET password_hash = $1, password_changed_at = $2, must_change_password = $3, "
      "totp_secret = $4, active = $5, display_name = $6, totp_pending = $7, totp_last_step = $8, "
      "email = $11, version = version + 1 WHERE id = $9 AND version = $10 RETURNING version",
      {user.password_hash, user.password_changed_at, Flag(user.must_change_password), user.totp_secret,
       Flag(user.active), user.display_name, user.totp_pending, user.totp_last_step, user.id, user.version,
       user.email});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::Conflict("user " + user.id + " changed since it was read");
  user.version = AsInt((*rows)[0][0]);
  return Status::Ok();
}

Status SqlUserRepository::AddRole(const std::string& user_id, const domain::RoleAssignment& assignment) {
  return InsertRow(tx_, "role_assignments", kRoleColumns, RoleValues(user_id, assignment));
}

Status SqlUserRepository::RemoveRole(const std::string& user_id, const domain::RoleAssignment& assignment) {
  return tx_.Execute("DELETE FROM role_assignments WHERE user_id = $1 AND role = $2 AND org_id = $3",
                     {user_id, std::string(domain::RoleName(assignment.role)), assignment.org_id});
}

Result<std::vector<User>> SqlUserRepository::List(const std::optional<domain::Scope>& within) {
  Params params;
  std::string where;
  if (within) {
    where = "WHERE EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = u.id) AND NOT EXISTS "
            "(SELECT 1 FROM role_assignments r WHERE r.user_id = u.id AND NOT (" + InScope("r.org_id", *within, params) +
            ")) ";
  }
  auto rows = tx_.Query("SELECT " + kUserColumns + " " + kUserFrom + where + "ORDER BY u.username", params);
  if (!rows.ok()) return rows.status();
  std::vector<User> users;
  for (const auto& row : *rows) {
    users.push_back(UserFromRow(row));
    if (Status status = LoadRoles(users.back()); !status.ok()) return status;
  }
  return users;
}

Result<std::int64_t> SqlUserRepository::CountWithRole(domain::Role role) {
  auto rows = tx_.Query("SELECT COUNT(*) FROM role_assignments WHERE role = $1", {std::string(domain::RoleName(role))});
  if (!rows.ok()) return rows.status();
  return AsInt((*rows)[0][0]);
}

Result<std::vector<std::string>> SqlUserRepository::IdsAfter(const std::string& after_id, std::int64_t limit) {
  auto rows = tx_.Query("SELECT id FROM users WHERE id > $1 ORDER BY id LIMIT $2", {after_id, limit});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> ids;
  for (auto& row : *rows) ids.push_back(TakeText(row[0]));
  return ids;
}

}  // namespace sw::storage
