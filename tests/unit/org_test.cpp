#include <gtest/gtest.h>

#include "domain/orgs/org.h"
#include "domain/users/role.h"

namespace sw::domain {
namespace {

Org Parent(OrgKind kind, bool active = true) {
  return Org{.id = "p", .parent_id = "", .county_id = "c", .kind = kind, .code = "p", .name = "上级", .active = active};
}

NewOrg Make(OrgKind kind, std::string code = "x-1", std::string name = "青山镇中心小学") {
  return NewOrg{.code = std::move(code), .name = std::move(name), .kind = kind, .parent_code = "p", .pupils = {}};
}

TEST(OrgKind, NamesRoundTrip) {
  for (auto kind : {OrgKind::kProvince, OrgKind::kCity, OrgKind::kCounty, OrgKind::kTownship, OrgKind::kSchool,
                    OrgKind::kCommunity, OrgKind::kVillage, OrgKind::kClass}) {
    EXPECT_EQ(ParseOrgKind(OrgKindName(kind)), kind);
  }
  EXPECT_FALSE(ParseOrgKind("bureau"));
}

TEST(OrgTree, FollowsTheAdministrativeHierarchy) {
  EXPECT_TRUE(MayContain(OrgKind::kProvince, OrgKind::kCity));
  EXPECT_TRUE(MayContain(OrgKind::kCity, OrgKind::kCounty));
  EXPECT_TRUE(MayContain(OrgKind::kProvince, OrgKind::kCounty));  // districts of a 直辖市
  EXPECT_TRUE(MayContain(OrgKind::kCounty, OrgKind::kTownship));
  EXPECT_TRUE(MayContain(OrgKind::kTownship, OrgKind::kSchool));
  EXPECT_TRUE(MayContain(OrgKind::kCounty, OrgKind::kSchool));  // county-run school
  EXPECT_TRUE(MayContain(OrgKind::kTownship, OrgKind::kVillage));
  EXPECT_TRUE(MayContain(OrgKind::kSchool, OrgKind::kClass));
  EXPECT_FALSE(MayContain(OrgKind::kTownship, OrgKind::kClass));
  EXPECT_FALSE(MayContain(OrgKind::kVillage, OrgKind::kSchool));
  EXPECT_FALSE(MayContain(OrgKind::kClass, OrgKind::kClass));
}

TEST(ValidateNewOrg, AcceptsAWellFormedNode) {
  EXPECT_TRUE(ValidateNewOrg(Make(OrgKind::kSchool), Parent(OrgKind::kTownship)).ok());
}

TEST(ValidateNewOrg, CountyCodesAreGbT2260) {
  NewOrg county = Make(OrgKind::kCounty, "341122", "来安县");
  EXPECT_TRUE(ValidateNewOrg(county, Parent(OrgKind::kCity)).ok());
  for (const char* bad : {"34112", "3411220", "341100", "34112a"}) {
    county.code = bad;
    EXPECT_EQ(ValidateNewOrg(county, Parent(OrgKind::kCity)).field(), "code") << bad;
  }
}

TEST(ValidateNewOrg, NamesTheFieldAtFault) {
  EXPECT_EQ(ValidateNewOrg(Make(OrgKind::kSchool, "has space"), Parent(OrgKind::kTownship)).field(), "code");
  EXPECT_EQ(ValidateNewOrg(Make(OrgKind::kSchool, "ok", "  "), Parent(OrgKind::kTownship)).field(), "name");
  EXPECT_EQ(ValidateNewOrg(Make(OrgKind::kClass), Parent(OrgKind::kTownship)).field(), "parent");
  EXPECT_EQ(ValidateNewOrg(Make(OrgKind::kClass), Parent(OrgKind::kTownship)).reason(), "parent_kind_mismatch");
  EXPECT_EQ(ValidateNewOrg(Make(OrgKind::kSchool), std::nullopt).field(), "parent");
  EXPECT_EQ(ValidateNewOrg(Make(OrgKind::kSchool), Parent(OrgKind::kTownship, false)).field(), "parent");
  NewOrg township = Make(OrgKind::kTownship);
  township.pupils = 10;
  EXPECT_EQ(ValidateNewOrg(township, Parent(OrgKind::kCounty)).field(), "pupils");
  NewOrg school = Make(OrgKind::kSchool);
  school.pupils = -1;
  EXPECT_EQ(ValidateNewOrg(school, Parent(OrgKind::kTownship)).field(), "pupils");
}

TEST(ValidateNewOrg, OnlyUpperLevelsMayBeRoots) {
  EXPECT_TRUE(ValidateNewOrg(Make(OrgKind::kProvince, "an-hui", "安徽省"), std::nullopt).ok());
  EXPECT_TRUE(ValidateNewOrg(Make(OrgKind::kCounty, "341122", "来安县"), std::nullopt).ok());
}

TEST(Roles, NamesRoundTripAndAdminsAreThree) {
  int admins = 0;
  for (Role role : AllRoles()) {
    EXPECT_EQ(ParseRole(RoleName(role)), role);
    admins += IsAdminRole(role) ? 1 : 0;
  }
  EXPECT_EQ(AllRoles().size(), 11u);
  EXPECT_EQ(admins, 3);
  EXPECT_FALSE(ParseRole("superuser"));
}

TEST(Roles, AreBoundToFittingOrganisations) {
  EXPECT_TRUE(RoleFitsOrgKind(Role::kHeadTeacher, OrgKind::kClass));
  EXPECT_FALSE(RoleFitsOrgKind(Role::kHeadTeacher, OrgKind::kSchool));
  EXPECT_TRUE(RoleFitsOrgKind(Role::kSchoolLeader, OrgKind::kSchool));
  EXPECT_TRUE(RoleFitsOrgKind(Role::kCountyOfficial, OrgKind::kCounty));
  EXPECT_FALSE(RoleFitsOrgKind(Role::kCountyOfficial, OrgKind::kTownship));
  // The bureau's officials above several counties: a city's, a province's.
  EXPECT_TRUE(RoleFitsOrgKind(Role::kCountyOfficial, OrgKind::kCity));
  EXPECT_TRUE(RoleFitsOrgKind(Role::kCountyOfficial, OrgKind::kProvince));
  EXPECT_TRUE(RoleFitsOrgKind(Role::kVillageDirector, OrgKind::kVillage));
  EXPECT_TRUE(RoleFitsOrgKind(Role::kAuditAdmin, OrgKind::kProvince));
}

}  // namespace
}  // namespace sw::domain
