#include <gtest/gtest.h>

#include "domain/audit/audit.h"
#include "domain/users/password.h"
#include "domain/users/user_service.h"

namespace sw::domain {
namespace {

std::string Reason(std::string_view password, std::string_view username = "teacher.li") {
  Status status = CheckPasswordStrength(password, username, "new_password");
  EXPECT_TRUE(status.ok() || status.field() == "new_password");
  return status.ok() ? "ok" : status.detail();
}

TEST(PasswordStrength, NeedsTwelveCharacters) {
  EXPECT_EQ(Reason("Short-1234"), "password_too_short");
  EXPECT_EQ(Reason("守望留守儿童关爱系统密码"), "ok");  // 12 Chinese characters count as 12
  EXPECT_EQ(Reason("dusk-Heron-paddy-42"), "ok");
}

TEST(PasswordStrength, RefusesTheCommonList) {
  EXPECT_EQ(Reason("password1234"), "password_too_common");
  EXPECT_EQ(Reason("PASSWORD1234"), "password_too_common");
  EXPECT_EQ(Reason("woaini1314520"), "password_too_common");
  EXPECT_EQ(Reason("123456789012"), "password_too_common");
  EXPECT_EQ(Reason("qwertyuiop123"), "password_too_common");
  EXPECT_EQ(Reason("zzzzzzzzzzzzzzzz"), "password_too_common");
}

TEST(PasswordStrength, RefusesTheUsername) {
  EXPECT_EQ(Reason("my-teacher.li-2026"), "password_contains_username");
}

TEST(PasswordHasher, VerifiesOnlyTheRightPassword) {
  PasswordHasher hasher(1);
  const std::string hash = hasher.Hash("dusk-Heron-paddy-42");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(hasher.Verify(hash, "dusk-Heron-paddy-42"));
  EXPECT_FALSE(hasher.Verify(hash, "dusk-Heron-paddy-43"));
  EXPECT_NE(hasher.Hash("dusk-Heron-paddy-42"), hash);  // salted
}

TEST(TemporaryPassword, IsLongAndUnambiguous) {
  const std::string password = GenerateTemporaryPassword();
  EXPECT_EQ(password.size(), 16u);
  EXPECT_EQ(password.find_first_of("0O1lI"), std::string::npos);
  EXPECT_NE(GenerateTemporaryPassword(), password);
}

TEST(Username, IsPlainAscii) {
  EXPECT_TRUE(ValidateUsername("teacher.li").ok());
  EXPECT_EQ(ValidateUsername("Teacher").field(), "username");
  EXPECT_EQ(ValidateUsername("李老师").field(), "username");
  EXPECT_EQ(ValidateUsername("ab").field(), "username");
}

TEST(AuditChain, EveryFieldIsCovered) {
  AuditEntry entry{.seq = 7, .at = "2026-11-22T14:03:05.123Z",
                   .actor = {.user_id = "u", .role = "helper", .org_id = "o", .request_id = "r", .client_address = "a"},
                   .action = "child.read", .object_type = "child", .object_id = "c", .prev_hash = kGenesisHash};
  const std::string hash = ChainHash(entry);
  EXPECT_EQ(hash.size(), 64u);
  AuditEntry changed = entry;
  changed.object_id = "d";
  EXPECT_NE(ChainHash(changed), hash);
  changed = entry;
  changed.outcome = Outcome::kDenied;
  EXPECT_NE(ChainHash(changed), hash);
  changed = entry;
  changed.prev_hash[0] = '1';
  EXPECT_NE(ChainHash(changed), hash);
}

}  // namespace
}  // namespace sw::domain
