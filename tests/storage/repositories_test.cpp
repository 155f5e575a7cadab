// The domain services over the SQL store, on each backend: organisations, users, audit chain.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <thread>

#include "core/random.h"
#include "domain/children/child_writes.h"
#include "domain/orgs/org_service.h"
#include "domain/users/user_service.h"
#include "storage/migrations/migrations.h"
#include "storage/repositories/row_sql.h"
#include "storage/repositories/scope_sql.h"
#include "storage/repositories/sql_repositories.h"
#include "support/backend.h"

namespace sw::storage {
namespace {

using namespace std::chrono;
using domain::Actor;
using domain::Authority;
using domain::NewOrg;
using domain::OrgKind;

class RepositoriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Open(fresh_.url(), {.connections = 2});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    database_ = std::move(opened).value();
    ASSERT_TRUE(Migrate(*database_).ok());
    store_ = std::make_unique<SqlStore>(*database_);
    orgs_ = std::make_unique<domain::OrgService>(*store_, clock_);
    users_ = std::make_unique<domain::UserService>(*store_, clock_, hasher_);
  }

  void AddTree() {
    for (const NewOrg& org : {NewOrg{"341122", "来安县", OrgKind::kCounty, "", {}},
                              NewOrg{"qs", "青山镇", OrgKind::kTownship, "341122", {}},
                              NewOrg{"qs-zx", "青山镇中心小学", OrgKind::kSchool, "qs", 680},
                              NewOrg{"qs-zx-3-1", "三年级1班", OrgKind::kClass, "qs-zx", 45}}) {
      auto added = orgs_->Add(org, Authority::Operator(), Actor::CommandLine());
      ASSERT_TRUE(added.ok()) << added.status().ToString();
    }
  }

  domain::Org OrgByCode(const std::string& code) {
    std::optional<domain::Org> found;
    EXPECT_TRUE(store_->Read([&](domain::Repositories& repos) {
                  auto read = repos.orgs.FindByCode(code);
                  if (read.ok()) found = *read;
                  return read.status();
                }).ok());
    return found.value_or(domain::Org{});
  }

  std::int64_t Count(const std::string& sql) { return AsInt((*database_->Query(sql))[0][0]); }

  domain::ChainCheck VerifyChain() {
    domain::ChainCheck check;
    EXPECT_TRUE(store_->Read([&](domain::Repositories& repos) -> Status {
                  auto verified = repos.audit.Verify();
                  if (verified.ok()) check = *verified;
                  return verified.status();
                }).ok());
    return check;
  }

  testing::FreshDatabase fresh_;
  std::unique_ptr<Database> database_;
  ManualClock clock_{sys_days(year{2026} / November / 22) + hours(2)};
  domain::PasswordHasher hasher_{1};
  std::unique_ptr<SqlStore> store_;
  std::unique_ptr<domain::OrgService> orgs_;
  std::unique_ptr<domain::UserService> users_;
};

TEST_F(RepositoriesTest, OrgTreeRecordsEveryAncestor) {
  AddTree();
  // Four nodes: 4 self rows + 3 + 2 + 1 ancestor rows.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM org_closure"), 10);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM org_closure c JOIN orgs a ON a.id = c.ancestor_id "
                  "JOIN orgs d ON d.id = c.descendant_id WHERE a.code = '341122' AND d.code = 'qs-zx-3-1' AND c.depth = 3"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM orgs WHERE county_id = (SELECT id FROM orgs WHERE code = '341122')"), 4);
}

