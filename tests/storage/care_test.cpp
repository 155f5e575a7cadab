// Care rules, signals and tasks over whole terms, with a clock the test moves: the presets of
// the seeds, records just inside and just outside a period's boundary (in China time), a child
// who changes helper in mid-term, a must-visit's deadline passing, and records by someone who is
// not the helper.
#include <gtest/gtest.h>

#include <optional>

#include "core/random.h"
#include "domain/care/care_rule_service.h"
#include "domain/care/care_service.h"
#include "domain/care/notification_service.h"
#include "domain/care/reminder_outbox.h"
#include "domain/care/task_service.h"
#include "domain/children/child_service.h"
#include "domain/orgs/org_service.h"
#include "domain/pairing/pairing_service.h"
#include "domain/users/user_service.h"
#include "storage/migrations/migrations.h"
#include "storage/repositories/sql_repositories.h"
#include "support/backend.h"

namespace sw::storage {
namespace {

using namespace std::chrono;
using domain::Actor;
using domain::Authority;

constexpr const char* kPassword = "dusk-Heron-paddy-42";

// China time as UTC: 2026-09-30 23:30 in China is 15:30 UTC.
TimePoint China(year_month_day day, int hour, int minute = 0) {
  return sys_days(day) + hours(hour) + minutes(minute) - kChinaOffset;
}

class CareTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = std::move(Open(fresh_.url(), {.connections = 2})).value();
    ASSERT_TRUE(Migrate(*database_).ok());
    store_ = std::make_unique<SqlStore>(*database_);
    care_.emplace(*store_, clock_);
    tasks_.emplace(*store_, clock_);
    rules_.emplace(*store_, clock_, [](const std::string&) {});
    pairings_.emplace(*store_, clock_);
    domain::OrgService orgs(*store_, clock_);
    for (const auto& [code, name, kind, parent] :
         {std::tuple{"341122", "来安县", domain::OrgKind::kCounty, ""},
          {"qs", "青山镇", domain::OrgKind::kTownship, "341122"},
          {"qs-zx", "青山镇中心小学", domain::OrgKind::kSchool, "qs"},
          {"qs-zx-3-1", "三年级1班", domain::OrgKind::kClass, "qs-zx"}}) {
      ASSERT_TRUE(orgs.Add({code, name, kind, parent, {}}, Authority::Operator(), Actor::CommandLine()).ok());
    }
    leader_ = AddUser("leader.zhang", domain::Role::kSchoolLeader, "qs-zx");
    teacher_ = AddUser("teacher.li", domain::Role::kHeadTeacher, "qs-zx-3-1");
    first_helper_ = AddUser("helper.wang", domain::Role::kHelper, "qs-zx");
    second_helper_ = AddUser("helper.zhao", domain::Role::kHelper, "qs-zx");
    domain::ChildService children(*store_, clock_);
    auto created = children.Create({.name = "张小明", .gender = "male", .birth_date = "2016-04-01"}, "qs-zx-3-1",
                                   leader_, ActorOf(leader_));
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    child_ = created->child.id;
  }

  domain::User AddUser(const std::string& username, domain::Role role, const std::string& org) {
    domain::UserService users(*store_, clock_, hasher_);
    auto added = users.Add({.username = username, .display_name = username, .role = role, .org_code = org,
                            .password = std::string(kPassword)},
                           Authority::Operator(), Actor::CommandLine());
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    domain::User user;
    EXPECT_TRUE(store_->Read([&](domain::Repositories& repos) -> Status {
                        auto found = repos.users.FindByUsername(username);
                        if (found.ok() && *found) user = **found;
                        return found.status();
                      }).ok());
    return user;
  }

  static Actor ActorOf(const domain::User& user) {
    return Actor{.user_id = user.id, .role = "", .org_id = "", .request_id = "t", .client_address = "127.0.0.1"};
  }

  // Moves the clock to 08:00 in China on `day`.
  void Today(year_month_day day) { clock_.Advance(China(day, 8) - clock_.Now()); }

  // "kind detail" of the user's reminders, sorted.
  std::vector<std::string> Reminders(const domain::User& user) {
    auto page = domain::NotificationService(*store_, clock_).Mine(user, false, 100);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::string> lines;
    if (page.ok()) {
      for (const auto& reminder : page->items) lines.push_back(reminder.kind + " " + reminder.detail);
    }
    std::sort(lines.begin(), lines.end());
    return lines;
  }

