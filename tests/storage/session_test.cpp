// Login, lockout, timeouts, logout and password changes, with a clock the test moves.
#include <gtest/gtest.h>

#include "domain/orgs/org_service.h"
#include "domain/sessions/session_service.h"
#include "domain/sessions/totp.h"
#include "domain/users/user_service.h"
#include "storage/migrations/migrations.h"
#include "storage/repositories/sql_repositories.h"
#include "support/backend.h"

namespace sw::storage {
namespace {

using namespace std::chrono;
using domain::Actor;
using domain::Authority;

constexpr const char* kPassword = "dusk-Heron-paddy-42";

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = std::move(Open(fresh_.url(), {.connections = 2})).value();
    ASSERT_TRUE(Migrate(*database_).ok());
    store_ = std::make_unique<SqlStore>(*database_);
    sessions_ = std::make_unique<domain::SessionService>(*store_, clock_, hasher_, domain::SessionPolicy{});
    users_ = std::make_unique<domain::UserService>(*store_, clock_, hasher_, domain::UserService::Replan(),
                                                   [this](const std::string& id) { sessions_->ForgetUser(id); });
    domain::OrgService orgs(*store_, clock_);
    ASSERT_TRUE(orgs.Add({"341122", "来安县", domain::OrgKind::kCounty, "", {}}, Authority::Operator(), Actor::CommandLine()).ok());
    ASSERT_TRUE(users_->Add({.username = "official.he", .display_name = "", .role = domain::Role::kCountyOfficial,
                             .org_code = "341122", .password = std::string(kPassword)},
                            Authority::Operator(), Actor::CommandLine())
                    .ok());
  }

  std::string ReasonOfLogin(const std::string& username, const std::string& password) {
    auto login = sessions_->Login(username, password, "", actor_);
    return login.ok() ? "ok" : login.status().reason();
  }

  std::int64_t AuditCount(const std::string& action, const std::string& outcome) {
    return AsInt((*database_->Query("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND outcome = $2",
                                    {action, outcome}))[0][0]);
  }

  testing::FreshDatabase fresh_;
  std::unique_ptr<Database> database_;
  ManualClock clock_{sys_days(year{2026} / November / 22) + hours(1)};
  domain::PasswordHasher hasher_{2};
  std::unique_ptr<SqlStore> store_;
  std::unique_ptr<domain::SessionService> sessions_;
  std::unique_ptr<domain::UserService> users_;
  Actor actor_{.user_id = "", .role = "", .org_id = "", .request_id = "r1", .client_address = "127.0.0.1"};
};

TEST_F(SessionTest, LoginStartsASessionThatResumes) {
  auto login = sessions_->Login("official.he", kPassword, "", actor_);
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  EXPECT_EQ(login->token.size(), 64u);
  EXPECT_TRUE(login->signed_in.must_change_password);  // created by an administrator
  auto resumed = sessions_->Resume(login->token);
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->user.username, "official.he");
  const std::string csrf = domain::SessionService::CsrfTokenFor(login->token);
  EXPECT_EQ(csrf.size(), 64u);
  EXPECT_TRUE(domain::SessionService::CsrfMatches(login->token, csrf));
  EXPECT_FALSE(domain::SessionService::CsrfMatches(login->token, "forged"));
  EXPECT_FALSE(domain::SessionService::CsrfMatches(login->token, ""));
  EXPECT_EQ(AuditCount("session.login", "ok"), 1);
}