// A scope over more organisations than a county holds is tested per row, so that its list walks
// the name order instead of listing every organisation first: the same children come back, in
// the same order, counted up to the bound asked for.
TEST_F(RepositoriesTest, ABroadScopeListsTheSameChildrenInOrderAndCountsUpToItsBound) {
  AddTree();
  const domain::Org county = OrgByCode("341122"), school = OrgByCode("qs-zx"), class_3_1 = OrgByCode("qs-zx-3-1");
  const std::string another_class_id = NewId();
  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) -> Status {
                      for (int n = 0; n < 2000; ++n) {
                        const domain::Org added{.id = n == 7 ? another_class_id : NewId(), .parent_id = school.id, .county_id = county.id,
                                                .kind = OrgKind::kClass, .code = "qs-zx-c" + std::to_string(n),
                                                .name = "班" + std::to_string(n)};
                        if (Status inserted = repos.orgs.Insert(added); !inserted.ok()) return inserted;
                      }
                      for (int n = 0; n < 30; ++n) {
                        const bool in_3_1 = n < 25;
                        domain::Child child{.org_id = in_3_1 ? class_3_1.id : another_class_id,
                                            .county_id = county.id, .name = "学生" + std::to_string(n % 11),
                                            .gender = "female", .birth_date = "2016-04-01"};
                        if (n % 3 == 0) child.risk_level = "high";
                        Status added = domain::InsertChild(repos, child, "2026-11-22T02:00:00Z", Actor::CommandLine());
                        if (!added.ok()) return added;
                      }
                      return Status::Ok();
                    }).ok());
  EXPECT_TRUE(database_->Read([&](Executor& tx) {
                 EXPECT_EQ(*SubtreeTestFor(tx, {county.id}), SubtreeTest::kPerRow);
                 EXPECT_EQ(*SubtreeTestFor(tx, {class_3_1.id}), SubtreeTest::kListed);
                 return Status::Ok();
               }).ok());
  // A subtree found broad stays broad, so the answer is kept; a narrow one is asked again.
  struct Unreachable final : Executor {
    Result<Rows> Query(std::string_view, const Params&) override { return Status::Unavailable("asked"); }
    Status ExecuteScript(std::string_view) override { return Status::Unavailable("asked"); }
    Status BulkInsert(std::string_view, const std::vector<std::string>&,
                      const std::vector<std::vector<Value>>&) override {
      return Status::Unavailable("asked");
    }
  } unreachable;
  EXPECT_EQ(*SubtreeTestFor(unreachable, {county.id}), SubtreeTest::kPerRow);
  EXPECT_EQ(SubtreeTestFor(unreachable, {class_3_1.id}).status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(SubtreeTestFor(unreachable, {county.id}, kBroadSubtree + 1).status().code(), StatusCode::kUnavailable);

  auto list = [&](domain::ChildQuery query) {
    domain::ChildPage page;
    EXPECT_TRUE(store_->Read([&](domain::Repositories& repos) {
                  auto listed = repos.children.List(query);
                  if (listed.ok()) page = std::move(listed).value();
                  return listed.status();
                }).ok());
    return page;
  };
  auto keys = [](const domain::ChildPage& page) {
    std::vector<std::pair<std::string, std::string>> sorted;  // (pinyin order, id)
    for (const auto& child : page.items) sorted.emplace_back(domain::SearchKeysOf(child).name_sort, child.id);
    return sorted;
  };
  const domain::Scope whole_county{.root_org_ids = {county.id}};
  const domain::ChildPage broad = list({.scope = whole_county, .limit = 100});
  EXPECT_EQ(broad.items.size(), 30u);
  EXPECT_EQ(broad.total, 30);
  EXPECT_FALSE(broad.total_capped);
  const auto broad_keys = keys(broad);
  EXPECT_TRUE(std::is_sorted(broad_keys.begin(), broad_keys.end()));

  // A narrow organisation inside the broad scope leads the query; so does a narrow scope.
  const domain::ChildPage one_class = list({.scope = whole_county, .org_id = class_3_1.id, .limit = 100});
  EXPECT_EQ(one_class.total, 25);
  const domain::ChildPage narrow = list({.scope = {.root_org_ids = {class_3_1.id}}, .limit = 100});
  EXPECT_EQ(keys(narrow), keys(one_class));

  // A selective search leads instead (its own index), with the subtrees tested per row.
  const domain::ChildPage searched = list({.scope = whole_county, .latin_prefix = "xues", .limit = 100});
  EXPECT_EQ(keys(searched), broad_keys);
  EXPECT_EQ(list({.scope = whole_county, .org_id = class_3_1.id, .latin_prefix = "xues", .limit = 100}).total, 25);

  // Filtered by risk, the broad list walks the risk level's index and the narrow ones do not
  // (RiskMayLead): the same high-risk children in the same order either way.
  const auto high_risk = keys(list({.scope = whole_county, .risk_level = "high", .limit = 100}));
  EXPECT_EQ(high_risk.size(), 10u);
  EXPECT_TRUE(std::is_sorted(high_risk.begin(), high_risk.end()));
  const auto high_risk_in_3_1 =
      keys(list({.scope = {.root_org_ids = {class_3_1.id}}, .risk_level = "high", .limit = 100}));
  EXPECT_EQ(high_risk_in_3_1.size(), 9u);
  EXPECT_TRUE(std::includes(high_risk.begin(), high_risk.end(), high_risk_in_3_1.begin(), high_risk_in_3_1.end()));
  EXPECT_EQ(keys(list({.scope = whole_county, .risk_level = "high", .latin_prefix = "xues", .limit = 100})), high_risk);

  // A county's total is exact, from the counts kept (KeptCountsTest); a school's is counted.
  const domain::ChildPage capped = list({.scope = {.root_org_ids = {school.id}}, .limit = 20, .count_up_to = 10});
  EXPECT_EQ(capped.total, 10);
  EXPECT_TRUE(capped.total_capped);
  EXPECT_EQ(capped.items.size(), 20u);
  const auto first_twenty = keys(capped);
  const auto& tenth = first_twenty[9];
  const domain::ChildPage after = list(
      {.scope = whole_county, .limit = 10, .after_name_sort = tenth.first, .after_id = tenth.second, .count_up_to = 0});
  EXPECT_EQ(keys(after), std::vector(first_twenty.begin() + 10, first_twenty.end()));

  // The county's lists above walked its own name order (children_county_sort); over two
  // counties a list walks the whole name order. The county's children come back the same, in
  // the same order, among the other county's, and so do its high-risk ones. A helper's scope
  // also reaches a child of another county paired with them, so it is not kept to the county.
  auto other_county = orgs_->Add(NewOrg{"341123", "凤阳县", OrgKind::kCounty, "", {}}, Authority::Operator(),
                                 Actor::CommandLine());
  ASSERT_TRUE(other_county.ok());
  auto helper = users_->Add({.username = "helper.zhao", .display_name = "赵老师", .role = domain::Role::kHelper,
                             .org_code = "qs-zx", .password = std::nullopt},
                            Authority::Operator(), Actor::CommandLine());
  ASSERT_TRUE(helper.ok()) << helper.status().ToString();
  domain::Child elsewhere{.org_id = other_county->id, .county_id = other_county->id, .name = "学生3",
                          .gender = "male", .birth_date = "2016-05-01", .risk_level = "high"};
  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) -> Status {
                      Status added = domain::InsertChild(repos, elsewhere, "2026-11-22T02:00:00Z", Actor::CommandLine());
                      if (!added.ok()) return added;
                      return repos.pairings.Insert({.id = NewId(), .child_id = elsewhere.id,
                                                    .helper_id = helper->user.id, .role = "volunteer",
                                                    .starts_on = "2026-11-01", .created_at = "2026-11-22T02:00:00Z",
                                                    .created_by = helper->user.id});
                    }).ok());
  auto without_elsewhere = [&](std::vector<std::pair<std::string, std::string>> sorted) {
    EXPECT_TRUE(std::is_sorted(sorted.begin(), sorted.end()));
    const auto found = std::find_if(sorted.begin(), sorted.end(), [&](const auto& key) { return key.second == elsewhere.id; });
    EXPECT_NE(found, sorted.end());
    if (found != sorted.end()) sorted.erase(found);
    return sorted;
  };
  const domain::Scope both_counties{.root_org_ids = {county.id, other_county->id}};
  EXPECT_EQ(without_elsewhere(keys(list({.scope = both_counties, .limit = 100}))), broad_keys);
  EXPECT_EQ(without_elsewhere(keys(list({.scope = both_counties, .risk_level = "high", .limit = 100}))), high_risk);
  EXPECT_EQ(keys(list({.scope = both_counties, .org_id = county.id, .limit = 100})), broad_keys);
  const domain::Scope helpers{.root_org_ids = {county.id}, .paired_with_user_id = helper->user.id};
  EXPECT_EQ(without_elsewhere(keys(list({.scope = helpers, .limit = 100}))), broad_keys);
}