  void AdoptPreset(const std::string& preset) {
    auto adopted = rules_->AdoptPreset("qs-zx", preset, leader_, ActorOf(leader_));
    ASSERT_TRUE(adopted.ok()) << adopted.status().ToString();
  }

  void Pair(const domain::User& helper, const std::string& role) {
    auto paired = pairings_->Pair(child_, helper.username, role, "", leader_, ActorOf(leader_));
    ASSERT_TRUE(paired.ok()) << paired.status().ToString();
  }

  std::string PairingOf(const domain::User& helper) {
    auto pairings = pairings_->OfChild(child_, leader_, ActorOf(leader_));
    for (const auto& pairing : *pairings) {
      if (pairing.helper_id == helper.id && pairing.open()) return pairing.id;
    }
    return "";
  }

  // The daily planner's work for today.
  void Plan() {
    auto planned = tasks_->PlanUnder("", tasks_->Today());
    ASSERT_TRUE(planned.ok()) << planned.status().ToString();
  }

  Status Record(const domain::User& author, const std::string& kind, TimePoint at, const std::string& letter_to = "") {
    auto added = care_->Add(child_, {.kind = kind, .letter_to = letter_to, .occurred_at = FormatUtc(at), .content = "谈了近况"},
                           author, ActorOf(author));
    return added.status();
  }

  // "name due status" for each of the helper's tasks, or the child's when `helper` is null.
  std::vector<std::string> Tasks(const domain::User* helper, const std::string& state = "") {
    domain::TaskFilter filter{.state = state, .limit = 100};
    auto page = helper ? tasks_->Mine(filter, *helper) : tasks_->OfChild(child_, filter, leader_, ActorOf(leader_));
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::string> lines;
    for (const auto& task : page->items) {
      lines.push_back(task.name + " " + task.due + " " + domain::TaskState(task, tasks_->Today()));
    }
    std::sort(lines.begin(), lines.end());
    return lines;
  }

  testing::FreshDatabase fresh_;
  std::unique_ptr<Database> database_;
  ManualClock clock_{China(year{2026} / September / 1, 8)};
  domain::PasswordHasher hasher_{1};
  std::unique_ptr<SqlStore> store_;
  domain::User leader_, teacher_, first_helper_, second_helper_;
  std::string child_;
  std::optional<domain::CareService> care_;
  std::optional<domain::TaskService> tasks_;
  std::optional<domain::CareRuleService> rules_;
  std::optional<domain::PairingService> pairings_;
};

TEST_F(CareTest, ThreeOnesOverATermCountsRecordsByTheirDayInChina) {
  AdoptPreset("three_ones");
  Pair(first_helper_, "surrogate_parent");  // pairing plans today's periods at once
  EXPECT_EQ(Tasks(&first_helper_), (std::vector<std::string>{"surrogate_home_visit 2026-09-30 open",
                                                             "surrogate_letter 2027-01-31 open",
                                                             "surrogate_parent_call 2026-09-30 open"}));
  // 23:30 on 30 September in China is still September; 00:10 on 1 October is not, though both
  // are 30 September in UTC.
  Today(year{2026} / October / 1);
  ASSERT_TRUE(Record(first_helper_, "home_visit", China(year{2026} / September / 30, 23, 30)).ok());
  ASSERT_TRUE(Record(first_helper_, "home_visit", China(year{2026} / October / 1, 0, 10)).ok());
  // The head teacher's call does not count: the rule wants the surrogate parent's.
  ASSERT_TRUE(Record(teacher_, "parent_call", China(year{2026} / September / 20, 19)).ok());
  Plan();
  EXPECT_EQ(Tasks(&first_helper_), (std::vector<std::string>{"surrogate_home_visit 2026-09-30 done",
                                                             "surrogate_home_visit 2026-10-31 done",
                                                             "surrogate_letter 2027-01-31 open",
                                                             "surrogate_parent_call 2026-09-30 late",
                                                             "surrogate_parent_call 2026-10-31 open"}));

  // Through the term, month by month, doing only the home visits.
  for (auto month : {November, December, January}) {
    const year y{month == January ? 2027 : 2026};
    Today(y / month / 16);
    Plan();
    ASSERT_TRUE(Record(first_helper_, "home_visit", China(y / month / 15, 16)).ok());
  }
  ASSERT_TRUE(Record(first_helper_, "letter", China(year{2027} / January / 15, 10), "parents").ok());
  Today(year{2027} / February / 1);
  auto compliance = tasks_->ComplianceOf("qs-zx", "2026-2027-1", leader_, ActorOf(leader_));
  ASSERT_TRUE(compliance.ok()) << compliance.status().ToString();
  EXPECT_EQ(compliance->total.done, 6);  // five home visits and the letter
  EXPECT_EQ(compliance->total.late, 5);  // five calls with the parents
  EXPECT_EQ(compliance->total.open, 0);
  EXPECT_EQ(compliance->by_helper["helper.wang"].done, 6);
  EXPECT_EQ(compliance->by_org["qs-zx-3-1"].late, 5);
}

