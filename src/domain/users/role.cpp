#include "domain/users/role.h"

#include <utility>

#include "core/enum_names.h"

namespace sw::domain {
namespace {

const std::pair<Role, const char*> kRoleNames[] = {
    {Role::kSystemAdmin, "system_admin"},       {Role::kSecurityAdmin, "security_admin"},
    {Role::kAuditAdmin, "audit_admin"},         {Role::kCountyOfficial, "county_official"},
    {Role::kTownshipOfficial, "township_official"}, {Role::kSchoolLeader, "school_leader"},
    {Role::kHeadTeacher, "head_teacher"},       {Role::kHelper, "helper"},
    {Role::kCounsellor, "counsellor"},          {Role::kVillageDirector, "village_director"},
    {Role::kHomeKeeper, "home_keeper"},
};

}  // namespace

const char* RoleName(Role role) { return NameOf<Role>(kRoleNames, role); }

std::optional<Role> ParseRole(std::string_view name) { return ParseName<Role>(kRoleNames, name); }

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll = [] {
    std::vector<Role> roles;
    for (const auto& [value, name] : kRoleNames) roles.push_back(value);
    return roles;
  }();
  return kAll;
}

bool IsAdminRole(Role role) {
  return role == Role::kSystemAdmin || role == Role::kSecurityAdmin || role == Role::kAuditAdmin;
}

bool RoleFitsOrgKind(Role role, OrgKind kind) {
  switch (role) {
    case Role::kSystemAdmin:
    case Role::kSecurityAdmin:
    case Role::kAuditAdmin: return true;
    // The education bureau's officials: a county's, or a city's or a province's above several.
    case Role::kCountyOfficial: return kind == OrgKind::kCounty || kind == OrgKind::kCity || kind == OrgKind::kProvince;
    case Role::kTownshipOfficial: return kind == OrgKind::kTownship;
    case Role::kSchoolLeader:
    case Role::kCounsellor:
    case Role::kHomeKeeper: return kind == OrgKind::kSchool;
    case Role::kHeadTeacher: return kind == OrgKind::kClass;
    case Role::kHelper: return kind == OrgKind::kSchool || kind == OrgKind::kVillage || kind == OrgKind::kCommunity;
    case Role::kVillageDirector: return kind == OrgKind::kVillage || kind == OrgKind::kCommunity;
  }
  return false;
}

}  // namespace sw::domain
