#include "cli/demo_county.h"

#include <random>

#include "core/identity_numbers.h"
#include "core/random.h"
#include "domain/terms/term.h"

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

constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
                                     "马", "朱", "胡", "郭", "何", "林", "高", "罗", "曾", "单", "解", "欧阳"};
constexpr const char* kBoys[] = {"子涵", "浩然", "宇轩", "俊杰", "明", "博文", "天佑",
                                 "一鸣", "家豪", "志强", "晨阳", "思远", "小龙", "文涛"};
constexpr const char* kGirls[] = {"欣怡", "梓萱", "雨桐", "诗涵", "佳怡", "小红", "静",
                                  "思琪", "可欣", "梦瑶", "雅婷", "心悦", "晓燕", "秀兰"};
constexpr const char* kMen[] = {"建国", "国强", "志刚", "海波", "伟", "军", "明亮", "永红", "德胜", "卫东"};
constexpr const char* kWomen[] = {"秀英", "桂兰", "玉梅", "春花", "丽", "芳", "美华", "凤英", "红霞", "翠兰"};

struct Job {
  const char* city;
  const char* employer;
  const char* address;
  const char* area_code;
  const char* work;
};
constexpr Job kJobs[] = {
    {"宁波", "宁波北仑某电子厂", "宁波市北仑区新碶街道", "0574", "流水线工人"},
    {"苏州", "苏州工业园区某精密机械公司", "苏州市工业园区星湖街", "0512", "操作工"},
    {"上海", "上海某建筑工程公司", "上海市浦东新区川沙路", "021", "建筑工人"},
    {"杭州", "杭州某物流公司", "杭州市萧山区钱江世纪城", "0571", "快递员"},
    {"南京", "南京某餐饮管理公司", "南京市江宁区天元中路", "025", "厨师"},
    {"合肥", "合肥某汽车配件厂", "合肥市经济技术开发区", "0551", "装配工"},
    {"深圳", "深圳某手机配件厂", "深圳市宝安区福永街道", "0755", "质检员"},
    {"东莞", "东莞某制衣厂", "东莞市虎门镇", "0769", "缝纫工"}};
constexpr const char* kHobbies[] = {"画画", "踢足球", "看书", "跳绳", "唱歌", "下象棋", "打篮球", "做手工"};
constexpr const char* kPersonalities[] = {"开朗，爱笑", "内向，不爱说话", "活泼好动", "懂事，会照顾弟妹", "胆小，需要鼓励"};
constexpr const char* kDiscipline[] = {"溺爱，管得少", "比较严厉", "讲道理，耐心", "只管吃穿，学习管不了"};
constexpr const char* kBusRoutes[] = {"不乘坐", "1路", "2路", "3路"};

// Seeded choices, so the demo county is the same on every machine.
class Dice {
 public:
  explicit Dice(std::uint32_t seed) : engine_(seed) {}
  int Between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(engine_); }
  bool Chance(double probability) { return std::bernoulli_distribution(probability)(engine_); }
  template <typename T, std::size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Between(0, static_cast<int>(N) - 1)];
  }
  std::string Digits(int count) {
    std::string digits;
    for (int i = 0; i < count; ++i) digits += static_cast<char>('0' + Between(0, 9));
    return digits;
  }
  std::string Mobile() { return std::string("1") + "3589"[Between(0, 3)] + Digits(9); }

 private:
  std::mt19937 engine_;
};

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

// Born in the school year that puts the child in `grade` now (1 September to 31 August).
std::string BirthDate(Dice& dice, int grade, std::chrono::year_month_day today) {
  using namespace std::chrono;
  const int school_year = static_cast<int>(today.year()) - (today.month() >= September ? 0 : 1);
  const sys_days first = year{school_year - 6 - grade} / September / 1;
  return domain::FormatDate(year_month_day(first + days(dice.Between(0, 364))));
}

domain::Child MakeChild(Dice& dice, int grade, const SchoolPlan& school, std::chrono::year_month_day today,
                        int& sequence) {
  const TownshipPlan& township = kTownships[school.township];
  domain::Child child;
  const bool boy = dice.Chance(0.52);
  child.gender = boy ? "male" : "female";
  child.name = std::string(dice.Pick(kSurnames)) + (boy ? dice.Pick(kBoys) : dice.Pick(kGirls));
  child.birth_date = BirthDate(dice, grade, today);
  if (dice.Chance(0.9)) {  // a tenth of the archives still lack the ID number
    std::string birth = child.birth_date;
    std::erase(birth, '-');
    const int code = (sequence++ % 500) * 2 + (boy ? 1 : 0);
    const std::string seventeen = std::string(kCounty) + birth + (code < 100 ? "0" : "") + (code < 10 ? "0" : "") +
                                  std::to_string(code);
    child.id_number = seventeen + IdNumberCheckCharacter(seventeen);
  }
  child.grade = grade;
  child.ethnicity = dice.Chance(0.97) ? "汉族" : "回族";
  child.household_registration = "安徽省来安县";
  if (dice.Chance(0.93)) {
    child.home_address = std::string(township.name) + township.villages[dice.Between(0, 1)] + std::to_string(dice.Between(1, 9)) + "组";
  }
  const int type = dice.Between(1, 10);
  child.left_behind_type = type <= 6 ? "both_parents_away" : type <= 9 ? "one_parent_away" : "one_away_other_unable";
  const int care = dice.Between(1, 20);
  child.care_arrangement = care <= 15 ? "grandparents" : care <= 18 ? "relatives" : care == 19 ? "other" : "nobody";
  child.boarding = grade >= 7 ? dice.Chance(0.7) : dice.Chance(0.1);
  child.health = dice.Chance(0.9) ? "健康" : "体质较弱，易感冒";
  const int poverty = dice.Between(1, 20);
  child.poverty_status = poverty <= 15 ? "none" : poverty <= 18 ? "low_income" : poverty == 19 ? "monitored" : "extreme_hardship";
  const int risk = dice.Between(1, 50);
  child.risk_level = risk <= 35 ? "low" : risk <= 46 ? "medium" : "high";
  child.hobbies = dice.Pick(kHobbies);
  child.personality = dice.Pick(kPersonalities);
  child.parent_contact = dice.Chance(0.6) ? "每周和父母视频一次" : "父母很少打电话";
  return child;
}

