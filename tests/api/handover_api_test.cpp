// The archive between school years: year-end promotion and transfers between schools. Who may
// call which endpoint is in access_matrix_test.cpp.
#include <set>

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
    Shouwang({"org", "add", "--code", "ds-zx", "--name", "大山小学", "--kind", "school", "--parent", "qs"});
    Shouwang({"org", "add", "--code", "ds-zx-4-1", "--name", "四年级1班", "--kind", "class", "--parent", "ds-zx"});
    Shouwang({"org", "add", "--code", "341124", "--name", "全椒县", "--kind", "county"});
    Shouwang({"org", "add", "--code", "qj", "--name", "襄河镇", "--kind", "township", "--parent", "341124"});
    Shouwang({"org", "add", "--code", "qj-zx", "--name", "襄河镇小学", "--kind", "school", "--parent", "qj"});
    SeedUser("leader.sun", "school_leader", "qs-zx", kFirst);
    SeedUser("teacher.li", "head_teacher", "qs-zx-3-1", kFirst);
    SeedUser("leader.wu", "school_leader", "ds-zx", kFirst);
    SeedUser("leader.qj", "school_leader", "qj-zx", kFirst);
    SeedUser("official.zhao", "county_official", "341122", kFirst);
  }

  void SetUp() override {
    ServerTest::SetUp();
    leader_ = SignInFirstTime("leader.sun", kFirst, kPassword);
    teacher_ = SignInFirstTime("teacher.li", kFirst, kPassword);
    receiver_ = SignInFirstTime("leader.wu", kFirst, kPassword);
  }

  HttpResponse RequestTransfer(const nlohmann::json& child, const std::string& to) {
    return Call(teacher_, "POST", "/api/v1/children/" + child["id"].get<std::string>() + "/transfers",
                nlohmann::json{{"to", to}, {"reason", "随父母迁居大山镇"}}.dump());
  }

  std::string Path(const nlohmann::json& object) { return "/api/v1/transfers/" + object["id"].get<std::string>(); }

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

  Session leader_, teacher_, receiver_;
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

TEST_F(HandoverApiTest, AnAcceptedTransferMovesTheRecordAndItsHistoryAndTheSenderKeepsItsCopy) {
  const nlohmann::json child = Create("张三", "qs-zx-3-1", 3);
  const std::string child_path = "/api/v1/children/" + child["id"].get<std::string>();
  ASSERT_EQ(Call(teacher_, "PATCH", child_path, R"({"version":1,"hobbies":"画画"})").status, 200);
  ASSERT_EQ(Call(teacher_, "POST", child_path + "/family", R"({"kind":"parent","name":"张大山","relation":"father"})").status,
            201);

  HttpResponse asked = RequestTransfer(child, "ds-zx");
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(asked.Json()["state"], "pending");
  EXPECT_EQ(asked.Json()["from"], "qs-zx-3-1");
  HttpResponse twice = RequestTransfer(child, "ds-zx");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.Json()["error"]["code"], "transfer_pending");

  // The receiving school sees whom it is asked to take, but not the record yet.
  HttpResponse incoming = Call(receiver_, "GET", "/api/v1/transfers?direction=in&state=pending");
  ASSERT_EQ(incoming.status, 200) << incoming.body;
  ASSERT_EQ(incoming.Json()["total"], 1);
  EXPECT_EQ(incoming.Json()["items"][0]["child"]["name"], "张三");
  EXPECT_EQ(incoming.Json()["items"][0]["reason"], "随父母迁居大山镇");
  EXPECT_EQ(Call(receiver_, "GET", child_path).status, 404);
  EXPECT_EQ(Call(receiver_, "GET", "/api/v1/transfers?direction=out").Json()["total"], 0);

  HttpResponse wrong_place = Call(receiver_, "POST", Path(asked.Json()) + "/accept", R"({"org":"qs-zx-3-1"})");
  EXPECT_EQ(wrong_place.status, 422);
  EXPECT_EQ(wrong_place.Json()["error"]["field"], "org");
  HttpResponse accepted = Call(receiver_, "POST", Path(asked.Json()) + "/accept", R"({"org":"ds-zx-4-1"})");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.Json()["state"], "accepted");
  EXPECT_FALSE(accepted.Json().contains("record"));

  // The record, its family and its history moved.
  HttpResponse moved = Call(receiver_, "GET", child_path);
  ASSERT_EQ(moved.status, 200) << moved.body;
  const nlohmann::json record = moved.Json();
  EXPECT_EQ(record["org"], "ds-zx-4-1");
  EXPECT_EQ(record["status"], "in_care");
  EXPECT_EQ(record["hobbies"], "画画");
  EXPECT_EQ(record["family"].size(), 1u);
  std::set<std::string> changed;
  for (const auto& change : record["history"]) changed.insert(change["field"].get<std::string>() + ":" + change["new"].get<std::string>());
  EXPECT_TRUE(changed.contains("hobbies:画画"));
  EXPECT_TRUE(changed.contains("org:ds-zx-4-1"));

  // The sender no longer reaches the record, but reads what it wrote through the transfer.
  EXPECT_EQ(Call(teacher_, "GET", child_path).status, 404);
  EXPECT_EQ(Call(teacher_, "PATCH", child_path, R"({"version":3,"hobbies":"x"})").status, 404);
  HttpResponse outgoing = Call(leader_, "GET", "/api/v1/transfers?direction=out&state=accepted");
  ASSERT_EQ(outgoing.Json()["total"], 1);
  EXPECT_FALSE(outgoing.Json()["items"][0].contains("record"));
  HttpResponse kept = Call(teacher_, "GET", Path(asked.Json()));
  ASSERT_EQ(kept.status, 200) << kept.body;
  const nlohmann::json copy = kept.Json()["record"];
  EXPECT_EQ(copy["name"], "张三");
  EXPECT_EQ(copy["status"], "transferred_out");
  EXPECT_EQ(copy["status_reason"], "随父母迁居大山镇");
  EXPECT_EQ(copy["org"], "qs-zx-3-1");
  EXPECT_EQ(copy["transferred_to"], "ds-zx");
  EXPECT_EQ(copy["family"].size(), 1u);
  EXPECT_FALSE(copy["history"].empty());
  // …and the receiver sees the transfer without the sender's copy.
  EXPECT_FALSE(Call(receiver_, "GET", Path(asked.Json())).Json().contains("record"));
  EXPECT_EQ(Call(receiver_, "POST", Path(asked.Json()) + "/accept", "{}").Json()["error"]["code"], "transfer_closed");
}

