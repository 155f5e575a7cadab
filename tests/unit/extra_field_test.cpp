#include "domain/children/extra_field.h"

#include <gtest/gtest.h>

namespace sw::domain {
namespace {

ExtraField Field(const std::string& key, const std::string& kind, std::vector<std::string> choices = {}) {
  return {.key = key, .label = "标签", .kind = kind, .choices = std::move(choices)};
}

ArchiveRules RulesWith(std::vector<ExtraField> fields) { return {.fields = std::move(fields), .required = {}}; }

// The value `value` of field `field` after validation, or "!" + the refusal's reason.
std::string Checked(const ExtraField& field, const std::string& value) {
  Child child;
  child.extra[field.key] = value;
  Status status = ValidateExtraValues(child, RulesWith({field}));
  if (!status.ok()) return "!" + status.reason();
  return child.extra[field.key];
}

TEST(ExtraField, ADefinitionNeedsAKeyALabelAKindAndChoicesOnlyForAChoice) {
  struct Case {
    ExtraField field;
    const char* property;
    const char* reason;
  };
  const Case cases[] = {
      {Field("Bus", "text"), "key", "invalid_field_key"},
      {Field("1bus", "text"), "key", "invalid_field_key"},
      {Field("bus-route", "text"), "key", "invalid_field_key"},
      {Field(std::string(41, 'b'), "text"), "key", "invalid_field_key"},
      {Field("bus", "colour"), "kind", "invalid_choice"},
      {Field("bus", "choice"), "choices", "required"},
      {Field("bus", "choice", {"1路", "1路"}), "choices", "duplicate_choice"},
      {Field("bus", "choice", {"1路", "  "}), "choices", "required"},
      {Field("bus", "text", {"1路"}), "choices", "choices_not_allowed"},
  };
  for (const Case& bad : cases) {
    ExtraField field = bad.field;
    Status status = ValidateExtraField(field);
    EXPECT_EQ(status.field(), bad.property) << bad.field.key << " " << bad.reason;
    EXPECT_EQ(status.reason(), bad.reason) << bad.field.key;
  }
  ExtraField blank = Field("bus", "text");
  blank.label = " ";
  EXPECT_EQ(ValidateExtraField(blank).field(), "label");
  ExtraField good = Field("bus_route_2", "choice", {" 1路 ", "２路"});
  ASSERT_TRUE(ValidateExtraField(good).ok());
  EXPECT_EQ(good.choices, (std::vector<std::string>{"1路", "2路"}));  // trimmed, full-width folded
}

TEST(ExtraField, NumbersAreKeptAsCanonicalDecimals) {
  const ExtraField height = Field("height_cm", "number");
  EXPECT_EQ(Checked(height, "132"), "132");
  EXPECT_EQ(Checked(height, "0132.50"), "132.5");
  EXPECT_EQ(Checked(height, "-0.0"), "0");
  EXPECT_EQ(Checked(height, "-3.25"), "-3.25");
  EXPECT_EQ(Checked(height, "１３２"), "132");
  EXPECT_EQ(Checked(height, " "), "");
  EXPECT_EQ(Checked(height, "12cm"), "!invalid_number");
  EXPECT_EQ(Checked(height, "1e5"), "!invalid_number");
  EXPECT_EQ(Checked(height, "3."), "!invalid_number");
  EXPECT_EQ(Checked(height, ".5"), "!invalid_number");
  EXPECT_EQ(Checked(height, "1234567890123456"), "!invalid_number");  // 16 significant digits
}

TEST(ExtraField, DatesChoicesAndTextAreChecked) {
  EXPECT_EQ(Checked(Field("vaccinated_on", "date"), "2026-3-4"), "2026-03-04");
  EXPECT_EQ(Checked(Field("vaccinated_on", "date"), "上周"), "!invalid_time");
  EXPECT_EQ(Checked(Field("vaccinated_on", "date"), "2026-03-04"), "2026-03-04");
  EXPECT_EQ(Checked(Field("vaccinated_on", "date"), "2026-02-30"), "!invalid_time");
  EXPECT_EQ(Checked(Field("bus", "choice", {"1路", "2路"}), "2路"), "2路");
  EXPECT_EQ(Checked(Field("bus", "choice", {"1路", "2路"}), "3路"), "!invalid_choice");
  EXPECT_EQ(Checked(Field("note", "text"), std::string(2001, 'a')), "!too_long");
  EXPECT_EQ(Checked(Field("note", "text"), "  喜欢画画 "), "  喜欢画画 ");  // free text as typed
}

TEST(ExtraField, AValueForAFieldThatDoesNotApplyIsRefusedByName) {
  Child child;
  child.extra["shoe_size"] = "32";
  Status status = ValidateExtraValues(child, RulesWith({Field("height_cm", "number")}));
  EXPECT_EQ(status.field(), "extra.shoe_size");
  EXPECT_EQ(status.reason(), "unknown_field");
}

TEST(ExtraField, ChoicesMayGrowButNotShrink) {
  const ExtraField before = Field("bus", "choice", {"1路", "2路"});
  EXPECT_TRUE(CheckChoicesKept(before, Field("bus", "choice", {"1路", "2路", "3路"})).ok());
  EXPECT_EQ(CheckChoicesKept(before, Field("bus", "choice", {"1路"})).reason(), "choice_removed");
}

TEST(ExtraField, RequiredNamesAreBuiltInFieldsOrExtraFieldsThatApply) {
  const ArchiveRules rules = RulesWith({Field("height_cm", "number")});
  EXPECT_TRUE(CheckRequiredNames({"name", "grade", "boarding", "extra.height_cm"}, rules).ok());
  EXPECT_EQ(CheckRequiredNames({"name", "shoe_size"}, rules).reason(), "unknown_field");
  EXPECT_EQ(CheckRequiredNames({"extra.shoe_size"}, rules).reason(), "unknown_field");
  EXPECT_EQ(CheckRequiredNames({"name", "name"}, rules).reason(), "duplicate_field");
  EXPECT_EQ(CheckRequiredNames({"name"}, rules).ok(), true);
}

TEST(ExtraField, CompletenessCountsExtraFieldsToo) {
  Child child;
  child.name = "张三";
  const std::vector<std::string> required = {"name", "grade", "extra.height_cm", "extra.bus"};
  EXPECT_EQ(Completeness(child, required), 25);
  child.extra["height_cm"] = "132";
  child.extra["bus"] = "";
  EXPECT_EQ(Completeness(child, required), 50);
  child.grade = 3;
  child.extra["bus"] = "2路";
  EXPECT_EQ(Completeness(child, required), 100);
  EXPECT_EQ(Completeness(child, {}), 100);
}

}  // namespace
}  // namespace sw::domain