// A session is read with its user and their roles in one statement: the user it resumes is the
// user as read alone, each role in order, and one without a role resumes with none.
TEST_F(SessionTest, AResumedSessionCarriesItsUserAsReadAlone) {
  domain::OrgService orgs(*store_, clock_);
  ASSERT_TRUE(orgs.Add({"qs", "青山镇", domain::OrgKind::kTownship, "341122", {}}, Authority::Operator(), Actor::CommandLine()).ok());
  auto user_alone = [&] {
    std::optional<domain::User> found;
    EXPECT_TRUE(store_->Read([&](domain::Repositories& repos) {
                  auto read = repos.users.FindByUsername("official.he");
                  if (read.ok()) found = **read;
                  return read.status();
                }).ok());
    return found.value_or(domain::User{});
  };
  auto roles_of = [](const domain::User& user) {
    std::vector<std::string> roles;
    for (const auto& role : user.roles) roles.push_back(std::string(domain::RoleName(role.role)) + " " + role.org_id + " " + role.org_code);
    return roles;
  };
  const std::string user_id = user_alone().id;
  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) -> Status {
                      auto township = repos.orgs.FindByCode("qs");
                      if (!township.ok()) return township.status();
                      return repos.users.AddRole(user_id, {.role = domain::Role::kTownshipOfficial,
                                                           .org_id = (*township)->id, .org_code = "qs"});
                    }).ok());
  auto login = sessions_->Login("official.he", kPassword, "", actor_);
  ASSERT_TRUE(login.ok());
  auto resumed = sessions_->Resume(login->token);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  const domain::User alone = user_alone();
  ASSERT_EQ(alone.roles.size(), 2u);
  EXPECT_EQ(roles_of(resumed->user), roles_of(alone));
  EXPECT_EQ(resumed->user.id, alone.id);
  EXPECT_EQ(resumed->session.user_id, alone.id);
  EXPECT_EQ(resumed->session.token_hash, domain::HashToken(login->token));
  EXPECT_EQ(resumed->user.password_hash, alone.password_hash);
  EXPECT_EQ(resumed->user.version, alone.version);
  EXPECT_EQ(resumed->user.created_at, alone.created_at);
  EXPECT_TRUE(resumed->user.active);

  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) -> Status {
                      for (const auto& role : alone.roles) {
                        if (Status removed = repos.users.RemoveRole(alone.id, role); !removed.ok()) return removed;
                      }
                      return Status::Ok();
                    }).ok());
  clock_.Advance(seconds(2));  // the session resumed above is read again, not taken as kept
  auto without_roles = sessions_->Resume(login->token);
  ASSERT_TRUE(without_roles.ok()) << without_roles.status().ToString();
  EXPECT_TRUE(without_roles->user.roles.empty());
  EXPECT_EQ(without_roles->user.id, alone.id);
  EXPECT_EQ(sessions_->Resume(login->token + "0").status().reason(), "unauthenticated");
}

TEST_F(SessionTest, TokensAreStoredOnlyAsHashes) {
  auto login = sessions_->Login("official.he", kPassword, "", actor_);
  ASSERT_TRUE(login.ok());
  auto rows = database_->Query("SELECT token_hash FROM sessions");
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_NE(AsText((*rows)[0][0]), login->token);
  EXPECT_EQ(AsText((*rows)[0][0]), domain::HashToken(login->token));
  EXPECT_NE(AsText((*rows)[0][0]), domain::SessionService::CsrfTokenFor(login->token));
}

TEST_F(SessionTest, EveryLoginGetsANewSession) {
  auto first = sessions_->Login("official.he", kPassword, "", actor_);
  auto second = sessions_->Login("official.he", kPassword, "", actor_);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(first->token, second->token);
  EXPECT_NE(domain::SessionService::CsrfTokenFor(first->token), domain::SessionService::CsrfTokenFor(second->token));
}

TEST_F(SessionTest, SixFailuresLockTheAccountForThirtyMinutes) {
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(ReasonOfLogin("official.he", "wrong-password-123"), "invalid_credentials") << i;
  EXPECT_EQ(ReasonOfLogin("official.he", "wrong-password-123"), "account_locked");
  EXPECT_EQ(ReasonOfLogin("official.he", kPassword), "account_locked");  // even the right password
  clock_.Advance(minutes(29));
  EXPECT_EQ(ReasonOfLogin("official.he", kPassword), "account_locked");
  clock_.Advance(minutes(2));
  EXPECT_EQ(ReasonOfLogin("official.he", kPassword), "ok");
  EXPECT_EQ(AuditCount("session.login", "denied"), 6);
}

