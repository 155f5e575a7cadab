// /api/v1/users…: what an administrator's actions do to the account they touch. Who may call
// which endpoint on whom is in access_matrix_test.cpp.
#include "domain/sessions/totp.h"
#include "storage/database.h"
#include "support/server_test.h"

namespace sw::testing {
namespace {

constexpr const char* kAdminFirst = "dusk-Heron-paddy-42";
constexpr const char* kAdminPassword = "river-Stone-lantern-7";
constexpr const char* kTeacherPassword = "maple-Creek-window-5";

class UserApiTest : public ServerTest {
 protected:
  void Seed() override {
    SeedCountyTree();
    SeedUser("admin.sec", "security_admin", "341122", kAdminFirst);
  }

  void SetUp() override {
    ServerTest::SetUp();
    admin_ = SignInFirstTime("admin.sec", kAdminFirst, kAdminPassword);
  }

  // Adds teacher.li as head teacher of 三年级1班 and returns the temporary password.
  std::string AddTeacher() {
    HttpResponse added = Call(admin_, "POST", "/api/v1/users",
                              R"({"username":"teacher.li","display_name":"李老师","role":"head_teacher","org":"qs-zx-3-1"})");
    EXPECT_EQ(added.status, 201) << added.body;
    return added.Json()["temporary_password"];
  }

  HttpResponse TryLogin(const std::string& password) {
    return Client().Send("POST", "/api/v1/session",
                         nlohmann::json{{"username", "teacher.li"}, {"password", password}}.dump(),
                         {{"Content-Type", "application/json"}});
  }

  static std::string Code(const HttpResponse& response) { return response.Json()["error"]["code"]; }