// A search by pinyin or by the last digits of an ID number or a family's phone seeks its key
// within each county its matches may lie in (migrations 27 and 28): the county of the scope or of
// the organisation asked for, else every county and the children placed above counties. A
// helper's search also reaches a child paired in another county. A child's family follows the
// child into another county.
TEST_F(RepositoriesTest, ASearchFindsItsMatchesInEachCountyItsScopeHolds) {
  for (const NewOrg& org : {NewOrg{"3411", "滁州市", OrgKind::kCity, "", {}},
                            NewOrg{"341124", "全椒县", OrgKind::kCounty, "3411", {}},
                            NewOrg{"341125", "定远县", OrgKind::kCounty, "3411", {}},
                            NewOrg{"qj-zx", "全椒县实验小学", OrgKind::kSchool, "341124", 300},
                            NewOrg{"dy-zx", "定远县实验小学", OrgKind::kSchool, "341125", 300}}) {
    auto added = orgs_->Add(org, Authority::Operator(), Actor::CommandLine());
    ASSERT_TRUE(added.ok()) << added.status().ToString();
  }
  const domain::Org city = OrgByCode("3411"), quanjiao = OrgByCode("341124"), dingyuan = OrgByCode("341125");
  const domain::Org quanjiao_school = OrgByCode("qj-zx"), dingyuan_school = OrgByCode("dy-zx");
  // 李小明 (lixiaoming, lxm) with an ID number ending 1234 and a father's phone ending 2468 in
  // each county and on the city itself; 王芳 beside the first matches no search.
  auto insert = [&](const domain::Org& place, const std::string& name, const std::string& id_number,
                    const std::string& phone) {
    domain::Child child{.org_id = place.id, .county_id = place.county_id, .name = name, .gender = "male",
                        .id_number = id_number, .birth_date = "2016-04-01"};
    EXPECT_TRUE(store_->Write([&](domain::Repositories& repos) {
                        const std::string now = "2026-11-22T02:00:00Z";
                        if (Status added = domain::InsertChild(repos, child, now, Actor::CommandLine()); !added.ok()) {
                          return added;
                        }
                        domain::FamilyMember father{.kind = "parent", .name = "李强", .relation = "father", .phone = phone};
                        domain::PrepareFamilyMember(father, child, now);
                        return repos.children.InsertFamilyMember(father);
                      }).ok());
    return child;
  };
  insert(quanjiao_school, "李小明", "341124201604011234", "13955502468");
  insert(quanjiao_school, "王芳", "341124201604025678", "13955507777");
  const domain::Child paired = insert(dingyuan_school, "李小明", "341125201604031234", "13855502468");
  insert(city, "李小明", "341100201604041234", "13755502468");
  auto helper = users_->Add({.username = "helper.qian", .display_name = "钱老师", .role = domain::Role::kHelper,
                             .org_code = "qj-zx", .password = std::nullopt},
                            Authority::Operator(), Actor::CommandLine());
  ASSERT_TRUE(helper.ok()) << helper.status().ToString();
  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) {
                      return repos.pairings.Insert({.id = NewId(), .child_id = paired.id, .helper_id = helper->user.id,
                                                    .role = "volunteer", .starts_on = "2026-11-01",
                                                    .created_at = "2026-11-22T02:00:00Z",
                                                    .created_by = helper->user.id});
                    }).ok());

  // The organisations of the children each search finds, sorted.
  auto found = [&](domain::ChildQuery query) {
    std::vector<std::string> orgs;
    EXPECT_TRUE(store_->Read([&](domain::Repositories& repos) {
                  auto page = repos.children.List(query);
                  if (page.ok()) {
                    for (const auto& child : page->items) orgs.push_back(child.org_id);
                    EXPECT_EQ(page->total, std::ssize(page->items));
                  }
                  return page.status();
                }).ok());
    std::sort(orgs.begin(), orgs.end());
    return orgs;
  };
  auto sorted = [](std::vector<std::string> orgs) {
    std::sort(orgs.begin(), orgs.end());
    return orgs;
  };
  const std::vector<std::string> everywhere = sorted({quanjiao_school.id, dingyuan_school.id, city.id});
  const std::vector<std::string> both_counties = sorted({quanjiao_school.id, dingyuan_school.id});
  const domain::Scope helpers{.root_org_ids = {quanjiao_school.id}, .paired_with_user_id = helper->user.id};
  for (const auto& search : std::vector<std::function<void(domain::ChildQuery&)>>{
           [](domain::ChildQuery& q) { q.latin_prefix = "lxm"; },
           [](domain::ChildQuery& q) { q.latin_prefix = "lixiao"; },
           [](domain::ChildQuery& q) { q.digits_reversed = "4321"; },
           [](domain::ChildQuery& q) { q.digits_reversed = "8642"; }}) {
    auto query = [&](domain::Scope scope, std::string org_id = "") {
      domain::ChildQuery built{.scope = std::move(scope), .org_id = std::move(org_id), .limit = 100};
      search(built);
      return built;
    };
    EXPECT_EQ(found(query({.root_org_ids = {quanjiao.id}})), std::vector{quanjiao_school.id});
    EXPECT_EQ(found(query({.root_org_ids = {dingyuan_school.id}})), std::vector{dingyuan_school.id});
    EXPECT_EQ(found(query({.root_org_ids = {city.id}})), everywhere);
    EXPECT_EQ(found(query({.root_org_ids = {quanjiao.id, dingyuan.id}})), both_counties);
    EXPECT_EQ(found(query({.root_org_ids = {city.id}}, dingyuan.id)), std::vector{dingyuan_school.id});
    EXPECT_EQ(found(query(helpers)), both_counties);
    EXPECT_EQ(found(query(helpers, quanjiao_school.id)), std::vector{quanjiao_school.id});
  }

  // Moved to the other county's school, the child is found by its father's phone there only.
  domain::Child moved = paired;
  moved.org_id = quanjiao_school.id;
  moved.county_id = quanjiao.id;
  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) { return repos.children.Update(moved); }).ok());
  const domain::ChildQuery by_phone{.digits_reversed = "8642", .limit = 100};
  auto by_phone_in = [&](const domain::Org& county) {
    domain::ChildQuery query = by_phone;
    query.scope.root_org_ids = {county.id};
    return found(query);
  };
  EXPECT_EQ(by_phone_in(quanjiao), std::vector(2, quanjiao_school.id));
  EXPECT_TRUE(by_phone_in(dingyuan).empty());
}

