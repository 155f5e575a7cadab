#include "domain/children/child.h"
#include "domain/children/child_json.h"
#include "domain/children/extra_field.h"

#include <gtest/gtest.h>

#include "core/identity_numbers.h"

namespace sw::domain {
namespace {

using namespace std::chrono;

constexpr year_month_day kToday = year{2026} / November / 23;

std::string IdNumber(const std::string& seventeen) { return seventeen + IdNumberCheckCharacter(seventeen); }

Child Valid() {
  Child child;
  child.name = "张三";
  child.gender = "male";
  child.birth_date = "2015-03-04";
  return child;
}

std::string ReasonOf(Child child) { return ValidateChild(child, kToday).reason(); }
std::string FieldOf(Child child) { return ValidateChild(child, kToday).field(); }

TEST(Child, AMinimalRecordIsValid) {
  Child child = Valid();
  EXPECT_TRUE(ValidateChild(child, kToday).ok());
}

TEST(Child, TheIdNumberFillsBirthDateAndGender) {
  Child child;
  child.name = "李四";
  child.id_number = IdNumber("34112220160512002");
  ASSERT_TRUE(ValidateChild(child, kToday).ok());
  EXPECT_EQ(child.birth_date, "2016-05-12");
  EXPECT_EQ(child.gender, "female");
}

TEST(Child, FullWidthInputIsFolded) {
  Child child = Valid();
  child.birth_date = "２０１５-０３-０４";
  child.name = "　张三 ";
  ASSERT_TRUE(ValidateChild(child, kToday).ok());
  EXPECT_EQ(child.birth_date, "2015-03-04");
  EXPECT_EQ(child.name, "张三");
}

TEST(Child, AContradictionWithTheIdNumberIsNamed) {
  Child child = Valid();
  child.id_number = IdNumber("34112220150304123");  // a boy born 2015-03-04
  EXPECT_TRUE(ValidateChild(child, kToday).ok());
  child.birth_date = "2015-03-05";
  EXPECT_EQ(ReasonOf(child), "id_number_mismatch");
  EXPECT_EQ(FieldOf(child), "birth_date");
  child.birth_date = "2015-03-04";
  child.gender = "female";
  EXPECT_EQ(FieldOf(child), "gender");
}

TEST(Child, EveryFieldIsChecked) {
  struct Case {
    void (*spoil)(Child&);
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {[](Child& c) { c.name = " "; }, "name", "required"},
      {[](Child& c) { c.name = std::string(151, 'a'); }, "name", "too_long"},
      {[](Child& c) { c.gender = "boy"; }, "gender", "invalid_choice"},
      {[](Child& c) { c.gender.clear(); }, "gender", "required"},
      {[](Child& c) { c.id_number = "341122201503041234"; }, "id_number", "id_number_check_digit"},
      {[](Child& c) { c.id_number = "3411222015"; }, "id_number", "id_number_length"},
      {[](Child& c) { c.birth_date.clear(); }, "birth_date", "required"},
      {[](Child& c) { c.birth_date = "2015-02-30"; }, "birth_date", "invalid_time"},
      {[](Child& c) { c.birth_date = "2027-01-01"; }, "birth_date", "date_in_future"},
      {[](Child& c) { c.birth_date = "2000-01-01"; }, "birth_date", "not_a_minor"},
      {[](Child& c) { c.grade = 13; }, "grade", "grade_out_of_range"},
      {[](Child& c) { c.grade = 0; }, "grade", "grade_out_of_range"},
      {[](Child& c) { c.left_behind_type = "both"; }, "left_behind_type", "invalid_choice"},
      {[](Child& c) { c.care_arrangement = "granny"; }, "care_arrangement", "invalid_choice"},
      {[](Child& c) { c.poverty_status = "poor"; }, "poverty_status", "invalid_choice"},
      {[](Child& c) { c.risk_level = "severe"; }, "risk_level", "invalid_choice"},
      {[](Child& c) { c.status = "gone"; }, "status", "invalid_choice"},
      {[](Child& c) { c.status = "graduated"; }, "status_reason", "required"},
      {[](Child& c) { c.hobbies = std::string(2001, 'a'); }, "hobbies", "too_long"},
      {[](Child& c) { c.status_date = "yesterday"; }, "status_date", "invalid_time"},
  };
  for (const Case& bad : cases) {
    Child child = Valid();
    bad.spoil(child);
    EXPECT_EQ(FieldOf(child), bad.field) << bad.field << " " << bad.reason;
    EXPECT_EQ(ReasonOf(child), bad.reason) << bad.field;
  }
}

TEST(Child, CompletenessCountsTheRequiredFields) {
  Child child = Valid();  // name, gender, birth date of the eight default fields
  EXPECT_EQ(Completeness(child, DefaultRequiredChildFields()), 37);
  child.grade = 3;
  child.home_address = "青山村3组";
  child.left_behind_type = "both_parents_away";
  child.care_arrangement = "grandparents";
  child.id_number = IdNumber("34112220150304123");
  EXPECT_EQ(Completeness(child, DefaultRequiredChildFields()), 100);
}

TEST(Child, HistoryMasksTheIdNumber) {
  Child child = Valid();
  child.id_number = "34112220150304123X";
  EXPECT_EQ(HistoryValue(child, *FindChildTextField("id_number")), "3411**********123X");
  EXPECT_EQ(HistoryValue(child, *FindChildTextField("name")), "张三");
}

// Lists write children straight to text; every other answer reads the same text as a tree.
TEST(Child, JsonNamesEveryFieldOnceAndMasksTheIdNumber) {
  Child child = Valid();
  for (const ChildTextField& field : ChildTextFields()) child.*field.member = std::string(field.name) + " \"值\"";
  child.id_number = IdNumber("34112220150304122");
  child.grade = 4;
  child.extra = {{"bus_route", "3路"}};
  JsonWriter out;
  WriteChildJson(child, out);
  const nlohmann::json json = nlohmann::json::parse(out.Take());
  EXPECT_EQ(json, ChildJson(child));
  for (const ChildTextField& field : ChildTextFields()) {
    if (field.member == &Child::id_number) continue;
    EXPECT_EQ(json[field.name], child.*field.member) << field.name;
  }
  EXPECT_EQ(json["id_number"], MaskIdNumber(child.id_number));
  EXPECT_EQ(json["grade"], 4);
  EXPECT_EQ(json["boarding"], nullptr);
  EXPECT_EQ(json["extra"], nlohmann::json({{"bus_route", "3路"}}));
  EXPECT_EQ(json.size(), ChildTextFields().size() + 9);  // id, org, version, completeness, two times, grade, boarding, extra
}

}  // namespace
}  // namespace sw::domain
