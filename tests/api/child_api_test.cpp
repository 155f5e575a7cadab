// /api/v1/children…: the archive as a head teacher uses it. Who may call which endpoint on
// whom is in access_matrix_test.cpp.
#include <atomic>
#include <future>
#include <thread>

#include "core/identity_numbers.h"
#include "storage/database.h"
#include "support/server_test.h"

namespace sw::testing {
namespace {

constexpr const char* kFirst = "dusk-Heron-paddy-42";
constexpr const char* kPassword = "river-Stone-lantern-7";

std::string IdNumber(const std::string& seventeen) { return seventeen + IdNumberCheckCharacter(seventeen); }

class ChildApiTest : public ServerTest {
 protected:
  void Seed() override {
    SeedCountyTree();
    Shouwang({"org", "add", "--code", "ds-zx", "--name", "大山小学", "--kind", "school", "--parent", "qs"});
    SeedUser("teacher.li", "head_teacher", "qs-zx-3-1", kFirst);
    SeedUser("leader.wu", "school_leader", "ds-zx", kFirst);
  }

  void SetUp() override {
    ServerTest::SetUp();
    teacher_ = SignInFirstTime("teacher.li", kFirst, kPassword);
  }

  // Creates a child in 三年级1班 and returns the answer's body.
  nlohmann::json Create(nlohmann::json child, const Session* session = nullptr) {
    child["org"] = child.value("org", "qs-zx-3-1");
    HttpResponse created = Call(session ? *session : teacher_, "POST", "/api/v1/children", child.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }

  std::vector<std::string> NamesFound(const std::string& query) {
    HttpResponse found = Call(teacher_, "GET", "/api/v1/children?q=" + query);
    EXPECT_EQ(found.status, 200) << found.body;
    const nlohmann::json body = found.Json();
    std::vector<std::string> names;
    for (const auto& item : body["items"]) names.push_back(item["name"]);
    return names;
  }

  static std::string Code(const HttpResponse& response) { return response.Json()["error"]["code"]; }

  Session teacher_;
};

TEST_F(ChildApiTest, TheIdNumberIsCheckedMaskedAndGivesBirthDateAndGender) {
  const std::string id_number = IdNumber("34112220150304122");
  const nlohmann::json child = Create({{"name", "张小红"}, {"id_number", id_number}});
  EXPECT_EQ(child["birth_date"], "2015-03-04");
  EXPECT_EQ(child["gender"], "female");
  EXPECT_EQ(child["id_number"], MaskIdNumber(id_number));
  EXPECT_EQ(child["org"], "qs-zx-3-1");
  EXPECT_EQ(child["version"], 1);
  EXPECT_EQ(child["status"], "in_care");

  HttpResponse again = Call(teacher_, "POST", "/api/v1/children",
                            nlohmann::json{{"name", "张红"}, {"id_number", id_number}, {"org", "qs-zx-3-1"}}.dump());
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Code(again), "duplicate_id_number");
  EXPECT_EQ(again.Json()["existing_id"], child["id"]);
  EXPECT_EQ(again.Json()["error"]["message"], "该身份证号已建档，同一身份证号即同一名儿童");
}

TEST_F(ChildApiTest, RevealingANumberTakesAReasonAndIsAudited) {
  const std::string id_number = IdNumber("34112220150304122");
  const nlohmann::json child = Create({{"name", "张小红"}, {"id_number", id_number}});
  const std::string path = "/api/v1/children/" + child["id"].get<std::string>() + "/reveal";
  EXPECT_EQ(Call(teacher_, "POST", path, R"({"field":"id_number"})").Json()["error"]["field"], "reason");
  EXPECT_EQ(Call(teacher_, "POST", path, R"({"field":"id_number","reason":" "})").Json()["error"]["field"], "reason");
  EXPECT_EQ(Call(teacher_, "POST", path, R"({"field":"name","reason":"办理资助"})").Json()["error"]["field"], "field");

  HttpResponse shown = Call(teacher_, "POST", path, R"({"field":"id_number","reason":"办理营养餐资助"})", "reveal-1");
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.Json()["value"], id_number);
  auto database = storage::Open(fresh_.url(), {.connections = 1});
  auto audited = (*database)->Query("SELECT action FROM audit_log WHERE request_id = 'reveal-1'");
  ASSERT_EQ(audited->size(), 1u);
  EXPECT_EQ(storage::AsText((*audited)[0][0]), "child.reveal_id_number");
  auto reasons = (*database)->Query("SELECT reason, field FROM number_reveals WHERE request_id = 'reveal-1'");
  ASSERT_EQ(reasons->size(), 1u);
  EXPECT_EQ(storage::AsText((*reasons)[0][0]), "办理营养餐资助");
  // The number itself appears nowhere in the audit log.
  auto leaked = (*database)->Query("SELECT COUNT(*) FROM audit_log WHERE object_id = $1 OR action LIKE $2",
                                   {id_number, "%" + id_number.substr(10) + "%"});
  EXPECT_EQ(storage::AsInt((*leaked)[0][0]), 0);
}

TEST_F(ChildApiTest, ParentsAndGuardiansAreKeptWithTheChildAndTheirPhonesFound) {
  const nlohmann::json child = Create({{"name", "张三"}, {"gender", "male"}, {"birth_date", "2015-05-05"}});
  const std::string path = "/api/v1/children/" + child["id"].get<std::string>();
  HttpResponse father = Call(teacher_, "POST", path + "/family",
                             R"({"kind":"parent","name":"张大山","relation":"father","phone":"138 1234 5678",
                                 "work_city":"宁波","employer":"宁波某电子厂","months_away":11,"contact_frequency":"weekly"})");
  ASSERT_EQ(father.status, 201) << father.body;
  EXPECT_EQ(father.Json()["phone"], "138****5678");
  HttpResponse granny = Call(teacher_, "POST", path + "/family",
                             R"({"kind":"guardian","name":"李秀英","relation":"grandmother","age":68,
                                 "literacy":"illiterate","discipline_style":"溺爱","capacity":"fair"})");
  ASSERT_EQ(granny.status, 201) << granny.body;

  const nlohmann::json record = Call(teacher_, "GET", path).Json();
  ASSERT_EQ(record["family"].size(), 2u);
  EXPECT_EQ(record["family"][0]["relation"], "father");  // parents first
  EXPECT_EQ(record["family"][1]["age"], 68);
  EXPECT_EQ(NamesFound("5678"), std::vector<std::string>{"张三"});  // the father's phone ends so

  const std::string member = father.Json()["id"];
  HttpResponse moved = Call(teacher_, "PATCH", path + "/family/" + member, R"({"version":1,"work_city":"苏州"})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Code(Call(teacher_, "PATCH", path + "/family/" + member, R"({"version":1,"work_city":"杭州"})")),
            "stale_version");
  const nlohmann::json changed = Call(teacher_, "GET", path).Json();
  bool saw_move = false;
  for (const auto& change : changed["history"]) {
    saw_move = saw_move || (change["field"] == "father.work_city" && change["old"] == "宁波" && change["new"] == "苏州");
    EXPECT_NE(change["new"], "13812345678");  // phones are masked in history too
  }
  EXPECT_TRUE(saw_move) << changed["history"].dump();

  HttpResponse revealed = Call(teacher_, "POST", path + "/reveal",
                               nlohmann::json{{"field", "phone"}, {"member", member}, {"reason", "家访前联系家长"}}.dump());
  EXPECT_EQ(revealed.Json()["value"], "13812345678");
  EXPECT_EQ(Code(Call(teacher_, "POST", path + "/reveal", R"({"field":"phone","member":"nobody","reason":"联系"})")),
            "unknown_member");

  HttpResponse bad = Call(teacher_, "POST", path + "/family", R"({"kind":"parent","name":"x","relation":"mother","phone":"12345"})");
  EXPECT_EQ(bad.Json()["error"]["field"], "phone");
  EXPECT_EQ(Code(bad), "invalid_phone");
  EXPECT_EQ(Call(teacher_, "POST", path + "/family", R"({"kind":"uncle","name":"x","relation":"uncle"})")
                .Json()["error"]["field"],
            "kind");

  ASSERT_EQ(Call(teacher_, "DELETE", path + "/family/" + member).status, 200);
  EXPECT_EQ(Call(teacher_, "GET", path).Json()["family"].size(), 1u);
  EXPECT_TRUE(NamesFound("5678").empty());
}