TEST_F(SessionTest, ASuccessResetsTheCountOfFailures) {
  for (int i = 0; i < 5; ++i) ReasonOfLogin("official.he", "wrong-password-123");
  EXPECT_EQ(ReasonOfLogin("official.he", kPassword), "ok");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(ReasonOfLogin("official.he", "wrong-password-123"), "invalid_credentials");
}

TEST_F(SessionTest, UnknownUsersAnswerExactlyLikeKnownOnes) {
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(ReasonOfLogin("nobody.here", "wrong-password-123"), "invalid_credentials");
  EXPECT_EQ(ReasonOfLogin("nobody.here", "wrong-password-123"), "account_locked");
  EXPECT_EQ(ReasonOfLogin("nobody.here", "wrong-password-123"), "account_locked");
}

TEST_F(SessionTest, DisabledUsersCannotLogIn) {
  auto login = sessions_->Login("official.he", kPassword, "", actor_);
  ASSERT_TRUE(users_->SetActive("official.he", false, Authority::Operator(), Actor::CommandLine()).ok());
  EXPECT_EQ(ReasonOfLogin("official.he", kPassword), "invalid_credentials");
  EXPECT_EQ(sessions_->Resume(login->token).status().reason(), "unauthenticated");
}

TEST_F(SessionTest, IdleTimeoutEndsTheSession) {
  auto login = sessions_->Login("official.he", kPassword, "", actor_);
  clock_.Advance(minutes(20));
  ASSERT_TRUE(sessions_->Resume(login->token).ok());  // activity keeps it alive
  clock_.Advance(minutes(29));
  ASSERT_TRUE(sessions_->Resume(login->token).ok());
  clock_.Advance(minutes(31));
  EXPECT_EQ(sessions_->Resume(login->token).status().reason(), "session_expired");
  EXPECT_EQ(sessions_->Resume(login->token).status().reason(), "unauthenticated");  // and it is gone
}

TEST_F(SessionTest, AbsoluteTimeoutEndsEvenAnActiveSession) {
  auto login = sessions_->Login("official.he", kPassword, "", actor_);
  for (int elapsed = 29; elapsed < 14 * 60; elapsed += 29) {
    clock_.Advance(minutes(29));
    if (!sessions_->Resume(login->token).ok()) {
      EXPECT_GT(elapsed, 12 * 60);
      EXPECT_LT(elapsed, 12 * 60 + 29);
      return;
    }
  }
  FAIL() << "the session outlived its absolute timeout";
}

TEST_F(SessionTest, AbandonedSessionsArePurgedAtTheNextLogin) {
  ASSERT_TRUE(sessions_->Login("official.he", kPassword, "", actor_).ok());
  ASSERT_TRUE(sessions_->Login("official.he", kPassword, "", actor_).ok());
  clock_.Advance(minutes(31));  // both idle too long, never resumed or logged out
  ASSERT_TRUE(sessions_->Login("official.he", kPassword, "", actor_).ok());
  EXPECT_EQ(AsInt((*database_->Query("SELECT COUNT(*) FROM sessions"))[0][0]), 1);
}

TEST_F(SessionTest, LogoutEndsTheSessionOnTheServer) {
  auto login = sessions_->Login("official.he", kPassword, "", actor_);
  auto resumed = sessions_->Resume(login->token);
  ASSERT_TRUE(sessions_->Logout(*resumed, actor_).ok());
  EXPECT_EQ(sessions_->Resume(login->token).status().reason(), "unauthenticated");
  EXPECT_EQ(AuditCount("session.logout", "ok"), 1);
}