// A county official's list on PostgreSQL keeps to the county by the children's county column
// alone (ProvesChildCounty), because the database refuses a child whose county is not its
// organisation's. SQLite stores such a child, and still tests each row against the tree. Either
// way it is in no list of the county it claims.
TEST_F(RepositoriesTest, AChildClaimingAnotherCountyIsInNoListOfThatCounty) {
  AddTree();
  auto other_county = orgs_->Add(NewOrg{"341123", "凤阳县", OrgKind::kCounty, "", {}}, Authority::Operator(),
                                 Actor::CommandLine());
  ASSERT_TRUE(other_county.ok());
  const domain::Org county = OrgByCode("341122"), other = *other_county, class_3_1 = OrgByCode("qs-zx-3-1");
  // Both counties wider than a township, so that their lists walk their own name order.
  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) -> Status {
                      for (const domain::Org* parent : {&county, &other}) {
                        for (int n = 0; n <= kTownshipSubtree; ++n) {
                          const domain::Org added{.id = NewId(), .parent_id = parent->id, .county_id = parent->id,
                                                  .kind = OrgKind::kSchool,
                                                  .code = parent->code + "-" + std::to_string(n),
                                                  .name = "学校" + std::to_string(n)};
                          if (Status inserted = repos.orgs.Insert(added); !inserted.ok()) return inserted;
                        }
                      }
                      return Status::Ok();
                    }).ok());
  auto insert = [&](const std::string& org_id, const std::string& county_id) {
    domain::Child child{.org_id = org_id, .county_id = county_id, .name = "学生", .gender = "female",
                        .birth_date = "2016-04-01", .risk_level = "high"};
    return store_->Write([&](domain::Repositories& repos) {
      return domain::InsertChild(repos, child, "2026-11-22T02:00:00Z", Actor::CommandLine());
    });
  };
  ASSERT_TRUE(insert(class_3_1.id, county.id).ok());
  ASSERT_TRUE(insert(other.id, other.id).ok());
  const Status claiming = insert(class_3_1.id, other.id);
  const bool proven = database_->dialect() == Dialect::kPostgres;
  EXPECT_EQ(claiming.ok(), !proven) << claiming.ToString();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM children"), proven ? 2 : 3);
  if (proven) {  // nor can a child stored in its county be changed to claim another
    auto moved = database_->Query("UPDATE children SET county_id = $1 WHERE org_id = $2", {other.id, class_3_1.id});
    EXPECT_FALSE(moved.ok());
  }

  // By risk level or not, and searched by three letters of pinyin (学生: xuesheng) or not.
  auto listed = [&](const std::string& root, const std::string& risk_level, const std::string& latin_prefix) {
    std::vector<std::string> orgs;
    EXPECT_TRUE(store_->Read([&](domain::Repositories& repos) {
                  auto page = repos.children.List({.scope = {.root_org_ids = {root}},
                                                   .risk_level = risk_level,
                                                   .latin_prefix = latin_prefix});
                  if (page.ok()) {
                    for (const auto& child : page->items) orgs.push_back(child.org_id);
                  }
                  return page.status();
                }).ok());
    return orgs;
  };
  for (const std::string risk_level : {"", "high"}) {
    for (const std::string latin_prefix : {"", "xue"}) {
      EXPECT_EQ(listed(other.id, risk_level, latin_prefix), std::vector<std::string>{other.id})
          << risk_level << latin_prefix;
      // On SQLite the claiming child, in a class of this county, may be found here by the tree.
      const std::vector<std::string> own = listed(county.id, risk_level, latin_prefix);
      EXPECT_FALSE(own.empty()) << risk_level << latin_prefix;
      EXPECT_EQ(std::count(own.begin(), own.end(), class_3_1.id), std::ssize(own)) << risk_level << latin_prefix;
    }
  }
}

// A walked subtree test passes over its rows while its roots hold every root of the tree, and
// tests them again once an organisation is added beside those roots: the next statement sees it.
TEST_F(RepositoriesTest, AWalkedSubtreeTestHoldsWhatItsRootsHoldAsTheTreeGrows) {
  AddTree();
  auto add_child = [&](const std::string& org_id, const std::string& county_id) {
    domain::Child child{.org_id = org_id, .county_id = county_id, .name = "学生", .gender = "female",
                        .birth_date = "2016-04-01"};
    ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) {
                        return domain::InsertChild(repos, child, "2026-11-22T02:00:00Z", Actor::CommandLine());
                      }).ok());
  };
  auto children_under = [&](const std::vector<std::string>& roots) {
    std::int64_t counted = -1;
    EXPECT_TRUE(database_->Read([&](Executor& tx) -> Status {
                   Params params;
                   auto rows = tx.Query("SELECT COUNT(*) FROM children c WHERE " +
                                            InSubtrees("c.org_id", roots, params, SubtreeTest::kPerRowAsWalked),
                                        params);
                   if (rows.ok()) counted = AsInt((*rows)[0][0]);
                   return rows.status();
                 }).ok());
    return counted;
  };
  const std::string county = OrgByCode("341122").id, school = OrgByCode("qs-zx").id;
  add_child(OrgByCode("qs-zx-3-1").id, county);
  add_child(county, county);
  EXPECT_EQ(children_under({county}), 2);
  EXPECT_EQ(children_under({school}), 1);

  auto other_county = orgs_->Add(NewOrg{"341123", "凤阳县", OrgKind::kCounty, "", {}}, Authority::Operator(),
                                 Actor::CommandLine());
  ASSERT_TRUE(other_county.ok());
  add_child(other_county->id, other_county->id);
  EXPECT_EQ(children_under({county}), 2);
  EXPECT_EQ(children_under({other_county->id}), 1);
  EXPECT_EQ(children_under({county, other_county->id}), 3);
  EXPECT_EQ(children_under({school, other_county->id}), 2);
}

// Figures of a township or above are read from the counts the triggers keep (migration 14); a
// school's are counted live. Through every way a child is written — one by one, many at once,
// edited, moved to another township, its completeness recomputed — the two agree.
class KeptCountsTest : public RepositoriesTest {
 protected:
  void SetUp() override {}  // each test opens the database at the version it needs

  // Migrated up to `version`, with AddTree's county, a second school in 青山镇 and a second
  // township.
  void Open(int version) {
    auto opened = storage::Open(fresh_.url(), {.connections = 2});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    database_ = std::move(opened).value();
    ASSERT_TRUE(Migrate(*database_, version).ok());
    store_ = std::make_unique<SqlStore>(*database_);
    orgs_ = std::make_unique<domain::OrgService>(*store_, clock_);
    AddTree();
    for (const NewOrg& org : {NewOrg{"qs-sw", "青山镇石湾小学", OrgKind::kSchool, "qs", 120},
                              NewOrg{"ds", "东山乡", OrgKind::kTownship, "341122", {}},
                              NewOrg{"ds-zx", "东山乡中心小学", OrgKind::kSchool, "ds", 300}}) {
      ASSERT_TRUE(orgs_->Add(org, Authority::Operator(), Actor::CommandLine()).ok());
    }
  }

  std::string IdOf(const std::string& code) {
    return AsText((*database_->Query("SELECT id FROM orgs WHERE code = $1", {code}))[0][0]);
  }

