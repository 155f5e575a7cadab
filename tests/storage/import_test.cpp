// The roster import against a real database: a check that writes nothing, a commit, the same
// file again changing nothing, changes kept as history, problems at their rows and columns,
// the user's corrected mapping, scope, the commit in the children's name order, and an import
// stopped mid-commit leaving whole batches that a second run completes. Rows come from memory here; reading files is
// tests/unit/sheet_reader_test.cpp's, the command line tests/api/import_cli_test.cpp's.
#include <gtest/gtest.h>

#include <atomic>

#include "core/identity_numbers.h"
#include "domain/children/child_service.h"
#include "domain/children/child_writes.h"
#include "domain/imports/roster_import.h"
#include "domain/orgs/org_service.h"
#include "domain/users/user_service.h"
#include "office/roster_template.h"
#include "office/sheet.h"
#include "storage/migrations/migrations.h"
#include "storage/repositories/sql_repositories.h"
#include "support/backend.h"

namespace sw::storage {
namespace {

using namespace std::chrono;
using domain::Actor;
using domain::Authority;
using domain::ImportReport;
using domain::ImportRequest;
using Rows = std::vector<std::vector<std::string>>;

// A valid ID number of 来安县 for a birth day and a sequence (odd: a boy).
std::string IdNumber(const std::string& yyyymmdd, int sequence) {
  char seventeen[18];
  std::snprintf(seventeen, sizeof seventeen, "341122%s%03d", yyyymmdd.c_str(), sequence % 1000);
  return std::string(seventeen) + IdNumberCheckCharacter(seventeen);
}

// A sheet read from memory, row numbers from 1.
domain::SheetSource SheetOf(const Rows& rows) {
  return [rows](const domain::RowVisitor& visit) -> Status {
    for (std::size_t index = 0; index < rows.size(); ++index) {
      domain::SheetRow row{.number = static_cast<std::int64_t>(index + 1), .cells = {}};
      for (const std::string& text : rows[index]) row.cells.push_back({.text = text, .number = false});
      if (Status visited = visit(row); !visited.ok()) return visited;
    }
    return Status::Ok();
  };
}

const std::vector<std::string> kHeader = {"序号", "姓名", "性别", "身份证号码", "出生日期", "班级", "父亲姓名",
                                          "父亲电话", "监护人", "与儿童关系", "联系电话", "家庭住址"};

Rows Roster() {
  return {{"青山镇中心小学留守儿童花名册"},
          {"填报单位：青山镇中心小学", "", "", "", "填报日期：2026年9月"},
          kHeader,
          {"1", "李小明", "男", IdNumber("20160506", 1), "", "三年级1班", "李大明", "138 0000 1111", "王秀英", "奶奶",
           "13900002222", "青山镇李村"},
          {"2", "张丽", "女", "", "2016.4.1", "3(1)班", "", "", "张建国", "爷爷", "13900003333", ""},
          {"3", "陈晨", "女", IdNumber("20150303", 2), "", "四年级二班", "", "", "", "", "", ""},
          {},
          {"填表人：王老师", "", "审核人：刘校长"}};
}

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = std::move(Open(fresh_.url(), {.connections = 2})).value();
    ASSERT_TRUE(Migrate(*database_).ok());
    store_ = std::make_unique<SqlStore>(*database_);
    imports_.emplace(*store_, clock_);
    domain::OrgService orgs(*store_, clock_);
    for (const auto& [code, name, kind, parent] :
         {std::tuple{"341122", "来安县", domain::OrgKind::kCounty, ""},
          {"qs", "青山镇", domain::OrgKind::kTownship, "341122"},
          {"qs-zx", "青山镇中心小学", domain::OrgKind::kSchool, "qs"},
          {"qs-zx-3-1", "三年级1班", domain::OrgKind::kClass, "qs-zx"},
          {"sk-zx", "石坎小学", domain::OrgKind::kSchool, "qs"}}) {
      ASSERT_TRUE(orgs.Add({code, name, kind, parent, {}}, Authority::Operator(), Actor::CommandLine()).ok());
    }
  }