// A session resumed is trusted for two seconds without reading it again: one ended by another
// process (here its row deleted behind the service's back) lives on for that moment only.
TEST_F(SessionTest, ASessionEndedElsewhereLivesOnForAMomentOnly) {
  auto login = sessions_->Login("official.he", kPassword, "", actor_);
  ASSERT_TRUE(sessions_->Resume(login->token).ok());
  ASSERT_TRUE(store_->Write([&](domain::Repositories& repos) {
                      return repos.sessions.Delete(domain::HashToken(login->token));
                    }).ok());
  clock_.Advance(milliseconds(1999));
  EXPECT_TRUE(sessions_->Resume(login->token).ok());
  clock_.Advance(milliseconds(1));
  EXPECT_EQ(sessions_->Resume(login->token).status().reason(), "unauthenticated");
}

// What this process changes of a user is seen at their next request, however recent the last.
TEST_F(SessionTest, DisablingAUserEndsTheirSessionsAtOnce) {
  auto first = sessions_->Login("official.he", kPassword, "", actor_);
  auto second = sessions_->Login("official.he", kPassword, "", actor_);
  ASSERT_TRUE(sessions_->Resume(first->token).ok());
  ASSERT_TRUE(sessions_->Resume(second->token).ok());
  ASSERT_TRUE(users_->SetActive("official.he", false, Authority::Operator(), Actor::CommandLine()).ok());
  EXPECT_EQ(sessions_->Resume(first->token).status().reason(), "unauthenticated");
  EXPECT_EQ(sessions_->Resume(second->token).status().reason(), "unauthenticated");
}

// The session is still touched once a minute when it was resumed a moment before.
TEST_F(SessionTest, ASessionJustResumedIsStillTouchedOnceAMinute) {
  auto login = sessions_->Login("official.he", kPassword, "", actor_);
  clock_.Advance(milliseconds(59'500));
  ASSERT_TRUE(sessions_->Resume(login->token).ok());  // not yet due
  clock_.Advance(milliseconds(1000));
  ASSERT_TRUE(sessions_->Resume(login->token).ok());
  const auto seen = database_->Query("SELECT last_seen_at FROM sessions");
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(AsText((*seen)[0][0]), FormatUtc(clock_.Now()));
}

TEST_F(SessionTest, ChangingThePasswordLiftsTheRequirementAndEndsOtherSessions) {
  auto other = sessions_->Login("official.he", kPassword, "", actor_);
  auto login = sessions_->Login("official.he", kPassword, "", actor_);
  ASSERT_TRUE(sessions_->Resume(other->token).ok());  // kept a moment, and still ended at once
  auto resumed = sessions_->Resume(login->token);
  EXPECT_EQ(sessions_->ChangePassword(*resumed, "not-my-password-1", "river-Stone-lantern-7", actor_).field(),
            "old_password");
  EXPECT_EQ(sessions_->ChangePassword(*resumed, kPassword, "password1234", actor_).reason(), "password_too_common");
  EXPECT_EQ(sessions_->ChangePassword(*resumed, kPassword, kPassword, actor_).reason(), "password_unchanged");
  ASSERT_TRUE(sessions_->ChangePassword(*resumed, kPassword, "river-Stone-lantern-7", actor_).ok());
  auto after = sessions_->Resume(login->token);
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->must_change_password);
  EXPECT_EQ(sessions_->Resume(other->token).status().reason(), "unauthenticated");
  EXPECT_EQ(ReasonOfLogin("official.he", kPassword), "invalid_credentials");
  EXPECT_EQ(ReasonOfLogin("official.he", "river-Stone-lantern-7"), "ok");
}

TEST_F(SessionTest, PasswordsOlderThanTheMaximumAgeMustChange) {
  auto login = sessions_->Login("official.he", kPassword, "", actor_);
  ASSERT_TRUE(sessions_->ChangePassword(*sessions_->Resume(login->token), kPassword, "river-Stone-lantern-7", actor_).ok());
  clock_.Advance(days(181));
  auto again = sessions_->Login("official.he", "river-Stone-lantern-7", "", actor_);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->signed_in.must_change_password);
}

