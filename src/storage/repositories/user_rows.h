// How a user is read, shared by the repositories that read one (users, sessions).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "domain/store.h"
#include "storage/rows.h"

namespace sw::storage {

// A user's columns, as UserFromRow reads them, and the tables they come from (kUserFrom, which
// further joins may follow): locked_until comes from login_throttle, kept per username.
extern const std::string kUserColumns;
constexpr std::size_t kUserColumnCount = 14;
extern const std::string kUserFrom;

domain::User UserFromRow(std::span<const Value> row);

// Adds the role of a row's (role, org_id, organisation code) columns from `first` on; a row
// without one (NULL, from an outer join) adds none.
Status AddRoleFromRow(domain::User& user, std::vector<Value>& row, std::size_t first);

// In the order of role and organisation code. Sorted here: ordered in SQL, SQLite built a
// temporary B-tree for a user's few roles on every request (a tenth of its session's reading).
void SortRoles(domain::User& user);

}  // namespace sw::storage