  // `stop_once_committed`: the import is stopped (Unavailable, as by a server stopping) once its
  // commit's first transaction is done.
  Result<ImportReport> Run(const Rows& rows, bool commit, std::map<std::size_t, std::string> mapping = {},
                           const std::string& org = "qs-zx", bool stop_once_committed = false,
                           bool from_xls = false, std::int64_t batch_rows = 0) {
    auto stopped = std::make_shared<std::atomic<bool>>(false);
    ImportRequest request{.sheet = SheetOf(rows), .org_code = org, .mapping = std::move(mapping),
                          .commit = commit, .progress = [this, stopped, stop_once_committed](
                                                            const domain::ImportProgress& progress) {
                            progress_.push_back(progress);
                            if (stop_once_committed && progress.committing) *stopped = true;
                          }, .carry_class_down = from_xls, .batch_rows = batch_rows,
                          .keep_going = [stopped]() {
                            return *stopped ? Status::Unavailable("the server is stopping") : Status::Ok();
                          }};
    return imports_->Run(request, Authority::Operator(), Actor::CommandLine());
  }

  // The children under `org`, each as "name@class", in name order.
  std::vector<std::string> Children(const std::string& org = "qs-zx") {
    std::vector<std::string> children;
    EXPECT_TRUE(store_->Read([&](domain::Repositories& repos) -> Status {
                        auto school = repos.orgs.FindByCode(org);
                        if (!school.ok()) return school.status();
                        auto under = repos.children.Under((*school)->id, {}, 100000);
                        if (!under.ok()) return under.status();
                        for (const domain::Child& child : *under) children.push_back(child.name + "@" + child.org_code);
                        return Status::Ok();
                      }).ok());
    std::sort(children.begin(), children.end());
    return children;
  }

  static bool Sqlite() { return testing::CurrentBackend() == testing::Backend::kSqlite; }

  // The rows the commit had written as each of its transactions ended.
  std::vector<std::int64_t> CommittedAfterEachTransaction() const {
    std::vector<std::int64_t> committed;
    for (const domain::ImportProgress& progress : progress_) {
      if (progress.committing) committed.push_back(progress.rows_done);
    }
    return committed;
  }

  // The children `table` (child_tallies, child_birth_tallies) counts at the organisation `code`.
  std::int64_t Kept(const char* table, const std::string& code) {
    auto rows = database_->Query(std::string("SELECT COALESCE(SUM(t.children), 0) FROM ") + table +
                                     " t JOIN orgs o ON o.id = t.org_id WHERE o.code = $1",
                                 {code});
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? AsInt((*rows)[0][0]) : -1;
  }

  // The school's leader, added.
  std::optional<domain::User> SchoolLeader() {
    domain::UserService users(*store_, clock_, hasher_);
    EXPECT_TRUE(users.Add({.username = "leader.zhang", .display_name = "", .role = domain::Role::kSchoolLeader,
                           .org_code = "qs-zx", .password = std::string("dusk-Heron-paddy-42")},
                          Authority::Operator(), Actor::CommandLine())
                    .ok());
    return Reading<std::optional<domain::User>>(
        [](domain::Repositories& repos) { return repos.users.FindByUsername("leader.zhang"); });
  }

  domain::Child ChildNamed(const std::string& name) {
    domain::Child found;
    EXPECT_TRUE(store_->Read([&](domain::Repositories& repos) -> Status {
                        auto school = repos.orgs.FindByCode("qs-zx");
                        auto under = repos.children.Under((*school)->id, {}, 1000);
                        if (!under.ok()) return under.status();
                        for (const domain::Child& child : *under) {
                          if (child.name == name) found = child;
                        }
                        return Status::Ok();
                      }).ok());
    return found;
  }

  template <typename T>
  T Reading(const std::function<Result<T>(domain::Repositories&)>& read) {
    T value{};
    EXPECT_TRUE(store_->Read([&](domain::Repositories& repos) -> Status {
                        auto got = read(repos);
                        if (got.ok()) value = std::move(got).value();
                        return got.status();
                      }).ok());
    return value;
  }

  std::int64_t AuditCount(const std::string& action) {
    auto entries = Reading<std::vector<domain::AuditEntry>>([&](domain::Repositories& repos) {
      return repos.audit.Search({.action = action, .limit = 1000}, domain::Scope{});
    });
    return static_cast<std::int64_t>(entries.size());
  }

  testing::FreshDatabase fresh_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<SqlStore> store_;
  ManualClock clock_{sys_days(2026y / November / 28) + hours(2)};
  domain::PasswordHasher hasher_{1};
  std::optional<domain::RosterImportService> imports_;
  std::vector<domain::ImportProgress> progress_;
};

