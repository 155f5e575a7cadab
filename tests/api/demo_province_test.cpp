// `shouwang demo --children N --seed S`: a generated province, the benchmark's data.
#include <regex>

#include "core/clock.h"
#include "core/identity_numbers.h"
#include "domain/terms/term.h"
#include "storage/database.h"
#include "support/server_test.h"

namespace sw::testing {
namespace {

constexpr int kChildren = 400;

// Every child's name, ID number and birth date, and every record's kind and day, in id order:
// what must come out the same for the same seed.
std::string Contents(const FreshDatabase& fresh) {
  auto database = storage::Open(fresh.url(), {.connections = 1});
  EXPECT_TRUE(database.ok());
  std::string contents;
  for (const char* sql : {"SELECT name || '|' || COALESCE(id_number, '') || '|' || birth_date FROM children ORDER BY id",
                          "SELECT kind || '|' || occurred_on || '|' || author_id FROM care_records ORDER BY id",
                          "SELECT code || '|' || name FROM orgs ORDER BY id"}) {
    auto rows = (*database)->Query(sql);
    EXPECT_TRUE(rows.ok());
    for (const auto& row : *rows) contents += storage::AsText(row[0]) + "\n";
  }
  return contents;
}

class DemoProvinceTest : public ServerTest {
 protected:
  void Seed() override {
    output_ = Shouwang({"demo", "--children", std::to_string(kChildren), "--seed", "11"});
    std::smatch match;
    ASSERT_TRUE(std::regex_search(output_, match, std::regex("password (Demo-[0-9]{6})"))) << output_;
    password_ = match[1];
  }

