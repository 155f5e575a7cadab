#include "cli/demo_county.h"

#include "cli/demo_people.h"
#include "core/random.h"

namespace sw::cli {
namespace {

using domain::OrgKind;

constexpr const char* kCounty = "341122";

struct TownshipPlan {
  const char* code;
  const char* name;
  const char* villages[2];
};
constexpr TownshipPlan kTownships[] = {
    {"qs", "青山镇", {"青山村", "石门村"}}, {"ds", "大山镇", {"大山村", "柳塘村"}}, {"sk", "水口镇", {"水口村", "桃园村"}}};

struct SchoolPlan {
  const char* code;
  const char* name;
  int township;  // index into kTownships
  int first_grade, last_grade;
};
constexpr SchoolPlan kSchools[] = {
    {"qs-zx", "青山镇中心小学", 0, 1, 6}, {"qs-sm", "石门村小学", 0, 1, 6}, {"qs-cz", "青山镇初级中学", 0, 7, 9},
    {"ds-zx", "大山镇中心小学", 1, 1, 6}, {"ds-lt", "柳塘村小学", 1, 1, 6}, {"sk-zx", "水口镇中心小学", 2, 1, 6},
    {"sk-ty", "桃园村小学", 2, 1, 6}};
constexpr const char* kGradeNames[] = {"",       "一年级", "二年级", "三年级", "四年级",
                                       "五年级", "六年级", "七年级", "八年级", "九年级"};

struct AccountPlan {
  const char* username;
  const char* role;
  const char* org;
};
// One account for every role, on the 青山镇 side; each other school gets its principal.
constexpr AccountPlan kAccounts[] = {
    {"demo.admin", "system_admin", "341122"},       {"demo.security", "security_admin", "341122"},
    {"demo.auditor", "audit_admin", "341122"},      {"demo.county", "county_official", "341122"},
    {"demo.township", "township_official", "qs"},   {"demo.principal", "school_leader", "qs-zx"},
    {"demo.teacher", "head_teacher", "qs-zx-3-1"}, {"demo.counsellor", "counsellor", "qs-zx"},
    {"demo.helper", "helper", "qs-zx"},             {"demo.village", "village_director", "qs-v1"},
    {"demo.homekeeper", "home_keeper", "qs-zx"}};

constexpr const char* kBusRoutes[] = {"不乘坐", "1路", "2路", "3路"};

Status AddOrg(CommandServices& services, const std::string& code, const std::string& name, OrgKind kind,
              const std::string& parent, std::optional<std::int64_t> pupils, int& count) {
  auto added = services.orgs.Add({.code = code, .name = name, .kind = kind, .parent_code = parent, .pupils = pupils},
                                 domain::Authority::Operator(), domain::Actor::CommandLine());
  count += added.ok();
  return added.status();
}

std::string ClassCode(const SchoolPlan& school, int grade) { return std::string(school.code) + "-" + std::to_string(grade) + "-1"; }

Status AddTree(CommandServices& services, Dice& dice, int& count) {
  if (Status added = AddOrg(services, kCounty, "来安县", OrgKind::kCounty, "", std::nullopt, count); !added.ok()) return added;
  for (const TownshipPlan& township : kTownships) {
    Status added = AddOrg(services, township.code, township.name, OrgKind::kTownship, kCounty, std::nullopt, count);
    for (int v = 0; added.ok() && v < 2; ++v) {
      added = AddOrg(services, std::string(township.code) + "-v" + std::to_string(v + 1), township.villages[v],
                     OrgKind::kVillage, township.code, std::nullopt, count);
    }
    if (!added.ok()) return added;
  }
  for (const SchoolPlan& school : kSchools) {
    const int classes = school.last_grade - school.first_grade + 1;
    Status added = AddOrg(services, school.code, school.name, OrgKind::kSchool, kTownships[school.township].code,
                          classes * dice.Between(32, 45), count);
    for (int grade = school.first_grade; added.ok() && grade <= school.last_grade; ++grade) {
      added = AddOrg(services, ClassCode(school, grade), std::string(kGradeNames[grade]) + "1班", OrgKind::kClass,
                     school.code, dice.Between(32, 45), count);
    }
    if (!added.ok()) return added;
  }
  return Status::Ok();
}

Status AddAccount(CommandServices& services, const std::string& username, const char* role, const std::string& org,
                  const std::string& password, DemoCounty& county) {
  auto parsed = domain::ParseRole(role);
  auto added = services.users.Add({.username = username, .display_name = "", .role = *parsed, .org_code = org,
                                   .password = password},
                                  domain::Authority::Operator(), domain::Actor::CommandLine());
  if (added.ok()) county.accounts.push_back({username, role, org});
  return added.status();
}

Result<domain::User> UserNamed(CommandServices& services, const std::string& username) {
  return services.users.Get(username, domain::Authority::Operator(), domain::Actor::CommandLine());
}

// The county adds a field of its own, to show extra fields at work.
Status AddBusRoute(CommandServices& services) {
  auto official = UserNamed(services, "demo.county");
  if (!official.ok()) return official.status();
  domain::ExtraField field{.key = "bus_route", .label = "校车路线", .kind = "choice",
                           .choices = {std::begin(kBusRoutes), std::end(kBusRoutes)}};
  return services.archive.AddField(kCounty, field, *official, domain::Actor::CommandLine()).status();
}

// Among the first six children of demo.teacher's class, demo.helper is the main helper of every
// other one and the village director a contact for every third — within the default cap of three
// children a helper — so the helper's account has children and the county's "no main helper"
// list has gaps to close.
Status PairInDemoClass(CommandServices& services, const std::string& child_id, int index, const domain::User& by) {
  const domain::Actor actor = domain::Actor::CommandLine();
  if (index >= 6) return Status::Ok();
  if (index % 2 == 0) {
    auto paired = services.pairings.Pair(child_id, "demo.helper", "main", "", by, actor);
    if (!paired.ok()) return paired.status();
  }
  if (index % 3 == 0) return services.pairings.Pair(child_id, "demo.village", "village_cadre", "", by, actor).status();
  return Status::Ok();
}

Hometown HometownOf(const SchoolPlan& school) {
  const TownshipPlan& township = kTownships[school.township];
  return {.county_code = kCounty, .household_registration = "安徽省来安县", .township = township.name,
          .villages = {township.villages[0], township.villages[1]}};
}

Status AddChildren(CommandServices& services, Dice& dice, const SchoolPlan& school, const DemoOptions& options,
                   std::chrono::year_month_day today, IdNumbers& ids, int& count) {
  auto principal = UserNamed(services, school.code == std::string("qs-zx") ? "demo.principal"
                                                                             : std::string("principal.") + school.code);
  if (!principal.ok()) return principal.status();
  const domain::Actor actor = domain::Actor::CommandLine();
  for (int grade = school.first_grade; grade <= school.last_grade; ++grade) {
    for (int i = 0; i < options.children_per_class; ++i) {
      domain::Child child = MakeChild(dice, grade, HometownOf(school), today, ids);
      if (dice.Chance(0.4)) child.extra["bus_route"] = dice.Pick(kBusRoutes);
      auto created = services.children.Create(child, ClassCode(school, grade), *principal, actor);
      if (!created.ok()) return created.status();
      ++count;
      for (const domain::FamilyMember& member : FamilyOf(dice, child)) {
        auto added = services.children.AddFamilyMember(created->child.id, member, *principal, actor);
        if (!added.ok()) return added.status();
      }
      if (ClassCode(school, grade) == "qs-zx-3-1") {
        if (Status paired = PairInDemoClass(services, created->child.id, i, *principal); !paired.ok()) return paired;
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Status RequireEmptyDatabase(CommandServices& services) {
  auto rows = services.database->Query("SELECT COUNT(*) FROM orgs", {});
  if (!rows.ok()) return rows.status();
  if (storage::AsInt((*rows)[0][0]) == 0) return Status::Ok();
  return Status::InvalidArgument("database", "already holds organisations; the demo needs an empty one");
}

Result<DemoCounty> FillDemoCounty(CommandServices& services, const DemoOptions& options,
                                  std::chrono::year_month_day today) {
  if (Status empty = RequireEmptyDatabase(services); !empty.ok()) return empty;
  Dice dice(options.seed);
  DemoCounty county;
  county.password = "Demo-" + RandomHex(6);
  if (Status tree = AddTree(services, dice, county.orgs); !tree.ok()) return tree;
  for (const AccountPlan& account : kAccounts) {
    Status added = AddAccount(services, account.username, account.role, account.org, county.password, county);
    if (!added.ok()) return added;
  }
  for (const SchoolPlan& school : kSchools) {
    if (school.code == std::string("qs-zx")) continue;  // demo.principal's
    Status added = AddAccount(services, std::string("principal.") + school.code, "school_leader", school.code,
                              county.password, county);
    if (!added.ok()) return added;
  }
  if (Status field = AddBusRoute(services); !field.ok()) return field;
  IdNumbers ids;
  for (const SchoolPlan& school : kSchools) {
    Status added = AddChildren(services, dice, school, options, today, ids, county.children);
    if (!added.ok()) return added;
  }
  return county;
}

}  // namespace sw::cli
