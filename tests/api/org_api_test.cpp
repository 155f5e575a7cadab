// /api/v1/orgs…: what changes to the tree, its pupil counts and its terms do. Who may call
// which endpoint is in access_matrix_test.cpp.
#include "support/server_test.h"

namespace sw::testing {
namespace {

constexpr const char* kFirst = "dusk-Heron-paddy-42";
constexpr const char* kPassword = "river-Stone-lantern-7";

class OrgApiTest : public ServerTest {
 protected:
  void Seed() override {
    SeedCountyTree();
    SeedUser("admin.sys", "system_admin", "341122", kFirst);
  }

  void SetUp() override {
    ServerTest::SetUp();
    admin_ = SignInFirstTime("admin.sys", kFirst, kPassword);
  }

  HttpResponse Patch(const std::string& code, const std::string& body) {
    return Call(admin_, "PATCH", "/api/v1/orgs/" + code, body);
  }

  static std::string ErrorCode(const HttpResponse& response) { return response.Json()["error"]["code"]; }

  Session admin_;
};

TEST_F(OrgApiTest, PupilCountsAreKeptPerTerm) {
  HttpResponse school = Call(admin_, "GET", "/api/v1/orgs/qs-zx");
  EXPECT_TRUE(school.Json()["pupils"].is_null());
  const std::string current = school.Json()["term"];

  HttpResponse set = Call(admin_, "PUT", "/api/v1/orgs/qs-zx/pupils", R"({"pupils":650})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json()["pupils"], 650);
  EXPECT_EQ(set.Json()["term"], current);
  // Another term's count leaves this term's alone.
  ASSERT_EQ(Call(admin_, "PUT", "/api/v1/orgs/qs-zx/pupils", R"({"pupils":640,"term":"2020-2021-1"})").status, 200);
  EXPECT_EQ(Call(admin_, "GET", "/api/v1/orgs/qs-zx").Json()["pupils"], 650);
  // A township keeps no count and shows none.
  EXPECT_FALSE(Call(admin_, "GET", "/api/v1/orgs/qs").Json().contains("pupils"));

  struct Case {
    std::string code, body, field, error;
  };
  for (const Case& bad : std::vector<Case>{{"qs", R"({"pupils":10})", "pupils", "pupils_not_counted"},
                                           {"qs-zx", R"({"pupils":-1})", "pupils", "pupils_out_of_range"},
                                           {"qs-zx", R"({"pupils":"many"})", "pupils", "wrong_type"},
                                           {"qs-zx", R"({})", "pupils", "required"},
                                           {"qs-zx", R"({"pupils":1,"term":"autumn"})", "term", "invalid_term"}}) {
    HttpResponse answer = Call(admin_, "PUT", "/api/v1/orgs/" + bad.code + "/pupils", bad.body);
    EXPECT_EQ(answer.status, 422) << bad.body;
    EXPECT_EQ(answer.Json()["error"]["field"], bad.field) << bad.body;
    EXPECT_EQ(ErrorCode(answer), bad.error) << bad.body;
  }
  EXPECT_EQ(Call(admin_, "GET", "/api/v1/orgs/qs-zx").Json()["pupils"], 650);  // nothing half-written
}

TEST_F(OrgApiTest, ACountysTermsAreInheritedBelowIt) {
  HttpResponse before = Call(admin_, "GET", "/api/v1/orgs/qs-zx-3-1/terms");
  ASSERT_EQ(before.status, 200);
  EXPECT_TRUE(before.Json()["county_terms"].empty());
  const nlohmann::json national = before.Json()["current"];  // the national calendar's
  EXPECT_FALSE(national["key"].get<std::string>().empty());

  // The county's own version of the current term, a week shorter, replaces the national one.
  const std::string key = national["key"];
  HttpResponse set = Call(admin_, "PUT", "/api/v1/orgs/341122/terms/" + key,
                          nlohmann::json{{"starts_on", national["starts_on"]}, {"ends_on", national["ends_on"]},
                                         {"name", "本县学期"}}.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  HttpResponse after = Call(admin_, "GET", "/api/v1/orgs/qs-zx-3-1/terms");
  EXPECT_EQ(after.Json()["current"]["name"], "本县学期");
  EXPECT_EQ(after.Json()["county_terms"].size(), 1u);

  struct Case {
    std::string path, body, field, error;
  };
  const std::string county = "/api/v1/orgs/341122/terms/";
  for (const Case& bad : std::vector<Case>{
           {county + "2030-2031-1", R"({"starts_on":"2030-9-1x","ends_on":"2031-01-20"})", "starts_on", "invalid_time"},
           {county + "2030-2031-1", R"({"starts_on":"2030-09-01"})", "ends_on", "required"},
           {county + "2030-2031-1", R"({"starts_on":"2031-01-20","ends_on":"2030-09-01"})", "ends_on", "term_order"},
           {county + "2030-2031-1", R"({"starts_on":"2030-01-20","ends_on":"2031-09-01"})", "ends_on", "term_too_long"},
           {county + "autumn", R"({"starts_on":"2030-09-01","ends_on":"2031-01-20"})", "key", "invalid_term"},
           {county + "2099-2100-1", nlohmann::json{{"starts_on", national["starts_on"]}, {"ends_on", national["ends_on"]}}.dump(),
            "starts_on", "term_overlap"},
           {"/api/v1/orgs/qs/terms/2030-2031-1", R"({"starts_on":"2030-09-01","ends_on":"2031-01-20"})", "county",
            "not_a_county"}}) {
    HttpResponse answer = Call(admin_, "PUT", bad.path, bad.body);
    EXPECT_EQ(answer.status, 422) << bad.path << " " << bad.body;
    EXPECT_EQ(answer.Json()["error"]["field"], bad.field) << bad.path << " " << bad.body;
    EXPECT_EQ(ErrorCode(answer), bad.error) << bad.path << " " << bad.body;
  }
  EXPECT_EQ(Call(admin_, "GET", "/api/v1/orgs/qs/terms").Json()["county_terms"].size(), 1u);
}

TEST_F(OrgApiTest, NodesAreRenamedAndDeactivatedFromTheLeavesUp) {
  HttpResponse renamed = Patch("qs-zx-3-1", R"({"name":"三年级一班"})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.Json()["name"], "三年级一班");

  HttpResponse early = Patch("qs-zx", R"({"active":false})");
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(ErrorCode(early), "has_active_children");
  ASSERT_EQ(Patch("qs-zx-3-1", R"({"active":false})").status, 200);
  HttpResponse school = Patch("qs-zx", R"({"active":false})");
  ASSERT_EQ(school.status, 200);
  EXPECT_FALSE(school.Json()["active"].get<bool>());

  // A class cannot come back under an inactive school, nor be added under one.
  EXPECT_EQ(ErrorCode(Patch("qs-zx-3-1", R"({"active":true})")), "parent_inactive");
  EXPECT_EQ(ErrorCode(Call(admin_, "POST", "/api/v1/orgs",
                           R"({"code":"qs-zx-4-1","name":"四年级1班","kind":"class","parent":"qs-zx"})")),
            "parent_inactive");
  ASSERT_EQ(Patch("qs-zx", R"({"active":true})").status, 200);
  EXPECT_EQ(Patch("qs-zx-3-1", R"({"active":true})").status, 200);

  EXPECT_EQ(ErrorCode(Patch("qs-zx", R"({"name":"   "})")), "required");
  EXPECT_EQ(Patch("qs-zx", R"({})").Json()["error"]["field"], "name");
  EXPECT_EQ(Patch("qs-zx", R"({"active":1})").Json()["error"]["field"], "active");
  EXPECT_EQ(Call(admin_, "GET", "/api/v1/orgs/qs-zx").Json()["name"], "青山镇中心小学");
}

}  // namespace
}  // namespace sw::testing
