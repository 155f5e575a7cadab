#include "domain/children/family.h"

#include <gtest/gtest.h>

namespace sw::domain {
namespace {

FamilyMember Father() {
  FamilyMember member;
  member.kind = "parent";
  member.name = "张大山";
  member.relation = "father";
  return member;
}

TEST(Family, PhonesAreNormalised) {
  FamilyMember member = Father();
  member.phone = "１３８ 1234 5678";
  member.employer_phone = "0574-87654321";
  ASSERT_TRUE(ValidateFamilyMember(member).ok());
  EXPECT_EQ(member.phone, "13812345678");
  EXPECT_EQ(member.employer_phone, "0574-87654321");
}

TEST(Family, EveryFieldIsChecked) {
  struct Case {
    void (*spoil)(FamilyMember&);
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {[](FamilyMember& m) { m.kind.clear(); }, "kind", "required"},
      {[](FamilyMember& m) { m.kind = "cousin"; }, "kind", "invalid_choice"},
      {[](FamilyMember& m) { m.name.clear(); }, "name", "required"},
      {[](FamilyMember& m) { m.relation = "neighbour"; }, "relation", "invalid_choice"},
      {[](FamilyMember& m) { m.phone = "123"; }, "phone", "invalid_phone"},
      {[](FamilyMember& m) { m.employer_phone = "phone"; }, "employer_phone", "invalid_phone"},
      {[](FamilyMember& m) { m.age = 5; }, "age", "out_of_range"},
      {[](FamilyMember& m) { m.months_away = 13; }, "months_away", "out_of_range"},
      {[](FamilyMember& m) { m.contact_frequency = "often"; }, "contact_frequency", "invalid_choice"},
      {[](FamilyMember& m) { m.capacity = "great"; }, "capacity", "invalid_choice"},
      {[](FamilyMember& m) { m.hopes = std::string(2001, 'a'); }, "hopes", "too_long"},
  };
  for (const Case& bad : cases) {
    FamilyMember member = Father();
    bad.spoil(member);
    const Status status = ValidateFamilyMember(member);
    EXPECT_EQ(status.field(), bad.field) << bad.field;
    EXPECT_EQ(status.reason(), bad.reason) << bad.field;
  }
}

}  // namespace
}  // namespace sw::domain
