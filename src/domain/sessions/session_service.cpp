#include "domain/sessions/session_service.h"

#include <sodium.h>

#include <algorithm>

#include "core/random.h"
#include "domain/sessions/totp.h"

namespace sw::domain {
namespace {

AuditEntry LoginEntry(const std::string& at, const Actor& actor, const std::optional<User>& user, Outcome outcome) {
  Actor who = actor;
  who.user_id = user ? user->id : "";
  return AuditEntry{.at = at, .actor = who, .action = "session.login", .object_type = "user",
                    .object_id = user ? user->id : "", .outcome = outcome};
}

constexpr std::chrono::minutes kTouchInterval{1};

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string HashToken(const std::string& token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string SessionService::CsrfTokenFor(const std::string& session_token) {
  // A different hash input than the stored token hash, so one cannot be turned into the other.
  return HashToken("csrf\x1f" + session_token);
}

bool SessionService::CsrfMatches(const std::string& session_token, const std::string& csrf_token) {
  return !csrf_token.empty() && ConstantTimeEquals(CsrfTokenFor(session_token), csrf_token);
}

Result<std::optional<User>> SessionService::FindUser(const std::string& username) {
  std::optional<User> user;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto found = repos.users.FindByUsername(username);
    if (!found.ok()) return found.status();
    user = *found;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return user;
}

Status SessionService::RecordFailure(const std::string& username, const std::optional<User>& user,
                                     const Actor& actor, bool& locked_now) {
  const TimePoint now = clock_.Now();
  return store_.Write([&](Repositories& repos) -> Status {
    auto throttle = repos.throttle.Get(username);
    if (!throttle.ok()) return throttle.status();
    Throttle next{.failures = throttle->failures + 1, .locked_until = ""};
    locked_now = next.failures >= policy_.max_failures;
    if (locked_now) next = {.failures = 0, .locked_until = FormatUtc(now + policy_.lockout)};
    if (Status set = repos.throttle.Set(username, next); !set.ok()) return set;
    return repos.audit.Append(LoginEntry(FormatUtc(now), actor, user, Outcome::kDenied));
  });
}

Result<NewSession> SessionService::StartSession(const User& user, std::optional<std::int64_t> totp_step,
                                                const Actor& actor) {
  NewSession created{.token = RandomHex(32), .signed_in = {}};
  const TimePoint now_point = clock_.Now();
  const std::string now = FormatUtc(now_point);
  Session session{.token_hash = HashToken(created.token), .user_id = user.id, .created_at = now, .last_seen_at = now};
  Status status = store_.Write([&](Repositories& repos) -> Status {
    if (totp_step) {
      // The version check makes a second login racing with the same code fail here.
      User used = user;
      used.totp_last_step = *totp_step;
      Status recorded = repos.users.Update(used);
      if (recorded.code() == StatusCode::kConflict) return Status::Unauthenticated("invalid_credentials");
      if (!recorded.ok()) return recorded;
    }
    if (Status cleared = repos.throttle.Clear(user.username); !cleared.ok()) return cleared;
    // Sessions abandoned without logout are otherwise removed only when their token returns.
    Status purged = repos.sessions.DeleteExpired(FormatUtc(now_point - policy_.idle), FormatUtc(now_point - policy_.absolute));
    if (!purged.ok()) return purged;
    if (Status inserted = repos.sessions.Insert(session); !inserted.ok()) return inserted;
    return repos.audit.Append(LoginEntry(now, actor, user, Outcome::kOk));
  });
  if (!status.ok()) return status;
  if (totp_step) resumed_.ForgetUser(user.id);  // their other sessions hold the step before
  created.signed_in = {.user = user, .session = session};
  ApplyRequirements(created.signed_in);
  return created;
}

void SessionService::ApplyRequirements(SignedIn& signed_in) const {
  const User& user = signed_in.user;
  signed_in.must_change_password = user.must_change_password || PasswordTooOld(user);
  const bool admin = std::any_of(user.roles.begin(), user.roles.end(),
                                 [](const RoleAssignment& assignment) { return IsAdminRole(assignment.role); });
  signed_in.must_enroll_totp = policy_.totp_required_for_admins && admin && user.totp_secret.empty();
}

Status SessionService::ChangeUser(const SignedIn& signed_in, const char* action, const Actor& actor,
                                  const std::function<Status(User&, Repositories&)>& change) {
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto current = repos.users.FindById(signed_in.user.id);
    if (!current.ok()) return current.status();
    if (!*current) return Status::NotFound("user vanished");
    User user = **current;
    if (Status changed = change(user, repos); !changed.ok()) return changed;
    if (Status updated = repos.users.Update(user); !updated.ok()) return updated;
    return repos.audit.Append({.at = FormatUtc(clock_.Now()), .actor = actor, .action = action, .object_type = "user",
                               .object_id = user.id});
  });
  resumed_.ForgetUser(signed_in.user.id);
  return status;
}

Result<TotpEnrolment> SessionService::BeginTotp(const SignedIn& signed_in, const Actor& actor) {
  const std::string secret = NewTotpSecret();
  Status status = ChangeUser(signed_in, "user.begin_totp", actor, [&](User& user, Repositories&) {
    user.totp_pending = secret;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return TotpEnrolment{TotpSecretBase32(secret), TotpUri(signed_in.user.username, secret)};
}

Status SessionService::ConfirmTotp(const SignedIn& signed_in, const std::string& code, const Actor& actor) {
  return ChangeUser(signed_in, "user.enable_totp", actor, [&](User& user, Repositories&) -> Status {
    const auto step = TotpStep(user.totp_pending, code, clock_.Now());
    if (!step) return Status::InvalidArgument("code", "does not match").WithReason("wrong_code");
    user.totp_last_step = *step;
    user.totp_secret = user.totp_pending;
    user.totp_pending.clear();
    return Status::Ok();
  });
}

bool SessionService::PasswordTooOld(const User& user) const {
  auto changed = ParseUtc(user.password_changed_at);
  return !changed || clock_.Now() - *changed > policy_.max_password_age;
}

Result<bool> SessionService::IsLocked(const std::string& username) {
  bool locked = false;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto throttle = repos.throttle.Get(username);
    if (!throttle.ok()) return throttle.status();
    locked = ParseUtc(throttle->locked_until).value_or(TimePoint{}) > clock_.Now();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return locked;
}

Result<NewSession> SessionService::Login(const std::string& username, const std::string& password,
                                         const std::string& otp, const Actor& actor) {
  auto locked = IsLocked(username);
  if (!locked.ok()) return locked.status();
  if (*locked) return Status::Unauthenticated("account_locked");
  auto user = FindUser(username);
  if (!user.ok()) return user.status();
  // Unknown users cost a hash too, so timing does not tell them from known ones.
  bool password_ok = false;
  if (*user) {
    password_ok = hasher_.Verify((*user)->password_hash, password);
  } else {
    hasher_.VerifyDummy(password);
  }
  const bool needs_code = *user && !(*user)->totp_secret.empty();
  // A code already accepted once is refused, so one seen over a shoulder cannot be replayed.
  const auto step = needs_code ? TotpStep((*user)->totp_secret, otp, clock_.Now()) : std::nullopt;
  const bool code_ok = !needs_code || (step && *step > (*user)->totp_last_step);
  if (password_ok && (*user)->active && code_ok) return StartSession(**user, step, actor);
  bool locked_now = false;
  if (Status recorded = RecordFailure(username, *user, actor, locked_now); !recorded.ok()) return recorded;
  if (locked_now) return Status::Unauthenticated("account_locked");
  const bool ask_for_code = password_ok && needs_code && otp.empty();
  return Status::Unauthenticated(ask_for_code ? "second_factor_required" : "invalid_credentials");
}

Result<std::optional<SignedIn>> SessionService::Load(const std::string& token_hash) {
  std::optional<SignedIn> loaded;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto found = repos.sessions.FindWithUser(token_hash);
    if (!found.ok() || !*found) return found.status();
    loaded = SignedIn{.user = std::move((*found)->user), .session = std::move((*found)->session),
                      .must_change_password = false};
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return loaded;
}

SessionService::Standing SessionService::StandingOf(const Session& session, TimePoint now) const {
  const TimePoint created = ParseUtc(session.created_at).value_or(TimePoint{});
  const TimePoint last_seen = ParseUtc(session.last_seen_at).value_or(TimePoint{});
  if (now - last_seen > policy_.idle || now - created > policy_.absolute) return Standing::kExpired;
  return now - last_seen > kTouchInterval ? Standing::kDueForTouch : Standing::kFresh;
}

Result<SignedIn> SessionService::Resume(const std::string& token) {
  if (token.empty()) return Status::Unauthenticated("unauthenticated");
  const std::string token_hash = HashToken(token);
  const TimePoint now = clock_.Now();
  // Refreshed at most once a minute: most requests then only read, and the idle timeout is
  // exact to within that minute.
  if (auto kept = resumed_.Find(token_hash, now); kept && StandingOf(kept->session, now) == Standing::kFresh) {
    ApplyRequirements(*kept);
    return std::move(*kept);
  }
  const SessionCache::Generation read_in = resumed_.generation();
  auto loaded = Load(token_hash);
  if (!loaded.ok()) return loaded.status();
  if (!*loaded) return Status::Unauthenticated("unauthenticated");
  SignedIn& signed_in = **loaded;
  const Standing standing = StandingOf(signed_in.session, now);
  const bool expired = standing == Standing::kExpired;
  if (expired || !signed_in.user.active) {
    Status deleted = store_.Write([&](Repositories& repos) { return repos.sessions.Delete(token_hash); });
    resumed_.Forget(token_hash);
    if (!deleted.ok()) return deleted;
    return Status::Unauthenticated(expired ? "session_expired" : "unauthenticated");
  }
  if (standing == Standing::kDueForTouch) {
    signed_in.session.last_seen_at = FormatUtc(now);
    Status touched = store_.Write([&](Repositories& repos) {
      return repos.sessions.Touch(token_hash, signed_in.session.last_seen_at);
    });
    if (!touched.ok()) return touched;
  }
  resumed_.Keep(signed_in, now, read_in);
  ApplyRequirements(signed_in);
  return std::move(signed_in);
}

Status SessionService::Logout(const SignedIn& signed_in, const Actor& actor) {
  Status status = store_.Write([&](Repositories& repos) -> Status {
    if (Status deleted = repos.sessions.Delete(signed_in.session.token_hash); !deleted.ok()) return deleted;
    return repos.audit.Append({.at = FormatUtc(clock_.Now()), .actor = actor, .action = "session.logout",
                               .object_type = "user", .object_id = signed_in.user.id});
  });
  resumed_.Forget(signed_in.session.token_hash);
  return status;
}

Status SessionService::ChangePassword(const SignedIn& signed_in, const std::string& old_password,
                                      const std::string& new_password, const Actor& actor) {
  const User& user = signed_in.user;
  if (!hasher_.Verify(user.password_hash, old_password)) {
    return Status::InvalidArgument("old_password", "wrong password").WithReason("wrong_password");
  }
  if (Status strong = CheckPasswordStrength(new_password, user.username, "new_password"); !strong.ok()) return strong;
  if (new_password == old_password) {
    return Status::InvalidArgument("new_password", "same as the old one").WithReason("password_unchanged");
  }
  const std::string hash = hasher_.Hash(new_password);
  const std::string now = FormatUtc(clock_.Now());
  return ChangeUser(signed_in, "user.change_password", actor, [&](User& changed, Repositories& repos) {
    changed.password_hash = hash;
    changed.password_changed_at = now;
    changed.must_change_password = false;
    // Other sessions may have been opened by whoever knew the old password.
    return repos.sessions.DeleteForUser(user.id, signed_in.session.token_hash);
  });
}

}  // namespace sw::domain
