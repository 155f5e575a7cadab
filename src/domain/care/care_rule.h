// Care rules (关爱规则): "at least N records of kind K per period P by the helper in role R".
// A rule is set on an organisation and holds for everything below it; a rule with the same key
// nearer to the child overrides it, and an inactive one switches it off there. Presets are the
// rhythms of the seeds (DOMAIN.md §3), to be adopted as they are or edited.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/terms/term.h"

namespace sw::domain {

struct CareRule {
  std::string id;
  std::string org_id;
  std::string org_code;  // for answers
  std::string key;       // [a-z][a-z0-9_]*: the name an override at a lower level uses
  std::vector<std::string> kinds;  // what a record must be to count: MatchNames() of care_record.h
  std::int64_t min_count = 1;
  std::string period;       // week | month | term | school_year
  std::string helper_role;  // a pairing role (main, surrogate_parent, mentor, …) or head_teacher
  bool active = true;
  std::string preset;       // the preset it came from; empty when written by hand
  std::int64_t version = 1;
  std::string updated_at;
};

// The head teacher is not paired with a child but holds the child's class (users' roles).
constexpr std::string_view kHeadTeacherRole = "head_teacher";

struct RulePreset {
  std::string name;  // three_ones, four_once, mentor, head_teacher, family_contact
  std::vector<CareRule> rules;
};

const std::vector<RulePreset>& RulePresets();
const RulePreset* FindPreset(std::string_view name);

std::span<const std::string_view> RulePeriods();

// Checks key, kinds, count, period and role, naming the first bad field.
Status ValidateRule(const CareRule& rule);

// The rules in force for an organisation, from the rules at it and above it ordered nearest
// first: per key the nearest, and only when it is active.
std::vector<CareRule> EffectiveRules(const std::vector<CareRule>& nearest_first);

// A stretch of days, both ends inclusive (YYYY-MM-DD).
struct Period {
  std::string starts_on;
  std::string ends_on;
};

// The period of kind `period` that holds `day`, kept inside the term that holds it: a month's
// task ends with the term, a school year runs from its first term's start to its last's end.
Period PeriodOf(std::string_view period, std::chrono::year_month_day day, const std::vector<Term>& county_terms);

}  // namespace sw::domain
