#include "cli/demo_province.h"

#include <algorithm>

#include "cli/demo_people.h"
#include "core/clock.h"
#include "domain/care/care_planner.h"
#include "domain/children/extra_field.h"
#include "domain/terms/term.h"

namespace sw::cli {
namespace {

using namespace std::chrono;
using domain::CareRecord;
using domain::CareSignal;
using domain::CareTask;
using domain::Child;
using domain::Org;
using domain::OrgKind;
using domain::Role;
using domain::User;

// 安徽省 and its cities, by their GB/T 2260 codes; the counties are made up, numbered as counties
// are (21 and on within their city).
constexpr const char* kProvinceCode = "340000";
constexpr const char* kProvinceName = "安徽省";
struct CityPlan {
  const char* prefix;
  const char* name;
};
constexpr CityPlan kCities[] = {{"3401", "合肥市"}, {"3402", "芜湖市"},   {"3403", "蚌埠市"}, {"3404", "淮南市"},
                                {"3405", "马鞍山市"}, {"3406", "淮北市"}, {"3407", "铜陵市"}, {"3408", "安庆市"},
                                {"3410", "黄山市"}, {"3411", "滁州市"},   {"3412", "阜阳市"}, {"3413", "宿州市"},
                                {"3415", "六安市"}, {"3416", "亳州市"},   {"3417", "池州市"}, {"3418", "宣城市"}};
constexpr int kCityCount = sizeof kCities / sizeof kCities[0];
constexpr const char* kPlaceFirst[] = {"青", "临", "东", "西", "南", "北", "长", "丰", "宁", "安", "太", "凤", "怀",
                                       "泗", "灵", "望", "潜", "岳", "旌", "泾", "祁", "含", "和", "舒", "庐", "寿",
                                       "霍", "金", "颍", "蒙", "石", "白", "黄", "桃", "柳", "杨", "花", "梅", "竹"};
constexpr const char* kPlaceSecond[] = {"阳", "丰", "城", "山", "泉", "河", "远", "宁", "松", "湖", "江", "溪", "德",
                                        "化", "安", "陵", "平", "川", "源", "集", "店", "桥", "岗", "塘", "庄", "圩"};

// The province's rule: 四个一次 each term by the child's main helper (004).
constexpr const char* kProvinceRules = "four_once";

std::string PlaceName(Dice& dice) { return std::string(dice.Pick(kPlaceFirst)) + dice.Pick(kPlaceSecond); }

std::string Two(int number) {
  std::string text = std::to_string(number);
  if (text.size() < 2) text.insert(text.begin(), '0');
  return text;
}

// What a care record of each kind says, so the records read like a school's.
struct RecordWords {
  const char* place;
  const char* participants;
  const char* content;
};
RecordWords WordsOf(const std::string& kind) {
  if (kind == "home_visit") return {"学生家中", "班主任、监护人", "到家中走访，了解孩子在家的学习和生活，与监护人交流近期表现，叮嘱注意安全。"};
  if (kind == "talk") return {"教室", "帮扶教师、学生", "谈心，问孩子最近的心情和学习，鼓励他有事多和老师说。"};
  if (kind == "guardian_talk") return {"学校", "帮扶教师、监护人", "与监护人交流孩子的作业和作息，请监护人多督促按时睡觉。"};
  if (kind == "letter") return {"学校", "帮扶教师", "给孩子写了一封信，鼓励他好好学习，照顾好自己。"};
  if (kind == "parent_call") return {"电话", "帮扶教师、家长", "给在外务工的家长打电话，通报孩子在校情况，请家长多和孩子视频。"};
  if (kind == "family_call") return {"学校亲情电话", "学生、家长", "在学校亲情电话室给父母打电话，聊了学习和生活。"};
  if (kind == "tutoring") return {"教室", "帮扶教师、学生", "课后辅导数学作业，讲解了错题。"};
  return {"学校", "帮扶教师、学生", "送去了学习用品和冬衣。"};  // material_help
}

// The days of a term on which schools are open (a rough calendar: no winter or summer holiday).
struct Window {
  sys_days first, last;
};
Window TeachingDays(const domain::Term& term) {
  const sys_days starts(term.starts_on);
  return term.key.back() == '1' ? Window{starts, starts + days(136)}   // 1 September – 15 January
                                : Window{starts + days(28), starts + days(154)};  // 1 March – 5 July
}

// A helper and how faithfully they keep the rule (most do; some do half of it).
struct Helper {
  std::string id;
  int paired = 0;
  double diligence = 0.9;
};

// Everything of one township, made before it is written so that a retried write writes the same.
struct TownshipLoad {
  std::vector<Org> orgs;
  std::vector<std::pair<std::string, int>> pupils;  // org id, pupils this term
  std::vector<User> users;
  std::vector<Child> children;
  std::vector<domain::FamilyMember> family;
  std::vector<domain::Pairing> pairings;
  std::vector<CareRecord> records;
  std::vector<CareSignal> signals;
  std::vector<CareTask> tasks;
};

// What every generated place and person shares.
struct Generation {
  Dice dice;
  IdNumbers ids;
  year_month_day today;
  std::string today_text;
  std::string now;               // FormatUtc of the generation
  std::string password_hash;     // one argon2id hash for every generated account
  std::string term_key;          // this term, for pupil counts
  std::vector<domain::Term> terms;  // the terms whose care is generated: two school years to today
  std::vector<domain::CareRule> rules;  // the province's, in force
  std::string province_id;
  ProvinceCounts counts;
  DemoProvince result;
};

User Account(Generation& run, const std::string& username, Role role, const std::string& org_id) {
  return User{.id = run.dice.HexId(), .username = username, .display_name = AdultName(run.dice),
              .password_hash = run.password_hash, .password_changed_at = run.now, .must_change_password = true,
              .created_at = run.now, .roles = {{role, org_id, ""}}};
}

// A node under `parent`; a county is its own county, as OrgService makes it.
Org Place(Generation& run, const std::string& code, const std::string& name, OrgKind kind, const Org& parent) {
  Org org{.id = run.dice.HexId(), .parent_id = parent.id, .county_id = parent.county_id, .kind = kind, .code = code,
          .name = name};
  if (kind == OrgKind::kCounty) org.county_id = org.id;
  return org;
}

// A China time of day on `day`, as stored (UTC).
std::string At(Generation& run, sys_days day) {
  const auto china = sys_seconds(day) + hours(run.dice.Between(8, 18)) + minutes(run.dice.Between(0, 59));
  return FormatUtc(china - hours(8));
}

CareRecord Record(Generation& run, const Child& child, const std::string& kind, const std::string& author,
                  sys_days day) {
  const RecordWords words = WordsOf(kind);
  static constexpr const char* kStates[] = {"good", "good", "good", "fair", "poor"};
  CareRecord record{.id = run.dice.HexId(), .child_id = child.id, .org_id = child.org_id, .kind = kind,
                    .letter_to = kind == "letter" ? "child" : "", .occurred_at = At(run, day),
                    .occurred_on = domain::FormatDate(year_month_day(day)), .place = words.place,
                    .participants = words.participants, .content = words.content, .mood = run.dice.Pick(kStates),
                    .health = run.dice.Pick(kStates), .study = run.dice.Pick(kStates), .author_id = author};
  record.created_at = record.updated_at = record.occurred_at;
  return record;
}

// One day of the window, or none when the window has not come yet.
std::optional<sys_days> DayIn(Generation& run, const Window& window) {
  const sys_days day = window.first + days(run.dice.Between(0, static_cast<int>((window.last - window.first).count())));
  if (day > sys_days(run.today)) return std::nullopt;
  return day;
}

// A must-visit signal, the visit that answered it (most are answered in time), and its task.
void AddSignal(Generation& run, const Child& child, const domain::RoleHolders& holders, const std::string& raised_by,
               sys_days day, TownshipLoad& load) {
  static constexpr const char* kTypes[] = {"bad_mood", "unwell", "grades_dropped", "late_or_left_early", "quarrel"};
  CareSignal signal{.id = run.dice.HexId(), .child_id = child.id, .org_id = child.org_id, .type = run.dice.Pick(kTypes),
                    .note = "", .observed_on = domain::FormatDate(year_month_day(day)), .raised_by = raised_by,
                    .created_at = At(run, day)};
  CareTask task = domain::MustVisitTask(child, signal, domain::CareSettings{}.must_visit_days, holders,
                                        signal.observed_on, signal.created_at);
  task.id = run.dice.HexId();
  const std::string visitor = task.helper_id.empty() ? raised_by : task.helper_id;
  if (run.dice.Chance(0.85)) {
    const sys_days visit = day + days(run.dice.Between(0, 4));
    if (visit <= sys_days(run.today)) load.records.push_back(Record(run, child, "home_visit", visitor, visit));
  }
  load.signals.push_back(std::move(signal));
  load.tasks.push_back(std::move(task));
}

// A term of care for the child: the rule's four by the main helper as faithfully as they keep
// it, the head teacher's talks, calls with the parents, the child's calls home, now and then
// tutoring or help, and sometimes a signal.
void AddTermOfCare(Generation& run, const Child& child, const Helper* main, const std::string& head_teacher,
                   const domain::RoleHolders& holders, const domain::Term& term, TownshipLoad& load) {
  const Window window = TeachingDays(term);
  auto add = [&](const std::string& kind, const std::string& author) {
    if (auto day = DayIn(run, window)) load.records.push_back(Record(run, child, kind, author, *day));
  };
  if (main != nullptr) {
    for (const char* kind : {"home_visit", "talk", "guardian_talk", "letter"}) {
      if (run.dice.Chance(main->diligence)) add(kind, main->id);
    }
    for (int calls = run.dice.Between(0, 3); calls > 0; --calls) add("parent_call", main->id);
    if (run.dice.Chance(0.2)) add(run.dice.Chance(0.5) ? "tutoring" : "material_help", main->id);
  }
  for (int talks = run.dice.Between(0, 3); talks > 0; --talks) add("talk", head_teacher);
  for (int calls = run.dice.Between(0, 2); calls > 0; --calls) add("family_call", head_teacher);
  if (run.dice.Chance(0.04)) {
    if (auto day = DayIn(run, window)) AddSignal(run, child, holders, head_teacher, *day, load);
  }
}

// The rule tasks the planner opened at the start of each term; then every task of the child,
// its must-visits too, counted against its records.
void AddRuleTasks(Generation& run, const Child& child, const domain::RoleHolders& holders, std::size_t first_record,
                  std::size_t first_task, TownshipLoad& load) {
  for (const domain::Term& term : run.terms) {
    for (CareTask& task : domain::RuleTasksOn(child, term.starts_on, run.rules, {}, holders, run.now)) {
      task.id = run.dice.HexId();
      load.tasks.push_back(std::move(task));
    }
  }
  const std::vector<CareRecord> records(load.records.begin() + static_cast<std::ptrdiff_t>(first_record),
                                        load.records.end());
  for (std::size_t i = first_task; i < load.tasks.size(); ++i) domain::CountRecords(load.tasks[i], records, holders);
}

// The child's main helper among the school's: the first with room, or none for one child in
// fifteen (the gap 不留缺口 shows).
Helper* MainHelper(Generation& run, std::vector<Helper>& helpers) {
  if (run.dice.Chance(1.0 / 15)) return nullptr;
  for (Helper& helper : helpers) {
    if (helper.paired < domain::CareSettings{}.max_children_per_helper) return &helper;
  }
  return nullptr;
}

void AddChild(Generation& run, const Org& class_org, int grade, const Hometown& home, const std::string& head_teacher,
              std::vector<Helper>& helpers, TownshipLoad& load) {
  Child child = MakeChild(run.dice, grade, home, run.today, run.ids);
  child.id = run.dice.HexId();
  child.org_id = class_org.id;
  child.county_id = class_org.county_id;
  child.created_at = child.updated_at = run.now;
  child.completeness = domain::Completeness(child, domain::DefaultRequiredChildFields());
  for (domain::FamilyMember member : FamilyOf(run.dice, child)) {
    member.id = run.dice.HexId();
    member.child_id = child.id;
    member.county_id = child.county_id;
    member.created_at = member.updated_at = run.now;
    load.family.push_back(std::move(member));
  }
  domain::RoleHolders holders{.pairings = {}, .head_teachers = {{class_org.id, head_teacher}}};
  Helper* main = MainHelper(run, helpers);
  if (main != nullptr) {
    ++main->paired;
    domain::Pairing pairing{.id = run.dice.HexId(), .child_id = child.id, .helper_id = main->id, .role = "main",
                            .starts_on = domain::FormatDate(run.terms.front().starts_on), .created_at = run.now,
                            .created_by = head_teacher};
    holders.pairings.push_back(pairing);
    load.pairings.push_back(std::move(pairing));
  }
  const std::size_t first_record = load.records.size(), first_task = load.tasks.size();
  for (const domain::Term& term : run.terms) AddTermOfCare(run, child, main, head_teacher, holders, term, load);
  AddRuleTasks(run, child, holders, first_record, first_task, load);
  load.children.push_back(std::move(child));
}

// Enough of the school's teachers as helpers for `children` more, three each at most (001 report
// 10: two or three children for each helper).
void HireHelpers(Generation& run, const Org& school, int children, std::vector<Helper>& helpers, TownshipLoad& load) {
  const int most = static_cast<int>(domain::CareSettings{}.max_children_per_helper);
  int room = 0;
  for (const Helper& helper : helpers) room += most - helper.paired;
  static constexpr double kDiligence[] = {0.95, 0.95, 0.95, 0.95, 0.95, 0.8, 0.8, 0.8, 0.5, 0.5};
  for (; room < children; room += most) {
    User teacher = Account(run, "helper." + school.code + "." + std::to_string(helpers.size() + 1), Role::kHelper,
                           school.id);
    helpers.push_back({.id = teacher.id, .paired = 0, .diligence = run.dice.Pick(kDiligence)});
    load.users.push_back(std::move(teacher));
  }
}

struct SchoolPlan {
  std::string code_suffix;
  std::string name;
  int first_grade, last_grade, classes_per_grade;
};

// The school's classes, staff and children.
void AddSchool(Generation& run, const Org& township, const Hometown& home, const SchoolPlan& plan,
               std::int64_t& children_left, TownshipLoad& load) {
  const Org school = Place(run, township.code + "-" + plan.code_suffix, plan.name, OrgKind::kSchool, township);
  load.orgs.push_back(school);
  load.users.push_back(Account(run, "principal." + school.code, Role::kSchoolLeader, school.id));
  std::vector<Helper> helpers;
  int school_pupils = 0;
  for (int grade = plan.first_grade; grade <= plan.last_grade; ++grade) {
    for (int number = 1; number <= plan.classes_per_grade && children_left > 0; ++number) {
      static constexpr const char* kGrades[] = {"", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"};
      const Org class_org = Place(run, school.code + "-" + std::to_string(grade) + "-" + std::to_string(number),
                                  std::string(kGrades[grade]) + std::to_string(number) + "班", OrgKind::kClass, school);
      load.orgs.push_back(class_org);
      const int pupils = run.dice.Between(32, 48);
      school_pupils += pupils;
      load.pupils.emplace_back(class_org.id, pupils);
      User head_teacher = Account(run, "teacher." + class_org.code, Role::kHeadTeacher, class_org.id);
      const int left_behind = static_cast<int>(std::min<std::int64_t>(children_left, pupils * run.dice.Between(20, 40) / 100));
      HireHelpers(run, school, left_behind, helpers, load);
      for (int i = 0; i < left_behind; ++i) AddChild(run, class_org, grade, home, head_teacher.id, helpers, load);
      children_left -= left_behind;
      load.users.push_back(std::move(head_teacher));
    }
  }
  load.pupils.emplace_back(school.id, school_pupils);
}

// A township: its villages, its central primary school, a primary school in some villages and
// a junior middle school, filled until the children run out.
TownshipLoad MakeTownship(Generation& run, const Org& county, int number, std::int64_t& children_left) {
  TownshipLoad load;
  const std::string name = PlaceName(run.dice) + (run.dice.Chance(0.7) ? "镇" : "乡");
  const Org township = Place(run, county.code + std::to_string(100 + number), name, OrgKind::kTownship, county);
  load.orgs.push_back(township);
  load.users.push_back(Account(run, "official." + township.code, Role::kTownshipOfficial, township.id));
  Hometown home{.county_code = county.code, .household_registration = kProvinceName + county.name,
                .township = name, .villages = {}};
  const int villages = run.dice.Between(3, 6);
  for (int v = 1; v <= villages; ++v) {
    home.villages.push_back(PlaceName(run.dice) + "村");
    load.orgs.push_back(Place(run, township.code + std::to_string(200 + v), home.villages.back(), OrgKind::kVillage,
                              township));
  }
  std::vector<SchoolPlan> schools = {{"zx", name + "中心小学", 1, 6, run.dice.Between(2, 3)}};
  for (int v = 0; v < villages - 2; ++v) {
    std::string code = "c";
    code += std::to_string(v + 1);
    schools.push_back({std::move(code), home.villages[static_cast<std::size_t>(v)] + "小学", 1, 6, 1});
  }
  schools.push_back({"cz", name + "初级中学", 7, 9, run.dice.Between(3, 5)});
  for (const SchoolPlan& plan : schools) {
    if (children_left > 0) AddSchool(run, township, home, plan, children_left, load);
  }
  return load;
}

Status WriteTownship(domain::Repositories& repos, const Generation& run, const TownshipLoad& load) {
  for (const Org& org : load.orgs) {
    if (Status inserted = repos.orgs.Insert(org); !inserted.ok()) return inserted;
  }
  for (const auto& [org_id, pupils] : load.pupils) {
    if (Status set = repos.orgs.SetPupils(org_id, run.term_key, pupils); !set.ok()) return set;
  }
  for (Status written : {repos.users.InsertMany(load.users), repos.children.InsertMany(load.children),
                         repos.children.InsertFamilyMembers(load.family), repos.pairings.InsertMany(load.pairings),
                         repos.care.InsertRecords(load.records), repos.care.InsertSignals(load.signals),
                         repos.care.InsertTasks(load.tasks)}) {
    if (!written.ok()) return written;
  }
  return Status::Ok();
}

void Count(ProvinceCounts& counts, const TownshipLoad& load) {
  counts.orgs += static_cast<std::int64_t>(load.orgs.size());
  counts.users += static_cast<std::int64_t>(load.users.size());
  counts.children += static_cast<std::int64_t>(load.children.size());
  counts.family_members += static_cast<std::int64_t>(load.family.size());
  counts.pairings += static_cast<std::int64_t>(load.pairings.size());
  counts.records += static_cast<std::int64_t>(load.records.size());
  counts.signals += static_cast<std::int64_t>(load.signals.size());
  counts.tasks += static_cast<std::int64_t>(load.tasks.size());
}

// Keeps the first account of each kind made, for the summary.
void NoteAccounts(Generation& run, const TownshipLoad& load) {
  for (const User& user : load.users) {
    const std::string role = domain::RoleName(user.roles.front().role);
    const bool seen = std::any_of(run.result.accounts.begin(), run.result.accounts.end(),
                                  [&](const DemoAccount& account) { return account.role == role; });
    if (seen) continue;
    const auto org = std::find_if(load.orgs.begin(), load.orgs.end(),
                                  [&](const Org& o) { return o.id == user.roles.front().org_id; });
    run.result.accounts.push_back({user.username, role, org == load.orgs.end() ? "" : org->code});
  }
}

Status WriteOrgAndAccount(CommandServices& services, Generation& run, const Org& org, const std::string& username) {
  const User official = Account(run, username, Role::kCountyOfficial, org.id);
  ++run.counts.orgs;
  ++run.counts.users;
  run.result.accounts.push_back({official.username, domain::RoleName(Role::kCountyOfficial), org.code});
  return services.store.Write([&](domain::Repositories& repos) -> Status {
    if (Status inserted = repos.orgs.Insert(org); !inserted.ok()) return inserted;
    return repos.users.InsertMany(std::span<const User>(&official, 1));
  });
}

// A county and its townships, written in one transaction: each commit writes every page it
// changed, so fewer and larger commits write each index page fewer times.
Status AddCounty(CommandServices& services, Generation& run, const Org& city, int number, std::int64_t& children_left,
                 const std::function<void(const ProvinceCounts&)>& progress) {
  const Org county = Place(run, std::string(city.code).substr(0, 4) + Two(21 + number), PlaceName(run.dice) + "县",
                           OrgKind::kCounty, city);
  if (Status written = WriteOrgAndAccount(services, run, county, "official." + county.code); !written.ok()) {
    return written;
  }
  const int townships = run.dice.Between(14, 24);
  std::vector<TownshipLoad> loads;
  for (int t = 1; t <= townships && children_left > 0; ++t) loads.push_back(MakeTownship(run, county, t, children_left));
  Status written = services.store.Write([&](domain::Repositories& repos) -> Status {
    for (const TownshipLoad& load : loads) {
      if (Status township = WriteTownship(repos, run, load); !township.ok()) return township;
    }
    return Status::Ok();
  });
  for (const TownshipLoad& load : loads) {
    Count(run.counts, load);
    NoteAccounts(run, load);
  }
  if (progress) progress(run.counts);
  return written;
}

// The terms of the two school years up to today, oldest first.
std::vector<domain::Term> TermsToToday(year_month_day today) {
  const domain::Term current = domain::DefaultTermOn(today);
  const int first_year = std::stoi(current.key.substr(0, 4)) - 1;
  std::vector<domain::Term> terms;
  for (const year_month_day start : {year{first_year} / September / 1, year{first_year + 1} / February / 1,
                                     year{first_year + 1} / September / 1, year{first_year + 2} / February / 1}) {
    if (sys_days(start) <= sys_days(today)) terms.push_back(domain::DefaultTermOn(start));
  }
  return terms;
}

// The province, its official and its rule.
Status AddProvince(CommandServices& services, Generation& run) {
  const Org province{.id = run.dice.HexId(), .parent_id = "", .county_id = "", .kind = OrgKind::kProvince,
                     .code = kProvinceCode, .name = kProvinceName};
  run.province_id = province.id;
  if (Status written = WriteOrgAndAccount(services, run, province, "official.province"); !written.ok()) return written;
  for (const domain::CareRule& preset : domain::FindPreset(kProvinceRules)->rules) {
    domain::CareRule rule = preset;
    rule.id = run.dice.HexId();
    rule.org_id = province.id;
    rule.version = 0;
    rule.updated_at = run.now;
    run.rules.push_back(rule);
  }
  return services.store.Write([&](domain::Repositories& repos) -> Status {
    for (domain::CareRule rule : run.rules) {
      if (Status saved = repos.care.SaveRule(rule); !saved.ok()) return saved;
    }
    // Today is planned: the server need not plan every child again when it starts.
    return repos.care.SetPlannedOn(run.today_text, run.now);
  });
}

}  // namespace

Result<DemoProvince> FillDemoProvince(CommandServices& services, const ProvinceOptions& options,
                                      std::chrono::year_month_day today,
                                      const std::function<void(const ProvinceCounts&)>& progress) {
  if (Status empty = RequireEmptyDatabase(services); !empty.ok()) return empty;
  Generation run{.dice = Dice(options.seed), .ids = {}, .today = today, .today_text = domain::FormatDate(today),
                 .now = FormatUtc(services.clock.Now()), .password_hash = "", .term_key = domain::DefaultTermOn(today).key,
                 .terms = TermsToToday(today), .rules = {}, .province_id = "", .counts = {}, .result = {}};
  run.result.password = "Demo-" + run.dice.Digits(6);
  run.password_hash = services.hasher.Hash(run.result.password);
  if (Status added = AddProvince(services, run); !added.ok()) return added;
  std::int64_t children_left = options.children;
  std::vector<Org> cities;
  for (int county = 0; children_left > 0; ++county) {
    const int city_index = county % kCityCount;
    if (city_index == static_cast<int>(cities.size())) {
      const CityPlan& plan = kCities[city_index];
      cities.push_back(Org{.id = run.dice.HexId(), .parent_id = run.province_id, .county_id = "", .kind = OrgKind::kCity,
                           .code = std::string(plan.prefix) + "00", .name = plan.name});
      const Org& city = cities.back();
      Status written = services.store.Write([&](domain::Repositories& repos) { return repos.orgs.Insert(city); });
      if (!written.ok()) return written;
      ++run.counts.orgs;
    }
    Status added = AddCounty(services, run, cities[static_cast<std::size_t>(city_index)], county / kCityCount, children_left,
                             progress);
    if (!added.ok()) return added;
  }
  if (Status analysed = services.database->AfterBulkLoad(); !analysed.ok()) return analysed;
  run.result.counts = run.counts;
  return run.result;
}

}  // namespace sw::cli
