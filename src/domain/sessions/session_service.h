// Signing in and out, and resuming a session on each request.
//
// Login: after `max_failures` failed attempts in a row a username is locked for `lockout` —
// whether or not such a user exists, so the answers never reveal who has an account. A
// successful login always starts a new session with a new random token (256 bits); only its
// hash is stored. The CSRF token is derived from the session token (CsrfTokenFor), so it needs
// no storage and can be handed out again after a page reload; a cross-site page can read
// neither the HttpOnly cookie nor the token. A session ends after `idle` without requests or
// `absolute` after login, whichever comes first. A session resumed is trusted for a moment
// without reading it again (session_cache.h).
#pragma once

#include <chrono>
#include <string>

#include "core/clock.h"
#include "domain/sessions/session_cache.h"
#include "domain/store.h"
#include "domain/users/password.h"

namespace sw::domain {

struct SessionPolicy {
  std::chrono::minutes idle{30};
  std::chrono::minutes absolute{12 * 60};
  int max_failures = 6;
  std::chrono::minutes lockout{30};
  std::chrono::days max_password_age{180};
  bool totp_required_for_admins = false;
  // How long a resumed session is trusted without reading it again: a page's requests come
  // together, and a session ended by another process must not live on for long.
  std::chrono::milliseconds resumed_fresh_for{2000};
};

// A second factor being set up: what the user's authenticator app needs.
struct TotpEnrolment {
  std::string secret_base32;
  std::string otpauth_uri;
};

struct NewSession {
  std::string token;  // goes into the cookie
  SignedIn signed_in;
};

class SessionService {
 public:
  SessionService(Store& store, const Clock& clock, PasswordHasher& hasher, SessionPolicy policy)
      : store_(store), clock_(clock), hasher_(hasher), policy_(policy), resumed_(policy.resumed_fresh_for) {}

  // How long a session lives without a request; the web app warns before it runs out.
  std::chrono::seconds IdleTimeout() const { return policy_.idle; }

  // Unauthenticated with reason "invalid_credentials", "account_locked", or
  // "second_factor_required" when the user has TOTP and `otp` is empty (counted as a failure,
  // so the answer cannot be used to test passwords without limit).
  Result<NewSession> Login(const std::string& username, const std::string& password, const std::string& otp,
                           const Actor& actor);
  // Unauthenticated with reason "unauthenticated" (no such session) or "session_expired".
  Result<SignedIn> Resume(const std::string& token);
  Status Logout(const SignedIn& signed_in, const Actor& actor);
  // The user's sessions are read again at their next request: the user was changed elsewhere
  // in this process (UserService).
  void ForgetUser(const std::string& user_id) { resumed_.ForgetUser(user_id); }
  // InvalidArgument("old_password") when the old one is wrong; ("new_password") when the new
  // one breaks a rule or equals the old. Ends the user's other sessions.
  Status ChangePassword(const SignedIn& signed_in, const std::string& old_password,
                        const std::string& new_password, const Actor& actor);

  // What state-changing requests must send in X-CSRF-Token.
  static std::string CsrfTokenFor(const std::string& session_token);
  static bool CsrfMatches(const std::string& session_token, const std::string& csrf_token);

  // Starts TOTP enrolment with a new secret (replacing any unconfirmed one).
  Result<TotpEnrolment> BeginTotp(const SignedIn& signed_in, const Actor& actor);
  // Turns the pending secret on once `code` matches it; InvalidArgument("code") otherwise.
  Status ConfirmTotp(const SignedIn& signed_in, const std::string& code, const Actor& actor);

 private:
  Result<std::optional<User>> FindUser(const std::string& username);
  Result<bool> IsLocked(const std::string& username);
  Result<std::optional<SignedIn>> Load(const std::string& token_hash);
  enum class Standing { kFresh, kDueForTouch, kExpired };
  // kExpired past its idle or absolute timeout at `now`; kDueForTouch when its last use is
  // older than the touch interval; else kFresh.
  Standing StandingOf(const Session& session, TimePoint now) const;
  Status RecordFailure(const std::string& username, const std::optional<User>& user, const Actor& actor,
                       bool& locked_now);
  // `totp_step`: the time step of the code the login used, recorded so it is not used again.
  Result<NewSession> StartSession(const User& user, std::optional<std::int64_t> totp_step, const Actor& actor);
  bool PasswordTooOld(const User& user) const;
  // Fills the must_* flags of a signed-in user from the current rules.
  void ApplyRequirements(SignedIn& signed_in) const;
  // Loads the signed-in user afresh, applies `change` (which may use other repositories), saves
  // and audits `action`, in one transaction.
  Status ChangeUser(const SignedIn& signed_in, const char* action, const Actor& actor,
                    const std::function<Status(User&, Repositories&)>& change);

  Store& store_;
  const Clock& clock_;
  PasswordHasher& hasher_;
  SessionPolicy policy_;
  SessionCache resumed_;
};

// BLAKE2b-256 of a token, as hex: what the database keeps instead of the token.
std::string HashToken(const std::string& token);

}  // namespace sw::domain