  std::string output_, password_;
};

TEST_F(DemoProvinceTest, AProvinceOfTheSizeAskedWithValidIdNumbersAndTwoSchoolYearsOfCare) {
  EXPECT_NE(output_.find(std::to_string(kChildren) + " children"), std::string::npos) << output_;
  auto database = storage::Open(fresh_.url(), {.connections = 1});
  ASSERT_TRUE(database.ok());
  storage::Database& db = **database;
  EXPECT_EQ(CountOf(db, "SELECT COUNT(*) FROM children"), kChildren);
  EXPECT_EQ(CountOf(db, "SELECT COUNT(*) FROM orgs WHERE kind = 'province'"), 1);

  // ID numbers: of the child's county, its birth date, a right check character; a tenth missing.
  auto numbers = db.Query("SELECT c.id_number, c.birth_date, o.code FROM children c JOIN orgs o ON o.id = c.county_id "
                          "WHERE c.id_number IS NOT NULL");
  ASSERT_TRUE(numbers.ok());
  EXPECT_GT(numbers->size(), kChildren * 8 / 10);
  EXPECT_LT(numbers->size(), static_cast<std::size_t>(kChildren));
  for (const auto& row : *numbers) {
    const std::string id_number = storage::AsText(row[0]);
    std::string birth = storage::AsText(row[1]);
    std::erase(birth, '-');
    EXPECT_EQ(id_number.substr(0, 6), storage::AsText(row[2]));
    EXPECT_EQ(id_number.substr(6, 8), birth);
    EXPECT_TRUE(ParseIdNumber(id_number, std::chrono::year{2100} / 1 / 1).ok()) << id_number;
  }

  // The commonest surnames lead, and the polyphone ones sort by their surname reading.
  auto surnames = db.Query("SELECT substr(name, 1, 1) AS s, COUNT(*) AS n FROM children GROUP BY s ORDER BY n DESC");
  ASSERT_TRUE(surnames.ok());
  const std::string top = storage::AsText((*surnames)[0][0]);
  EXPECT_TRUE(top == "王" || top == "李" || top == "张" || top == "刘") << top;

  // Care: about twenty records a child, helpers with three children at most, some children
  // without a main helper, tasks done and tasks left late.
  const std::int64_t records = CountOf(db, "SELECT COUNT(*) FROM care_records");
  EXPECT_GT(records, kChildren * 15);
  EXPECT_LT(records, kChildren * 25);
  EXPECT_LE(CountOf(db, "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM pairings GROUP BY helper_id) AS loads"), 3);
  EXPECT_GT(CountOf(db, "SELECT COUNT(*) FROM children c WHERE NOT EXISTS (SELECT 1 FROM pairings p WHERE p.child_id = c.id)"), 0);
  EXPECT_GT(CountOf(db, "SELECT COUNT(*) FROM care_tasks WHERE status = 'done'"), kChildren);
  const auto now = std::chrono::system_clock::now();
  const std::string today = domain::FormatDate(ChinaDate(now));
  EXPECT_GT(CountOf(db, "SELECT COUNT(*) FROM care_tasks WHERE status = 'open' AND due < '" + today + "'"), 0);
  // Today is planned — China's day, as the server's planner counts it (the demo ran minutes ago
  // at most) — so the server's first start plans no child again.
  auto planned = db.Query("SELECT value FROM instance_settings WHERE key = 'care.planned_on'");
  ASSERT_TRUE(planned.ok() && planned->size() == 1);
  const std::string planned_on = storage::AsText((*planned)[0][0]);
  EXPECT_TRUE(planned_on == today || planned_on == domain::FormatDate(ChinaDate(now - std::chrono::minutes(10))))
      << planned_on << " planned, " << today << " in China";
  EXPECT_GT(CountOf(db, "SELECT COUNT(*) FROM care_signals"), 0);
  EXPECT_EQ(CountOf(db, "SELECT COUNT(*) FROM care_tasks t WHERE t.done_count < t.required AND t.status = 'done'"), 0);

  // The server serves it: the province's official sees every child, a helper their to-do.
  const Session official = SignInFirstTime("official.province", password_, "river-Stone-lantern-7");
  HttpResponse figures = Call(official, "GET", "/api/v1/children/figures");
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_EQ(figures.Json()["total"], kChildren);
  // The list's totals: from the totals the load kept (a bulk insert, a COPY), which agree.
  const std::int64_t high_risk = CountOf(db, "SELECT COUNT(*) FROM children WHERE risk_level = 'high'");
  EXPECT_EQ(CountOf(db, "SELECT SUM(t.children) FROM child_totals t JOIN orgs o ON o.id = t.org_id "
                        "WHERE o.kind = 'province' AND t.risk_level = 'high'"),
            high_risk);
  EXPECT_EQ(Call(official, "GET", "/api/v1/children").Json()["total"], kChildren);
  EXPECT_EQ(Call(official, "GET", "/api/v1/children?risk_level=high").Json()["total"], high_risk);
  HttpResponse late = Call(official, "GET", "/api/v1/tasks?org=340000&status=late");
  ASSERT_EQ(late.status, 200) << late.body;
  EXPECT_GT(late.Json()["total"].get<int>(), 0);
  const Session helper = SignInFirstTime("helper.340121101-zx.1", password_, "river-Stone-lantern-7");
  HttpResponse mine = Call(helper, "GET", "/api/v1/tasks?mine=1");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_GT(mine.Json()["total"].get<int>(), 0);
  EXPECT_EQ(Call(helper, "GET", "/api/v1/children").Json()["total"].get<int>(), 3);
}

TEST(DemoProvince, TheSameSeedMakesTheSameProvinceAndAnotherSeedAnother) {
  FreshDatabase first, again, other;
  std::string output;
  ASSERT_EQ(RunOn(first, {"demo", "--children", "150", "--seed", "3"}, output), 0) << output;
  ASSERT_EQ(RunOn(again, {"demo", "--children", "150", "--seed", "3"}, output), 0) << output;
  ASSERT_EQ(RunOn(other, {"demo", "--children", "150", "--seed", "4"}, output), 0) << output;
  const std::string contents = Contents(first);
  EXPECT_GT(contents.size(), 1000u);
  EXPECT_EQ(contents, Contents(again));
  EXPECT_NE(contents, Contents(other));
  // Never over data.
  EXPECT_EQ(RunOn(first, {"demo", "--children", "150"}, output), 2);
  EXPECT_NE(output.find("database"), std::string::npos) << output;
}

}  // namespace
}  // namespace sw::testing