class TotpSessionTest : public SessionTest {
 protected:
  // Enrols official.he and returns the confirmed secret.
  std::string Enrol() {
    auto login = sessions_->Login("official.he", kPassword, "", actor_);
    signed_in_ = login->signed_in;
    auto enrolment = sessions_->BeginTotp(signed_in_, actor_);
    EXPECT_TRUE(enrolment.ok());
    EXPECT_TRUE(enrolment->otpauth_uri.starts_with("otpauth://totp/Shouwang:official.he?secret="));
    const std::string secret = AsText((*database_->Query("SELECT totp_pending FROM users"))[0][0]);
    EXPECT_EQ(sessions_->ConfirmTotp(signed_in_, "000000", actor_).reason(), "wrong_code");
    EXPECT_TRUE(sessions_->ConfirmTotp(signed_in_, domain::TotpCode(secret, clock_.Now()), actor_).ok());
    return secret;
  }

  std::string LoginWith(const std::string& otp) {
    auto login = sessions_->Login("official.he", kPassword, otp, actor_);
    return login.ok() ? "ok" : login.status().reason();
  }

  domain::SignedIn signed_in_;
};

TEST_F(TotpSessionTest, OnceEnrolledLoginNeedsTheCode) {
  const std::string secret = Enrol();
  EXPECT_EQ(LoginWith(""), "second_factor_required");
  EXPECT_EQ(LoginWith("123456"), "invalid_credentials");
  // RFC 6238 §5.2: a code is accepted once — this one confirmed the enrolment.
  EXPECT_EQ(LoginWith(domain::TotpCode(secret, clock_.Now())), "invalid_credentials");
  clock_.Advance(seconds(30));
  const std::string code = domain::TotpCode(secret, clock_.Now());
  EXPECT_EQ(LoginWith(code), "ok");
  EXPECT_EQ(LoginWith(code), "invalid_credentials");  // replayed

  clock_.Advance(seconds(30));
  const std::string late = domain::TotpCode(secret, clock_.Now());
  clock_.Advance(seconds(30));
  EXPECT_EQ(LoginWith(late), "ok");  // one step of drift
  const std::string stale = domain::TotpCode(secret, clock_.Now() + seconds(30));
  clock_.Advance(seconds(120));
  EXPECT_EQ(LoginWith(stale), "invalid_credentials");  // beyond the drift
}

TEST_F(TotpSessionTest, MissingCodesCountTowardsTheLockout) {
  Enrol();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(LoginWith(""), "second_factor_required");
  EXPECT_EQ(LoginWith(""), "account_locked");
}

TEST_F(TotpSessionTest, AdminsMustEnrolWhenPolicySaysSo) {
  domain::SessionService strict(*store_, clock_, hasher_, {.totp_required_for_admins = true});
  ASSERT_TRUE(users_->Add({.username = "admin.sys", .display_name = "", .role = domain::Role::kSystemAdmin,
                           .org_code = "341122", .password = std::string(kPassword)},
                          Authority::Operator(), Actor::CommandLine())
                  .ok());
  auto admin = strict.Login("admin.sys", kPassword, "", actor_);
  ASSERT_TRUE(admin.ok());
  EXPECT_TRUE(admin->signed_in.must_enroll_totp);
  auto official = strict.Login("official.he", kPassword, "", actor_);
  EXPECT_FALSE(official->signed_in.must_enroll_totp);  // not an admin role
  ASSERT_TRUE(strict.BeginTotp(admin->signed_in, actor_).ok());
  const std::string secret = AsText((*database_->Query("SELECT totp_pending FROM users WHERE username = 'admin.sys'"))[0][0]);
  ASSERT_TRUE(strict.ConfirmTotp(admin->signed_in, domain::TotpCode(secret, clock_.Now()), actor_).ok());
  auto resumed = strict.Resume(admin->token);
  ASSERT_TRUE(resumed.ok());
  EXPECT_FALSE(resumed->must_enroll_totp);
}

}  // namespace
}  // namespace sw::storage
