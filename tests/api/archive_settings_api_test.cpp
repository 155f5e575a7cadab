// Extra fields and required fields per organisation, as a county and a school set them up and a
// head teacher fills them in. Who may call which endpoint is in access_matrix_test.cpp.
#include "support/server_test.h"

namespace sw::testing {
namespace {

constexpr const char* kFirst = "dusk-Heron-paddy-42";
constexpr const char* kPassword = "river-Stone-lantern-7";

class ArchiveSettingsApiTest : public ServerTest {
 protected:
  void Seed() override {
    SeedCountyTree();
    Shouwang({"org", "add", "--code", "ds-zx", "--name", "大山小学", "--kind", "school", "--parent", "qs"});
    SeedUser("official.zhao", "county_official", "341122", kFirst);
    SeedUser("leader.sun", "school_leader", "qs-zx", kFirst);
    SeedUser("teacher.li", "head_teacher", "qs-zx-3-1", kFirst);
  }

  void SetUp() override {
    ServerTest::SetUp();
    county_ = SignInFirstTime("official.zhao", kFirst, kPassword);
    school_ = SignInFirstTime("leader.sun", kFirst, kPassword);
    teacher_ = SignInFirstTime("teacher.li", kFirst, kPassword);
  }

  nlohmann::json AddField(const Session& session, const std::string& org, const nlohmann::json& field) {
    HttpResponse added = Call(session, "POST", "/api/v1/orgs/" + org + "/child-fields", field.dump());
    EXPECT_EQ(added.status, 201) << added.body;
    return added.Json();
  }

  // The county's bus route (a choice) and the school's height (a number).
  void AddBusRouteAndHeight() {
    AddField(county_, "341122", {{"key", "bus_route"}, {"label", "校车路线"}, {"kind", "choice"},
                                 {"choices", {"1路", "2路"}}});
    AddField(school_, "qs-zx", {{"key", "height_cm"}, {"label", "身高（厘米）"}, {"kind", "number"}});
  }

