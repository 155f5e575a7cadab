// Record ids: unguessable, unique, and in the order they were made (core/random.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "core/random.h"

namespace sw {
namespace {

bool IsLowerHex(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

TEST(NewIdTest, IsThirtyTwoHexDigitsLedByTheMillisecondsSince1970) {
  const auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  const std::string id = NewId();
  const auto after = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
  ASSERT_EQ(id.size(), 32u);
  EXPECT_TRUE(IsLowerHex(id)) << id;
  const auto made = static_cast<std::int64_t>(std::stoull(id.substr(0, 12), nullptr, 16));
  EXPECT_GE(made, before);
  EXPECT_LE(made, after);
}

TEST(NewIdTest, IdsMadeInTurnSortInTurnAndNeverRepeatWithinAMillisecond) {
  std::vector<std::string> ids;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 1000; ++i) ids.push_back(NewId());  // many within one millisecond
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
  // Across milliseconds the order is the order of making; within one, the random part decides.
  EXPECT_LT(ids[999], ids[1000]);
  EXPECT_LT(ids[1999], ids[2000]);
  std::set<std::string> random_parts;
  for (const std::string& id : ids) random_parts.insert(id.substr(12));
  EXPECT_EQ(random_parts.size(), ids.size());
}

// Each thread draws from a buffer of its own: threads making ids at once share no random part,
// nor does a thread across the buffer's refills (a 4 KiB buffer makes about 400 ids).
TEST(NewIdTest, ThreadsMakingIdsAtOnceNeverRepeatOneAnother) {
  std::vector<std::string> first, second;
  auto make = [](std::vector<std::string>& into) {
    for (int i = 0; i < 2000; ++i) into.push_back(NewId().substr(12));
  };
  std::thread other([&] { make(second); });
  make(first);
  other.join();
  std::set<std::string> random_parts(first.begin(), first.end());
  random_parts.insert(second.begin(), second.end());
  EXPECT_EQ(random_parts.size(), first.size() + second.size());
}

TEST(RandomHexTest, SecretAndNonSecretAreLowerHexOfTwiceTheBytes) {
  for (const std::string& hex : {RandomHex(32), NonSecretRandomHex(8)}) EXPECT_TRUE(IsLowerHex(hex)) << hex;
  EXPECT_EQ(RandomHex(32).size(), 64u);
  EXPECT_EQ(NonSecretRandomHex(8).size(), 16u);
  EXPECT_NE(NonSecretRandomHex(8), NonSecretRandomHex(8));
}

}  // namespace
}  // namespace sw
