// Care records, signals and tasks through the fixed interfaces scripts use. Who may call what is
// in access_matrix_test.cpp; whole terms with a moving clock are in storage/care_test.cpp.
#include "storage/database.h"
#include "support/server_test.h"

namespace sw::testing {
namespace {

constexpr const char* kFirst = "dusk-Heron-paddy-42";
constexpr const char* kPassword = "river-Stone-lantern-7";

class CareApiTest : public ServerTest {
 protected:
  void Seed() override {
    SeedCountyTree();
    SeedUser("leader.zhang", "school_leader", "qs-zx", kFirst);
    SeedUser("teacher.li", "head_teacher", "qs-zx-3-1", kFirst);
    SeedUser("helper.wang", "helper", "qs-zx", kFirst);
  }

  void SetUp() override {
    ServerTest::SetUp();
    leader_ = SignInFirstTime("leader.zhang", kFirst, kPassword);
    teacher_ = SignInFirstTime("teacher.li", kFirst, kPassword);
    helper_ = SignInFirstTime("helper.wang", kFirst, kPassword);
    HttpResponse created = Call(teacher_, "POST", "/api/v1/children",
                                R"({"name":"张三","gender":"male","birth_date":"2016-04-01","org":"qs-zx-3-1"})");
    ASSERT_EQ(created.status, 201) << created.body;
    child_id_ = created.Json()["id"];
    child_ = "/api/v1/children/" + child_id_;
  }

  // "kind due status" of the helper's to-do, sorted.
  std::vector<std::string> MyTasks() {
    HttpResponse tasks = Call(helper_, "GET", "/api/v1/tasks?mine=1");
    EXPECT_EQ(tasks.status, 200) << tasks.body;
    const nlohmann::json body = tasks.Json();
    EXPECT_EQ(body["total"].get<std::size_t>(), body["items"].size());
    std::vector<std::string> lines;
    for (const auto& item : body["items"]) {
      EXPECT_EQ(item["child"], child_id_);
      EXPECT_TRUE(item["id"].is_string());
      lines.push_back(item["kind"].get<std::string>() + " " + item["status"].get<std::string>());
    }
    std::sort(lines.begin(), lines.end());
    return lines;
  }