TEST_F(HandoverApiTest, ATransferIsDeclinedWithdrawnOrRefusedWithReasons) {
  const nlohmann::json child = Create("张三", "qs-zx-3-1", 3);
  for (const char* target : {"qs-zx", "ds-zx-4-1", "no-such-school"}) {
    HttpResponse refused = RequestTransfer(child, target);
    EXPECT_EQ(refused.status, 422) << target;
    EXPECT_EQ(refused.Json()["error"]["field"], "to") << target;
  }
  HttpResponse no_reason = Call(teacher_, "POST", "/api/v1/children/" + child["id"].get<std::string>() + "/transfers",
                                R"({"to":"ds-zx","reason":" "})");
  EXPECT_EQ(no_reason.Json()["error"]["field"], "reason");

  const nlohmann::json first = RequestTransfer(child, "ds-zx").Json();
  HttpResponse no_note = Call(receiver_, "POST", Path(first) + "/decline", R"({"note":""})");
  EXPECT_EQ(no_note.Json()["error"]["field"], "note");
  HttpResponse declined = Call(receiver_, "POST", Path(first) + "/decline", R"({"note":"本校四年级已满员"})");
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_EQ(declined.Json()["state"], "declined");
  EXPECT_EQ(Call(teacher_, "GET", Path(first)).Json()["note"], "本校四年级已满员");

  const nlohmann::json second = RequestTransfer(child, "ds-zx").Json();
  // Only the sender withdraws; only the receiver accepts or declines.
  EXPECT_EQ(Call(receiver_, "DELETE", Path(second)).status, 404);
  EXPECT_EQ(Call(teacher_, "POST", Path(second) + "/accept", "{}").status, 404);
  HttpResponse withdrawn = Call(teacher_, "DELETE", Path(second));
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.Json()["state"], "withdrawn");
  EXPECT_EQ(Call(receiver_, "POST", Path(second) + "/accept", "{}").status, 409);
  EXPECT_EQ(Call(teacher_, "GET", "/api/v1/children/" + child["id"].get<std::string>()).Json()["org"], "qs-zx-3-1");
  EXPECT_EQ(Call(teacher_, "GET", "/api/v1/transfers?direction=sideways").Json()["error"]["field"], "direction");
}

TEST_F(HandoverApiTest, AChildMovesToAnotherCountyAndLeavesTheFirstCountysFigures) {
  const nlohmann::json child = Create("张三", "qs-zx-3-1", 3);
  const Session official = SignInFirstTime("official.zhao", kFirst, kPassword);
  EXPECT_EQ(Call(official, "GET", "/api/v1/children").Json()["total"], 1);
  const nlohmann::json asked = RequestTransfer(child, "qj-zx").Json();
  EXPECT_EQ(Call(receiver_, "POST", Path(asked) + "/accept", "{}").status, 404);  // another school's
  const Session other_county = SignInFirstTime("leader.qj", kFirst, kPassword);
  HttpResponse accepted = Call(other_county, "POST", Path(asked) + "/accept", "{}");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(Call(other_county, "GET", "/api/v1/children/" + child["id"].get<std::string>()).Json()["org"], "qj-zx");
  EXPECT_EQ(Call(official, "GET", "/api/v1/children").Json()["total"], 0);
  EXPECT_EQ(Call(official, "GET", "/api/v1/children/figures").Json()["total"], 0);
}

}  // namespace
}  // namespace sw::testing