  // A child of its own kind: the n-th varies every breakdown.
  domain::Child Varied(int n, const std::string& org_code) {
    static const char* kTypes[] = {"both_parents_away", "father_away", "mother_away"};
    static const char* kRisks[] = {"low", "medium", "high"};
    const int year = 2009 + n % 15;
    return domain::Child{.id = NewId(), .org_id = IdOf(org_code), .county_id = IdOf("341122"),
                         .name = "学生" + std::to_string(n), .gender = n % 2 ? "male" : "female",
                         .birth_date = std::to_string(year) + (n % 4 ? "-11-22" : "-03-01"),
                         .grade = n % 5 ? std::optional<std::int64_t>(n % 9 + 1) : std::nullopt,
                         .left_behind_type = kTypes[n % 3], .care_arrangement = n % 4 ? "grandparents" : "",
                         .risk_level = kRisks[n % 3 == 0 ? 2 : n % 2], .completeness = n % 3 ? 60 : 100,
                         .created_at = "2026-11-22T02:00:00Z", .updated_at = "2026-11-22T02:00:00Z"};
  }

  domain::ChildFigures Figures(const domain::ChildQuery& query) {
    domain::ChildFigures figures;
    const std::vector<domain::AgeBand> bands = {
        {"0-5", "2020-11-22"}, {"6-11", "2014-11-22"}, {"12-14", "2011-11-22"}, {"15-17", ""}};
    EXPECT_TRUE(store_->Read([&](domain::Repositories& repos) {
                  auto counted = repos.children.Figures(query, bands);
                  if (counted.ok()) figures = std::move(counted).value();
                  return counted.status();
                }).ok());
    return figures;
  }
  domain::ChildFigures FiguresOf(const std::string& code) {
    return Figures({.scope = {.root_org_ids = {IdOf(code)}}});
  }

  // The live figures of the schools, added up as the counts kept above them should be.
  domain::ChildFigures LiveSum(std::initializer_list<const char*> schools) {
    domain::ChildFigures sum;
    for (const char* school : schools) {
      const domain::ChildFigures live = FiguresOf(school);
      sum.total += live.total;
      for (const auto& [breakdown, counts] : live.breakdowns) {
        for (const auto& [value, children] : counts) sum.breakdowns[breakdown][value] += children;
        sum.breakdowns[breakdown];
      }
    }
    return sum;
  }

  std::int64_t Kept(const std::string& code) {
    return Count("SELECT COALESCE(SUM(children), 0) FROM child_tallies WHERE org_id = '" + IdOf(code) + "'");
  }

  void ExpectKeptEqualsLive() {
    const domain::ChildFigures qingshan = LiveSum({"qs-zx", "qs-sw"}), county = LiveSum({"qs-zx", "qs-sw", "ds-zx"});
    EXPECT_EQ(Kept("qs"), qingshan.total);  // read from the counts kept, not counted live
    EXPECT_EQ(Kept("341122"), county.total);
    EXPECT_EQ(FiguresOf("qs").breakdowns, qingshan.breakdowns);
    EXPECT_EQ(FiguresOf("qs").total, qingshan.total);
    EXPECT_EQ(FiguresOf("341122").breakdowns, county.breakdowns);
    // A root inside another's subtree is counted once.
    EXPECT_EQ(Figures({.scope = {.root_org_ids = {IdOf("341122"), IdOf("qs")}}}).total, county.total);
    // Drilling down: the townships below a county from their counts, the schools below a
    // township counted live.
    const domain::Scope whole_county{.root_org_ids = {IdOf("341122")}};
    const auto below_county = Figures({.scope = whole_county, .org_id = IdOf("341122")}).breakdowns.at("org");
    EXPECT_EQ(below_county, (std::map<std::string, std::int64_t>{{"ds", FiguresOf("ds-zx").total},
                                                                {"qs", qingshan.total}}));
    const domain::ChildFigures township = Figures({.scope = whole_county, .org_id = IdOf("qs")});
    EXPECT_EQ(township.breakdowns.at("org").at("qs-zx"), FiguresOf("qs-zx").total);
    // Which counts answer a question is remembered per thread: asked of the county just above,
    // it must not answer for a township of it.
    EXPECT_EQ(township.total, qingshan.total);
    // A filter is counted live.
    EXPECT_EQ(Figures({.scope = whole_county, .gender = "male"}).total, county.breakdowns.at("gender").at("male"));
    // A list's total over a township or above, filtered by the breakdowns' fields, is read from
    // the counts too: exactly, past the bound a counted total stops at. Filtered by no more
    // than risk level, status and left-behind type, from the totals kept (migration 19).
    for (const domain::ChildQuery& filters :
         {domain::ChildQuery{}, domain::ChildQuery{.risk_level = "high"},
          domain::ChildQuery{.left_behind_type = "father_away", .risk_level = "medium", .status = "in_care"},
          domain::ChildQuery{.gender = "female", .grade = 3}, domain::ChildQuery{.status = "in_care", .complete = false}}) {
      domain::ChildQuery in_county = filters, in_schools = filters;
      in_county.scope = whole_county;
      in_county.count_up_to = 1;
      in_schools.count_up_to = 1'000'000;  // counted live, exactly
      std::int64_t counted = 0;
      for (const char* school : {"qs-zx", "qs-sw", "ds-zx"}) {
        in_schools.scope = {.root_org_ids = {IdOf(school)}};
        counted += ListTotal(in_schools);
      }
      EXPECT_EQ(ListTotal(in_county), counted);
    }
  }

  std::int64_t ListTotal(const domain::ChildQuery& query) {
    std::int64_t total = -1;
    EXPECT_TRUE(store_->Read([&](domain::Repositories& repos) {
                  auto listed = repos.children.List(query);
                  if (listed.ok()) total = listed->total;
                  return listed.status();
                }).ok());
    return total;
  }

  // The first 12 one by one, the rest together by InsertMany.
  void AddChildren() {
    ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) -> Status {
                      for (int n = 0; n < 12; ++n) {
                        domain::Child child = Varied(n, n < 8 ? "qs-zx-3-1" : n < 12 || n % 2 == 0 ? "ds-zx" : "qs-sw");
                        Status added = domain::InsertChild(repos, child, "2026-11-22T02:00:00Z", Actor::CommandLine());
                        if (!added.ok()) return added;
                      }
                      std::vector<domain::Child> many;
                      for (int n = 12; n < 40; ++n) many.push_back(Varied(n, n % 2 ? "qs-sw" : "ds-zx"));
                      return repos.children.InsertMany(many);
                    }).ok());
  }
};