TEST_F(CareTest, HeadTeacherVisitsThreeTimesATermAndTalksEveryMonth) {
  AdoptPreset("head_teacher");
  Plan();
  EXPECT_EQ(Tasks(&teacher_), (std::vector<std::string>{"head_teacher_home_visit 2027-01-31 open",
                                                        "head_teacher_talk 2026-09-30 open"}));
  Today(year{2026} / September / 26);
  for (int day : {3, 20}) ASSERT_TRUE(Record(teacher_, "home_visit", China(year{2026} / September / day, 17)).ok());
  ASSERT_TRUE(Record(teacher_, "talk", China(year{2026} / September / 2, 12)).ok());
  // Somebody else's visit is not the head teacher's.
  ASSERT_TRUE(Record(leader_, "home_visit", China(year{2026} / September / 25, 17)).ok());
  EXPECT_EQ(Tasks(&teacher_), (std::vector<std::string>{"head_teacher_home_visit 2027-01-31 open",
                                                        "head_teacher_talk 2026-09-30 done"}));
  Today(year{2026} / December / 10);
  ASSERT_TRUE(Record(teacher_, "home_visit", China(year{2026} / December / 9, 17)).ok());
  Plan();
  EXPECT_EQ(Tasks(&teacher_, "done"), (std::vector<std::string>{"head_teacher_home_visit 2027-01-31 done",
                                                                "head_teacher_talk 2026-09-30 done"}));
  // October and November were never planned (the server was off); December is open.
  EXPECT_EQ(Tasks(&teacher_, "open"), (std::vector<std::string>{"head_teacher_talk 2026-12-31 open"}));
}

TEST_F(CareTest, FourOnceFollowsTheChildWhenTheMainHelperChangesInMidTerm) {
  AdoptPreset("four_once");
  Pair(first_helper_, "main");
  Today(year{2026} / September / 12);
  ASSERT_TRUE(Record(first_helper_, "talk", China(year{2026} / September / 10, 16)).ok());
  ASSERT_TRUE(Record(first_helper_, "letter", China(year{2026} / September / 12, 16), "parents").ok());  // not to the child
  Today(year{2026} / October / 15);
  ASSERT_TRUE(pairings_->End(child_, PairingOf(first_helper_), leader_, ActorOf(leader_)).ok());
  // The first helper keeps what they did; what is still owed waits for the next main helper.
  EXPECT_EQ(Tasks(&first_helper_), (std::vector<std::string>{"term_talk 2027-01-31 done"}));
  Today(year{2026} / October / 16);
  Pair(second_helper_, "main");
  EXPECT_EQ(Tasks(&second_helper_), (std::vector<std::string>{"term_guardian_talk 2027-01-31 open",
                                                              "term_home_visit 2027-01-31 open",
                                                              "term_letter 2027-01-31 open"}));
  // The first helper no longer reaches the child; a record of theirs now would not count.
  EXPECT_EQ(Record(first_helper_, "home_visit", China(year{2026} / October / 16, 16)).code(), StatusCode::kNotFound);
  Today(year{2026} / October / 18);
  ASSERT_TRUE(Record(second_helper_, "home_visit", China(year{2026} / October / 17, 16)).ok());
  ASSERT_TRUE(Record(second_helper_, "letter", China(year{2026} / October / 18, 16), "child").ok());
  EXPECT_EQ(Tasks(nullptr), (std::vector<std::string>{"term_guardian_talk 2027-01-31 open",
                                                      "term_home_visit 2027-01-31 done",
                                                      "term_letter 2027-01-31 done",
                                                      "term_talk 2027-01-31 done"}));
}

