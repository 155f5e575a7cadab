// POST/GET/DELETE /api/v1/session and PUT /api/v1/session/password, as scripts use them.
#include "domain/sessions/totp.h"
#include "storage/database.h"
#include "support/server_test.h"

namespace sw::testing {
namespace {

constexpr const char* kPassword = "dusk-Heron-paddy-42";
constexpr const char* kNewPassword = "river-Stone-lantern-7";

struct SignedInClient {
  std::string cookie;  // "sw_session=…"
  std::string csrf;
  nlohmann::json body;
};

class SessionApiTest : public ServerTest {
 protected:
  void Seed() override {
    Shouwang({"org", "add", "--code", "341122", "--name", "来安县", "--kind", "county"});
    Shouwang({"user", "add", "--username", "official.he", "--role", "county_official", "--org", "341122",
              "--password-stdin"},
             std::string(kPassword) + "\n");
  }

  HttpResponse PostLogin(const std::string& username, const std::string& password,
                         std::map<std::string, std::string> headers = {}) {
    headers["Content-Type"] = "application/json";
    return Client().Send("POST", "/api/v1/session",
                         nlohmann::json{{"username", username}, {"password", password}}.dump(), headers);
  }

  SignedInClient Login(const std::string& password = kPassword) {
    HttpResponse response = PostLogin("official.he", password);
    EXPECT_EQ(response.status, 200) << response.body;
    const std::string set_cookie = response.Header("set-cookie");
    return {set_cookie.substr(0, set_cookie.find(';')), response.Json().value("csrf_token", ""), response.Json()};
  }

  static std::map<std::string, std::string> With(const SignedInClient& session, bool csrf = true) {
    std::map<std::string, std::string> headers{{"Cookie", session.cookie}, {"Content-Type", "application/json"}};
    if (csrf) headers["X-CSRF-Token"] = session.csrf;
    return headers;
  }

  static std::string Code(const HttpResponse& response) { return response.Json()["error"]["code"]; }
};

TEST_F(SessionApiTest, LoginSetsAStrictHttpOnlyCookieAndReturnsTheCsrfToken) {
  HttpResponse response = PostLogin("official.he", kPassword);
  ASSERT_EQ(response.status, 200) << response.body;
  const std::string cookie = response.Header("set-cookie");
  EXPECT_TRUE(cookie.starts_with("sw_session=")) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP here
  auto body = response.Json();
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 64u);
  EXPECT_TRUE(body["must_change_password"].get<bool>());
  EXPECT_EQ(body["user"]["username"], "official.he");
  EXPECT_EQ(body["user"]["roles"][0]["role"], "county_official");
  EXPECT_EQ(body["user"]["roles"][0]["org_code"], "341122");
  EXPECT_FALSE(body["user"].contains("password_hash"));
  // What the roles allow, so the web app offers only that; how long an idle session lives.
  EXPECT_EQ(body["actions"], nlohmann::json({"read_orgs", "read_children", "manage_archive", "manage_care"}));
  EXPECT_EQ(body["idle_seconds"], 30 * 60);
}

TEST_F(SessionApiTest, BehindHttpsTheCookieIsSecure) {
  HttpResponse response = PostLogin("official.he", kPassword, {{"X-Forwarded-Proto", "https"}});
  EXPECT_NE(response.Header("set-cookie").find("; Secure"), std::string::npos);
}

TEST_F(SessionApiTest, WrongPasswordsAndUnknownUsersGetTheSameAnswer) {
  HttpResponse wrong = PostLogin("official.he", "not-the-password-1");
  HttpResponse unknown = PostLogin("nobody.here", "not-the-password-1");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_EQ(Code(wrong), "invalid_credentials");
}

TEST_F(SessionApiTest, SixFailuresLockTheUsername) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Code(PostLogin("official.he", "not-the-password-1")), "invalid_credentials");
  EXPECT_EQ(Code(PostLogin("official.he", "not-the-password-1")), "account_locked");
  HttpResponse locked = PostLogin("official.he", kPassword, {{"Accept-Language", "en"}});
  EXPECT_EQ(locked.status, 401);
  EXPECT_EQ(Code(locked), "account_locked");
  EXPECT_NE(locked.Json()["error"]["message"].get<std::string>().find("locked"), std::string::npos);
}