  nlohmann::json CreateChild(const std::string& name, const nlohmann::json& extra) {
    HttpResponse created = Call(teacher_, "POST", "/api/v1/children",
                                nlohmann::json{{"name", name}, {"gender", "male"}, {"birth_date", "2016-05-01"},
                                               {"org", "qs-zx-3-1"}, {"extra", extra}}
                                    .dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }

  nlohmann::json GetChild(const nlohmann::json& child) {
    HttpResponse got = Call(teacher_, "GET", "/api/v1/children/" + child["id"].get<std::string>());
    EXPECT_EQ(got.status, 200) << got.body;
    return got.Json();
  }

  Session county_, school_, teacher_;
};

TEST_F(ArchiveSettingsApiTest, ACountyAndASchoolAddFieldsThatTheClassSees) {
  AddBusRouteAndHeight();
  HttpResponse clash = Call(school_, "POST", "/api/v1/orgs/qs-zx/child-fields",
                            R"({"key":"bus_route","label":"校车","kind":"text"})");
  EXPECT_EQ(clash.status, 409);
  EXPECT_EQ(clash.Json()["error"]["code"], "field_key_in_use");
  // Another school may use a key this school uses: the two never meet.
  HttpResponse other = Call(county_, "POST", "/api/v1/orgs/ds-zx/child-fields",
                            R"({"key":"height_cm","label":"身高","kind":"number"})");
  EXPECT_EQ(other.status, 201) << other.body;

  HttpResponse settings = Call(teacher_, "GET", "/api/v1/orgs/qs-zx-3-1/archive-settings");
  ASSERT_EQ(settings.status, 200) << settings.body;
  const nlohmann::json body = settings.Json();
  ASSERT_EQ(body["fields"].size(), 2u);
  EXPECT_EQ(body["fields"][0]["key"], "bus_route");
  EXPECT_EQ(body["fields"][0]["org"], "341122");
  EXPECT_EQ(body["fields"][0]["choices"], nlohmann::json({"1路", "2路"}));
  EXPECT_EQ(body["fields"][1]["key"], "height_cm");
  EXPECT_EQ(body["fields"][1]["org"], "qs-zx");
  EXPECT_EQ(body["required"], body["default_required"]);
  EXPECT_TRUE(body["required_set_at"].is_null());
}

TEST_F(ArchiveSettingsApiTest, BadDefinitionsNameTheProperty) {
  struct Case {
    const char* body;
    const char* field;
    const char* message;
  };
  const Case cases[] = {
      {R"({"key":"Bus","label":"校车","kind":"text"})", "key", "字段标识须以小写字母开头，只含小写字母、数字和下划线（最多 40 个）"},
      {R"({"label":"校车","kind":"text"})", "key", nullptr},
      {R"({"key":"bus","label":"","kind":"text"})", "label", nullptr},
      {R"({"key":"bus","label":"校车","kind":"colour"})", "kind", nullptr},
      {R"({"key":"bus","label":"校车","kind":"choice"})", "choices", nullptr},
      {R"({"key":"bus","label":"校车","kind":"choice","choices":"1路"})", "choices", nullptr},
      {R"({"key":"bus","label":"校车","kind":"text","choices":["1路"]})", "choices", "只有选择题字段可以设置选项"},
  };
  for (const Case& bad : cases) {
    HttpResponse refused = Call(school_, "POST", "/api/v1/orgs/qs-zx/child-fields", bad.body);
    EXPECT_EQ(refused.status, 422) << bad.body << " " << refused.body;
    EXPECT_EQ(refused.Json()["error"]["field"], bad.field) << bad.body;
    if (bad.message) {
      EXPECT_EQ(refused.Json()["error"]["message"], bad.message);
    }
  }
  EXPECT_EQ(Call(teacher_, "GET", "/api/v1/orgs/qs-zx/archive-settings").Json()["fields"].size(), 0u);
}

TEST_F(ArchiveSettingsApiTest, ExtraValuesAreValidatedStoredSearchedAndKeptInHistory) {
  AddBusRouteAndHeight();
  const nlohmann::json rides = CreateChild("张三", {{"bus_route", "2路"}, {"height_cm", "0132.50"}});
  EXPECT_EQ(rides["extra"], nlohmann::json({{"bus_route", "2路"}, {"height_cm", "132.5"}}));
  CreateChild("李四", {{"bus_route", "1路"}, {"height_cm", 128}});
  CreateChild("王五", nlohmann::json::object());

  struct Case {
    nlohmann::json extra;
    const char* field;
    const char* message;
  };
  const Case cases[] = {
      {{{"height_cm", "一米三"}}, "extra.height_cm", "请填写数字（最多 15 位有效数字，如 132 或 -3.5）"},
      {{{"bus_route", "3路"}}, "extra.bus_route", nullptr},
      {{{"shoe_size", "32"}}, "extra.shoe_size", "没有这个字段"},
      {{{"height_cm", true}}, "extra.height_cm", nullptr},
  };
  for (const Case& bad : cases) {
    HttpResponse refused = Call(teacher_, "POST", "/api/v1/children",
                                nlohmann::json{{"name", "赵六"}, {"gender", "male"}, {"birth_date", "2016-05-01"},
                                               {"org", "qs-zx-3-1"}, {"extra", bad.extra}}
                                    .dump());
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.Json()["error"]["field"], bad.field);
    if (bad.message) {
      EXPECT_EQ(refused.Json()["error"]["message"], bad.message);
    }
  }
  EXPECT_EQ(Call(teacher_, "GET", "/api/v1/children").Json()["total"], 3);  // nothing half-written

  HttpResponse on_route_2 = Call(teacher_, "GET", "/api/v1/children?extra.bus_route=2%E8%B7%AF");
  ASSERT_EQ(on_route_2.status, 200);
  ASSERT_EQ(on_route_2.Json()["total"], 1);
  EXPECT_EQ(on_route_2.Json()["items"][0]["name"], "张三");
  EXPECT_EQ(Call(teacher_, "GET", "/api/v1/children?extra.height_cm=128").Json()["total"], 1);