TEST_F(ImportTest, ACheckWritesNothingACommitWritesAllAndTheSameFileAgainChangesNothing) {
  auto checked = Run(Roster(), false);
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  EXPECT_EQ(checked->header_row, 3);
  EXPECT_EQ(checked->rows, 3);
  EXPECT_EQ(checked->created, 3);
  EXPECT_EQ(checked->error_rows, 0) << (checked->errors.empty() ? "" : checked->errors[0].status.ToString());
  EXPECT_FALSE(checked->committed);
  ASSERT_EQ(checked->classes.size(), 3u);
  EXPECT_EQ(checked->classes[0].code, "qs-zx-3-1");  // 三年级1班
  EXPECT_EQ(checked->classes[1].code, "qs-zx-3-1");  // 3(1)班, the same class
  EXPECT_TRUE(checked->classes[1].exists);
  EXPECT_EQ(checked->classes[2].name, "四年级2班");  // 四年级二班, to be created
  EXPECT_EQ(checked->classes[2].code, "qs-zx-4-2");
  EXPECT_FALSE(checked->classes[2].exists);
  EXPECT_EQ(checked->columns.size(), kHeader.size());
  EXPECT_EQ(checked->columns[0].target, "");  // 序号
  EXPECT_EQ(checked->columns[10].target, "guardian.phone");
  EXPECT_TRUE(Children().empty());

  auto committed = Run(Roster(), true);
  ASSERT_TRUE(committed.ok()) << committed.status().ToString();
  EXPECT_TRUE(committed->committed);
  EXPECT_EQ(committed->created, 3);
  EXPECT_EQ(Children(), (std::vector<std::string>{"张丽@qs-zx-3-1", "李小明@qs-zx-3-1", "陈晨@qs-zx-4-2"}));
  const domain::Child li = ChildNamed("李小明");
  EXPECT_EQ(li.birth_date, "2016-05-06");  // from the ID number
  EXPECT_EQ(li.grade, 3);                  // from the class
  EXPECT_EQ(li.home_address, "青山镇李村");
  auto family = Reading<std::vector<domain::FamilyMember>>(
      [&](domain::Repositories& repos) { return repos.children.Family(li.id); });
  ASSERT_EQ(family.size(), 2u);
  EXPECT_EQ(AuditCount("child.create"), 3);
  EXPECT_EQ(AuditCount("org.create"), 6);  // five in SetUp, 四年级2班 now

  auto again = Run(Roster(), true);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, 3);
  EXPECT_TRUE(again->classes[2].exists);
  EXPECT_EQ(Children().size(), 3u);
  EXPECT_EQ(AuditCount("child.update"), 0);
}

TEST_F(ImportTest, ChangedRowsAreUpdatesKeptInTheChildsHistory) {
  ASSERT_TRUE(Run(Roster(), true).ok());
  Rows changed = Roster();
  changed[3][10] = "13900009999";   // 李小明's guardian has a new phone
  changed[4][11] = "青山镇张村 5 号";  // 张丽's address was blank
  changed[5][5] = "三年级1班";        // 陈晨 moves class
  auto report = Run(changed, true);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->updated, 3);
  EXPECT_EQ(report->unchanged, 0);
  const domain::Child li = ChildNamed("李小明");
  auto history = Reading<std::vector<domain::ChildChange>>(
      [&](domain::Repositories& repos) { return repos.children.History(li.id); });
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].field, "grandmother.phone");
  EXPECT_EQ(history[0].new_value, MaskPhone("13900009999"));
  EXPECT_EQ(ChildNamed("张丽").home_address, "青山镇张村 5 号");
  EXPECT_EQ(ChildNamed("陈晨").org_code, "qs-zx-3-1");
  EXPECT_EQ(AuditCount("child.family_update"), 1);
  EXPECT_EQ(AuditCount("child.update"), 2);
}

