// Pairing children with helpers (结对帮扶), and what a helper then reaches. Who may call which
// endpoint is in access_matrix_test.cpp.
#include "support/server_test.h"

namespace sw::testing {
namespace {

constexpr const char* kFirst = "dusk-Heron-paddy-42";
constexpr const char* kPassword = "river-Stone-lantern-7";

class PairingApiTest : public ServerTest {
 protected:
  void Seed() override {
    SeedCountyTree();
    Shouwang({"org", "add", "--code", "qs-v1", "--name", "青山村", "--kind", "village", "--parent", "qs"});
    Shouwang({"org", "add", "--code", "341124", "--name", "全椒县", "--kind", "county"});
    Shouwang({"org", "add", "--code", "qj", "--name", "襄河镇", "--kind", "township", "--parent", "341124"});
    Shouwang({"org", "add", "--code", "qj-zx", "--name", "襄河镇小学", "--kind", "school", "--parent", "qj"});
    SeedUser("teacher.li", "head_teacher", "qs-zx-3-1", kFirst);
    SeedUser("helper.wang", "helper", "qs-zx", kFirst);
    SeedUser("cadre.zhou", "village_director", "qs-v1", kFirst);
    SeedUser("helper.far", "helper", "qj-zx", kFirst);
    SeedUser("leader.zhang", "school_leader", "qs-zx", kFirst);
  }

  void SetUp() override {
    ServerTest::SetUp();
    teacher_ = SignInFirstTime("teacher.li", kFirst, kPassword);
    helper_ = SignInFirstTime("helper.wang", kFirst, kPassword);
    first_ = Create("张三");
    second_ = Create("李四");
  }

  std::string Create(const std::string& name) {
    HttpResponse created = Call(teacher_, "POST", "/api/v1/children",
                                nlohmann::json{{"name", name}, {"gender", "male"}, {"birth_date", "2016-04-01"},
                                               {"org", "qs-zx-3-1"}}
                                    .dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return "/api/v1/children/" + created.Json().value("id", "");
  }

  HttpResponse Pair(const std::string& child, const std::string& helper, const std::string& role) {
    return Call(teacher_, "POST", child + "/pairings", nlohmann::json{{"helper", helper}, {"role", role}}.dump());
  }

  std::vector<std::string> Names(const Session& session, const std::string& query) {
    const nlohmann::json body = Call(session, "GET", "/api/v1/children" + query).Json();
    std::vector<std::string> names;
    for (const auto& item : body["items"]) names.push_back(item["name"]);
    return names;
  }

  Session teacher_, helper_;
  std::string first_, second_;
};

TEST_F(PairingApiTest, AHelperReachesExactlyTheChildrenPairedWithThem) {
  EXPECT_TRUE(Names(helper_, "").empty());
  EXPECT_EQ(Call(helper_, "GET", first_).status, 404);

  HttpResponse paired = Pair(first_, "helper.wang", "main");
  ASSERT_EQ(paired.status, 201) << paired.body;
  EXPECT_EQ(paired.Json()["helper"]["username"], "helper.wang");
  EXPECT_EQ(paired.Json()["role"], "main");
  EXPECT_TRUE(paired.Json()["open"]);

  EXPECT_EQ(Names(helper_, ""), std::vector<std::string>{"张三"});
  EXPECT_EQ(Call(helper_, "GET", first_).status, 200);
  EXPECT_EQ(Call(helper_, "GET", second_).status, 404);
  EXPECT_EQ(Call(helper_, "PATCH", first_, R"({"version":1,"hobbies":"x"})").status, 403);  // helpers read

  // Ended: the helper's reach ends with it; the pairing stays in the record.
  const std::string pairing = first_ + "/pairings/" + paired.Json()["id"].get<std::string>();
  HttpResponse ended = Call(teacher_, "DELETE", pairing);
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_FALSE(ended.Json()["open"]);
  EXPECT_FALSE(ended.Json()["ends_on"].is_null());
  EXPECT_EQ(Call(teacher_, "DELETE", pairing).Json()["error"]["code"], "pairing_ended");
  EXPECT_TRUE(Names(helper_, "").empty());
  EXPECT_EQ(Call(helper_, "GET", first_).status, 404);

  const nlohmann::json record = Call(teacher_, "GET", first_).Json();
  std::vector<std::pair<std::string, std::string>> changes;
  for (const auto& change : record["history"]) {
    if (change["field"] == "pairing.main") changes.emplace_back(change["old"], change["new"]);
  }
  EXPECT_EQ(changes, (std::vector<std::pair<std::string, std::string>>{{"", "helper.wang"}, {"helper.wang", ""}}));
  EXPECT_EQ(Call(teacher_, "GET", first_ + "/pairings").Json()["items"].size(), 1u);
}

TEST_F(PairingApiTest, OneMainHelperAndEveryGapListed) {
  ASSERT_EQ(Pair(first_, "helper.wang", "main").status, 201);
  HttpResponse twice = Pair(first_, "helper.wang", "mentor");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.Json()["error"]["code"], "already_paired");
  HttpResponse second_main = Pair(first_, "cadre.zhou", "main");
  EXPECT_EQ(second_main.status, 409);
  EXPECT_EQ(second_main.Json()["error"]["code"], "main_helper_exists");
  EXPECT_EQ(second_main.Json()["error"]["message"], "这名儿童已有主要帮扶人，请先结束原结对");
  ASSERT_EQ(Pair(first_, "cadre.zhou", "village_cadre").status, 201);
  ASSERT_EQ(Pair(second_, "cadre.zhou", "surrogate_parent").status, 201);
  EXPECT_EQ(Call(teacher_, "GET", first_ + "/pairings").Json()["items"].size(), 2u);