TEST_F(CareTest, ASignalsMustVisitFallsLateWhenItsDeadlinePassesAndClosesWithTheVisit) {
  auto settings = rules_->SaveSettings("qs-zx", {.must_visit_days = 3}, leader_, ActorOf(leader_));
  ASSERT_TRUE(settings.ok()) << settings.status().ToString();
  Pair(first_helper_, "main");
  Today(year{2026} / November / 2);
  auto raised = care_->RaiseSignal(child_, {.type = "bad_mood", .note = "上课哭了"}, teacher_, ActorOf(teacher_));
  ASSERT_TRUE(raised.ok()) << raised.status().ToString();
  EXPECT_EQ(raised->second.helper_id, first_helper_.id);
  EXPECT_EQ(Tasks(&first_helper_), (std::vector<std::string>{"bad_mood 2026-11-05 open"}));
  // The head teacher sees it among the class's tasks.
  auto of_class = tasks_->OfOrg("qs-zx-3-1", {.state = "open"}, teacher_, ActorOf(teacher_));
  ASSERT_TRUE(of_class.ok());
  ASSERT_EQ(of_class->items.size(), 1u);
  Today(year{2026} / November / 5);
  EXPECT_EQ(Tasks(&first_helper_), (std::vector<std::string>{"bad_mood 2026-11-05 open"}));
  Today(year{2026} / November / 6);
  EXPECT_EQ(Tasks(&first_helper_), (std::vector<std::string>{"bad_mood 2026-11-05 late"}));
  // The helper was told of the must-visit, and is told once that it went late.
  ASSERT_TRUE(tasks_->RemindLate("", "2026-11-06").ok());
  ASSERT_TRUE(tasks_->RemindLate("2026-11-01", "2026-11-08").ok());  // two days later, the server off meanwhile
  EXPECT_EQ(Reminders(first_helper_), (std::vector<std::string>{"must_visit bad_mood", "task_late home_visit"}));
  EXPECT_TRUE(Reminders(teacher_).empty());  // who raised it
  EXPECT_EQ(tasks_->OfOrg("qs", {.state = "late"}, leader_, ActorOf(leader_)).status().code(), StatusCode::kNotFound);
  // A talk is not the visit; the visit, late, still closes it.
  ASSERT_TRUE(Record(first_helper_, "talk", China(year{2026} / November / 6, 9)).ok());
  EXPECT_EQ(Tasks(&first_helper_), (std::vector<std::string>{"bad_mood 2026-11-05 late"}));
  ASSERT_TRUE(Record(first_helper_, "home_visit", China(year{2026} / November / 6, 17)).ok());
  EXPECT_EQ(Tasks(&first_helper_), (std::vector<std::string>{"bad_mood 2026-11-05 done"}));
}

TEST_F(CareTest, LateRemindersReachEveryHelperHoweverManyThereAre) {
  // More helpers than one transaction of reminders takes (500); the last by id has a late task.
  std::vector<domain::User> helpers;
  for (int n = 0; n < 600; ++n) {
    helpers.push_back({.id = NewId(), .username = "helper.n" + std::to_string(n), .display_name = "帮扶人",
                       .password_hash = "unused", .created_at = "2026-11-01T00:00:00.000Z"});
  }
  const domain::User last = *std::max_element(helpers.begin(), helpers.end(),
                                              [](const auto& a, const auto& b) { return a.id < b.id; });
  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) -> Status {
                      if (Status added = repos.users.InsertMany(helpers); !added.ok()) return added;
                      return repos.care.InsertTask({.id = NewId(), .child_id = child_,
                                                    .org_id = teacher_.roles[0].org_id, .source = "signal",
                                                    .source_id = "signal-1", .name = "bad_mood",
                                                    .kinds = {"home_visit"}, .helper_role = "main",
                                                    .helper_id = last.id, .period_start = "2026-11-01",
                                                    .due = "2026-11-04", .created_at = "2026-11-01T00:00:00.000Z"})
                          .status();
                    }).ok());
  ASSERT_TRUE(tasks_->RemindLate("", "2026-11-05").ok());
  EXPECT_EQ(Reminders(last), std::vector<std::string>{"task_late home_visit"});
}