// The batch's archived children are looked up together; a row that meets a child an earlier row
// of the batch changed sees it as that row left it.
TEST_F(ImportTest, TwoRowsOfABatchThatMeetOneArchivedChildAreWeighedOneAfterTheOther) {
  ASSERT_TRUE(Run(Roster(), true).ok());  // 张丽 2016-04-01 is archived without an ID number
  const std::string archived = ChildNamed("张丽").id;
  Rows rows = {kHeader,
               {"1", "张丽", "女", IdNumber("20160401", 6), "", "三年级1班"},
               {"2", "张丽", "女", IdNumber("20160401", 8), "", "三年级1班"}};
  auto report = Run(rows, true);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->error_rows, 0) << report->errors[0].status.ToString();
  EXPECT_EQ(report->updated, 1);  // the first gives the archived 张丽 its ID number …
  EXPECT_EQ(report->created, 1);  // … so the second, another number, is another child
  const auto zhang = Reading<std::map<std::string, std::string>>([&](domain::Repositories& repos) {
    return repos.children.HoldersOfIdNumbers({IdNumber("20160401", 6), IdNumber("20160401", 8)});
  });
  ASSERT_EQ(zhang.size(), 2u);
  EXPECT_EQ(zhang.at(IdNumber("20160401", 6)), archived);
  EXPECT_EQ(Children().size(), 4u);
}

TEST_F(ImportTest, ARowWithAnErrorStopsTheCommitAndEveryProblemNamesItsRowAndColumn) {
  Rows rows = Roster();
  rows[3][3] = "341122201605060010";  // wrong check character
  rows[4][4] = "2016年13月1日";
  rows.insert(rows.begin() + 6, {"4", "陈晨", "女", IdNumber("20150303", 2), "", "四年级二班"});  // row 7 again
  rows.insert(rows.begin() + 7, {"5", "王芳", "女", IdNumber("20160101", 4), "", "三年级1班", "", "", "王奶奶",
                                 "奶奶", "1390000"});
  auto report = Run(rows, true);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->committed);
  EXPECT_EQ(report->error_rows, 3);
  ASSERT_EQ(report->errors.size(), 3u);
  EXPECT_EQ(report->errors[0].row, 4);
  EXPECT_EQ(report->errors[0].column, "身份证号码");
  EXPECT_EQ(report->errors[0].status.reason(), "id_number_check_digit");
  EXPECT_EQ(report->errors[1].row, 5);
  EXPECT_EQ(report->errors[1].column, "出生日期");
  EXPECT_EQ(report->errors[2].row, 8);
  EXPECT_EQ(report->errors[2].column, "联系电话");
  EXPECT_EQ(report->errors[2].status.reason(), "invalid_phone");
  ASSERT_EQ(report->duplicates.size(), 1u);
  EXPECT_EQ(report->duplicates[0].row, 7);
  EXPECT_EQ(report->duplicates[0].same_as_row, 6);
  EXPECT_TRUE(Children().empty());
  EXPECT_TRUE(Children("sk-zx").empty());
  EXPECT_EQ(AuditCount("org.create"), 5);  // 四年级2班 not created either
}

TEST_F(ImportTest, AChildArchivedAtAnotherSchoolIsNotImportedAgain) {
  ASSERT_TRUE(Run(Roster(), true, {}, "sk-zx").ok());
  auto report = Run(Roster(), false);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->error_rows, 2);  // the two with ID numbers; 张丽 has none and is matched only within a school
  EXPECT_EQ(report->errors[0].status.reason(), "archived_elsewhere");
  EXPECT_EQ(report->errors[0].column, "身份证号码");
  EXPECT_EQ(report->created, 1);
}

// A batch is weighed while the next is read, so its refusals come in after the next batch's
// problems: the report still lists them in row order.
TEST_F(ImportTest, ABatchsRefusalsAndTheNextBatchsProblemsAreListedInRowOrder) {
  ASSERT_TRUE(Run(Roster(), true, {}, "sk-zx").ok());
  Rows rows = Roster();
  rows[4][4] = "2016年13月1日";  // row 5, between the two archived elsewhere (rows 4 and 6)
  auto report = Run(rows, false, {}, "qs-zx", false, false, /*batch_rows=*/1);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->errors.size(), 3u);
  EXPECT_EQ(report->errors[0].row, 4);
  EXPECT_EQ(report->errors[0].status.reason(), "archived_elsewhere");
  EXPECT_EQ(report->errors[1].row, 5);
  EXPECT_EQ(report->errors[1].column, "出生日期");
  EXPECT_EQ(report->errors[2].row, 6);
  EXPECT_EQ(report->errors[2].status.reason(), "archived_elsewhere");
}

