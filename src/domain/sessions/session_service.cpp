#include "domain/sessions/session_service.h"

#include <sodium.h>

#include "core/random.h"

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

Result<NewSession> SessionService::StartSession(const User& user, const Actor& actor) {
  NewSession created{.token = RandomHex(32), .signed_in = {}};
  const std::string now = FormatUtc(clock_.Now());
  Session session{.token_hash = HashToken(created.token), .user_id = user.id, .created_at = now, .last_seen_at = now};
  Status status = store_.Write([&](Repositories& repos) -> Status {
    if (Status cleared = repos.throttle.Clear(user.username); !cleared.ok()) return cleared;
    if (Status inserted = repos.sessions.Insert(session); !inserted.ok()) return inserted;
    return repos.audit.Append(LoginEntry(now, actor, user, Outcome::kOk));
  });
  if (!status.ok()) return status;
  created.signed_in = {.user = user, .session = session,
                       .must_change_password = user.must_change_password || PasswordTooOld(user)};
  return created;
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
                                         const Actor& actor) {
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
  if (password_ok && (*user)->active) return StartSession(**user, actor);
  bool locked_now = false;
  if (Status recorded = RecordFailure(username, *user, actor, locked_now); !recorded.ok()) return recorded;
  return Status::Unauthenticated(locked_now ? "account_locked" : "invalid_credentials");
}

Result<std::optional<SignedIn>> SessionService::Load(const std::string& token_hash) {
  std::optional<SignedIn> loaded;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto session = repos.sessions.Find(token_hash);
    if (!session.ok() || !*session) return session.status();
    auto user = repos.users.FindById((*session)->user_id);
    if (!user.ok() || !*user) return user.status();
    loaded = SignedIn{.user = **user, .session = **session, .must_change_password = false};
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return loaded;
}

Result<SignedIn> SessionService::Resume(const std::string& token) {
  if (token.empty()) return Status::Unauthenticated("unauthenticated");
  const std::string token_hash = HashToken(token);
  auto loaded = Load(token_hash);
  if (!loaded.ok()) return loaded.status();
  if (!*loaded) return Status::Unauthenticated("unauthenticated");
  SignedIn& signed_in = **loaded;
  const TimePoint now = clock_.Now();
  const TimePoint created = ParseUtc(signed_in.session.created_at).value_or(TimePoint{});
  const TimePoint last_seen = ParseUtc(signed_in.session.last_seen_at).value_or(TimePoint{});
  const bool expired = now - last_seen > policy_.idle || now - created > policy_.absolute;
  if (expired || !signed_in.user.active) {
    Status deleted = store_.Write([&](Repositories& repos) { return repos.sessions.Delete(token_hash); });
    if (!deleted.ok()) return deleted;
    return Status::Unauthenticated(expired ? "session_expired" : "unauthenticated");
  }
  // Refreshed at most once a minute: most requests then only read, and the idle timeout is
  // exact to within that minute.
  if (now - last_seen > kTouchInterval) {
    signed_in.session.last_seen_at = FormatUtc(now);
    Status touched = store_.Write([&](Repositories& repos) {
      return repos.sessions.Touch(token_hash, signed_in.session.last_seen_at);
    });
    if (!touched.ok()) return touched;
  }
  signed_in.must_change_password = signed_in.user.must_change_password || PasswordTooOld(signed_in.user);
  return std::move(signed_in);
}

Status SessionService::Logout(const SignedIn& signed_in, const Actor& actor) {
  return store_.Write([&](Repositories& repos) -> Status {
    if (Status deleted = repos.sessions.Delete(signed_in.session.token_hash); !deleted.ok()) return deleted;
    return repos.audit.Append({.at = FormatUtc(clock_.Now()), .actor = actor, .action = "session.logout",
                               .object_type = "user", .object_id = signed_in.user.id});
  });
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
  return store_.Write([&](Repositories& repos) -> Status {
    auto current = repos.users.FindById(user.id);
    if (!current.ok()) return current.status();
    if (!*current) return Status::NotFound("user vanished");
    User changed = **current;
    changed.password_hash = hash;
    changed.password_changed_at = now;
    changed.must_change_password = false;
    if (Status updated = repos.users.Update(changed); !updated.ok()) return updated;
    if (Status ended = repos.sessions.DeleteForUser(user.id, signed_in.session.token_hash); !ended.ok()) return ended;
    return repos.audit.Append({.at = now, .actor = actor, .action = "user.change_password", .object_type = "user",
                               .object_id = user.id});
  });
}

}  // namespace sw::domain