TEST_F(CareTest, AFollowUpIsTheAuthorsAndTheirNextRecordMeetsIt) {
  Pair(first_helper_, "main");
  Today(year{2026} / September / 8);
  auto first = care_->Add(child_, {.kind = "guardian_talk", .occurred_at = FormatUtc(China(year{2026} / September / 3, 18)),
                                   .content = "奶奶说孩子晚上不睡觉", .follow_up = "一周后再问", .follow_up_by = "2026-09-10"},
                          first_helper_, ActorOf(first_helper_));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(Tasks(&first_helper_), (std::vector<std::string>{" 2026-09-10 open"}));
  ASSERT_TRUE(Record(teacher_, "talk", China(year{2026} / September / 5, 12)).ok());  // not the author's
  EXPECT_EQ(Tasks(&first_helper_), (std::vector<std::string>{" 2026-09-10 open"}));
  ASSERT_TRUE(Record(first_helper_, "parent_call", China(year{2026} / September / 8, 20)).ok());
  EXPECT_EQ(Tasks(&first_helper_), (std::vector<std::string>{" 2026-09-10 done"}));
}

TEST_F(CareTest, AFollowUpLeftBehindByAHelperWhoLeavesIsMetByTheNextRecord) {
  Pair(first_helper_, "main");
  Today(year{2026} / September / 8);
  auto asked = care_->Add(child_, {.kind = "talk", .occurred_at = FormatUtc(China(year{2026} / September / 3, 18)),
                                   .content = "说起想爸爸", .follow_up = "下周再谈", .follow_up_by = "2026-09-15"},
                          first_helper_, ActorOf(first_helper_));
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  ASSERT_TRUE(pairings_->End(child_, PairingOf(first_helper_), leader_, ActorOf(leader_)).ok());
  // The child's name leaves the list of a helper who no longer reaches it.
  EXPECT_TRUE(Tasks(&first_helper_).empty());
  EXPECT_EQ(Tasks(nullptr), (std::vector<std::string>{" 2026-09-15 open"}));
  ASSERT_TRUE(Record(teacher_, "talk", China(year{2026} / September / 8, 12)).ok());
  EXPECT_EQ(Tasks(nullptr), (std::vector<std::string>{" 2026-09-15 done"}));
}

TEST_F(CareTest, TheDailyPlanRunsOnceADayWhateverRestarts) {
  AdoptPreset("head_teacher");
  auto first = tasks_->PlanDay(tasks_->Today());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, std::optional<std::int64_t>(1));
  domain::TaskService restarted(*store_, clock_);
  auto again = restarted.PlanDay(restarted.Today());
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());
  Today(year{2026} / October / 1);
  auto next = restarted.PlanDay(restarted.Today());
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, std::optional<std::int64_t>(1));
  EXPECT_EQ(Tasks(&teacher_), (std::vector<std::string>{"head_teacher_home_visit 2027-01-31 open",
                                                        "head_teacher_talk 2026-09-30 late",
                                                        "head_teacher_talk 2026-10-31 open"}));
  // September's talk went late on the day planned: its holder is told.
  EXPECT_EQ(Reminders(teacher_), std::vector<std::string>{"task_late talk"});
}