  Session admin_;
};

TEST_F(UserApiTest, ANewAccountStartsWithATemporaryPasswordToReplace) {
  const std::string temporary = AddTeacher();
  HttpResponse shown = Call(admin_, "GET", "/api/v1/users/teacher.li");
  ASSERT_EQ(shown.status, 200);
  const nlohmann::json user = shown.Json();
  EXPECT_EQ(user["display_name"], "李老师");
  EXPECT_TRUE(user["active"].get<bool>());
  EXPECT_TRUE(user["must_change_password"].get<bool>());
  EXPECT_EQ(user["roles"][0]["org_code"], "qs-zx-3-1");
  EXPECT_FALSE(user.contains("password_hash"));
  EXPECT_FALSE(user.contains("temporary_password"));

  Session teacher = Login("teacher.li", temporary);
  EXPECT_TRUE(teacher.body["must_change_password"].get<bool>());
  EXPECT_FALSE(Call(admin_, "GET", "/api/v1/users/teacher.li").body.empty());
}

TEST_F(UserApiTest, DisablingEndsTheSessionsAndEnablingLetsTheUserBackIn) {
  SignInFirstTime("teacher.li", AddTeacher(), kTeacherPassword);
  Session teacher = Login("teacher.li", kTeacherPassword);
  // Read just now, so the server keeps the session for a moment: disabling still ends it at once.
  ASSERT_EQ(Call(teacher, "GET", "/api/v1/session").status, 200);
  ASSERT_EQ(Call(admin_, "PATCH", "/api/v1/users/teacher.li", R"({"active":false})").status, 200);
  EXPECT_EQ(Call(teacher, "GET", "/api/v1/session").status, 401);
  EXPECT_EQ(TryLogin(kTeacherPassword).status, 401);

  HttpResponse enabled = Call(admin_, "PATCH", "/api/v1/users/teacher.li", R"({"active":true})");
  EXPECT_TRUE(enabled.Json()["active"].get<bool>());
  EXPECT_EQ(TryLogin(kTeacherPassword).status, 200);

  HttpResponse wrong = Call(admin_, "PATCH", "/api/v1/users/teacher.li", R"({"active":"no"})");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.Json()["error"]["field"], "active");
}

TEST_F(UserApiTest, AnAdministratorKeepsTheAddressRemindersAreMailedTo) {
  HttpResponse added = Call(admin_, "POST", "/api/v1/users",
                            R"({"username":"helper.wang","role":"helper","org":"qs-zx","email":"wang@example.cn"})");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.Json()["user"]["email"], "wang@example.cn");
  HttpResponse changed = Call(admin_, "PATCH", "/api/v1/users/helper.wang", R"({"email":"wang.li@school.example.cn"})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.Json()["email"], "wang.li@school.example.cn");
  EXPECT_TRUE(changed.Json()["active"].get<bool>());  // untouched
  // An address that could add a header or a second recipient is refused, and nothing changes.
  for (const char* bad : {R"({"email":"wang@example.cn\r\nBcc: x@example.cn"})", R"({"email":"a@b.cn, c@d.cn"})",
                          R"({"email":"no-at-sign"})", R"({"email":"<wang@example.cn>"})",
                          R"({"active":false,"email":"wang@"})"}) {
    HttpResponse refused = Call(admin_, "PATCH", "/api/v1/users/helper.wang", bad);
    EXPECT_EQ(refused.status, 422) << bad;
    EXPECT_EQ(refused.Json()["error"]["field"], "email") << bad;
    EXPECT_EQ(Code(refused), "invalid_email") << bad;
  }
  const nlohmann::json kept = Call(admin_, "GET", "/api/v1/users/helper.wang").Json();
  EXPECT_EQ(kept["email"], "wang.li@school.example.cn");
  EXPECT_TRUE(kept["active"].get<bool>());
  ASSERT_EQ(Call(admin_, "PATCH", "/api/v1/users/helper.wang", R"({"email":""})").status, 200);
  EXPECT_EQ(Call(admin_, "GET", "/api/v1/users/helper.wang").Json()["email"], "");
  // Both at once: one change, each part audited.
  HttpResponse both = Call(admin_, "PATCH", "/api/v1/users/helper.wang", R"({"active":false,"email":"wang@example.cn"})");
  ASSERT_EQ(both.status, 200) << both.body;
  EXPECT_FALSE(both.Json()["active"].get<bool>());
  EXPECT_EQ(both.Json()["email"], "wang@example.cn");
  auto database = storage::Open(fresh_.url(), {.connections = 1});
  ASSERT_TRUE(database.ok());
  auto count = [&](const char* action) {
    return storage::AsInt(
        (*(*database)->Query("SELECT COUNT(*) FROM audit_log WHERE action = $1", {std::string(action)}))[0][0]);
  };
  EXPECT_EQ(count("user.email"), 3);
  EXPECT_EQ(count("user.disable"), 1);
}

TEST_F(UserApiTest, UnlockLiftsALockoutAndResetIssuesANewTemporaryPassword) {
  SignInFirstTime("teacher.li", AddTeacher(), kTeacherPassword);
  for (int i = 0; i < 6; ++i) TryLogin("not-the-password-1");
  EXPECT_EQ(Code(TryLogin(kTeacherPassword)), "account_locked");
  EXPECT_FALSE(Call(admin_, "GET", "/api/v1/users/teacher.li").Json()["locked_until"].is_null());

  HttpResponse unlocked = Call(admin_, "DELETE", "/api/v1/users/teacher.li/lock");
  EXPECT_TRUE(unlocked.Json()["locked_until"].is_null());
  EXPECT_EQ(TryLogin(kTeacherPassword).status, 200);

  HttpResponse reset = Call(admin_, "POST", "/api/v1/users/teacher.li/password");
  ASSERT_EQ(reset.status, 200);
  const std::string temporary = reset.Json()["temporary_password"];
  EXPECT_EQ(TryLogin(kTeacherPassword).status, 401);
  EXPECT_TRUE(Login("teacher.li", temporary).body["must_change_password"].get<bool>());
}

TEST_F(UserApiTest, ResettingTheSecondFactorLetsTheUserSignInWithoutIt) {
  Session teacher = SignInFirstTime("teacher.li", AddTeacher(), kTeacherPassword);
  HttpResponse begun = Call(teacher, "POST", "/api/v1/session/totp");
  ASSERT_EQ(begun.status, 200) << begun.body;
  auto database = storage::Open(fresh_.url(), {.connections = 1});
  const std::string secret = storage::AsText(
      (*(*database)->Query("SELECT totp_pending FROM users WHERE username = 'teacher.li'"))[0][0]);
  const std::string code = domain::TotpCode(secret, std::chrono::system_clock::now());
  ASSERT_EQ(Call(teacher, "PUT", "/api/v1/session/totp", nlohmann::json{{"code", code}}.dump()).status, 200);
  EXPECT_EQ(Code(TryLogin(kTeacherPassword)), "second_factor_required");

  HttpResponse reset = Call(admin_, "DELETE", "/api/v1/users/teacher.li/totp");
  EXPECT_FALSE(reset.Json()["totp_enabled"].get<bool>());
  EXPECT_EQ(Call(teacher, "GET", "/api/v1/session").status, 401);  // its sessions ended
  EXPECT_EQ(TryLogin(kTeacherPassword).status, 200);
}

TEST_F(UserApiTest, RolesAreGrantedWhereTheyFitAndTheLastOneStays) {
  Session teacher = SignInFirstTime("teacher.li", AddTeacher(), kTeacherPassword);
  HttpResponse granted = Call(admin_, "POST", "/api/v1/users/teacher.li/roles", R"({"role":"helper","org":"qs-zx"})");
  ASSERT_EQ(granted.status, 201) << granted.body;
  EXPECT_EQ(granted.Json()["roles"].size(), 2u);
  EXPECT_EQ(Call(teacher, "GET", "/api/v1/session").Json()["user"]["roles"].size(), 2u);  // at once

  EXPECT_EQ(Code(Call(admin_, "POST", "/api/v1/users/teacher.li/roles", R"({"role":"helper","org":"qs-zx"})")),
            "role_already_held");
  EXPECT_EQ(Code(Call(admin_, "POST", "/api/v1/users/teacher.li/roles", R"({"role":"head_teacher","org":"qs"})")),
            "role_org_mismatch");
  EXPECT_EQ(Code(Call(admin_, "POST", "/api/v1/users/teacher.li/roles", R"({"role":"king","org":"qs"})")),
            "unknown_role");
  EXPECT_EQ(Code(Call(admin_, "DELETE", "/api/v1/users/teacher.li/roles/counsellor/qs-zx")), "role_not_held");
  // The admin duties are the operator's to give, so no admin widens their own reach by proxy.
  HttpResponse admin_role = Call(admin_, "POST", "/api/v1/users/teacher.li/roles", R"({"role":"audit_admin","org":"341122"})");
  EXPECT_EQ(admin_role.status, 403);
  EXPECT_EQ(Code(admin_role), "admin_role_by_operator");
  EXPECT_EQ(Code(Call(admin_, "POST", "/api/v1/users", R"({"username":"sock","role":"system_admin","org":"341122"})")),
            "admin_role_by_operator");

  ASSERT_EQ(Call(admin_, "DELETE", "/api/v1/users/teacher.li/roles/head_teacher/qs-zx-3-1").status, 200);
  HttpResponse last = Call(admin_, "DELETE", "/api/v1/users/teacher.li/roles/helper/qs-zx");
  EXPECT_EQ(last.status, 422);
  EXPECT_EQ(Code(last), "last_role");
  EXPECT_EQ(Call(admin_, "GET", "/api/v1/users/teacher.li").Json()["roles"][0]["role"], "helper");
}

TEST_F(UserApiTest, BadInputNamesTheField) {
  struct Case {
    std::string body, field, code;
  };
  for (const Case& bad : std::vector<Case>{
           {R"({"username":"Teacher Li","role":"helper","org":"qs-zx"})", "username", "invalid_username"},
           {R"({"role":"helper","org":"qs-zx"})", "username", "required"},
           {R"({"username":"t.li","role":"helper"})", "org", "required"},
           {R"({"username":"t.li","role":"helper","org":"nowhere"})", "org", "unknown_org"},
           {R"({"username":"t.li","role":7,"org":"qs-zx"})", "role", "wrong_type"},
           {R"({"username":"t.li","display_name":[],"role":"helper","org":"qs-zx"})", "display_name", "wrong_type"}}) {
    HttpResponse answer = Call(admin_, "POST", "/api/v1/users", bad.body);
    EXPECT_EQ(answer.status, 422) << bad.body;
    EXPECT_EQ(answer.Json()["error"]["field"], bad.field) << bad.body;
    EXPECT_EQ(Code(answer), bad.code) << bad.body;
  }
  AddTeacher();
  EXPECT_EQ(Call(admin_, "POST", "/api/v1/users", R"({"username":"teacher.li","role":"helper","org":"qs-zx"})").status,
            409);
  EXPECT_EQ(Call(admin_, "GET", "/api/v1/users").Json()["users"].size(), 2u);  // nothing half-made
}

}  // namespace
}  // namespace sw::testing
