#include "domain/access/policy.h"

#include <algorithm>

namespace sw::domain {
namespace {

struct Grant {
  Role role;
  std::vector<Action> actions;
};

// The whole policy on one screen. Everyone may see the tree of their own subtree, so forms
// can offer its schools and classes.
const std::vector<Grant>& Grants() {
  using A = Action;
  static const std::vector<Grant> kGrants = {
      {Role::kSystemAdmin, {A::kReadOrgs, A::kManageOrgs, A::kManageUsers}},
      {Role::kSecurityAdmin, {A::kReadOrgs, A::kManageUsers}},
      {Role::kAuditAdmin, {A::kReadOrgs, A::kReadAudit}},
      {Role::kCountyOfficial, {A::kReadOrgs, A::kReadChildren}},
      {Role::kTownshipOfficial, {A::kReadOrgs, A::kReadChildren}},
      {Role::kSchoolLeader, {A::kReadOrgs, A::kReadChildren, A::kWriteChildren}},
      {Role::kHeadTeacher, {A::kReadOrgs, A::kReadChildren, A::kWriteChildren}},
      {Role::kHelper, {A::kReadOrgs, A::kReadChildren}},
      {Role::kCounsellor, {A::kReadOrgs, A::kReadChildren, A::kReadCounselling}},
      {Role::kVillageDirector, {A::kReadOrgs, A::kReadChildren}},
      {Role::kHomeKeeper, {A::kReadOrgs, A::kReadChildren}},
  };
  return kGrants;
}

}  // namespace

const char* ActionName(Action action) {
  switch (action) {
    case Action::kReadOrgs: return "read_orgs";
    case Action::kManageOrgs: return "manage_orgs";
    case Action::kManageUsers: return "manage_users";
    case Action::kReadAudit: return "read_audit";
    case Action::kReadChildren: return "read_children";
    case Action::kWriteChildren: return "write_children";
    case Action::kReadCounselling: return "read_counselling";
  }
  return "unknown";
}

bool RoleAllows(Role role, Action action) {
  for (const Grant& grant : Grants()) {
    if (grant.role == role) return std::find(grant.actions.begin(), grant.actions.end(), action) != grant.actions.end();
  }
  return false;
}

Scope ScopeFor(const User& user, Action action) {
  Scope scope;
  if (!user.active) return scope;
  for (const RoleAssignment& assignment : user.roles) {
    if (RoleAllows(assignment.role, action)) scope.root_org_ids.push_back(assignment.org_id);
  }
  return scope;
}

}  // namespace sw::domain
