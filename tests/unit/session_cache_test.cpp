#include <gtest/gtest.h>

#include "domain/sessions/session_cache.h"

namespace sw::domain {
namespace {

using std::chrono::milliseconds;

const TimePoint kNoon = TimePoint(std::chrono::hours(24 * 20'000 + 12));

SignedIn SessionOf(const std::string& user_id, const std::string& token_hash) {
  SignedIn signed_in;
  signed_in.user.id = user_id;
  signed_in.session.token_hash = token_hash;
  signed_in.session.user_id = user_id;
  return signed_in;
}

class SessionCacheTest : public ::testing::Test {
 protected:
  void Keep(const std::string& user_id, const std::string& token_hash, TimePoint at = kNoon) {
    cache_.Keep(SessionOf(user_id, token_hash), at, cache_.generation());
  }
  bool Found(const std::string& token_hash, TimePoint at = kNoon) { return cache_.Find(token_hash, at).has_value(); }

  SessionCache cache_{milliseconds(2000)};
};

TEST_F(SessionCacheTest, KeepsASessionForItsMomentOnly) {
  Keep("u1", "t1");
  EXPECT_TRUE(Found("t1"));
  EXPECT_EQ(cache_.Find("t1", kNoon)->user.id, "u1");
  EXPECT_TRUE(Found("t1", kNoon + milliseconds(1999)));
  EXPECT_FALSE(Found("t1", kNoon + milliseconds(2000)));
  EXPECT_FALSE(Found("t2"));
}

TEST_F(SessionCacheTest, AClockSetBackMakesWhatWasKeptStale) {
  Keep("u1", "t1");
  EXPECT_FALSE(Found("t1", kNoon - milliseconds(1)));
}

TEST_F(SessionCacheTest, ForgetsOneSessionOrEveryOneOfAUser) {
  Keep("u1", "t1");
  Keep("u1", "t2");
  Keep("u2", "t3");
  cache_.Forget("t1");
  EXPECT_FALSE(Found("t1"));
  EXPECT_TRUE(Found("t2"));
  cache_.ForgetUser("u1");
  EXPECT_FALSE(Found("t2"));
  EXPECT_TRUE(Found("t3"));
}

// A request read its session just before a logout committed and would keep it just after the
// logout forgot it: it must not be kept.
TEST_F(SessionCacheTest, DoesNotKeepASessionReadBeforeSomethingWasForgotten) {
  const SessionCache::Generation read_in = cache_.generation();
  cache_.Forget("t1");
  cache_.Keep(SessionOf("u1", "t1"), kNoon, read_in);
  EXPECT_FALSE(Found("t1"));
  const SessionCache::Generation before_user = cache_.generation();
  cache_.ForgetUser("u9");
  cache_.Keep(SessionOf("u1", "t1"), kNoon, before_user);
  EXPECT_FALSE(Found("t1"));
  Keep("u1", "t1");
  EXPECT_TRUE(Found("t1"));
}

// Sessions gone stale are dropped as others are kept, the fresh ones staying.
TEST_F(SessionCacheTest, DropsStaleSessionsAsMoreAreKept) {
  for (int n = 0; n < 1000; ++n) Keep("u", "old" + std::to_string(n));
  const TimePoint later = kNoon + std::chrono::seconds(10);
  for (int n = 0; n < 1000; ++n) Keep("u", "new" + std::to_string(n), later);
  EXPECT_LT(cache_.size(), 2000u);
  EXPECT_TRUE(Found("new999", later));
  EXPECT_TRUE(Found("new0", later));
}

}  // namespace
}  // namespace sw::domain