TEST_F(CareTest, TheDailyPlanGivesEachChildItsOwnHoldersTasksAndCountsWhatWasDoneBefore) {
  // A second class with its own head teacher and child, planned in the same batch.
  ASSERT_TRUE(domain::OrgService(*store_, clock_)
                  .Add({"qs-zx-4-1", "四年级1班", domain::OrgKind::kClass, "qs-zx", {}}, Authority::Operator(),
                       Actor::CommandLine())
                  .ok());
  const domain::User sun = AddUser("teacher.sun", domain::Role::kHeadTeacher, "qs-zx-4-1");
  auto other = domain::ChildService(*store_, clock_)
                   .Create({.name = "李小红", .gender = "female", .birth_date = "2015-03-01"}, "qs-zx-4-1", leader_,
                           ActorOf(leader_));
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  Today(year{2026} / October / 10);
  // A talk made before any rule asked for one counts once the rule's task opens.
  ASSERT_TRUE(Record(teacher_, "talk", China(year{2026} / October / 5, 16)).ok());
  AdoptPreset("head_teacher");
  Plan();
  EXPECT_EQ(Tasks(&teacher_), (std::vector<std::string>{"head_teacher_home_visit 2027-01-31 open",
                                                        "head_teacher_talk 2026-10-31 done"}));
  EXPECT_EQ(Tasks(&sun), (std::vector<std::string>{"head_teacher_home_visit 2027-01-31 open",
                                                   "head_teacher_talk 2026-10-31 open"}));
  // Planning the same day again adds nothing; the next month adds its talk.
  Plan();
  EXPECT_EQ(Tasks(&sun).size(), 2u);
  Today(year{2026} / November / 1);
  Plan();
  EXPECT_EQ(Tasks(&sun), (std::vector<std::string>{"head_teacher_home_visit 2027-01-31 open",
                                                   "head_teacher_talk 2026-10-31 late",
                                                   "head_teacher_talk 2026-11-30 open"}));
  EXPECT_EQ(Tasks(&teacher_).size(), 3u);
}

TEST_F(CareTest, AClassesOpenTasksFollowItsHeadTeacher) {
  AdoptPreset("head_teacher");
  Today(year{2026} / October / 10);
  Plan();
  ASSERT_TRUE(Record(teacher_, "talk", China(year{2026} / September / 20, 16)).ok());
  const std::vector<std::string> teachers_tasks = {"head_teacher_home_visit 2027-01-31 open",
                                                   "head_teacher_talk 2026-09-30 done",
                                                   "head_teacher_talk 2026-10-31 open"};
  EXPECT_EQ(Tasks(&teacher_), teachers_tasks);
  // A second head teacher joins the class: teacher.li stays first by username.
  std::vector<std::string> replanned;
  domain::UserService users(*store_, clock_, hasher_, [&](const std::string& org) { replanned.push_back(org); });
  ASSERT_TRUE(users.Add({.username = "teacher.zhou", .role = domain::Role::kHeadTeacher, .org_code = "qs-zx-3-1",
                         .password = std::string(kPassword)},
                        Authority::Operator(), Actor::CommandLine()).ok());
  EXPECT_EQ(Tasks(&teacher_), teachers_tasks);
  // teacher.li moves to another duty: the open tasks pass to teacher.zhou, the done one stays.
  ASSERT_TRUE(users.Grant("teacher.li", domain::Role::kHelper, "qs-zx", Authority::Operator(), Actor::CommandLine()).ok());
  ASSERT_TRUE(users.Revoke("teacher.li", domain::Role::kHeadTeacher, "qs-zx-3-1", Authority::Operator(),
                           Actor::CommandLine()).ok());
  domain::User zhou;
  ASSERT_TRUE(store_->Read([&](domain::Repositories& repos) -> Status {
                       auto found = repos.users.FindByUsername("teacher.zhou");
                       if (found.ok() && *found) zhou = **found;
                       return found.status();
                     }).ok());
  EXPECT_EQ(Tasks(&zhou), (std::vector<std::string>{"head_teacher_home_visit 2027-01-31 open",
                                                    "head_teacher_talk 2026-10-31 open"}));
  EXPECT_EQ(Tasks(&teacher_), std::vector<std::string>{"head_teacher_talk 2026-09-30 done"});
  // The class without an active head teacher: its tasks wait for the next one.
  ASSERT_TRUE(users.SetActive("teacher.zhou", false, Authority::Operator(), Actor::CommandLine()).ok());
  EXPECT_TRUE(Tasks(&zhou).empty());
  auto waiting = tasks_->OfOrg("qs-zx-3-1", {.state = "open"}, leader_, ActorOf(leader_));
  ASSERT_TRUE(waiting.ok());
  ASSERT_EQ(waiting->items.size(), 2u);
  EXPECT_TRUE(waiting->items[0].helper_id.empty());
  ASSERT_TRUE(users.SetActive("teacher.zhou", true, Authority::Operator(), Actor::CommandLine()).ok());
  EXPECT_EQ(Tasks(&zhou).size(), 2u);
  // Planned again after each change of the class's head teachers: added, revoked, disabled, enabled.
  EXPECT_EQ(replanned, (std::vector<std::string>(4, teacher_.roles[0].org_id)));
}

