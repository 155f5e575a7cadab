// The archive between school years: year-end promotion. Who may call which endpoint is in
// access_matrix_test.cpp.
#include "support/server_test.h"

namespace sw::testing {
namespace {

constexpr const char* kFirst = "dusk-Heron-paddy-42";
constexpr const char* kPassword = "river-Stone-lantern-7";

class HandoverApiTest : public ServerTest {
 protected:
  void Seed() override {
    SeedCountyTree();
    Shouwang({"org", "add", "--code", "qs-zx-6-1", "--name", "六年级1班", "--kind", "class", "--parent", "qs-zx"});
    SeedUser("leader.sun", "school_leader", "qs-zx", kFirst);
    SeedUser("teacher.li", "head_teacher", "qs-zx-3-1", kFirst);
  }

  void SetUp() override {
    ServerTest::SetUp();
    leader_ = SignInFirstTime("leader.sun", kFirst, kPassword);
    teacher_ = SignInFirstTime("teacher.li", kFirst, kPassword);
  }

  nlohmann::json Create(const std::string& name, const std::string& org, const nlohmann::json& grade) {
    HttpResponse created = Call(leader_, "POST", "/api/v1/children",
                                nlohmann::json{{"name", name}, {"gender", "female"}, {"birth_date", "2015-09-01"},
                                               {"org", org}, {"grade", grade}}
                                    .dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }

  nlohmann::json Get(const nlohmann::json& child) {
    return Call(leader_, "GET", "/api/v1/children/" + child["id"].get<std::string>()).Json();
  }

  Session leader_, teacher_;
};

TEST_F(HandoverApiTest, APreviewThenOnePromotionMovesEveryClassUpAndGraduatesTheTop) {
  const nlohmann::json third = Create("张三", "qs-zx-3-1", 3);
  Create("李四", "qs-zx-3-1", 3);
  const nlohmann::json sixth = Create("王五", "qs-zx-6-1", 6);
  const nlohmann::json ungraded = Create("赵六", "qs-zx", nullptr);
  const nlohmann::json left = Create("钱七", "qs-zx-3-1", 3);
  ASSERT_EQ(Call(leader_, "DELETE", "/api/v1/children/" + left["id"].get<std::string>(), R"({"reason":"随父母进城"})")
                .status,
            200);

  HttpResponse preview = Call(leader_, "GET", "/api/v1/orgs/qs-zx/promotion");
  ASSERT_EQ(preview.status, 200) << preview.body;
  const nlohmann::json plan = preview.Json();
  const std::int64_t into_year = plan["into_year"];
  EXPECT_TRUE(plan["already_promoted_at"].is_null());
  ASSERT_EQ(plan["schools"].size(), 1u);
  EXPECT_EQ(plan["schools"][0]["code"], "qs-zx");
  EXPECT_EQ(plan["schools"][0]["top_grade"], 6);
  EXPECT_EQ(plan["schools"][0]["children_by_grade"], nlohmann::json({{"3", 2}, {"6", 1}}));  // the archived child stays
  EXPECT_EQ(plan["promoted"], 2);
  EXPECT_EQ(plan["graduating"], 1);
  ASSERT_EQ(plan["without_grade"].size(), 1u);
  EXPECT_EQ(plan["without_grade"][0]["name"], "赵六");
  // A nine-year school graduates at grade 9: nobody graduates this year.
  EXPECT_EQ(Call(leader_, "GET", "/api/v1/orgs/qs-zx/promotion?top_grade.qs-zx=9").Json()["graduating"], 0);
  HttpResponse bad_top = Call(leader_, "GET", "/api/v1/orgs/qs-zx/promotion?top_grade.qs-zx=13");
  EXPECT_EQ(bad_top.status, 422);
  EXPECT_EQ(bad_top.Json()["error"]["field"], "top_grade.qs-zx");

  HttpResponse wrong_year = Call(leader_, "POST", "/api/v1/orgs/qs-zx/promotion",
                                 nlohmann::json{{"into_year", into_year - 1}}.dump());
  EXPECT_EQ(wrong_year.status, 422);
  EXPECT_EQ(wrong_year.Json()["error"]["field"], "into_year");
  EXPECT_EQ(Get(third)["grade"], 3);  // nothing moved

  HttpResponse done = Call(leader_, "POST", "/api/v1/orgs/qs-zx/promotion", nlohmann::json{{"into_year", into_year}}.dump());
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json()["promoted"], 2);

  const nlohmann::json promoted = Get(third);
  EXPECT_EQ(promoted["grade"], 4);
  EXPECT_EQ(promoted["status"], "in_care");
  EXPECT_EQ(promoted["version"], 2);
  bool kept = false;
  for (const auto& change : promoted["history"]) {
    kept |= change["field"] == "grade" && change["old"] == "3" && change["new"] == "4";
  }
  EXPECT_TRUE(kept) << promoted["history"].dump();
  const nlohmann::json graduate = Get(sixth);
  EXPECT_EQ(graduate["status"], "graduated");
  EXPECT_EQ(graduate["grade"], 6);
  EXPECT_FALSE(graduate["status_reason"].get<std::string>().empty());
  EXPECT_EQ(Get(ungraded)["grade"], nullptr);
  EXPECT_EQ(Get(left)["grade"], 3);
  EXPECT_EQ(Get(left)["status"], "archived");

  // Once a year: here, and from below or above.
  HttpResponse again = Call(leader_, "POST", "/api/v1/orgs/qs-zx/promotion", nlohmann::json{{"into_year", into_year}}.dump());
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.Json()["error"]["code"], "already_promoted");
  EXPECT_EQ(again.Json()["promoted_at"], "qs-zx");
  EXPECT_EQ(Call(leader_, "GET", "/api/v1/orgs/qs-zx/promotion").Json()["already_promoted_at"], "qs-zx");
  EXPECT_EQ(Get(third)["grade"], 4);
  // An edit made on the record as it was before the promotion is stale.
  HttpResponse stale = Call(leader_, "PATCH", "/api/v1/children/" + third["id"].get<std::string>(),
                            R"({"version":1,"grade":3})");
  EXPECT_EQ(stale.status, 409);
}

TEST_F(HandoverApiTest, OnlyASchoolOrAboveIsPromotedAndOnlyByWhoWritesThere) {
  HttpResponse a_class = Call(leader_, "GET", "/api/v1/orgs/qs-zx-3-1/promotion");
  EXPECT_EQ(a_class.status, 422);
  EXPECT_EQ(a_class.Json()["error"]["code"], "promotion_org_kind");
  EXPECT_EQ(a_class.Json()["error"]["message"], "请选择学校或更上级单位进行升级");
  EXPECT_EQ(Call(teacher_, "POST", "/api/v1/orgs/qs-zx/promotion", R"({"into_year":2026})").status, 404);
  HttpResponse no_year = Call(leader_, "POST", "/api/v1/orgs/qs-zx/promotion", "{}");
  EXPECT_EQ(no_year.status, 422);
  EXPECT_EQ(no_year.Json()["error"]["field"], "into_year");
}

}  // namespace
}  // namespace sw::testing
