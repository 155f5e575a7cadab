// Care rules on their own: periods (weeks and months kept inside the term, school years), which
// rule holds where, what a rule may say; and the clock's reading of ISO-8601 times.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "domain/care/care_rule.h"
#include "domain/care/care_task.h"
#include "text/chinese.h"

namespace sw::domain {
namespace {

using namespace std::chrono;

std::string Text(const Period& period) { return period.starts_on + ".." + period.ends_on; }

const std::vector<Term> kCountyTerms = {
    {"2026-2027-1", "", year{2026} / September / 2, year{2027} / January / 22},
    {"2026-2027-2", "", year{2027} / February / 20, year{2027} / July / 5}};

TEST(CarePeriods, WeeksRunMondayToSundayInsideTheTerm) {
  EXPECT_EQ(Text(PeriodOf("week", year{2026} / November / 26, kCountyTerms)), "2026-11-23..2026-11-29");
  // Across a month's end.
  EXPECT_EQ(Text(PeriodOf("week", year{2026} / December / 30, kCountyTerms)), "2026-12-28..2027-01-03");
  // The term begins on a Wednesday, and ends on a Friday.
  EXPECT_EQ(Text(PeriodOf("week", year{2026} / September / 3, kCountyTerms)), "2026-09-02..2026-09-06");
  EXPECT_EQ(Text(PeriodOf("week", year{2027} / January / 21, kCountyTerms)), "2027-01-18..2027-01-22");
}

TEST(CarePeriods, MonthsTermsAndSchoolYears) {
  EXPECT_EQ(Text(PeriodOf("month", year{2026} / September / 15, kCountyTerms)), "2026-09-02..2026-09-30");
  EXPECT_EQ(Text(PeriodOf("month", year{2027} / January / 5, kCountyTerms)), "2027-01-01..2027-01-22");
  EXPECT_EQ(Text(PeriodOf("term", year{2027} / March / 1, kCountyTerms)), "2027-02-20..2027-07-05");
  EXPECT_EQ(Text(PeriodOf("school_year", year{2026} / October / 1, kCountyTerms)), "2026-09-02..2027-07-05");
  // Without the county's own terms, the national calendar.
  EXPECT_EQ(Text(PeriodOf("term", year{2026} / October / 1, {})), "2026-09-01..2027-01-31");
  EXPECT_EQ(Text(PeriodOf("school_year", year{2027} / May / 1, {})), "2026-09-01..2027-08-31");
  EXPECT_EQ(Text(PeriodOf("month", year{2027} / February / 10, {})), "2027-02-01..2027-02-28");
}

TEST(CareRules, TheNearestRuleOfAKeyHoldsAndAnInactiveOneSwitchesItOff) {
  const std::vector<CareRule> nearest_first = {
      {.org_code = "school", .key = "talk", .min_count = 2, .period = "month"},
      {.org_code = "school", .key = "visit", .active = false},
      {.org_code = "county", .key = "talk", .min_count = 1, .period = "month"},
      {.org_code = "county", .key = "visit", .period = "term"},
      {.org_code = "county", .key = "letter", .period = "term"}};
  const std::vector<CareRule> in_force = EffectiveRules(nearest_first);
  ASSERT_EQ(in_force.size(), 2u);
  EXPECT_EQ(in_force[0].key + "@" + in_force[0].org_code, "talk@school");
  EXPECT_EQ(in_force[0].min_count, 2);
  EXPECT_EQ(in_force[1].key + "@" + in_force[1].org_code, "letter@county");
}

TEST(CareRules, EveryPresetIsValidAndBadRulesNameTheirField) {
  for (const RulePreset& preset : RulePresets()) {
    for (const CareRule& rule : preset.rules) EXPECT_TRUE(ValidateRule(rule).ok()) << preset.name << " " << rule.key;
  }
  const CareRule good{.key = "talk", .kinds = {"talk"}, .min_count = 1, .period = "month", .helper_role = "main"};
  auto field_of = [&](auto change) {
    CareRule rule = good;
    change(rule);
    return ValidateRule(rule).field();
  };
  EXPECT_EQ(field_of([](CareRule& r) { r.key = "Talk"; }), "key");
  EXPECT_EQ(field_of([](CareRule& r) { r.kinds = {}; }), "kinds");
  EXPECT_EQ(field_of([](CareRule& r) { r.kinds = {"letter_to_grandma"}; }), "kinds");
  EXPECT_EQ(field_of([](CareRule& r) { r.kinds = {"talk", "talk"}; }), "kinds");
  EXPECT_EQ(field_of([](CareRule& r) { r.min_count = 0; }), "min_count");
  EXPECT_EQ(field_of([](CareRule& r) { r.period = "fortnight"; }), "period");
  EXPECT_EQ(field_of([](CareRule& r) { r.helper_role = "principal"; }), "helper_role");
  EXPECT_TRUE(field_of([](CareRule& r) { r.kinds = {"letter_to_child", "family_call"}; }).empty());
}

TEST(CareTasks, ALetterAnswersToItsKindAndToItsAddressee) {
  const CareRecord letter{.kind = "letter", .letter_to = "child"};
  EXPECT_EQ(MatchNames(letter), (std::vector<std::string>{"letter", "letter_to_child"}));
  CareTask task{.source = "rule", .kinds = {"letter_to_parents"}, .helper_id = "u1", .period_start = "2026-09-01",
                .due = "2026-09-30"};
  CareRecord record = letter;
  record.occurred_on = "2026-09-10";
  record.author_id = "u1";
  EXPECT_FALSE(Counts(record, task, {}));
  task.kinds = {"letter"};
  EXPECT_TRUE(Counts(record, task, {}));
  record.occurred_on = "2026-10-01";  // the next period's
  EXPECT_FALSE(Counts(record, task, {}));
}

TEST(Iso8601, ZonesOffsetsAndChinaTimeByDefault) {
  auto utc = [](std::string_view text) {
    auto time = ParseIso8601(text);
    return time ? FormatUtc(*time) : std::string("invalid");
  };
  EXPECT_EQ(utc("2026-11-20T15:30:00Z"), "2026-11-20T15:30:00.000Z");
  EXPECT_EQ(utc("2026-11-20T15:30:00.5Z"), "2026-11-20T15:30:00.500Z");
  EXPECT_EQ(utc("2026-11-20T23:30:00+08:00"), "2026-11-20T15:30:00.000Z");
  EXPECT_EQ(utc("2026-11-20T10:30-05:00"), "2026-11-20T15:30:00.000Z");
  EXPECT_EQ(utc("2026-11-20T23:30"), "2026-11-20T15:30:00.000Z");  // China time
  for (const char* bad : {"2026-11-20", "2026-11-20 23:30", "2026-02-30T10:00Z", "2026-11-20T24:00Z",
                          "2026-11-20T10:00+8", "2026-11-20T10:00:00.Z", "2026-11-20T10:00Zjunk", "yesterday"}) {
    EXPECT_EQ(utc(bad), "invalid") << bad;
  }
  EXPECT_EQ(FormatDate(ChinaDate(*ParseIso8601("2026-09-30T16:10:00Z"))), "2026-10-01");
}

TEST(TrimProse, TrimsSpacesButKeepsFullWidthPunctuation) {
  EXPECT_EQ(text::TrimProse("\u3000 孩子说：“想妈妈。” \n"), "孩子说：“想妈妈。”");
  EXPECT_EQ(text::TrimProse("１２３，好"), "１２３，好");
  EXPECT_EQ(text::TrimProse("王秀英"), "王秀英");
  EXPECT_EQ(text::TrimProse("王秀英\u3000"), "王秀英");
  EXPECT_EQ(text::TrimProse("\u2003王秀英"), "王秀英");
  EXPECT_EQ(text::TrimProse(" "), "");
  EXPECT_EQ(text::TrimProse(""), "");
  // Ill-formed UTF-8 is replaced as ICU's conversion replaces it, trimmed or not.
  EXPECT_EQ(text::TrimProse("王\xff"), "王\uFFFD");
}

}  // namespace
}  // namespace sw::domain