TEST_F(ChildApiTest, TheSameNameAndBirthDateIsShownAsAProbableDuplicate) {
  const nlohmann::json first = Create({{"name", "王芳"}, {"gender", "female"}, {"birth_date", "2016-01-02"}});
  EXPECT_TRUE(first["probable_duplicates"].empty());
  const nlohmann::json second = Create({{"name", "王芳"}, {"gender", "female"}, {"birth_date", "2016-01-02"}});
  ASSERT_EQ(second["probable_duplicates"].size(), 1u);
  EXPECT_EQ(second["probable_duplicates"][0]["id"], first["id"]);
}

TEST_F(ChildApiTest, BadFieldsAreNamedInChinese) {
  struct Case {
    nlohmann::json body;
    std::string field, code, message;
  };
  for (const Case& bad : std::vector<Case>{
           {{{"name", "张三"}, {"id_number", "341122201503041234"}}, "id_number", "id_number_check_digit",
            "身份证号校验位不正确，请核对"},
           {{{"name", "张三"}, {"gender", "boy"}, {"birth_date", "2015-01-01"}}, "gender", "invalid_choice",
            "不是可选的值之一"},
           {{{"gender", "male"}, {"birth_date", "2015-01-01"}}, "name", "required", "缺少必填项"},
           {{{"name", "张三"}, {"gender", "male"}, {"birth_date", "2015-01-01"}, {"grade", 13}}, "grade",
            "grade_out_of_range", "年级应在 1 到 12 之间"},
           {{{"name", "张三"}, {"gender", "male"}, {"birth_date", "2015-01-01"}, {"shoe_size", "33"}}, "shoe_size",
            "unknown_field", "没有这个字段"},
           {{{"name", "张三"}, {"gender", "male"}, {"birth_date", "2015-01-01"}, {"org", "ds-zx"}}, "org",
            "unknown_org", "找不到该单位，或不在您的管理范围内"}}) {
    nlohmann::json body = bad.body;
    if (!body.contains("org")) body["org"] = "qs-zx-3-1";
    HttpResponse answer = Call(teacher_, "POST", "/api/v1/children", body.dump());
    EXPECT_EQ(answer.Json()["error"]["field"], bad.field) << body.dump();
    EXPECT_EQ(Code(answer), bad.code) << body.dump();
    EXPECT_EQ(answer.Json()["error"]["message"], bad.message) << body.dump();
  }
  EXPECT_EQ(Call(teacher_, "GET", "/api/v1/children").Json()["total"], 0);  // nothing half-written
}

