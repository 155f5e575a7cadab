// `shouwang demo`: a county to try Shouwang on, built through the same services as real work.
#include <regex>

#include "support/server_test.h"

namespace sw::testing {
namespace {

class DemoTest : public ServerTest {
 protected:
  void Seed() override {
    output_ = Shouwang({"demo", "--children-per-class", "3"});
    std::smatch match;
    ASSERT_TRUE(std::regex_search(output_, match, std::regex("password (Demo-[0-9a-f]{12})"))) << output_;
    password_ = match[1];
  }

  Session SignIn(const std::string& username) { return SignInFirstTime(username, password_, "river-Stone-lantern-7"); }

  std::string output_, password_;
};

TEST_F(DemoTest, AnEmptyDatabaseBecomesACountyWithAnAccountForEveryRole) {
  for (const char* role : {"system_admin", "security_admin", "audit_admin", "county_official", "township_official",
                           "school_leader", "head_teacher", "helper", "counsellor", "village_director", "home_keeper"}) {
    EXPECT_NE(output_.find(std::string(role) + "@"), std::string::npos) << role;
  }
  // 3 children in each of 39 classes (6 primary schools × 6 grades, a junior school × 3).
  EXPECT_NE(output_.find("117 children"), std::string::npos) << output_;

  const Session county = SignIn("demo.county");
  HttpResponse figures = Call(county, "GET", "/api/v1/children/figures");
  ASSERT_EQ(figures.status, 200) << figures.body;
  const nlohmann::json counted = figures.Json();
  EXPECT_EQ(counted["total"], 117);
  EXPECT_GE(counted["breakdowns"]["left_behind_type"].size(), 2u);
  EXPECT_EQ(counted["breakdowns"]["completeness"].size(), 2u);  // some archives are incomplete
  EXPECT_GE(counted["breakdowns"]["grade"].size(), 9u);
  EXPECT_FALSE(counted["breakdowns"].contains("org"));  // counted per organisation only when one is asked for

  // Drill-down: the county's children per township, a township's per school.
  const nlohmann::json by_township = Call(county, "GET", "/api/v1/children/figures?org=341122").Json()["breakdowns"]["org"];
  ASSERT_EQ(by_township.size(), 3u) << by_township;
  int sum = 0;
  for (const auto& [code, count] : by_township.items()) sum += count.get<int>();
  EXPECT_EQ(sum, 117);
  const nlohmann::json by_school = Call(county, "GET", "/api/v1/children/figures?org=qs").Json()["breakdowns"]["org"];
  EXPECT_TRUE(by_school.contains("qs-zx")) << by_school;
  int in_schools = 0;
  for (const auto& [code, count] : by_school.items()) in_schools += count.get<int>();
  EXPECT_EQ(in_schools, by_township["qs"].get<int>());

  const Session teacher = SignIn("demo.teacher");
  HttpResponse class_list = Call(teacher, "GET", "/api/v1/children");
  ASSERT_EQ(class_list.Json()["total"], 3);
  const std::string first = class_list.Json()["items"][0]["id"];
  const nlohmann::json record = Call(teacher, "GET", "/api/v1/children/" + first).Json();
  EXPECT_EQ(record["grade"], 3);
  EXPECT_FALSE(record["family"].empty());
  EXPECT_EQ(Call(teacher, "GET", "/api/v1/orgs/qs-zx-3-1/archive-settings").Json()["fields"][0]["key"], "bus_route");

  // demo.helper is the main helper of two of the class's three children.
  const Session helper = SignIn("demo.helper");
  EXPECT_EQ(Call(helper, "GET", "/api/v1/children").Json()["total"], 2);
  EXPECT_EQ(Call(county, "GET", "/api/v1/children?has_main_helper=true").Json()["total"], 2);

  // Once only: a database with data is left alone.
  std::string again;
  EXPECT_EQ(RunOn(fresh_, {"demo"}, again), 2);
  EXPECT_NE(again.find("database"), std::string::npos) << again;
  EXPECT_EQ(RunOn(fresh_, {"demo", "--if-empty"}, again), 0);
  EXPECT_EQ(Call(county, "GET", "/api/v1/children/figures").Json()["total"], 117);
}

}  // namespace
}  // namespace sw::testing