TEST_F(ImportTest, TheUserCorrectsTheMappingAndABadCorrectionIsRefused) {
  Rows rows = Roster();
  rows[2][10] = "联系人手机";  // not a known header
  auto found = Run(rows, false);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->columns[10].target, "");
  auto corrected = Run(rows, true, {{10, "guardian.phone"}, {11, ""}});
  ASSERT_TRUE(corrected.ok()) << corrected.status().ToString();
  EXPECT_EQ(corrected->columns[10].target, "guardian.phone");
  EXPECT_EQ(corrected->columns[11].target, "");
  EXPECT_EQ(ChildNamed("李小明").home_address, "");  // its column was unmapped

  auto unknown = Run(rows, false, {{10, "salary"}});
  EXPECT_EQ(unknown.status().field(), "mapping");
  auto twice = Run(rows, false, {{10, "name"}});
  EXPECT_EQ(twice.status().field(), "mapping");
  EXPECT_EQ(twice.status().reason(), "duplicate_field");
}

TEST_F(ImportTest, ASheetWithoutAHeaderOrAPlaceOutsideTheCallersReachIsRefused) {
  auto headless = Run({{"一"}, {"李小明", "男"}}, false);
  EXPECT_EQ(headless.status().reason(), "roster_without_header");
  EXPECT_EQ(Run(Roster(), false, {}, "qs").status().reason(), "child_org_kind");
  EXPECT_EQ(Run(Roster(), false, {}, "nowhere").status().reason(), "unknown_org");

  domain::UserService users(*store_, clock_, hasher_);
  ASSERT_TRUE(users.Add({.username = "leader.shi", .display_name = "", .role = domain::Role::kSchoolLeader,
                         .org_code = "sk-zx", .password = std::string("dusk-Heron-paddy-42")},
                        Authority::Operator(), Actor::CommandLine())
                  .ok());
  auto leader = Reading<std::optional<domain::User>>(
      [](domain::Repositories& repos) { return repos.users.FindByUsername("leader.shi"); });
  ImportRequest request{.sheet = SheetOf(Roster()), .org_code = "qs-zx", .mapping = {}, .commit = true, .progress = {}};
  auto refused = imports_->Run(request, Authority::Of(*leader, domain::Action::kWriteChildren), Actor::CommandLine());
  EXPECT_EQ(refused.status().reason(), "unknown_org");
  request.org_code = "sk-zx";
  EXPECT_TRUE(imports_->Run(request, Authority::Of(*leader, domain::Action::kWriteChildren), Actor::CommandLine()).ok());
  EXPECT_EQ(Children("sk-zx").size(), 3u);
}

TEST_F(ImportTest, AClassMergedDownAnXlsReadsInItsFirstRowAndIsCarriedDownWithAWarning) {
  const Rows rows = {{"姓名", "性别", "出生日期", "班级"},
                     {"甲", "男", "2016-01-01", "三年级1班"},
                     {"乙", "女", "2016-02-02", ""},
                     {"丙", "男", "2016-03-03", ""},
                     {"丁", "女", "2015-04-04", "四年级1班"},
                     {"戊", "男", "2015-05-05", ""}};
  auto from_xls = Run(rows, true, {}, "qs-zx", false, true);
  ASSERT_TRUE(from_xls.ok()) << from_xls.status().ToString();
  EXPECT_EQ(Children(), (std::vector<std::string>{"丁@qs-zx-4-1", "丙@qs-zx-3-1", "乙@qs-zx-3-1", "戊@qs-zx-4-1",
                                                  "甲@qs-zx-3-1"}));
  ASSERT_EQ(from_xls->warnings.size(), 3u);
  EXPECT_EQ(from_xls->warnings[0].row, 3);
  EXPECT_EQ(from_xls->warnings[0].column, "班级");
  EXPECT_EQ(from_xls->warnings[0].status.reason(), "class_carried_down");
  EXPECT_EQ(from_xls->classes[0].rows, 3);
}