  Session leader_, teacher_, helper_;
  std::string child_id_, child_;
};

TEST_F(CareApiTest, ARecordAndASignalThroughTheFixedInterfaces) {
  HttpResponse adopted = Call(leader_, "POST", "/api/v1/orgs/qs-zx/care-presets/four_once");
  ASSERT_EQ(adopted.status, 200) << adopted.body;
  EXPECT_EQ(adopted.Json()["items"].size(), 4u);
  ASSERT_EQ(Call(teacher_, "POST", child_ + "/pairings", R"({"helper":"helper.wang","role":"main"})").status, 201);
  EXPECT_EQ(MyTasks(), (std::vector<std::string>{"guardian_talk open", "home_visit open", "letter_to_child open",
                                                 "talk open"}));

  HttpResponse signal = Call(teacher_, "POST", child_ + "/signals", R"({"type":"bad_mood","note":"上课哭了"})");
  ASSERT_EQ(signal.status, 201) << signal.body;
  EXPECT_EQ(signal.Json()["task"]["helper"]["username"], "helper.wang");
  EXPECT_EQ(signal.Json()["task"]["kind"], "home_visit");
  EXPECT_EQ(MyTasks(), (std::vector<std::string>{"guardian_talk open", "home_visit open", "home_visit open",
                                                 "letter_to_child open", "talk open"}));

  HttpResponse visit = Call(helper_, "POST", child_ + "/records",
                            nlohmann::json{{"kind", "home_visit"},
                                           {"occurred_at", signal.Json()["created_at"]},
                                           {"content", "和奶奶聊了孩子最近的情绪"},
                                           {"mood", {{"choice", "poor"}, {"note", "想妈妈"}}}}
                                .dump());
  ASSERT_EQ(visit.status, 201) << visit.body;
  EXPECT_EQ(visit.Json()["mood"]["choice"], "poor");
  EXPECT_EQ(visit.Json()["author"]["display_name"], "helper.wang");
  // One visit meets both the term's home visit and the must-visit.
  EXPECT_EQ(MyTasks(), (std::vector<std::string>{"guardian_talk open", "home_visit done", "home_visit done",
                                                 "letter_to_child open", "talk open"}));
  // What is still owed, as the home page's to-do asks for it.
  const nlohmann::json owed = Call(helper_, "GET", "/api/v1/tasks?mine=1&status=todo").Json();
  EXPECT_EQ(owed["total"], 3);
  for (const auto& task : owed["items"]) EXPECT_NE(task["status"], "done") << task.dump();

  const nlohmann::json listed = Call(teacher_, "GET", child_ + "/records").Json();
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["content"], "和奶奶聊了孩子最近的情绪");
  const nlohmann::json late = Call(leader_, "GET", "/api/v1/tasks?org=qs-zx&status=late").Json();
  EXPECT_EQ(late["total"], 0);
  const nlohmann::json compliance = Call(leader_, "GET", "/api/v1/tasks/compliance?org=qs-zx").Json();
  EXPECT_EQ(compliance["total"]["open"], 3) << compliance.dump();
}

TEST_F(CareApiTest, BadRecordsNameTheField) {
  struct Case {
    const char* body;
    const char* field;
    const char* code;
  };
  const Case cases[] = {
      {R"({"kind":"visit","occurred_at":"2026-01-05T10:00:00Z","content":"x"})", "kind", "invalid_choice"},
      {R"({"kind":"talk","occurred_at":"yesterday","content":"x"})", "occurred_at", "invalid_time"},
      {R"({"kind":"talk","occurred_at":"2099-01-05T10:00:00Z","content":"x"})", "occurred_at", "date_in_future"},
      {R"({"kind":"talk","occurred_at":"2026-01-05T10:00:00Z","content":"  "})", "content", "required"},
      {R"({"kind":"letter","occurred_at":"2026-01-05T10:00:00Z","content":"x"})", "letter_to", "required"},
      {R"({"kind":"talk","occurred_at":"2026-01-05T10:00:00Z","content":"x","mood":"sad"})", "mood", "invalid_choice"},
      {R"({"kind":"talk","occurred_at":"2026-01-05T10:00:00Z","content":"x","follow_up":"再访"})", "follow_up_by",
       "required"},
      {R"({"kind":"talk","occurred_at":"2026-01-05T10:00:00Z","content":"x","follow_up":"再访","follow_up_by":"2026-01-01"})",
       "follow_up_by", "follow_up_before_record"},
      {R"({"kind":7,"occurred_at":"2026-01-05T10:00:00Z","content":"x"})", "kind", "wrong_type"},
  };
  for (const Case& bad : cases) {
    HttpResponse answer = Call(teacher_, "POST", child_ + "/records", bad.body);
    EXPECT_EQ(answer.status, 422) << bad.body;
    EXPECT_EQ(answer.Json()["error"]["field"], bad.field) << bad.body;
    EXPECT_EQ(answer.Json()["error"]["code"], bad.code) << bad.body;
  }
  HttpResponse signal = Call(teacher_, "POST", child_ + "/signals", R"({"type":"sad"})");
  EXPECT_EQ(signal.Json()["error"]["field"], "type");
  EXPECT_EQ(Call(helper_, "GET", "/api/v1/tasks").Json()["error"]["code"], "tasks_whose");
  EXPECT_EQ(Call(helper_, "GET", "/api/v1/tasks?mine=1&status=soon").Json()["error"]["field"], "status");
  EXPECT_EQ(Call(teacher_, "GET", child_ + "/records").Json()["total"], 0);  // nothing half-written
}

// "kind detail child-name read" of a user's reminders, sorted.
std::vector<std::string> Reminders(const nlohmann::json& list) {
  std::vector<std::string> lines;
  for (const auto& item : list["items"]) {
    lines.push_back(item["kind"].get<std::string>() + " " + item["detail"].get<std::string>() + " " +
                    (item["child"].is_null() ? "-" : item["child"]["name"].get<std::string>()) + " " +
                    (item["read"].get<bool>() ? "read" : "unread"));
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

TEST_F(CareApiTest, ASignalRemindsTheHelperAndTheHeadTeacherButNotWhoRaisedIt) {
  ASSERT_EQ(Call(teacher_, "POST", child_ + "/pairings", R"({"helper":"helper.wang","role":"main"})").status, 201);
  ASSERT_EQ(Call(teacher_, "POST", child_ + "/signals", R"({"type":"bad_mood"})").status, 201);
  ASSERT_EQ(Call(leader_, "POST", child_ + "/signals", R"({"type":"unwell"})").status, 201);

  nlohmann::json helpers = Call(helper_, "GET", "/api/v1/notifications").Json();
  EXPECT_EQ(helpers["unread"], 2);
  EXPECT_EQ(Reminders(helpers), (std::vector<std::string>{"must_visit bad_mood 张三 unread",
                                                          "must_visit unwell 张三 unread"}));
  // The head teacher hears of the leader's signal, not of their own.
  EXPECT_EQ(Reminders(Call(teacher_, "GET", "/api/v1/notifications").Json()),
            std::vector<std::string>{"signal_raised unwell 张三 unread"});
  EXPECT_TRUE(Call(leader_, "GET", "/api/v1/notifications").Json()["items"].empty());
  // Nothing is sent out unless the server is given a mail server or a webhook.
  auto database = storage::Open(fresh_.url(), {.connections = 1});
  ASSERT_TRUE(database.ok());
  EXPECT_EQ(storage::AsInt((*(*database)->Query("SELECT COUNT(*) FROM outbox"))[0][0]), 0);

  // Read one, then all.
  const std::string first = helpers["items"][0]["id"];
  nlohmann::json after = Call(helper_, "POST", "/api/v1/notifications/read", nlohmann::json{{"ids", {first}}}.dump()).Json();
  EXPECT_EQ(after["unread"], 1);
  EXPECT_EQ(Call(helper_, "GET", "/api/v1/notifications?unread=1").Json()["items"].size(), 1u);
  EXPECT_EQ(Call(helper_, "POST", "/api/v1/notifications/read", "{}").Json()["unread"], 0);
  EXPECT_EQ(Call(helper_, "POST", "/api/v1/notifications/read", R"({"ids":"all"})").Json()["error"]["field"], "ids");

  // Once the pairing ends, the helper's reminders no longer name the child.
  const std::string pairing = Call(teacher_, "GET", child_ + "/pairings").Json()["items"][0]["id"];
  ASSERT_EQ(Call(teacher_, "DELETE", child_ + "/pairings/" + pairing).status, 200);
  EXPECT_EQ(Reminders(Call(helper_, "GET", "/api/v1/notifications").Json()),
            (std::vector<std::string>{"must_visit bad_mood - read", "must_visit unwell - read"}));
}

}  // namespace
}  // namespace sw::testing
