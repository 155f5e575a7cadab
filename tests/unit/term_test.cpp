#include <gtest/gtest.h>

#include "core/clock.h"
#include "domain/terms/term.h"

namespace sw::domain {
namespace {

using namespace std::chrono;

TEST(DefaultTerm, FollowsTheNationalSchoolYear) {
  EXPECT_EQ(DefaultTermOn(year{2026} / November / 22).key, "2026-2027-1");
  EXPECT_EQ(DefaultTermOn(year{2026} / November / 22).name, "2026—2027学年第一学期");
  EXPECT_EQ(DefaultTermOn(year{2027} / January / 31).key, "2026-2027-1");
  EXPECT_EQ(DefaultTermOn(year{2027} / February / 1).key, "2026-2027-2");
  EXPECT_EQ(DefaultTermOn(year{2027} / August / 31).key, "2026-2027-2");
  EXPECT_EQ(DefaultTermOn(year{2027} / September / 1).key, "2027-2028-1");
}

// A clock's day is China's: from 16:00 UTC on, China is in the next day.
TEST(ClockToday, IsChinasDate) {
  EXPECT_EQ(ManualClock(sys_days(year{2026} / November / 28) + hours(15) + minutes(59)).Today(),
            year{2026} / November / 28);
  EXPECT_EQ(ManualClock(sys_days(year{2026} / November / 28) + hours(16)).Today(), year{2026} / November / 29);
  EXPECT_EQ(ManualClock(sys_days(year{2026} / December / 31) + hours(20)).Today(), year{2027} / January / 1);
}

TEST(CurrentTerm, ACountysOwnTermWins) {
  const Term own{"2026-2027-1", "2026—2027学年第一学期", year{2026} / August / 28, year{2027} / January / 20};
  EXPECT_EQ(CurrentTerm({own}, year{2026} / August / 30).starts_on, own.starts_on);
  EXPECT_EQ(CurrentTerm({own}, year{2027} / January / 25).key, "2026-2027-1");  // default covers the gap
  EXPECT_EQ(CurrentTerm({}, year{2027} / March / 3).key, "2026-2027-2");
}

TEST(TermName, FollowsTheKey) {
  EXPECT_EQ(TermNameForKey("2026-2027-1"), "2026—2027学年第一学期");
  EXPECT_EQ(TermNameForKey("2026-2027-2"), "2026—2027学年第二学期");
  EXPECT_EQ(TermNameForKey("2026-2028-1"), "");
  EXPECT_EQ(TermNameForKey("2026-2027-3"), "");
}

TEST(Dates, ParseAndFormat) {
  EXPECT_EQ(FormatDate(year{2026} / March / 4), "2026-03-04");
  EXPECT_EQ(FormatDate(year{987} / December / 31), "0987-12-31");
  EXPECT_EQ(FormatDate(year{2010} / November / 20), "2010-11-20");
  EXPECT_EQ(ParseDate("2026-03-04"), year{2026} / March / 4);
  EXPECT_FALSE(ParseDate("2026-02-30"));
  EXPECT_FALSE(ParseDate("2026-3-4x"));
  EXPECT_EQ(ParseDate("2026-3-4"), year{2026} / March / 4);
  EXPECT_EQ(ParseDate("987-12-31"), year{987} / December / 31);
  for (const char* malformed : {"", "2026", "2026-03", "2026-03-", "20261-03-04", "2026-003-04", "2026-03-004",
                                "2026/03/04", "-2026-03-04", "+2026-03-04", "2026-+3-04", "2026--3-04", " 2026-03-04",
                                "2026-03-04 ", "2026-00-10", "2026-13-01", "2026-03-00"}) {
    EXPECT_FALSE(ParseDate(malformed)) << malformed;
  }
}

TEST(ValidateTerm, ChecksKeyAndDates) {
  Term term{"2026-2027-1", "x", year{2026} / September / 1, year{2027} / January / 31};
  EXPECT_TRUE(ValidateTerm(term).ok());
  term.key = "2026-2028-1";
  EXPECT_EQ(ValidateTerm(term).field(), "key");
  term.key = "2026-2027-1";
  term.ends_on = year{2026} / August / 1;
  EXPECT_EQ(ValidateTerm(term).field(), "ends_on");
}

TEST(UtcTime, FormatsAndParses) {
  const TimePoint t = sys_days(year{2026} / November / 22) + hours(14) + minutes(3) + seconds(5) + milliseconds(123);
  EXPECT_EQ(FormatUtc(t), "2026-11-22T14:03:05.123Z");
  EXPECT_EQ(ParseUtc("2026-11-22T14:03:05.123Z"), t);
  EXPECT_EQ(ParseUtc("2026-11-22T14:03:05Z"), t - milliseconds(123));
  for (const char* bad : {"2026-11-22 14:03:05", "2026-11-22T14:03:05", "2026-1-22T14:03:05Z", "2026-11-22T14:03:05.12Z",
                          "2026-11-22T14:03:05.123", "2026-11-22T14:03:05Zx", "2026-02-30T14:03:05Z",
                          "2026-11-22T24:03:05Z", "2026-11-22T14:60:05Z", "+026-11-22T14:03:05Z", ""}) {
    EXPECT_FALSE(ParseUtc(bad)) << bad;
  }
  ManualClock clock(t);
  clock.Advance(minutes(31));
  EXPECT_EQ(FormatUtc(clock.Now()), "2026-11-22T14:34:05.123Z");
}

}  // namespace
}  // namespace sw::domain