// A roster lists its children by class, which is no order of the children's indexes: the
// commit writes them in name order across its batches (docs/performance.md).
TEST_F(ImportTest, TheCommitWritesTheChildrenInNameOrderAcrossItsBatches) {
  const Rows rows = {kHeader,
                     {"1", "赵一", "男", IdNumber("20160101", 1)},
                     {"2", "王二", "女", IdNumber("20160202", 2)},
                     {"3", "李三", "男", IdNumber("20160303", 3)},
                     {"4", "陈四", "女", IdNumber("20160404", 4)},
                     {"5", "白五", "男", IdNumber("20160505", 5)},
                     {"6", "赵一", "男", IdNumber("20160101", 1)}};  // row 2 again: not written
  auto report = Run(rows, true, {}, "qs-zx", false, false, 2);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->created, 5);
  ASSERT_EQ(report->duplicates.size(), 1u);
  // The commit's progress ends at its total: the rows it writes.
  ASSERT_FALSE(progress_.empty());
  EXPECT_TRUE(progress_.back().committing);
  EXPECT_EQ(progress_.back().rows_done, 5);
  EXPECT_EQ(progress_.back().rows_total, 5);
  auto created = Reading<std::vector<domain::AuditEntry>>([&](domain::Repositories& repos) {
    return repos.audit.Search({.action = "child.create", .limit = 100}, domain::Scope{});
  });
  std::sort(created.begin(), created.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
  std::vector<std::string> written;
  for (const domain::AuditEntry& entry : created) {
    for (const char* name : {"赵一", "王二", "李三", "陈四", "白五"}) {
      if (ChildNamed(name).id == entry.object_id) written.push_back(name);
    }
  }
  EXPECT_EQ(written, (std::vector<std::string>{"白五", "陈四", "李三", "王二", "赵一"}));
}

TEST_F(ImportTest, TheTemplatesExampleRowIsLeftOutAndItsValuesImportCleanly) {
  const auto path = fresh_.directory() / "template.xlsx";
  ASSERT_TRUE(office::WriteRosterTemplate(path).ok());
  Rows rows;
  ASSERT_TRUE(office::ReadSheet(path, [&](const domain::SheetRow& row) {
                rows.resize(static_cast<std::size_t>(row.number));
                for (const domain::SheetCell& cell : row.cells) rows.back().push_back(cell.text);
                return Status::Ok();
              }).ok());
  auto as_given = Run(rows, true);
  ASSERT_TRUE(as_given.ok()) << as_given.status().ToString();
  EXPECT_EQ(as_given->header_row, 3);
  EXPECT_EQ(as_given->rows, 0);  // the example (序号 示例) is not a child
  for (const domain::ImportColumn& column : as_given->columns) {
    if (column.header != "序号") {
      EXPECT_NE(column.target, "") << column.header;
    }
  }
  rows[3][0] = "1";  // the example made a real row
  auto filled = Run(rows, true);
  ASSERT_TRUE(filled.ok());
  EXPECT_EQ(filled->created, 1);
  EXPECT_EQ(filled->error_rows, 0) << filled->errors[0].column << ": " << filled->errors[0].status.ToString();
  EXPECT_EQ(filled->warning_rows, 0);
  EXPECT_EQ(ChildNamed("张小明").left_behind_type, "both_parents_away");
}