  const std::string path = "/api/v1/children/" + rides["id"].get<std::string>();
  HttpResponse changed = Call(teacher_, "PATCH", path, R"({"version":1,"extra":{"height_cm":135,"bus_route":null}})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.Json()["extra"], nlohmann::json({{"height_cm", "135"}}));
  const nlohmann::json record = GetChild(rides);
  EXPECT_EQ(record["extra"], nlohmann::json({{"height_cm", "135"}}));
  std::map<std::string, std::pair<std::string, std::string>> history;
  for (const auto& change : record["history"]) history[change["field"]] = {change["old"], change["new"]};
  EXPECT_EQ(history["extra.height_cm"], std::make_pair(std::string("132.5"), std::string("135")));
  EXPECT_EQ(history["extra.bus_route"], std::make_pair(std::string("2路"), std::string("")));
  EXPECT_EQ(Call(teacher_, "GET", "/api/v1/children?extra.bus_route=2%E8%B7%AF").Json()["total"], 0);
}

TEST_F(ArchiveSettingsApiTest, RequiredFieldsSetTheCompletenessOfEveryChildBelow) {
  AddBusRouteAndHeight();
  const nlohmann::json measured = CreateChild("张三", {{"height_cm", "132"}});
  const nlohmann::json unmeasured = CreateChild("李四", nlohmann::json::object());
  EXPECT_EQ(measured["completeness"], 37);  // name, gender and birth date of the eight default fields

  HttpResponse unknown = Call(school_, "PUT", "/api/v1/orgs/qs-zx/required-fields", R"({"fields":["name","shoe"]})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.Json()["error"]["field"], "fields");
  HttpResponse set = Call(school_, "PUT", "/api/v1/orgs/qs-zx/required-fields",
                          R"({"fields":["name","gender","birth_date","extra.height_cm"]})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json()["required_set_at"], "qs-zx");
  EXPECT_EQ(GetChild(measured)["completeness"], 100);
  EXPECT_EQ(GetChild(unmeasured)["completeness"], 75);
  HttpResponse complete = Call(teacher_, "GET", "/api/v1/children?complete=true");
  ASSERT_EQ(complete.Json()["total"], 1);
  EXPECT_EQ(complete.Json()["items"][0]["name"], "张三");
  EXPECT_EQ(Call(county_, "GET", "/api/v1/children/figures").Json()["breakdowns"]["completeness"],
            nlohmann::json({{"complete", 1}, {"incomplete", 1}}));
  // The class inherits the school's list.
  EXPECT_EQ(Call(teacher_, "GET", "/api/v1/orgs/qs-zx-3-1/archive-settings").Json()["required_set_at"], "qs-zx");

  // The school retires its field: it leaves the form and the list, and completeness follows.
  HttpResponse retired = Call(school_, "PATCH", "/api/v1/orgs/qs-zx/child-fields/height_cm", R"({"version":1,"active":false})");
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_EQ(GetChild(unmeasured)["completeness"], 100);
  EXPECT_EQ(GetChild(measured)["extra"], nlohmann::json::object());

  HttpResponse cleared = Call(school_, "DELETE", "/api/v1/orgs/qs-zx/required-fields");
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(cleared.Json()["required_set_at"].is_null());
  EXPECT_EQ(GetChild(measured)["completeness"], 37);
}

TEST_F(ArchiveSettingsApiTest, AFieldKeepsItsChoicesAndItsVersion) {
  AddBusRouteAndHeight();
  const std::string path = "/api/v1/orgs/341122/child-fields/bus_route";
  HttpResponse shrunk = Call(county_, "PATCH", path, R"({"version":1,"choices":["1路"]})");
  EXPECT_EQ(shrunk.status, 422);
  EXPECT_EQ(shrunk.Json()["error"]["code"], "choice_removed");
  HttpResponse grown = Call(county_, "PATCH", path, R"({"version":1,"choices":["1路","2路","3路"],"label":"校车线路"})");
  ASSERT_EQ(grown.status, 200) << grown.body;
  EXPECT_EQ(grown.Json()["version"], 2);
  EXPECT_EQ(grown.Json()["label"], "校车线路");
  EXPECT_EQ(Call(county_, "PATCH", path, R"({"version":1,"label":"校车"})").status, 409);
  // Only where it was defined.
  HttpResponse below = Call(school_, "PATCH", "/api/v1/orgs/qs-zx/child-fields/bus_route", R"({"version":2,"label":"x"})");
  EXPECT_EQ(below.status, 422);
  EXPECT_EQ(below.Json()["error"]["field"], "key");
}

}  // namespace
}  // namespace sw::testing
