// Reminders sent out: a server given a webhook and a mail server (peers on 127.0.0.1) posts and
// mails a must-visit — with a link, never the child's name or the signal — and tries a failed
// post again. Off by default: care_api_test.cpp checks that nothing waits in the outbox there.
#include <sodium.h>

#include "support/loopback_peers.h"
#include "support/server_test.h"

namespace sw::testing {
namespace {

constexpr const char* kFirst = "dusk-Heron-paddy-42";
constexpr const char* kPassword = "river-Stone-lantern-7";
constexpr auto kPatience = std::chrono::seconds(20);

// The text of a mail's base64 part.
std::string DecodedBody(const std::string& data) {
  const std::string marker = "Content-Transfer-Encoding: base64\r\n\r\n";
  const auto start = data.find(marker);
  if (start == std::string::npos) return "";
  const auto end = data.find("\r\n--", start);
  const std::string base64 = data.substr(start + marker.size(), end - start - marker.size());
  std::string text(base64.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(text.data()), text.size(), base64.data(), base64.size(),
                        "\r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return "";
  }
  text.resize(length);
  return text;
}

class ReminderApiTest : public ServerTest {
 protected:
  std::vector<std::string> ServerArgs() const override {
    return {"--reminder-webhook-url", webhook_.Url(), "--reminder-smtp-url", mail_.Url(),
            "--reminder-mail-from", "shouwang@qs.example.cn", "--public-url", "https://shouwang.example.cn/",
            "--reminder-poll-seconds", "1", "--reminder-first-retry-seconds", "1"};
  }

  void Seed() override {
    SeedCountyTree();
    SeedUser("teacher.li", "head_teacher", "qs-zx-3-1", kFirst);
    Shouwang({"user", "add", "--username", "helper.wang", "--role", "helper", "--org", "qs-zx", "--email",
              "wang@example.cn"});
  }

  WebhookPeer webhook_{{503}};  // the first post fails
  MailPeer mail_;
};

TEST_F(ReminderApiTest, AMustVisitIsPostedAndMailedWithoutTheChildsNameAndAFailedPostIsTriedAgain) {
  Session teacher = SignInFirstTime("teacher.li", kFirst, kPassword);
  HttpResponse created = Call(teacher, "POST", "/api/v1/children",
                              R"({"name":"张三","gender":"male","birth_date":"2016-04-01","org":"qs-zx-3-1"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string child = created.Json()["id"];
  ASSERT_EQ(Call(teacher, "POST", "/api/v1/children/" + child + "/pairings", R"({"helper":"helper.wang","role":"main"})")
                .status,
            201);
  HttpResponse signal = Call(teacher, "POST", "/api/v1/children/" + child + "/signals",
                             R"({"type":"unwell","note":"发烧三天"})");
  ASSERT_EQ(signal.status, 201) << signal.body;
  const std::string due = signal.Json()["task"]["due"];
  const std::string link = "https://shouwang.example.cn/children/" + child + "?tab=care";

  // The webhook: refused once (503), taken the second time, the same reminder both times.
  const std::vector<std::string> posts = webhook_.bodies.WaitFor(2, kPatience);
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(posts[0], posts[1]);
  const nlohmann::json post = nlohmann::json::parse(posts[1]);
  EXPECT_EQ(post["kind"], "must_visit");
  EXPECT_EQ(post["user"], "helper.wang");
  EXPECT_EQ(post["due"], due);
  EXPECT_EQ(post["link"], link);
  for (const char* secret : {"张三", "unwell", "发烧"}) EXPECT_EQ(posts[1].find(secret), std::string::npos) << secret;

  // The mail, to the helper only (the head teacher raised it and has no address anyway).
  const std::vector<ReceivedMail> mails = mail_.mails.WaitFor(1, kPatience);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].from, "shouwang@qs.example.cn");
  EXPECT_EQ(mails[0].to, std::vector<std::string>{"wang@example.cn"});
  EXPECT_NE(mails[0].data.find("Subject: =?UTF-8?B?"), std::string::npos) << mails[0].data;
  EXPECT_NE(mails[0].data.find("\r\nDate: "), std::string::npos);
  const std::string text = DecodedBody(mails[0].data);
  EXPECT_NE(text.find("您有一项必访任务（截止 " + due + "）"), std::string::npos) << text;
  EXPECT_NE(text.find(link), std::string::npos) << text;
  for (const char* secret : {"张三", "unwell", "发烧"}) EXPECT_EQ(text.find(secret), std::string::npos) << secret;

  // Nothing more is sent, and the log counts what went without naming anyone.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(webhook_.bodies.WaitFor(3, std::chrono::milliseconds(0)).size(), 2u);
  EXPECT_EQ(mail_.mails.WaitFor(2, std::chrono::milliseconds(0)).size(), 1u);
  EXPECT_TRUE(server_->WaitForLog("reminders sent out"));
  for (const char* secret : {"wang@example.cn", "helper.wang", "张三"}) {
    EXPECT_EQ(server_->Log().find(secret), std::string::npos) << secret;
  }
}

}  // namespace
}  // namespace sw::testing