TEST_F(KeptCountsTest, AgreeWithLiveCountsThroughEveryKindOfWrite) {
  Open(LatestSchemaVersion());
  AddChildren();
  ExpectKeptEqualsLive();
  EXPECT_EQ(Kept("341122"), 40);

  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) -> Status {
                      auto moved = repos.children.Under(IdOf("qs-sw"), {}, 100);
                      if (!moved.ok()) return moved.status();
                      for (int n = 0; n < 5; ++n) {
                        domain::Child child = (*moved)[n];
                        child.org_id = IdOf(n < 3 ? "ds-zx" : "qs-zx-3-1");  // to another township, or not
                        child.gender = "male";
                        child.risk_level = "high";
                        child.status = n == 4 ? "archived" : child.status;
                        child.birth_date = "2019-02-28";
                        child.grade = std::nullopt;
                        if (Status updated = repos.children.Update(child); !updated.ok()) return updated;
                      }
                      if (Status set = repos.children.SetCompleteness((*moved)[6].id, 100); !set.ok()) return set;
                      domain::Child untouched = (*moved)[7];
                      untouched.home_address = "青山村3组";  // no tallied field
                      return repos.children.Update(untouched);
                    }).ok());
  ExpectKeptEqualsLive();
  EXPECT_EQ(Kept("341122"), 40);
  EXPECT_EQ(Kept("ds"), 18 + 3);  // 18 placed there, 3 moved in
}

// One child added alone before a bulk insert, one between two bulk inserts and one after, all in
// one transaction, are each counted once.
TEST_F(KeptCountsTest, CountEachChildOnceWhenBulkAndSingleInsertsMeetInOneTransaction) {
  Open(LatestSchemaVersion());
  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) -> Status {
                      int n = 0;
                      auto alone = [&](const char* code) {
                        domain::Child child = Varied(n++, code);
                        return domain::InsertChild(repos, child, "2026-11-22T02:00:00Z", Actor::CommandLine());
                      };
                      auto together = [&](int children) {
                        std::vector<domain::Child> many;
                        for (int end = n + children; n < end; ++n) many.push_back(Varied(n, n % 2 ? "qs-sw" : "ds-zx"));
                        return repos.children.InsertMany(many);
                      };
                      const std::vector<std::function<Status()>> steps = {
                          [&] { return alone("qs-zx-3-1"); }, [&] { return together(15); },
                          [&] { return alone("ds-zx"); },     [&] { return together(20); },
                          [&] { return alone("qs-sw"); },     [&] { return together(0); }};
                      for (const auto& step : steps) {
                        if (Status done = step(); !done.ok()) return done;
                      }
                      return Status::Ok();
                    }).ok());
  ExpectKeptEqualsLive();
  EXPECT_EQ(Kept("341122"), 38);
}

// New children more than a bulk insert makes at once (kRowsMadeAtOnce), with a parent each, are
// stored, counted and audited whole: the counts sent once for all of them, the audit rows
// chained across the statements.
TEST_F(KeptCountsTest, CountAndAuditEveryChildOfAnInsertLargerThanTheRowsMadeAtOnce) {
  Open(LatestSchemaVersion());
  const int children = static_cast<int>(kRowsMadeAtOnce) + 7;
  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) -> Status {
                      std::vector<domain::Child> many;
                      std::vector<domain::FamilyMember> parents;
                      for (int n = 0; n < children; ++n) {
                        many.push_back(Varied(n, n % 3 ? "qs-zx-3-1" : "ds-zx"));
                        parents.push_back({.id = NewId(), .child_id = many.back().id, .kind = "parent",
                                           .name = "家长" + std::to_string(n), .relation = "father",
                                           .created_at = "2026-11-22T02:00:00Z", .updated_at = "2026-11-22T02:00:00Z"});
                      }
                      return domain::InsertNewChildren(repos, many, parents, "2026-11-22T02:00:00Z",
                                                       Actor::CommandLine());
                    }).ok());
  ExpectKeptEqualsLive();
  EXPECT_EQ(Kept("341122"), children);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM family_members"), children);
  const domain::ChainCheck chain = VerifyChain();
  EXPECT_EQ(chain.entries, Count("SELECT COUNT(*) FROM audit_log"));
  EXPECT_GE(chain.entries, children);
  EXPECT_FALSE(chain.first_bad_seq.has_value());
}

// On SQLite a child refused (its ID number is another's) adds nothing, so the transaction goes on
// and the children after it are counted. (PostgreSQL ends a
// transaction at its first error.)
TEST_F(KeptCountsTest, CountNothingForAChildRefusedAndGoOnCountingAfterIt) {
  Open(LatestSchemaVersion());
  if (database_->dialect() != Dialect::kSqlite) GTEST_SKIP() << "a transaction ends at its first error";
  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) -> Status {
                      domain::Child first = Varied(0, "qs-zx-3-1");
                      first.id_number = "341122201605060010";
                      first.birth_date = "2016-05-06";
                      first.gender = "male";
                      if (Status added = domain::InsertChild(repos, first, "2026-11-22T02:00:00Z", Actor::CommandLine());
                          !added.ok()) {
                        return added;
                      }
                      domain::Child same_number = Varied(1, "ds-zx");
                      same_number.id_number = first.id_number;
                      EXPECT_FALSE(repos.children.Insert(same_number).ok());
                      domain::Child after = Varied(4, "ds-zx");
                      return domain::InsertChild(repos, after, "2026-11-22T02:00:00Z", Actor::CommandLine());
                    }).ok());
  ExpectKeptEqualsLive();
  EXPECT_EQ(Kept("341122"), 2);  // the first and the last
  // A bulk insert refused at its second row fails its write, which keeps none of it
  // (Executor::BulkInsert: its first row may be in until the transaction is rolled back).
  EXPECT_FALSE(store_->Write([&](domain::Repositories& repos) {
                       std::vector<domain::Child> again = {Varied(2, "qs-sw"), Varied(3, "ds-zx")};
                       again[1].id_number = "341122201605060010";
                       return repos.children.InsertMany(again);
                     }).ok());
  ExpectKeptEqualsLive();
  EXPECT_EQ(Kept("341122"), 2);
}

