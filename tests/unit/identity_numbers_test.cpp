#include "core/identity_numbers.h"

#include <gtest/gtest.h>

namespace sw {
namespace {

using namespace std::chrono;

constexpr year_month_day kToday = year{2026} / November / 23;

// Builds a valid number from its first 17 digits.
std::string WithCheck(const std::string& seventeen) { return seventeen + IdNumberCheckCharacter(seventeen); }

TEST(IdNumber, TheStandardsExampleChecksOut) {
  // GB 11643-1999 appendix: 11010519491231002X, a woman born 31 December 1949.
  auto facts = ParseIdNumber("11010519491231002X", kToday);
  ASSERT_TRUE(facts.ok()) << facts.status().ToString();
  EXPECT_EQ(facts->region_code, "110105");
  EXPECT_EQ(facts->birth_date, year{1949} / December / 31);
  EXPECT_EQ(facts->gender, Gender::kFemale);
  EXPECT_TRUE(ParseIdNumber("11010519491231002x", kToday).ok());  // a lower-case x is the same
}

TEST(IdNumber, GenderAndBirthDateComeFromTheNumber) {
  auto boy = ParseIdNumber(WithCheck("34112220150304123"), kToday);
  ASSERT_TRUE(boy.ok());
  EXPECT_EQ(boy->gender, Gender::kMale);
  EXPECT_EQ(boy->birth_date, year{2015} / March / 4);
  EXPECT_EQ(ParseIdNumber(WithCheck("34112220150304122"), kToday)->gender, Gender::kFemale);
}

TEST(IdNumber, EachMistakeHasItsReason) {
  const std::string valid = WithCheck("34112220150304123");
  std::string wrong_check = valid;
  wrong_check[17] = valid[17] == '0' ? '1' : '0';
  struct Case {
    std::string number, reason;
  };
  for (const Case& bad : std::vector<Case>{{"341122150304123", "id_number_length"},  // the old 15-digit form
                                           {valid + "1", "id_number_length"},
                                           {"", "id_number_length"},
                                           {"3411222015030412A3", "id_number_characters"},
                                           {"34112220150304123Y", "id_number_characters"},
                                           {WithCheck("34112220150230123"), "id_number_birth_date"},
                                           {WithCheck("34112220270101123"), "id_number_birth_date"},  // future
                                           {WithCheck("34112218000101123"), "id_number_birth_date"},
                                           {wrong_check, "id_number_check_digit"}}) {
    auto parsed = ParseIdNumber(bad.number, kToday);
    EXPECT_EQ(parsed.status().reason(), bad.reason) << bad.number;
    EXPECT_EQ(parsed.status().field(), "id_number") << bad.number;
  }
}

TEST(Phone, MobilesAndLandlinesAreNormalised) {
  EXPECT_EQ(*NormalisePhone("138 1234 5678"), "13812345678");
  EXPECT_EQ(*NormalisePhone("0550-1234567"), "0550-1234567");
  EXPECT_EQ(*NormalisePhone("05501234567"), "0550-1234567");
  EXPECT_EQ(*NormalisePhone("010-12345678"), "010-12345678");
  for (const char* bad : {"12812345678", "1381234567", "abc", "+8613812345678", "5501234567", ""}) {
    EXPECT_EQ(NormalisePhone(bad, "guardian_phone").status().field(), "guardian_phone") << bad;
    EXPECT_EQ(NormalisePhone(bad).status().reason(), "invalid_phone") << bad;
  }
}

TEST(Masking, ListsShowOnlyTheEnds) {
  EXPECT_EQ(MaskIdNumber("34112220150304123X"), "3411**********123X");
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("0550-1234567"), "055*****4567");
  EXPECT_EQ(MaskIdNumber("12345"), "***45");
  EXPECT_EQ(MaskIdNumber(""), "");
}

}  // namespace
}  // namespace sw