TEST_F(SessionApiTest, MissingFieldsAreNamed) {
  HttpResponse response = Client().Send("POST", "/api/v1/session", R"({"username":"official.he"})",
                                        {{"Content-Type", "application/json"}});
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(response.Json()["error"]["field"], "password");
  EXPECT_EQ(Code(response), "required");
  HttpResponse wrong_type = Client().Send("POST", "/api/v1/session", R"({"username":42,"password":"x"})",
                                          {{"Content-Type", "application/json"}});
  EXPECT_EQ(wrong_type.Json()["error"]["field"], "username");
}

TEST_F(SessionApiTest, WithoutASessionEverythingButLoginIs401) {
  EXPECT_EQ(Code(Client().Get("/api/v1/session")), "unauthenticated");
  EXPECT_EQ(Client().Get("/api/v1/session", {{"Cookie", "sw_session=forged"}}).status, 401);
}

TEST_F(SessionApiTest, CurrentSessionShowsTheUserAndTheCsrfTokenAgain) {
  SignedInClient session = Login();
  HttpResponse current = Client().Get("/api/v1/session", {{"Cookie", session.cookie}});
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_EQ(current.Json()["csrf_token"], session.csrf);
  EXPECT_EQ(current.Json()["user"]["username"], "official.he");
}

TEST_F(SessionApiTest, StateChangesNeedTheCsrfToken) {
  SignedInClient session = Login();
  HttpResponse without = Client().Send("DELETE", "/api/v1/session", "", With(session, false));
  EXPECT_EQ(without.status, 403);
  EXPECT_EQ(Code(without), "csrf_failed");
  auto forged = With(session);
  forged["X-CSRF-Token"] = std::string(64, 'a');
  EXPECT_EQ(Code(Client().Send("DELETE", "/api/v1/session", "", forged)), "csrf_failed");
  EXPECT_EQ(Client().Get("/api/v1/session", {{"Cookie", session.cookie}}).status, 200);  // still signed in
}

TEST_F(SessionApiTest, LogoutEndsTheSessionOnTheServer) {
  SignedInClient session = Login();
  HttpResponse out = Client().Send("DELETE", "/api/v1/session", "", With(session));
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_NE(out.Header("set-cookie").find("Max-Age=0"), std::string::npos);
  HttpResponse after = Client().Get("/api/v1/session", {{"Cookie", session.cookie}});
  EXPECT_EQ(after.status, 401);
}

TEST_F(SessionApiTest, ChangingTheFirstPassword) {
  SignedInClient session = Login();
  HttpResponse weak = Client().Send("PUT", "/api/v1/session/password",
                                    nlohmann::json{{"old_password", kPassword}, {"new_password", "password1234"}}.dump(),
                                    With(session));
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(Code(weak), "password_too_common");
  EXPECT_EQ(weak.Json()["error"]["field"], "new_password");
  EXPECT_EQ(weak.Json()["error"]["message"], "密码过于常见，容易被猜中，请换一个");
  HttpResponse changed = Client().Send(
      "PUT", "/api/v1/session/password",
      nlohmann::json{{"old_password", kPassword}, {"new_password", kNewPassword}}.dump(), With(session));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_FALSE(Client().Get("/api/v1/session", {{"Cookie", session.cookie}}).Json()["must_change_password"].get<bool>());
  EXPECT_FALSE(Login(kNewPassword).body["must_change_password"].get<bool>());
}