TEST_F(ChildApiTest, SearchFindsPinyinInitialsTraditionalCharactersAndIdTails) {
  for (const char* name : {"张三", "曾小明", "单田芳", "解晓东", "李华"}) {
    Create({{"name", name}, {"gender", "male"}, {"birth_date", "2015-05-05"}});
  }
  const std::string id_number = IdNumber("34112220160709101");
  Create({{"name", "赵六"}, {"id_number", id_number}});

  EXPECT_EQ(NamesFound("zs"), std::vector<std::string>{"张三"});
  EXPECT_EQ(NamesFound("zhangsan"), std::vector<std::string>{"张三"});
  EXPECT_EQ(NamesFound("ZHANG"), std::vector<std::string>{"张三"});
  EXPECT_EQ(NamesFound("zeng"), std::vector<std::string>{"曾小明"});  // not "ceng"
  EXPECT_EQ(NamesFound("shantianfang"), std::vector<std::string>{"单田芳"});  // not "dan"
  EXPECT_EQ(NamesFound("xxd"), std::vector<std::string>{"解晓东"});  // xie, not jie
  EXPECT_EQ(NamesFound("x"), std::vector<std::string>{"解晓东"});  // an initial, not an ID number ending in X
  EXPECT_EQ(NamesFound("%E5%BC%B5"), std::vector<std::string>{"张三"});  // 張, traditional
  EXPECT_EQ(NamesFound("%E5%B0%8F%E6%98%8E"), std::vector<std::string>{"曾小明"});  // 小明, a given name
  EXPECT_TRUE(NamesFound("%25").empty());  // "%" is a character here, not a wildcard
  EXPECT_EQ(NamesFound(id_number.substr(14)), std::vector<std::string>{"赵六"});  // the last four
  EXPECT_TRUE(NamesFound("qian").empty());

  // The whole list, sorted by pinyin: li, shan, xie, zeng, zhang, zhao.
  HttpResponse all = Call(teacher_, "GET", "/api/v1/children?page_size=3");
  EXPECT_EQ(all.Json()["total"], 6);  // every one, though a page holds three
  const nlohmann::json page = all.Json();
  std::vector<std::string> names;
  for (const auto& item : page["items"]) names.push_back(item["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"李华", "单田芳", "解晓东"}));
  HttpResponse second = Call(teacher_, "GET", "/api/v1/children?page_size=3&page=2");
  EXPECT_EQ(second.Json()["items"][0]["name"], "曾小明");
  // A list holds summaries: no ID number, health or notes. Those are the record's, read one
  // child at a time and audited, and there the number is masked.
  const nlohmann::json zhao = second.Json()["items"][2];
  std::vector<std::string> keys;
  for (const auto& [key, value] : zhao.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"birth_date", "care_arrangement", "completeness", "gender", "grade", "id",
                                            "left_behind_type", "name", "org", "risk_level", "status", "version"}));
  const nlohmann::json record = Call(teacher_, "GET", "/api/v1/children/" + zhao["id"].get<std::string>()).Json();
  EXPECT_EQ(record["id_number"], MaskIdNumber(id_number));
  for (const std::string& key : keys) EXPECT_EQ(zhao[key], record[key]) << key;

  EXPECT_EQ(Call(teacher_, "GET", "/api/v1/children?page_size=101").Json()["error"]["field"], "page_size");
  EXPECT_EQ(Call(teacher_, "GET", "/api/v1/children?page=0").Json()["error"]["field"], "page");
}