  // 不留缺口: the children without a main helper, and those with nobody at all.
  EXPECT_EQ(Names(teacher_, "?has_main_helper=false"), std::vector<std::string>{"李四"});
  EXPECT_EQ(Names(teacher_, "?has_main_helper=true"), std::vector<std::string>{"张三"});
  EXPECT_EQ(Names(teacher_, "?has_helper=true").size(), 2u);
  const std::string third = Create("王五");
  EXPECT_EQ(Names(teacher_, "?has_helper=false"), std::vector<std::string>{"王五"});
  EXPECT_EQ(Call(teacher_, "GET", "/api/v1/children?has_helper=maybe").Json()["error"]["field"], "has_helper");
}

// "username load" of the candidates the teacher sees for the child.
std::vector<std::string> LoadLines(const nlohmann::json& directory) {
  std::vector<std::string> lines;
  for (const auto& helper : directory["items"]) {
    lines.push_back(helper["username"].get<std::string>() + " " + std::to_string(helper["load"].get<int>()));
  }
  return lines;
}

TEST_F(PairingApiTest, HelpersLoadsAreShownAndCapped) {
  // Without a search: the users of the child's school; with one, anyone in its county.
  nlohmann::json directory = Call(teacher_, "GET", first_ + "/helpers").Json();
  EXPECT_EQ(directory["cap"], 3);
  EXPECT_EQ(LoadLines(directory), (std::vector<std::string>{"helper.wang 0", "leader.zhang 0", "teacher.li 0"}));
  EXPECT_EQ(LoadLines(Call(teacher_, "GET", first_ + "/helpers?q=cadre").Json()),
            std::vector<std::string>{"cadre.zhou 0"});
  EXPECT_TRUE(Call(teacher_, "GET", first_ + "/helpers?q=helper.far").Json()["items"].empty());  // another county
  EXPECT_TRUE(Call(teacher_, "GET", first_ + "/helpers?q=%25").Json()["items"].empty());  // no wildcard

  ASSERT_EQ(Pair(first_, "helper.wang", "main").status, 201);
  ASSERT_EQ(Pair(second_, "helper.wang", "main").status, 201);
  const std::string third = Create("王五");
  ASSERT_EQ(Pair(third, "helper.wang", "mentor").status, 201);
  const std::string fourth = Create("赵六");
  EXPECT_EQ(LoadLines(Call(teacher_, "GET", fourth + "/helpers?q=helper").Json()),
            std::vector<std::string>{"helper.wang 3"});
  HttpResponse full = Pair(fourth, "helper.wang", "main");
  EXPECT_EQ(full.status, 409);
  EXPECT_EQ(full.Json()["error"]["code"], "helper_load_full");
  EXPECT_TRUE(Call(teacher_, "GET", fourth + "/pairings").Json()["items"].empty());

  // The school raises its cap; an ended pairing frees a place as well.
  Session leader = SignInFirstTime("leader.zhang", kFirst, kPassword);
  ASSERT_EQ(Call(leader, "PUT", "/api/v1/orgs/qs-zx/care-settings", R"({"max_children_per_helper":4})").status, 200);
  EXPECT_EQ(Call(teacher_, "GET", fourth + "/helpers").Json()["cap"], 4);
  ASSERT_EQ(Pair(fourth, "helper.wang", "main").status, 201);
  const std::string fifth = Create("钱七");
  EXPECT_EQ(Pair(fifth, "helper.wang", "main").Json()["error"]["code"], "helper_load_full");
  const std::string ended = Call(teacher_, "GET", third + "/pairings").Json()["items"][0]["id"];
  ASSERT_EQ(Call(teacher_, "DELETE", third + "/pairings/" + ended).status, 200);
  EXPECT_EQ(Pair(fifth, "helper.wang", "main").status, 201);
}

TEST_F(PairingApiTest, BadPairingsNameTheField) {
  struct Case {
    const char* body;
    const char* field;
  };
  const Case cases[] = {
      {R"({"helper":"helper.far","role":"main"})", "helper"},  // works in another county
      {R"({"helper":"nobody","role":"main"})", "helper"},
      {R"({"helper":"helper.wang","role":"boss"})", "role"},
      {R"({"helper":"helper.wang"})", "role"},
      {R"({"helper":"helper.wang","role":"main","starts_on":"soon"})", "starts_on"},
  };
  for (const Case& bad : cases) {
    HttpResponse refused = Call(teacher_, "POST", first_ + "/pairings", bad.body);
    EXPECT_EQ(refused.status, 422) << bad.body;
    EXPECT_EQ(refused.Json()["error"]["field"], bad.field) << bad.body;
  }
  EXPECT_EQ(Call(teacher_, "POST", first_ + "/pairings", R"({"helper":"nobody","role":"main"})").Json()["error"]["message"],
            "找不到该帮扶人，或其不在本县工作");
  EXPECT_TRUE(Call(teacher_, "GET", first_ + "/pairings").Json()["items"].empty());
}

}  // namespace
}  // namespace sw::testing
