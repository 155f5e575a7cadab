// Roles. A user holds one or more role assignments, each bound to an organisation; what a role
// may do and see is decided only in domain/access.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/orgs/org.h"

namespace sw::domain {

enum class Role {
  kSystemAdmin,      // users and settings; reads no child data
  kSecurityAdmin,    // security settings, lockouts, second factor
  kAuditAdmin,       // reads the audit log, nothing else
  kCountyOfficial,
  kTownshipOfficial,  // children's supervisor (儿童督导员)
  kSchoolLeader,
  kHeadTeacher,
  kHelper,           // teacher, volunteer, surrogate parent (帮扶人/代理家长)
  kCounsellor,
  kVillageDirector,  // village children's director (儿童主任)
  kHomeKeeper,       // children's-home keeper
};

const char* RoleName(Role role);  // "system_admin", …: the names the CLI and API use
std::optional<Role> ParseRole(std::string_view name);
const std::vector<Role>& AllRoles();

// The three separate administrative duties (等保 三员分立).
bool IsAdminRole(Role role);

// Whether a role may be bound to an organisation of this kind: a head teacher to a class, a
// school leader to a school, a township official to a township, admins anywhere, …
bool RoleFitsOrgKind(Role role, OrgKind kind);

struct RoleAssignment {
  Role role = Role::kHelper;
  std::string org_id;
  std::string org_code;  // for display
};

}  // namespace sw::domain