TEST_F(ChildApiTest, FiltersNarrowTheList) {
  Create({{"name", "张三"}, {"gender", "male"}, {"birth_date", "2015-05-05"}, {"grade", 3},
          {"left_behind_type", "both_parents_away"}, {"care_arrangement", "grandparents"}});
  Create({{"name", "李四"}, {"gender", "female"}, {"birth_date", "2016-05-05"}, {"grade", 2}});
  auto total = [&](const std::string& filter) {
    return Call(teacher_, "GET", "/api/v1/children?" + filter).Json()["total"].get<int>();
  };
  EXPECT_EQ(total("gender=female"), 1);
  EXPECT_EQ(total("grade=3"), 1);
  EXPECT_EQ(total("left_behind_type=both_parents_away&care_arrangement=grandparents"), 1);
  EXPECT_EQ(total("complete=true"), 0);
  EXPECT_EQ(total("complete=false"), 2);
  EXPECT_EQ(total("org=qs-zx-3-1"), 2);
  EXPECT_FALSE(Call(teacher_, "GET", "/api/v1/children").Json()["total_capped"].get<bool>());  // counted in full
  EXPECT_EQ(Call(teacher_, "GET", "/api/v1/children?org=ds-zx").status, 404);  // not theirs
}

TEST_F(ChildApiTest, FiguresCountTheSubtreeByEachBreakdown) {
  Create({{"name", "张三"}, {"gender", "male"}, {"birth_date", "2015-05-05"}, {"grade", 3},
          {"left_behind_type", "both_parents_away"}, {"care_arrangement", "grandparents"}});
  Create({{"name", "李四"}, {"gender", "female"}, {"birth_date", "2021-05-05"}, {"grade", 1},
          {"left_behind_type", "both_parents_away"}});
  Create({{"name", "王五"}, {"gender", "male"}, {"birth_date", "2012-01-01"}});
  HttpResponse figures = Call(teacher_, "GET", "/api/v1/children/figures?org=qs-zx-3-1");
  ASSERT_EQ(figures.status, 200) << figures.body;
  const nlohmann::json body = figures.Json();
  EXPECT_EQ(body["total"], 3);
  const nlohmann::json& counts = body["breakdowns"];
  EXPECT_EQ(counts["gender"]["male"], 2);
  EXPECT_EQ(counts["gender"]["female"], 1);
  EXPECT_EQ(counts["grade"]["3"], 1);
  EXPECT_EQ(counts["grade"][""], 1);  // not filled in
  EXPECT_EQ(counts["left_behind_type"]["both_parents_away"], 2);
  EXPECT_EQ(counts["care_arrangement"]["grandparents"], 1);
  EXPECT_EQ(counts["completeness"]["incomplete"], 3);
  // Born 2021: 5 years old; 2015: 11; 2012-01-01: 14 — by today's date.
  EXPECT_EQ(counts["age_band"]["0-5"], 1);
  EXPECT_EQ(counts["age_band"]["6-11"], 1);
  EXPECT_EQ(counts["age_band"]["12-14"], 1);
  EXPECT_EQ(Call(teacher_, "GET", "/api/v1/children/figures?gender=female").Json()["total"], 1);
}

