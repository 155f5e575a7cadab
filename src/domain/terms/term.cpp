#include "domain/terms/term.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace sw::domain {
namespace {

using namespace std::chrono;

std::string NameOf(int first_year, int number) {
  return std::to_string(first_year) + "—" + std::to_string(first_year + 1) + "学年" +
         (number == 1 ? "第一学期" : "第二学期");
}

Term MakeTerm(int first_year, int number, year_month_day starts, year_month_day ends) {
  const std::string years = std::to_string(first_year) + "-" + std::to_string(first_year + 1);
  return Term{years + "-" + std::to_string(number), NameOf(first_year, number), starts, ends};
}

// Splits "2026-2027-1" into 2026 and 1; false unless the key is well formed.
bool ParseKey(const std::string& key, int& first_year, int& number) {
  int second = 0, consumed = 0;
  return std::sscanf(key.c_str(), "%4d-%4d-%1d%n", &first_year, &second, &number, &consumed) == 3 &&
         static_cast<std::size_t>(consumed) == key.size() && second == first_year + 1 && number >= 1 && number <= 2;
}

}  // namespace

Term DefaultTermOn(year_month_day day) {
  const int y = static_cast<int>(day.year());
  const unsigned m = static_cast<unsigned>(day.month());
  if (m >= 9) return MakeTerm(y, 1, year{y} / September / 1, year{y + 1} / January / 31);
  if (m == 1) return MakeTerm(y - 1, 1, year{y - 1} / September / 1, year{y} / January / 31);
  return MakeTerm(y - 1, 2, year{y} / February / 1, year{y} / August / 31);
}

Term CurrentTerm(const std::vector<Term>& county_terms, year_month_day day) {
  for (const Term& term : county_terms) {
    if (sys_days(term.starts_on) <= sys_days(day) && sys_days(day) <= sys_days(term.ends_on)) return term;
  }
  return DefaultTermOn(day);
}

// Digit by digit: snprintf's parsing of its format was 1.3% of an import's instructions (a
// birth date a row, read and written back). A year outside 0–9999 is no date of this system.
std::string FormatDate(year_month_day day) {
  const int year_number = std::clamp(static_cast<int>(day.year()), 0, 9999);
  const auto month_number = static_cast<unsigned>(day.month());
  const auto day_number = static_cast<unsigned>(day.day());
  auto digit = [](auto value) { return static_cast<char>('0' + value % 10); };
  return {digit(year_number / 1000), digit(year_number / 100), digit(year_number / 10), digit(year_number), '-',
          digit(month_number / 10),  digit(month_number),      '-',                     digit(day_number / 10),
          digit(day_number)};
}

// Digits and dashes only, read in place: sscanf, with a copy to end the text, was 5% of an
// import's reading of rows (each row's birth date).
std::optional<year_month_day> ParseDate(std::string_view text) {
  // The number of up to `digits` digits at the front of `text`, which it leaves after them.
  auto number = [&text](std::size_t digits) -> std::optional<unsigned> {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + std::min(digits, text.size()), value);
    if (error != std::errc()) return std::nullopt;  // no digit (from_chars takes no sign or space)
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    return value;
  };
  auto dash = [&text] {
    if (text.empty() || text.front() != '-') return false;
    text.remove_prefix(1);
    return true;
  };
  const auto y = number(4);
  const auto m = y && dash() ? number(2) : std::nullopt;
  const auto d = m && dash() ? number(2) : std::nullopt;
  if (!d || !text.empty()) return std::nullopt;
  const year_month_day day{year{static_cast<int>(*y)}, month{*m}, std::chrono::day{*d}};
  if (!day.ok()) return std::nullopt;
  return day;
}

std::string TermNameForKey(const std::string& key) {
  int first_year = 0, number = 0;
  return ParseKey(key, first_year, number) ? NameOf(first_year, number) : "";
}

Status ValidateTerm(const Term& term) {
  int first = 0, number = 0;
  if (!ParseKey(term.key, first, number)) return Status::InvalidArgument("key", "a term key looks like 2026-2027-1").WithReason("invalid_term");
  if (!term.starts_on.ok() || !term.ends_on.ok() || sys_days(term.ends_on) <= sys_days(term.starts_on)) {
    return Status::InvalidArgument("ends_on", "a term ends after it starts").WithReason("term_order");
  }
  if (sys_days(term.ends_on) - sys_days(term.starts_on) > days(366)) {
    return Status::InvalidArgument("ends_on", "a term lasts at most a year").WithReason("term_too_long");
  }
  return Status::Ok();
}

}  // namespace sw::domain
