#include <gtest/gtest.h>

#include "domain/sessions/totp.h"

namespace sw::domain {
namespace {

// RFC 6238 appendix B, SHA-1 secret "12345678901234567890", last six digits.
const std::string kRfcSecret = "3132333435363738393031323334353637383930";

TimePoint At(long long seconds) { return TimePoint(std::chrono::seconds(seconds)); }

TEST(Totp, MatchesTheRfcTestVectors) {
  EXPECT_EQ(TotpCode(kRfcSecret, At(59)), "287082");
  EXPECT_EQ(TotpCode(kRfcSecret, At(1111111109)), "081804");
  EXPECT_EQ(TotpCode(kRfcSecret, At(1234567890)), "005924");
  EXPECT_EQ(TotpCode(kRfcSecret, At(2000000000)), "279037");
}

TEST(Totp, AcceptsOneStepOfDriftAndNoMoreAndNamesTheStep) {
  const std::string code = TotpCode(kRfcSecret, At(1111111109));
  const std::int64_t step = 1111111109 / 30;
  EXPECT_EQ(TotpStep(kRfcSecret, code, At(1111111109)), step);
  EXPECT_EQ(TotpStep(kRfcSecret, code, At(1111111109 + 30)), step);  // the code's step, not now's
  EXPECT_EQ(TotpStep(kRfcSecret, code, At(1111111109 - 30)), step);
  EXPECT_FALSE(TotpStep(kRfcSecret, code, At(1111111109 + 90)));
  EXPECT_FALSE(TotpStep(kRfcSecret, "000000", At(1111111109)));
  EXPECT_FALSE(TotpStep(kRfcSecret, "", At(1111111109)));
  EXPECT_FALSE(TotpStep("", code, At(1111111109)));
}

TEST(Totp, SecretsAreFreshAndExportable) {
  const std::string secret = NewTotpSecret();
  EXPECT_EQ(secret.size(), 40u);
  EXPECT_NE(NewTotpSecret(), secret);
  EXPECT_EQ(TotpSecretBase32(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(TotpUri("admin", kRfcSecret),
            "otpauth://totp/Shouwang:admin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Shouwang&digits=6&period=30");
}

}  // namespace
}  // namespace sw::domain