TEST_F(CareTest, AnAuthorEditsInsideTheWindowThenOnlyAddsCorrections) {
  Pair(first_helper_, "main");
  auto added = care_->Add(child_, {.kind = "talk", .occurred_at = FormatUtc(China(year{2026} / September / 1, 7)),
                                   .content = "开学第一天"},
                          first_helper_, ActorOf(first_helper_));
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  domain::CareRecord draft = *added;
  draft.content = "开学第一天，情绪稳定";
  EXPECT_EQ(care_->Edit(child_, added->id, draft, teacher_, ActorOf(teacher_)).status().reason(), "not_author");
  auto edited = care_->Edit(child_, added->id, draft, first_helper_, ActorOf(first_helper_));
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->version, 2);
  EXPECT_EQ(care_->Edit(child_, added->id, draft, first_helper_, ActorOf(first_helper_)).status().reason(),
            "stale_version");
  clock_.Advance(hours(73));  // the default window is 72 hours
  draft.version = 2;
  EXPECT_EQ(care_->Edit(child_, added->id, draft, first_helper_, ActorOf(first_helper_)).status().reason(),
            "correction_window_closed");
  ASSERT_TRUE(care_->Correct(child_, added->id, "日期应为9月2日", first_helper_, ActorOf(first_helper_)).ok());
  auto detail = care_->Record(child_, added->id, leader_, ActorOf(leader_));
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->record.content, "开学第一天，情绪稳定");
  ASSERT_EQ(detail->revisions.size(), 1u);
  EXPECT_NE(detail->revisions[0].snapshot.find("开学第一天\""), std::string::npos);
  ASSERT_EQ(detail->corrections.size(), 1u);
  EXPECT_EQ(detail->corrections[0].note, "日期应为9月2日");
}

// The far end of the outbox for these tests: writes down every message it is given and answers
// as the test says. (The real libcurl sender meets a real HTTP and SMTP peer in the API tests.)
class ScriptedTransport final : public domain::ReminderTransport {
 public:
  Status Send(const domain::OutgoingReminder& message) override {
    tried.push_back(message.channel + " " + message.username + " " + message.kind + " " + message.due + " #" +
                    std::to_string(message.attempts));
    return answer(message);
  }
  std::function<Status(const domain::OutgoingReminder&)> answer = [](const auto&) { return Status::Ok(); };
  std::vector<std::string> tried;
};

class OutboxTest : public CareTest {
 protected:
  void SetUp() override {
    CareTest::SetUp();
    const domain::ReminderChannels both{.email = true, .webhook = true};
    care_.emplace(*store_, clock_, both);
    tasks_.emplace(*store_, clock_, both);
    outbox_.emplace(*store_, clock_, transport_, domain::RetryPolicy{.first_wait = seconds(60), .max_attempts = 4});
    domain::UserService users(*store_, clock_, hasher_);
    ASSERT_TRUE(users.Update("helper.wang", {.active = std::nullopt, .email = "wang@example.cn"}, Authority::Operator(),
                             Actor::CommandLine()).ok());
    Pair(first_helper_, "main");
    Today(year{2026} / November / 2);
  }

  void RaiseSignal() {
    auto raised = care_->RaiseSignal(child_, {.type = "unwell", .note = "发烧"}, leader_, ActorOf(leader_));
    ASSERT_TRUE(raised.ok()) << raised.status().ToString();
  }

  domain::SendReport SendDue() {
    auto report = outbox_->SendDue(std::stop_token());
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : domain::SendReport{};
  }

  // What the transport was given since the last call, sorted.
  std::vector<std::string> Tried() {
    std::vector<std::string> tried = std::move(transport_.tried);
    transport_.tried.clear();
    std::sort(tried.begin(), tried.end());
    return tried;
  }

  ScriptedTransport transport_;
  std::optional<domain::ReminderOutbox> outbox_;
};