// A database that held children before the counts were kept is counted when it migrates.
TEST_F(KeptCountsTest, AreCountedForTheChildrenAlreadyThereWhenTheDatabaseMigrates) {
  Open(13);
  // Today's repository counts its inserts on SQLite under the tallied ancestors of migration 14,
  // lent to it meanwhile with none: it counts nothing, as the program of then.
  const bool counting = database_->dialect() == Dialect::kSqlite;
  const auto execute = [&](const char* sql) { return database_->Write([&](Executor& tx) { return tx.Execute(sql); }); };
  if (counting) {
    ASSERT_TRUE(
        execute("CREATE VIEW tallied_ancestors AS SELECT '' AS descendant_id, '' AS ancestor_id WHERE false").ok());
  }
  AddChildren();
  if (counting) {
    ASSERT_TRUE(execute("DROP VIEW tallied_ancestors").ok());
  }
  ASSERT_TRUE(Migrate(*database_).ok());
  ExpectKeptEqualsLive();
  EXPECT_EQ(Kept("341122"), 40);
}

// KeptCountsTest's 40 children in three schools of two townships, walked in batches.
using SubtreeWalkTest = KeptCountsTest;

TEST_F(SubtreeWalkTest, MeetsEveryChildOfTheSubtreeOnceInBatchesThatCutAcrossOrganisations) {
  Open(LatestSchemaVersion());
  AddChildren();
  for (const char* code : {"341122", "qs", "qs-sw"}) {
    auto rows = database_->Query(
        "SELECT c.id FROM children c JOIN org_closure oc ON oc.descendant_id = c.org_id WHERE oc.ancestor_id = $1",
        {IdOf(code)});
    ASSERT_TRUE(rows.ok());
    std::vector<std::string> placed;
    for (const auto& row : *rows) placed.push_back(AsText(row[0]));
    std::vector<std::string> met;
    domain::ChildCursor after;
    for (bool more = true; more;) {
      ASSERT_TRUE(store_->Read([&](domain::Repositories& repos) -> Status {
                          auto batch = repos.children.Under(IdOf(code), after, 3);  // no school holds a multiple of 3
                          if (!batch.ok()) return batch.status();
                          for (const domain::Child& child : *batch) met.push_back(child.id);
                          more = batch->size() == 3;
                          if (!batch->empty()) after = domain::ChildCursor::After(batch->back());
                          return Status::Ok();
                        }).ok());
    }
    std::sort(placed.begin(), placed.end());
    std::sort(met.begin(), met.end());
    EXPECT_EQ(met, placed) << code;
    EXPECT_FALSE(placed.empty());
  }
}

TEST_F(RepositoriesTest, PupilCountsGoToTheCurrentTerm) {
  AddTree();
  auto rows = database_->Query(
      "SELECT p.term_key, p.pupils FROM org_pupil_counts p JOIN orgs o ON o.id = p.org_id WHERE o.code = 'qs-zx'");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(AsText((*rows)[0][0]), "2026-2027-1");
  EXPECT_EQ(AsInt((*rows)[0][1]), 680);
}

TEST_F(RepositoriesTest, ACountysOwnTermDecidesWherePupilCountsGo) {
  ASSERT_TRUE(orgs_->Add({"341122", "来安县", OrgKind::kCounty, "", {}}, Authority::Operator(), Actor::CommandLine()).ok());
  // The county starts its autumn term on 28 August; it is now 30 August.
  const domain::Term autumn{"2027-2028-1", "2027—2028学年第一学期", year{2027} / August / 28, year{2028} / January / 20};
  ASSERT_TRUE(orgs_->SetTerm("341122", autumn, Authority::Operator(), Actor::CommandLine()).ok());
  clock_.Advance(sys_days(year{2027} / August / 30) - sys_days(year{2026} / November / 22));
  ASSERT_TRUE(orgs_->Add({"qs", "青山镇", OrgKind::kTownship, "341122", {}}, Authority::Operator(), Actor::CommandLine()).ok());
  ASSERT_TRUE(orgs_->Add({"qs-zx", "青山镇中心小学", OrgKind::kSchool, "qs", 700}, Authority::Operator(), Actor::CommandLine()).ok());
  EXPECT_EQ(AsText((*database_->Query("SELECT term_key FROM org_pupil_counts"))[0][0]), "2027-2028-1");

  const domain::Term overlapping{"2027-2028-2", "x", year{2028} / January / 10, year{2028} / July / 10};
  EXPECT_EQ(orgs_->SetTerm("341122", overlapping, Authority::Operator(), Actor::CommandLine()).field(), "starts_on");
  const domain::Term backwards{"2027-2028-2", "x", year{2028} / July / 10, year{2028} / February / 10};
  EXPECT_EQ(orgs_->SetTerm("341122", backwards, Authority::Operator(), Actor::CommandLine()).field(), "ends_on");
  EXPECT_EQ(orgs_->SetTerm("qs", autumn, Authority::Operator(), Actor::CommandLine()).field(), "county");
  const domain::Term moved{"2027-2028-1", "2027—2028学年第一学期", year{2027} / September / 1, year{2028} / January / 20};
  EXPECT_TRUE(orgs_->SetTerm("341122", moved, Authority::Operator(), Actor::CommandLine()).ok());  // same key: replaced
  EXPECT_EQ(Count("SELECT COUNT(*) FROM terms"), 1);
}

TEST_F(RepositoriesTest, DuplicateCodesAndUnknownParentsAreRefusedWithoutAnAuditRow) {
  AddTree();
  const std::int64_t audited = Count("SELECT COUNT(*) FROM audit_log");
  EXPECT_EQ(orgs_->Add({"qs", "again", OrgKind::kTownship, "341122", {}}, Authority::Operator(), Actor::CommandLine()).status().code(),
            StatusCode::kConflict);
  auto orphan = orgs_->Add({"x", "x", OrgKind::kSchool, "nowhere", {}}, Authority::Operator(), Actor::CommandLine());
  EXPECT_EQ(orphan.status().field(), "parent");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audited);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM orgs"), 4);
}