// Not an import, but the other way: the list read out page by page for an .xlsx export.
TEST_F(ImportTest, TheWholeListIsExportedPageByPageInOrderWithoutLosingOrRepeatingAChild) {
  constexpr int kChildren = 2345;  // three pages; many children share a name across page ends
  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) -> Status {
                      auto school = repos.orgs.FindByCode("qs-zx-3-1");
                      for (int i = 0; i < kChildren; ++i) {
                        domain::Child child{.org_id = (*school)->id, .org_code = "qs-zx-3-1",
                                            .county_id = (*school)->county_id, .name = "学生" + std::to_string(i % 700),
                                            .gender = "female", .birth_date = "2016-04-01"};
                        if (Status added = domain::InsertChild(repos, child, "2026-11-28T02:00:00Z", Actor::CommandLine());
                            !added.ok()) {
                          return added;
                        }
                      }
                      return Status::Ok();
                    }).ok());
  const std::optional<domain::User> leader = SchoolLeader();
  ASSERT_TRUE(leader);
  std::vector<std::pair<std::string, std::string>> exported;  // (pinyin order, id)
  domain::ChildService children(*store_, clock_);
  Status status = children.Export({}, "", *leader, Actor::CommandLine(), [&](const domain::Child& child) {
    exported.emplace_back(domain::SearchKeysOf(child).name_sort, child.id);
    return Status::Ok();
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(exported.size(), static_cast<std::size_t>(kChildren));
  EXPECT_TRUE(std::is_sorted(exported.begin(), exported.end()));
  EXPECT_EQ(std::adjacent_find(exported.begin(), exported.end()), exported.end());
  EXPECT_EQ(AuditCount("children.export"), 1);
}

TEST_F(ImportTest, AnImportStoppedMidCommitLeavesWholeBatchesAndASecondRunCompletesIt) {
  constexpr std::int64_t kBatch = 100;
  constexpr std::int64_t kChildren = 10 * kBatch + 34;
  Rows rows = {kHeader};
  for (int i = 0; i < kChildren; ++i) {
    const int day = 1 + i % 28;
    const std::string birth = "2016" + std::string(i % 12 < 9 ? "0" : "") + std::to_string(1 + i % 12) +
                              (day < 10 ? "0" : "") + std::to_string(day);
    rows.push_back({std::to_string(i + 1), "学生" + std::to_string(i), "", IdNumber(birth, i), "", "三年级1班"});
  }
  auto broken = Run(rows, true, {}, "qs-zx", /*stop_once_committed=*/true, false, kBatch);
  EXPECT_EQ(broken.status().code(), StatusCode::kUnavailable);
  const auto kept = static_cast<std::int64_t>(Children().size());
  // Whole batches: at least the first transaction's (four on SQLite alone, one on PostgreSQL).
  EXPECT_GE(kept, Sqlite() ? 4 * kBatch : kBatch);
  EXPECT_LT(kept, kChildren) << "the import ended before it was stopped";
  EXPECT_EQ(kept % kBatch, 0) << kept;

  progress_.clear();
  auto resumed = Run(rows, true, {}, "qs-zx", false, false, kBatch);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_EQ(resumed->rows, kChildren);
  EXPECT_EQ(resumed->created, kChildren - kept);
  EXPECT_EQ(resumed->unchanged, kept);
  EXPECT_EQ(Children().size(), static_cast<std::size_t>(kChildren));
  ASSERT_FALSE(progress_.empty());
  EXPECT_FALSE(progress_.front().committing);
  EXPECT_TRUE(progress_.back().committing);
  EXPECT_EQ(progress_.back().rows_done, kChildren);
  EXPECT_EQ(progress_.back().rows_total, kChildren);
}

// Alone on SQLite's writer, a transaction goes on with the batches read meanwhile, up to
// kTransactionBatches: the commit's progress, told once a transaction, comes every four
// batches. Where another write waits, each batch is committed; PostgreSQL cannot tell whether
// one does, and commits each batch.
// Dates are checked against China's day, not UTC's: at 04:00 in China (20:00 UTC the day before)
// a child born that day is no child born in the future, imported or entered by hand.
TEST_F(ImportTest, TodayIsChinasDateBeforeItIsUtcs) {
  clock_.Advance(hours(18));  // 2026-11-28T20:00Z: 2026-11-29 04:00 in China
  const Rows rows = {kHeader, {"1", "新生", "男", IdNumber("20261129", 7), "", "", "", "", "", "", "", ""}};
  auto report = Run(rows, true);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->error_rows, 0);
  EXPECT_EQ(report->created, 1);
  EXPECT_EQ(ChildNamed("新生").birth_date, "2026-11-29");

  const std::optional<domain::User> leader = SchoolLeader();
  ASSERT_TRUE(leader);
  domain::ChildService children(*store_, clock_);
  auto entered = children.Create({.name = "晨生", .gender = "female", .birth_date = "2026-11-29"}, "qs-zx", *leader,
                                 Actor::CommandLine());
  ASSERT_TRUE(entered.ok()) << entered.status().ToString();
  EXPECT_EQ(entered->child.birth_date, "2026-11-29");
}

TEST_F(ImportTest, AloneTheCommitTakesSeveralBatchesATransaction) {
  Rows rows = {kHeader};
  for (int i = 0; i < 10; ++i) {
    const std::string birth = "2016030" + std::to_string(i % 9 + 1);
    rows.push_back({std::to_string(i + 1), "学生" + std::to_string(i), "", IdNumber(birth, i)});
  }
  auto report = Run(rows, true, {}, "qs-zx", false, false, /*batch_rows=*/1);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->created, 10);
  EXPECT_EQ(Children().size(), 10u);
  const std::vector<std::int64_t> committed =
      Sqlite() ? std::vector<std::int64_t>{4, 8, 10} : std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_EQ(CommittedAfterEachTransaction(), committed);
  // The transaction's batches are counted once each, by their fields and by their birth dates.
  EXPECT_EQ(Kept("child_tallies", "qs"), 10);
  EXPECT_EQ(Kept("child_tallies", "341122"), 10);
  EXPECT_EQ(Kept("child_birth_tallies", "341122"), 10);
}

}  // namespace
}  // namespace sw::storage