TEST_F(ChildApiTest, EditsCarryTheVersionAndLeaveHistory) {
  const nlohmann::json child = Create({{"name", "张三"}, {"gender", "male"}, {"birth_date", "2015-05-05"}});
  const std::string path = "/api/v1/children/" + child["id"].get<std::string>();
  HttpResponse edited = Call(teacher_, "PATCH", path, R"({"version":1,"home_address":"青山村3组","grade":3})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.Json()["version"], 2);
  EXPECT_EQ(edited.Json()["home_address"], "青山村3组");

  HttpResponse stale = Call(teacher_, "PATCH", path, R"({"version":1,"home_address":"别处"})");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(Code(stale), "stale_version");
  EXPECT_EQ(stale.Json()["current"]["home_address"], "青山村3组");
  EXPECT_EQ(stale.Json()["current"]["version"], 2);

  HttpResponse shown = Call(teacher_, "GET", path);
  ASSERT_EQ(shown.status, 200);
  std::map<std::string, std::pair<std::string, std::string>> history;
  const nlohmann::json record = shown.Json();
  for (const auto& change : record["history"]) history[change["field"]] = {change["old"], change["new"]};
  EXPECT_EQ(history["home_address"], std::make_pair(std::string(), std::string("青山村3组")));
  EXPECT_EQ(history["grade"], std::make_pair(std::string(), std::string("3")));
  EXPECT_EQ(history.size(), 2u);

  HttpResponse invalid = Call(teacher_, "PATCH", path, R"({"version":2,"birth_date":"2099-01-01"})");
  EXPECT_EQ(invalid.Json()["error"]["field"], "birth_date");
  EXPECT_EQ(Call(teacher_, "GET", path).Json()["version"], 2);  // unchanged
  EXPECT_EQ(Call(teacher_, "PATCH", path, R"({"home_address":"x"})").Json()["error"]["field"], "version");
}

TEST_F(ChildApiTest, ArchivingKeepsTheRecord) {
  const nlohmann::json child = Create({{"name", "张三"}, {"gender", "male"}, {"birth_date", "2015-05-05"}});
  const std::string path = "/api/v1/children/" + child["id"].get<std::string>();
  EXPECT_EQ(Call(teacher_, "DELETE", path, "{}").Json()["error"]["field"], "reason");
  HttpResponse archived = Call(teacher_, "DELETE", path, R"({"reason":"父母返乡，不再留守"})");
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(archived.Json()["status"], "archived");
  EXPECT_EQ(Call(teacher_, "GET", path).Json()["status_reason"], "父母返乡，不再留守");
  EXPECT_EQ(Call(teacher_, "GET", "/api/v1/children?status=archived").Json()["total"], 1);
}

TEST_F(ChildApiTest, AnotherSchoolsChildIsUnknownAndTheAttemptAudited) {
  const nlohmann::json child = Create({{"name", "张三"}, {"gender", "male"}, {"birth_date", "2015-05-05"}});
  const Session leader = SignInFirstTime("leader.wu", kFirst, kPassword);
  const std::string path = "/api/v1/children/" + child["id"].get<std::string>();
  EXPECT_EQ(Call(leader, "GET", path, "", "peek").status, 404);
  EXPECT_EQ(Call(leader, "PATCH", path, R"({"version":1,"name":"李四"})").status, 404);
  EXPECT_EQ(Call(leader, "GET", "/api/v1/children").Json()["total"], 0);
  auto database = storage::Open(fresh_.url(), {.connections = 1});
  auto rows = (*database)->Query("SELECT action, outcome, object_id FROM audit_log WHERE request_id = 'peek'");
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(storage::AsText((*rows)[0][0]), "access_denied");
  EXPECT_EQ(storage::AsText((*rows)[0][2]), child["id"]);
  // Nothing in the audit log holds the ID number or the name.
  auto leaked = (*database)->Query("SELECT COUNT(*) FROM audit_log WHERE object_id LIKE '%张%'");
  EXPECT_EQ(storage::AsInt((*leaked)[0][0]), 0);
}

// SQLite's one writer: skipped elsewhere before a server is started for nothing.
class ChildApiOnSqliteTest : public ChildApiTest {
 protected:
  void SetUp() override {
    if (CurrentBackend() != Backend::kSqlite) GTEST_SKIP() << "SQLite's one writer only";
    ChildApiTest::SetUp();
  }
};

// On SQLite every write waits for the one writer, and a child's page is a write (its audit row).
// A list, which only reads, is answered on threads of its own meanwhile: queued behind the pages
// for the database threads, it waited as long as they did.
TEST_F(ChildApiOnSqliteTest, AListIsAnsweredWhileChildrensPagesWaitForSqlitesWriter) {
  const nlohmann::json child = Create({{"name", "张三"}, {"gender", "male"}, {"birth_date", "2015-05-05"}});
  const std::string page = "/api/v1/children/" + child["id"].get<std::string>();
  auto database = storage::Open(fresh_.url(), {.connections = 1});
  ASSERT_TRUE(database.ok()) << database.status().ToString();
  std::atomic<bool> holding{false}, may_end{false}, holder_done{false};
  std::thread holder([&] {
    (void)(*database)->Write([&](storage::Executor&) {
      holding = true;
      while (!may_end) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      return Status::Ok();
    });
    holder_done = true;
  });
  while (!holding && !holder_done) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!holding) holder.join();
  ASSERT_TRUE(holding) << "the test could not take SQLite's write lock";
  // More pages than the server's database threads (four).
  std::vector<int> page_statuses(6);
  std::vector<std::thread> pages;
  for (std::size_t at = 0; at < page_statuses.size(); ++at) {
    pages.emplace_back([&, at] { page_statuses[at] = Call(teacher_, "GET", page).status; });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto list = std::async(std::launch::async, [&] { return Call(teacher_, "GET", "/api/v1/children").status; });
  // Well within SQLite's wait for a lock (5 s), after which the pages would try again.
  const bool answered = list.wait_for(std::chrono::seconds(4)) == std::future_status::ready;
  may_end = true;
  holder.join();
  for (auto& thread : pages) thread.join();
  EXPECT_TRUE(answered) << "the list waited for the writer";
  EXPECT_EQ(list.get(), 200);
  for (int status : page_statuses) EXPECT_EQ(status, 200);
}

}  // namespace
}  // namespace sw::testing
