// Terms (学期). A county sets its own; below a county they are inherited; where a county has
// set none, the national calendar applies: the first term of a school year from 1 September
// to 31 January, the second from 1 February to 31 August. So the current term is always known.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace sw::domain {

struct Term {
  std::string key;   // "2026-2027-1": school year and term number; unique per county
  std::string name;  // "2026—2027学年第一学期"
  std::chrono::year_month_day starts_on;
  std::chrono::year_month_day ends_on;  // inclusive
};

// The national-calendar term containing `day`.
Term DefaultTermOn(std::chrono::year_month_day day);

// The county's own term containing `day`, or the default one.
Term CurrentTerm(const std::vector<Term>& county_terms, std::chrono::year_month_day day);

// "2026-09-01" ↔ year_month_day.
std::string FormatDate(std::chrono::year_month_day day);
std::optional<std::chrono::year_month_day> ParseDate(std::string_view text);

// "2026-2027-1" → "2026—2027学年第一学期"; "" for a malformed key.
std::string TermNameForKey(const std::string& key);

// Start before end, no longer than a year, key shaped "YYYY-YYYY-N".
Status ValidateTerm(const Term& term);

}  // namespace sw::domain
