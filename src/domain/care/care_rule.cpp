#include "domain/care/care_rule.h"

#include <algorithm>
#include <array>
#include <set>

#include "domain/care/care_record.h"
#include "domain/children/field_rules.h"
#include "domain/pairing/pairing.h"

namespace sw::domain {
namespace {

using namespace std::chrono;
using namespace std::string_view_literals;

constexpr std::array kPeriods = {"week"sv, "month"sv, "term"sv, "school_year"sv};

CareRule Rule(const char* key, std::vector<std::string> kinds, std::int64_t count, const char* period,
              const char* role, const char* preset) {
  return CareRule{.key = key, .kinds = std::move(kinds), .min_count = count, .period = period,
                  .helper_role = role, .preset = preset};
}

std::vector<RulePreset> MakePresets() {
  return {
      // 三个一 for surrogate parents: a home visit and a call with the parents every month, a
      // letter to the parents every term (001 report 5).
      {"three_ones",
       {Rule("surrogate_home_visit", {"home_visit"}, 1, "month", "surrogate_parent", "three_ones"),
        Rule("surrogate_parent_call", {"parent_call"}, 1, "month", "surrogate_parent", "three_ones"),
        Rule("surrogate_letter", {"letter_to_parents"}, 1, "term", "surrogate_parent", "three_ones")}},
      // 四个一次 each term: a home visit, a heart-to-heart talk, a talk with the guardian and a
      // letter to the child (004), by the child's main helper.
      {"four_once",
       {Rule("term_home_visit", {"home_visit"}, 1, "term", "main", "four_once"),
        Rule("term_talk", {"talk"}, 1, "term", "main", "four_once"),
        Rule("term_guardian_talk", {"guardian_talk"}, 1, "term", "main", "four_once"),
        Rule("term_letter", {"letter_to_child"}, 1, "term", "main", "four_once")}},
      // Mentors: a talk and a talk with the guardian every month, a home visit and a talk with the
      // head teacher every term (001 report 8).
      {"mentor",
       {Rule("mentor_talk", {"talk"}, 1, "month", "mentor", "mentor"),
        Rule("mentor_guardian_talk", {"guardian_talk"}, 1, "month", "mentor", "mentor"),
        Rule("mentor_home_visit", {"home_visit"}, 1, "term", "mentor", "mentor"),
        Rule("mentor_meeting", {"meeting"}, 1, "term", "mentor", "mentor")}},
      // The head teacher talks with each child every month and visits three times a term — at
      // its start, middle and end (001 reports 16, 18).
      {"head_teacher",
       {Rule("head_teacher_talk", {"talk"}, 1, "month", "head_teacher", "head_teacher"),
        Rule("head_teacher_home_visit", {"home_visit"}, 3, "term", "head_teacher", "head_teacher")}},
      // The child writes to or calls the parents every month, at school (001 reports 9, 18).
      {"family_contact",
       {Rule("family_contact", {"family_call", "letter_to_parents"}, 1, "month", "head_teacher", "family_contact")}},
  };
}

bool IsRuleKey(const std::string& key) {
  if (key.empty() || key.size() > 40 || key[0] < 'a' || key[0] > 'z') return false;
  return std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// What a rule's kinds may name: a record kind, or a letter with its addressee.
bool IsMatchName(const std::string& name) {
  if (name == "letter_to_parents" || name == "letter_to_child") return true;
  const auto kinds = RecordKinds();
  return std::find(kinds.begin(), kinds.end(), name) != kinds.end();
}

bool IsHelperRole(const std::string& role) {
  if (role == kHeadTeacherRole) return true;
  const auto roles = PairingRoles();
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

year_month_day Later(year_month_day a, year_month_day b) { return sys_days(a) < sys_days(b) ? b : a; }
year_month_day Earlier(year_month_day a, year_month_day b) { return sys_days(a) < sys_days(b) ? a : b; }

// The school year of `term`: the county's terms sharing its "2026-2027" prefix, or September
// to August by the national calendar.
Period SchoolYearOf(const Term& term, const std::vector<Term>& county_terms) {
  const std::string years = term.key.substr(0, 9);
  year_month_day starts = term.starts_on, ends = term.ends_on;
  for (const Term& other : county_terms) {
    if (other.key.rfind(years, 0) != 0) continue;
    starts = Earlier(starts, other.starts_on);
    ends = Later(ends, other.ends_on);
  }
  if (county_terms.empty()) {
    const int first = std::stoi(years.substr(0, 4));
    starts = year{first} / September / 1;
    ends = year{first + 1} / August / 31;
  }
  return {FormatDate(starts), FormatDate(ends)};
}

}  // namespace

const std::vector<RulePreset>& RulePresets() {
  static const std::vector<RulePreset> kPresets = MakePresets();
  return kPresets;
}

const RulePreset* FindPreset(std::string_view name) {
  for (const RulePreset& preset : RulePresets()) {
    if (preset.name == name) return &preset;
  }
  return nullptr;
}

std::span<const std::string_view> RulePeriods() { return kPeriods; }

Status ValidateRule(const CareRule& rule) {
  if (!IsRuleKey(rule.key)) return InvalidField("key", "invalid_field_key");
  if (rule.kinds.empty()) return InvalidField("kinds", "required");
  if (rule.kinds.size() > 20) return InvalidField("kinds", "too_many_choices");
  std::set<std::string> seen;
  for (const std::string& kind : rule.kinds) {
    if (!IsMatchName(kind)) return InvalidField("kinds", "invalid_choice");
    if (!seen.insert(kind).second) return InvalidField("kinds", "duplicate_choice");
  }
  if (rule.min_count < 1 || rule.min_count > 100) return InvalidField("min_count", "out_of_range");
  if (rule.period.empty()) return InvalidField("period", "required");
  if (Status period = CheckTextField(rule.period, "period", 16, kPeriods); !period.ok()) return period;
  if (rule.helper_role.empty()) return InvalidField("helper_role", "required");
  if (!IsHelperRole(rule.helper_role)) return InvalidField("helper_role", "invalid_choice");
  return Status::Ok();
}

std::vector<CareRule> EffectiveRules(const std::vector<CareRule>& nearest_first) {
  std::vector<CareRule> effective;
  std::set<std::string> decided;
  for (const CareRule& rule : nearest_first) {
    if (!decided.insert(rule.key).second) continue;
    if (rule.active) effective.push_back(rule);
  }
  return effective;
}

Period PeriodOf(std::string_view period, year_month_day day, const std::vector<Term>& county_terms) {
  const Term term = CurrentTerm(county_terms, day);
  if (period == "term") return {FormatDate(term.starts_on), FormatDate(term.ends_on)};
  if (period == "school_year") return SchoolYearOf(term, county_terms);
  year_month_day starts = day, ends = day;
  if (period == "month") {
    starts = day.year() / day.month() / 1;
    ends = day.year() / day.month() / last;
  } else {  // week: Monday to Sunday
    const weekday of_day{sys_days(day)};
    starts = year_month_day(sys_days(day) - (of_day - Monday));
    ends = year_month_day(sys_days(starts) + days(6));
  }
  return {FormatDate(Later(starts, term.starts_on)), FormatDate(Earlier(ends, term.ends_on))};
}

}  // namespace sw::domain