TEST_F(RepositoriesTest, UsersGetATemporaryPasswordAndAFittingRole) {
  AddTree();
  auto added = users_->Add({.username = "teacher.li", .display_name = "李老师", .role = domain::Role::kHeadTeacher,
                            .org_code = "qs-zx-3-1", .password = std::nullopt},
                           Authority::Operator(), Actor::CommandLine());
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->password.size(), 16u);
  EXPECT_TRUE(added->user.must_change_password);
  auto listed = users_->List(Authority::Operator(), Actor::CommandLine());
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].display_name, "李老师");
  ASSERT_EQ((*listed)[0].roles.size(), 1u);
  EXPECT_EQ((*listed)[0].roles[0].org_code, "qs-zx-3-1");
  EXPECT_TRUE(hasher_.Verify((*listed)[0].password_hash, added->password));

  auto wrong_place = users_->Add({.username = "teacher.wang", .display_name = "", .role = domain::Role::kHeadTeacher,
                                  .org_code = "qs-zx", .password = std::nullopt},
                                 Authority::Operator(), Actor::CommandLine());
  EXPECT_EQ(wrong_place.status().field(), "role");
  auto taken = users_->Add({.username = "teacher.li", .display_name = "", .role = domain::Role::kHelper,
                            .org_code = "qs-zx", .password = std::nullopt},
                           Authority::Operator(), Actor::CommandLine());
  EXPECT_EQ(taken.status().code(), StatusCode::kConflict);
}

// Roles come ordered by their name, then by the organisation's code, however they were given:
// qs-aa is made last, so its id sorts after qs-zx's.
TEST_F(RepositoriesTest, AUsersRolesComeOrderedByRoleAndOrganisation) {
  AddTree();
  ASSERT_TRUE(orgs_->Add({"qs-aa", "青山镇阿岸小学", OrgKind::kSchool, "qs", 100}, Authority::Operator(),
                         Actor::CommandLine()).ok());
  auto id_of = [&](const std::string& code) {
    return AsText((*database_->Query("SELECT id FROM orgs WHERE code = $1", {code}))[0][0]);
  };
  const domain::User user{.id = NewId(), .username = "many.roles", .display_name = "多角色",
                          .password_hash = "unused", .created_at = "2026-11-01T00:00:00.000Z",
                          .roles = {{domain::Role::kHelper, id_of("qs-zx"), ""},
                                    {domain::Role::kHeadTeacher, id_of("qs-zx-3-1"), ""},
                                    {domain::Role::kHelper, id_of("qs-aa"), ""}}};
  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) { return repos.users.InsertMany({&user, 1}); }).ok());
  std::vector<std::string> roles;
  ASSERT_TRUE(store_->Read([&](domain::Repositories& repos) -> Status {
                      auto found = repos.users.FindById(user.id);
                      if (!found.ok()) return found.status();
                      for (const auto& role : (*found)->roles) {
                        roles.push_back(std::string(domain::RoleName(role.role)) + "@" + role.org_code);
                      }
                      return Status::Ok();
                    }).ok());
  EXPECT_EQ(roles, (std::vector<std::string>{"head_teacher@qs-zx-3-1", "helper@qs-aa", "helper@qs-zx"}));
}

TEST_F(RepositoriesTest, StaleUserUpdatesConflict) {
  AddTree();
  ASSERT_TRUE(users_->Add({.username = "teacher.li", .display_name = "", .role = domain::Role::kHelper,
                           .org_code = "qs-zx", .password = std::nullopt},
                          Authority::Operator(), Actor::CommandLine())
                  .ok());
  Status status = store_->Write([](domain::Repositories& repos) -> Status {
    auto first = repos.users.FindByUsername("teacher.li");
    domain::User a = **first, b = **first;
    if (Status updated = repos.users.Update(a); !updated.ok()) return updated;
    return repos.users.Update(b);  // still carries the old version
  });
  EXPECT_EQ(status.code(), StatusCode::kConflict);
}

TEST_F(RepositoriesTest, ResetPasswordLiftsALockoutAndDisableSticks) {
  AddTree();
  ASSERT_TRUE(users_->Add({.username = "teacher.li", .display_name = "", .role = domain::Role::kHelper,
                           .org_code = "qs-zx", .password = std::nullopt},
                          Authority::Operator(), Actor::CommandLine())
                  .ok());
  ASSERT_TRUE(database_->Write([](Executor& tx) {
                return tx.Execute("INSERT INTO login_throttle VALUES ('teacher.li', 0, '2026-11-22T03:00:00.000Z')");
              }).ok());
  EXPECT_EQ((*users_->List(Authority::Operator(), Actor::CommandLine()))[0].locked_until, "2026-11-22T03:00:00.000Z");
  auto reset = users_->ResetPassword("teacher.li", Authority::Operator(), Actor::CommandLine());
  ASSERT_TRUE(reset.ok());
  EXPECT_TRUE((*users_->List(Authority::Operator(), Actor::CommandLine()))[0].locked_until.empty());
  EXPECT_TRUE(users_->SetActive("teacher.li", false, Authority::Operator(), Actor::CommandLine()).ok());
  EXPECT_FALSE((*users_->List(Authority::Operator(), Actor::CommandLine()))[0].active);
  EXPECT_EQ(users_->SetActive("nobody", false, Authority::Operator(), Actor::CommandLine()).code(), StatusCode::kNotFound);
}

TEST_F(RepositoriesTest, EveryChangeIsAuditedInAnIntactChain) {
  AddTree();
  auto rows = database_->Query("SELECT seq, action, object_type, role, at FROM audit_log ORDER BY seq");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ(AsText((*rows)[0][1]), "org.create");
  EXPECT_EQ(AsText((*rows)[0][3]), "cli");
  EXPECT_EQ(AsText((*rows)[0][4]), "2026-11-22T02:00:00.000Z");
  const domain::ChainCheck check = VerifyChain();
  EXPECT_EQ(check.entries, 4);
  EXPECT_FALSE(check.first_bad_seq);
}

TEST_F(RepositoriesTest, AuditVerifyCatchesEditsAndDeletions) {
  AddTree();
  ASSERT_TRUE(database_->Write([](Executor& tx) { return tx.Execute("UPDATE audit_log SET object_id = 'x' WHERE seq = 3"); }).ok());
  EXPECT_EQ(VerifyChain().first_bad_seq, 3);
}

TEST_F(RepositoriesTest, AuditVerifyCatchesADeletedEntry) {
  AddTree();
  ASSERT_TRUE(database_->Write([](Executor& tx) { return tx.Execute("DELETE FROM audit_log WHERE seq = 2"); }).ok());
  EXPECT_EQ(VerifyChain().first_bad_seq, 2);
}

TEST_F(RepositoriesTest, ConcurrentAppendsKeepOneChain) {
  AddTree();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        EXPECT_TRUE(orgs_->Add({"v" + std::to_string(t) + "-" + std::to_string(i), "村", OrgKind::kVillage, "qs", {}},
                               Authority::Operator(), Actor::CommandLine())
                        .ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const domain::ChainCheck check = VerifyChain();
  EXPECT_EQ(check.entries, 44);
  EXPECT_FALSE(check.first_bad_seq);
}

}  // namespace
}  // namespace sw::storage