TEST_F(SessionApiTest, LoginsAndLogoutsAreAuditedWithRequestAndAddress) {
  SignedInClient session = Login();
  Client().Send("DELETE", "/api/v1/session", "", With(session));
  PostLogin("official.he", "not-the-password-1", {{"X-Request-Id", "probe-7"}});
  std::string output = Shouwang({"audit", "verify"});
  EXPECT_NE(output.find("intact"), std::string::npos) << output;
  auto database = storage::Open(fresh_.url(), {.connections = 1});
  auto rows = (*database)->Query("SELECT action, outcome, request_id, client_address FROM audit_log "
                                 "WHERE action LIKE 'session.%' ORDER BY seq");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ(storage::AsText((*rows)[0][1]), "ok");
  EXPECT_EQ(storage::AsText((*rows)[1][0]), "session.logout");
  EXPECT_EQ(storage::AsText((*rows)[2][1]), "denied");
  EXPECT_EQ(storage::AsText((*rows)[2][2]), "probe-7");
  EXPECT_EQ(storage::AsText((*rows)[2][3]), "127.0.0.1");
}

class AdminTotpApiTest : public SessionApiTest {
 protected:
  std::vector<std::string> ServerArgs() const override { return {"--totp-required-for-admins", "true"}; }
  void Seed() override {
    SessionApiTest::Seed();
    Shouwang({"user", "add", "--username", "admin.sys", "--role", "system_admin", "--org", "341122",
              "--password-stdin"},
             std::string(kPassword) + "\n");
  }
};

TEST_F(AdminTotpApiTest, AdminsSetUpASecondFactorBeforeAnythingElse) {
  HttpResponse login = PostLogin("admin.sys", kPassword);
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_TRUE(login.Json()["must_enroll_totp"].get<bool>());
  const std::string cookie = login.Header("set-cookie").substr(0, login.Header("set-cookie").find(';'));
  SignedInClient admin{cookie, login.Json()["csrf_token"], login.Json()};
  ASSERT_EQ(Client().Send("PUT", "/api/v1/session/password",
                          nlohmann::json{{"old_password", kPassword}, {"new_password", kNewPassword}}.dump(), With(admin))
                .status,
            200);
  HttpResponse blocked = Client().Get("/api/v1/orgs", {{"Cookie", admin.cookie}});
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(Code(blocked), "second_factor_enrollment_required");

  HttpResponse begun = Client().Send("POST", "/api/v1/session/totp", "", With(admin));
  ASSERT_EQ(begun.status, 200) << begun.body;
  EXPECT_TRUE(begun.Json()["otpauth_uri"].get<std::string>().starts_with("otpauth://totp/Shouwang:admin.sys?"));
  HttpResponse wrong = Client().Send("PUT", "/api/v1/session/totp", R"({"code":"000000"})", With(admin));
  EXPECT_EQ(Code(wrong), "wrong_code");
  EXPECT_EQ(wrong.Json()["error"]["field"], "code");

  // The code an authenticator app would show, from the pending secret.
  auto database = storage::Open(fresh_.url(), {.connections = 1});
  const std::string secret = storage::AsText(
      (*(*database)->Query("SELECT totp_pending FROM users WHERE username = 'admin.sys'"))[0][0]);
  const std::string code = domain::TotpCode(secret, std::chrono::system_clock::now());
  ASSERT_EQ(Client().Send("PUT", "/api/v1/session/totp", nlohmann::json{{"code", code}}.dump(), With(admin)).status, 200);
  EXPECT_EQ(Client().Get("/api/v1/orgs", {{"Cookie", admin.cookie}}).status, 200);

  EXPECT_EQ(Code(PostLogin("admin.sys", kNewPassword)), "second_factor_required");
  HttpResponse with_code = Client().Send(
      "POST", "/api/v1/session",
      nlohmann::json{{"username", "admin.sys"}, {"password", kNewPassword},
                     // The next step's code: the current one confirmed the enrolment and is spent.
                     {"otp", domain::TotpCode(secret, std::chrono::system_clock::now() + std::chrono::seconds(30))}}
          .dump(),
      {{"Content-Type", "application/json"}});
  EXPECT_EQ(with_code.status, 200) << with_code.body;
}

}  // namespace
}  // namespace sw::testing
