#include "domain/access/policy.h"

#include <algorithm>

namespace sw::domain {
namespace {

struct Grant {
  Role role;
  std::vector<Action> actions;
  // Of those, the actions that reach only the children paired with the user, not the subtree.
  std::vector<Action> paired_only = {};
};

// The whole policy on one screen. Everyone may see the tree of their own subtree, so forms
// can offer its schools and classes.
const std::vector<Grant>& Grants() {
  using A = Action;
  static const std::vector<Grant> kGrants = {
      {Role::kSystemAdmin, {A::kReadOrgs, A::kManageOrgs, A::kManageUsers, A::kManageArchive, A::kManageCare}},
      {Role::kSecurityAdmin, {A::kReadOrgs, A::kManageUsers}},
      {Role::kAuditAdmin, {A::kReadOrgs, A::kReadAudit}},
      {Role::kCountyOfficial, {A::kReadOrgs, A::kReadChildren, A::kManageArchive, A::kManageCare}},
      {Role::kTownshipOfficial, {A::kReadOrgs, A::kReadChildren}},
      {Role::kSchoolLeader,
       {A::kReadOrgs, A::kReadChildren, A::kWriteChildren, A::kManageArchive, A::kRecordCare, A::kManageCare}},
      {Role::kHeadTeacher, {A::kReadOrgs, A::kReadChildren, A::kWriteChildren, A::kRecordCare}},
      {Role::kHelper, {A::kReadOrgs, A::kReadChildren, A::kRecordCare}, {A::kReadChildren, A::kRecordCare}},
      {Role::kCounsellor, {A::kReadOrgs, A::kReadChildren, A::kRecordCare, A::kReadCounselling}},
      {Role::kVillageDirector, {A::kReadOrgs, A::kReadChildren}},
      {Role::kHomeKeeper, {A::kReadOrgs, A::kReadChildren, A::kRecordCare}},
  };
  return kGrants;
}

const Grant* GrantOf(Role role) {
  for (const Grant& grant : Grants()) {
    if (grant.role == role) return &grant;
  }
  return nullptr;
}

bool Contains(const std::vector<Action>& actions, Action action) {
  return std::find(actions.begin(), actions.end(), action) != actions.end();
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
    case Action::kManageArchive: return "manage_archive";
    case Action::kRecordCare: return "record_care";
    case Action::kManageCare: return "manage_care";
    case Action::kReadCounselling: return "read_counselling";
  }
  return "unknown";
}

bool RoleAllows(Role role, Action action) {
  const Grant* grant = GrantOf(role);
  return grant && Contains(grant->actions, action);
}

std::vector<Action> ActionsOf(const User& user) {
  std::vector<Action> actions;
  for (int value = 0; value <= static_cast<int>(Action::kReadCounselling); ++value) {
    const auto action = static_cast<Action>(value);
    const bool allowed = std::any_of(user.roles.begin(), user.roles.end(),
                                     [&](const RoleAssignment& held) { return RoleAllows(held.role, action); });
    if (allowed) actions.push_back(action);
  }
  return actions;
}

Scope ScopeFor(const User& user, Action action) {
  Scope scope;
  if (!user.active) return scope;
  for (const RoleAssignment& assignment : user.roles) {
    const Grant* grant = GrantOf(assignment.role);
    if (!grant || !Contains(grant->actions, action)) continue;
    if (Contains(grant->paired_only, action)) {
      scope.paired_with_user_id = user.id;
    } else {
      scope.root_org_ids.push_back(assignment.org_id);
    }
  }
  return scope;
}

}  // namespace sw::domain
