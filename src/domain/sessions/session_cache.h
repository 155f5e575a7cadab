// The sessions this process resumed in the last moments, so that the several requests a page
// makes at once resume their session with one read of the database rather than one each (a
// transaction fewer a request: on PostgreSQL a round trip of three statements, on SQLite about
// a quarter of a list's own time).
//
// A session kept here is trusted for `fresh_for` after it was read. What this process changes
// is forgotten once written (a logout, a password, a user's roles or state: SessionService and
// UserService tell it), and a session read before something was forgotten is not kept, so a
// request racing with a logout cannot keep the session it read. A change made elsewhere —
// another server on the same database, the command line — takes effect within `fresh_for`.
// Only what the database said of a live session is kept: its timeouts are still checked at each
// request against the kept times.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "domain/store.h"

namespace sw::domain {

// A request's signed-in user.
struct SignedIn {
  User user;
  Session session;
  bool must_change_password = false;  // set at first login, after a reset, or when too old
  bool must_enroll_totp = false;      // an admin without a second factor, when policy requires one
};

class SessionCache {
 public:
  // Counts what was forgotten.
  using Generation = std::uint64_t;

  explicit SessionCache(std::chrono::milliseconds fresh_for) : fresh_for_(fresh_for) {}

  // The session of `token_hash` as read at most `fresh_for` before `now`.
  std::optional<SignedIn> Find(const std::string& token_hash, TimePoint now) const;
  // Taken before a session is read from the database, and given to Keep.
  Generation generation() const;
  // Keeps the session as read (or touched) at `now`, unless something was forgotten since the
  // read began (`read_in`).
  void Keep(const SignedIn& signed_in, TimePoint now, Generation read_in);
  void Forget(const std::string& token_hash);
  // Every session of the user.
  void ForgetUser(const std::string& user_id);
  // Sessions kept, fresh or stale.
  std::size_t size() const;

 private:
  struct Kept {
    SignedIn signed_in;
    TimePoint read_at;
  };
  // Read within fresh_for before `now`: a clock set back makes every kept session stale.
  bool Fresh(const Kept& kept, TimePoint now) const;

  const std::chrono::milliseconds fresh_for_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Kept> by_token_hash_;
  Generation generation_ = 0;
  // Stale sessions are dropped when the map reaches this size, which then doubles what is left.
  std::size_t sweep_at_ = kFirstSweep;
  static constexpr std::size_t kFirstSweep = 256;
};

}  // namespace sw::domain
