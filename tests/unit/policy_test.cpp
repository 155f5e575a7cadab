#include <gtest/gtest.h>

#include "domain/access/policy.h"

namespace sw::domain {
namespace {

TEST(Policy, AdminsReadNoChildData) {
  for (Role role : {Role::kSystemAdmin, Role::kSecurityAdmin, Role::kAuditAdmin}) {
    EXPECT_FALSE(RoleAllows(role, Action::kReadChildren)) << RoleName(role);
    EXPECT_FALSE(RoleAllows(role, Action::kWriteChildren)) << RoleName(role);
    EXPECT_FALSE(RoleAllows(role, Action::kReadCounselling)) << RoleName(role);
  }
}

TEST(Policy, CounsellingIsForCounsellorsAlone) {
  for (Role role : AllRoles()) {
    EXPECT_EQ(RoleAllows(role, Action::kReadCounselling), role == Role::kCounsellor) << RoleName(role);
  }
}

TEST(Policy, TheThreeAdminDutiesAreSeparate) {
  EXPECT_TRUE(RoleAllows(Role::kSystemAdmin, Action::kManageUsers));
  EXPECT_FALSE(RoleAllows(Role::kSystemAdmin, Action::kReadAudit));
  EXPECT_TRUE(RoleAllows(Role::kAuditAdmin, Action::kReadAudit));
  EXPECT_FALSE(RoleAllows(Role::kAuditAdmin, Action::kManageUsers));
  EXPECT_FALSE(RoleAllows(Role::kSecurityAdmin, Action::kManageOrgs));
}

TEST(Policy, ScopeIsTheUnionOfFittingAssignments) {
  User user;
  user.roles = {{Role::kHeadTeacher, "class-1", "c1"}, {Role::kAuditAdmin, "county", "341122"}};
  EXPECT_EQ(ScopeFor(user, Action::kReadChildren).root_org_ids, std::vector<std::string>{"class-1"});
  EXPECT_EQ(ScopeFor(user, Action::kReadAudit).root_org_ids, std::vector<std::string>{"county"});
  EXPECT_EQ(ScopeFor(user, Action::kReadOrgs).root_org_ids, (std::vector<std::string>{"class-1", "county"}));
  EXPECT_TRUE(ScopeFor(user, Action::kManageOrgs).empty());
  user.active = false;
  EXPECT_TRUE(ScopeFor(user, Action::kReadOrgs).empty());
}

TEST(Policy, HelpersReachOnlyTheChildrenPairedWithThem) {
  User user;
  user.id = "u1";
  user.roles = {{Role::kHelper, "school-1", "s1"}};
  const Scope children = ScopeFor(user, Action::kReadChildren);
  EXPECT_TRUE(children.root_org_ids.empty());  // not the school's children
  EXPECT_EQ(children.paired_with_user_id, "u1");
  EXPECT_FALSE(children.empty());
  EXPECT_EQ(ScopeFor(user, Action::kReadOrgs).root_org_ids, std::vector<std::string>{"school-1"});
  EXPECT_TRUE(ScopeFor(user, Action::kReadOrgs).paired_with_user_id.empty());
  // A helper who is also the head teacher of a class reaches the class and the pairings.
  user.roles.push_back({Role::kHeadTeacher, "class-1", "c1"});
  const Scope both = ScopeFor(user, Action::kReadChildren);
  EXPECT_EQ(both.root_org_ids, std::vector<std::string>{"class-1"});
  EXPECT_EQ(both.paired_with_user_id, "u1");
}

}  // namespace
}  // namespace sw::domain