TEST_F(OutboxTest, EachReminderLeavesOncePerChannelAndOnlyForWhoHasAnAddress) {
  RaiseSignal();
  auto report = SendDue();
  EXPECT_EQ(report.sent, 3);
  EXPECT_EQ(report.failed, 0);
  // The head teacher has no e-mail address: the webhook only.
  EXPECT_EQ(Tried(), (std::vector<std::string>{"email helper.wang must_visit 2026-11-05 #1",
                                                "webhook helper.wang must_visit 2026-11-05 #1",
                                                "webhook teacher.li signal_raised 2026-11-05 #1"}));
  clock_.Advance(hours(24));
  EXPECT_EQ(SendDue().sent, 0);
  // The late reminder, given once however often the planner tells it, leaves once.
  Today(year{2026} / November / 6);
  ASSERT_TRUE(tasks_->RemindLate("", "2026-11-06").ok());
  ASSERT_TRUE(tasks_->RemindLate("", "2026-11-06").ok());
  SendDue();
  EXPECT_EQ(Tried(), (std::vector<std::string>{"email helper.wang task_late 2026-11-05 #1",
                                                "webhook helper.wang task_late 2026-11-05 #1"}));
}

TEST_F(OutboxTest, AFailedSendIsTriedAgainLaterAndGivenUpAfterTheLastTry) {
  transport_.answer = [](const domain::OutgoingReminder& message) {
    return message.channel == "webhook" ? Status::Unavailable("the webhook answered HTTP 503") : Status::Ok();
  };
  RaiseSignal();
  EXPECT_EQ(SendDue().failed, 2);
  Tried();
  clock_.Advance(seconds(59));
  EXPECT_EQ(SendDue().failed, 0);  // not yet
  clock_.Advance(seconds(1));
  EXPECT_EQ(SendDue().failed, 2);
  EXPECT_EQ(Tried(), (std::vector<std::string>{"webhook helper.wang must_visit 2026-11-05 #2",
                                                "webhook teacher.li signal_raised 2026-11-05 #2"}));
  clock_.Advance(seconds(119));  // the wait doubles
  EXPECT_EQ(SendDue().failed, 0);
  clock_.Advance(seconds(1));
  transport_.answer = [](const domain::OutgoingReminder& message) {
    return message.username == "helper.wang" ? Status::Ok() : Status::Unavailable("connection refused");
  };
  EXPECT_EQ(SendDue().sent, 1);
  clock_.Advance(seconds(240));
  SendDue();  // the fourth and last try
  EXPECT_EQ(Tried(), (std::vector<std::string>{"webhook helper.wang must_visit 2026-11-05 #3",
                                                "webhook teacher.li signal_raised 2026-11-05 #3",
                                                "webhook teacher.li signal_raised 2026-11-05 #4"}));
  clock_.Advance(hours(24 * 7));
  SendDue();
  EXPECT_TRUE(Tried().empty());  // given up
}

TEST_F(OutboxTest, NothingGoesToADisabledAccountAndAClaimedMessageIsNotSentTwice) {
  RaiseSignal();
  domain::UserService users(*store_, clock_, hasher_);
  ASSERT_TRUE(users.SetActive("teacher.li", false, Authority::Operator(), Actor::CommandLine()).ok());
  // A second server looks at the outbox while the first is sending: it finds nothing to send.
  ScriptedTransport second_transport;
  domain::ReminderOutbox second(*store_, clock_, second_transport, {});
  std::optional<domain::SendReport> seen_by_second;
  transport_.answer = [&](const domain::OutgoingReminder&) {
    if (!seen_by_second) {
      auto report = second.SendDue(std::stop_token());
      seen_by_second = report.ok() ? *report : domain::SendReport{.failed = -1};
    }
    return Status::Ok();
  };
  auto report = SendDue();
  EXPECT_EQ(report.sent, 2);
  EXPECT_EQ(report.failed, 1);  // the disabled head teacher's, given up without a try
  ASSERT_TRUE(seen_by_second.has_value());
  EXPECT_EQ(seen_by_second->sent + seen_by_second->failed, 0);
  EXPECT_TRUE(second_transport.tried.empty());
  EXPECT_EQ(Tried(), (std::vector<std::string>{"email helper.wang must_visit 2026-11-05 #1",
                                                "webhook helper.wang must_visit 2026-11-05 #1"}));
  ASSERT_TRUE(users.SetActive("teacher.li", true, Authority::Operator(), Actor::CommandLine()).ok());
  clock_.Advance(hours(24));
  SendDue();
  EXPECT_TRUE(Tried().empty());
}

}  // namespace
}  // namespace sw::storage