domain::FamilyMember Parent(Dice& dice, const std::string& surname, bool father, const Job& job) {
  domain::FamilyMember parent{.kind = "parent",
                              .name = father ? surname + dice.Pick(kMen) : std::string(dice.Pick(kSurnames)) + dice.Pick(kWomen),
                              .relation = father ? "father" : "mother"};
  parent.phone = dice.Mobile();
  parent.age = dice.Between(30, 45);
  parent.education = dice.Chance(0.7) ? "junior" : "senior";
  parent.work_city = job.city;
  parent.employer = job.employer;
  parent.employer_address = job.address;
  parent.employer_phone = std::string(job.area_code) + "-" + dice.Digits(8);
  parent.work_kind = job.work;
  parent.months_away = dice.Between(10, 11);
  parent.contact_frequency = dice.Chance(0.6) ? "weekly" : "monthly";
  parent.hopes = dice.Chance(0.5) ? "好好读书，将来考上大学" : "身体健康，听爷爷奶奶的话";
  return parent;
}

std::vector<domain::FamilyMember> FamilyOf(Dice& dice, const domain::Child& child) {
  const std::string surname = child.name.starts_with("欧阳") ? "欧阳" : child.name.substr(0, 3);
  const Job& job = dice.Pick(kJobs);
  std::vector<domain::FamilyMember> family = {Parent(dice, surname, true, job)};
  if (child.left_behind_type == "both_parents_away") family.push_back(Parent(dice, surname, false, dice.Chance(0.7) ? job : dice.Pick(kJobs)));
  if (child.care_arrangement == "nobody") return family;
  const bool grandparent = child.care_arrangement == "grandparents";
  const bool woman = dice.Chance(0.6);
  domain::FamilyMember guardian{.kind = "guardian",
                                .name = (grandparent && !woman ? surname : std::string(dice.Pick(kSurnames))) +
                                        (woman ? dice.Pick(kWomen) : dice.Pick(kMen)),
                                .relation = grandparent ? (woman ? "grandmother" : "grandfather") : (woman ? "aunt" : "uncle")};
  guardian.phone = dice.Mobile();
  guardian.age = grandparent ? dice.Between(56, 76) : dice.Between(30, 50);
  guardian.education = grandparent ? "primary" : "junior";
  guardian.health = dice.Chance(0.7) ? "健康" : "高血压";
  guardian.address = child.home_address;
  guardian.occupation = "务农";
  guardian.literacy = grandparent ? (dice.Chance(0.5) ? "partly" : "illiterate") : "literate";
  guardian.discipline_style = dice.Pick(kDiscipline);
  guardian.capacity = grandparent ? (dice.Chance(0.5) ? "fair" : "poor") : "good";
  family.push_back(guardian);
  return family;
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

Status AddChildren(CommandServices& services, Dice& dice, const SchoolPlan& school, const DemoOptions& options,
                   std::chrono::year_month_day today, int& sequence, int& count) {
  auto principal = UserNamed(services, school.code == std::string("qs-zx") ? "demo.principal"
                                                                             : std::string("principal.") + school.code);
  if (!principal.ok()) return principal.status();
  const domain::Actor actor = domain::Actor::CommandLine();
  for (int grade = school.first_grade; grade <= school.last_grade; ++grade) {
    for (int i = 0; i < options.children_per_class; ++i) {
      domain::Child child = MakeChild(dice, grade, school, today, sequence);
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

Result<bool> DatabaseIsEmpty(CommandServices& services) {
  auto rows = services.database->Query("SELECT COUNT(*) FROM orgs", {});
  if (!rows.ok()) return rows.status();
  return storage::AsInt((*rows)[0][0]) == 0;
}

}  // namespace

Result<DemoCounty> FillDemoCounty(CommandServices& services, const DemoOptions& options,
                                  std::chrono::year_month_day today) {
  auto empty = DatabaseIsEmpty(services);
  if (!empty.ok()) return empty.status();
  if (!*empty) return Status::InvalidArgument("database", "already holds organisations; the demo needs an empty one");
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
  int sequence = 0;
  for (const SchoolPlan& school : kSchools) {
    Status added = AddChildren(services, dice, school, options, today, sequence, county.children);
    if (!added.ok()) return added;
  }
  return county;
}

}  // namespace sw::cli
