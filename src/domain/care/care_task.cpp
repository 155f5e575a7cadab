#include "domain/care/care_task.h"

#include <algorithm>
#include <array>

#include "domain/care/care_rule.h"
#include "domain/children/field_rules.h"

namespace sw::domain {
namespace {

using namespace std::string_view_literals;

constexpr std::array kSignalTypes = {"bad_mood"sv, "unwell"sv, "grades_dropped"sv, "late_or_left_early"sv,
                                     "quarrel"sv};

bool Covers(const Pairing& pairing, const std::string& day) {
  return pairing.starts_on <= day && (pairing.open() || day <= pairing.ends_on);
}

Status CheckRange(const std::optional<std::int64_t>& value, const char* field, std::int64_t low, std::int64_t high) {
  if (value && (*value < low || *value > high)) return InvalidField(field, "out_of_range");
  return Status::Ok();
}

}  // namespace

std::string TaskState(const CareTask& task, const std::string& today) {
  if (task.status == "done") return "done";
  return task.due < today ? "late" : "open";
}

std::string WantedKind(const CareTask& task) { return task.kinds.empty() ? "any" : task.kinds.front(); }

bool RoleHolders::Held(const std::string& user_id, const std::string& role, const std::string& day,
                       const std::string& org_id) const {
  if (role == kHeadTeacherRole) {
    return std::find(head_teachers.begin(), head_teachers.end(), std::make_pair(org_id, user_id)) !=
           head_teachers.end();
  }
  return std::any_of(pairings.begin(), pairings.end(), [&](const Pairing& pairing) {
    return pairing.helper_id == user_id && pairing.role == role && Covers(pairing, day);
  });
}

std::string RoleHolders::HolderOn(const std::string& role, const std::string& org_id, const std::string& day) const {
  if (role == kHeadTeacherRole) {
    for (const auto& [org, user] : head_teachers) {
      if (org == org_id) return user;
    }
    return "";
  }
  const Pairing* ended = nullptr;
  for (const Pairing& pairing : pairings) {
    if (pairing.role != role || !Covers(pairing, day)) continue;
    if (pairing.open()) return pairing.helper_id;
    ended = &pairing;
  }
  return ended ? ended->helper_id : "";
}

bool Counts(const CareRecord& record, const CareTask& task, const RoleHolders& holders) {
  if (record.occurred_on < task.period_start) return false;
  if (task.source == "rule" && record.occurred_on > task.due) return false;  // the next period's
  if (task.source == "follow_up" && record.id == task.source_id) return false;  // not its own follow-up
  if (!task.kinds.empty()) {
    const std::vector<std::string> names = MatchNames(record);
    const bool wanted = std::any_of(names.begin(), names.end(), [&](const std::string& name) {
      return std::find(task.kinds.begin(), task.kinds.end(), name) != task.kinds.end();
    });
    if (!wanted) return false;
  }
  if (task.helper_role.empty()) return task.helper_id.empty() || record.author_id == task.helper_id;
  return holders.Held(record.author_id, task.helper_role, record.occurred_on, record.org_id);
}

std::span<const std::string_view> SignalTypes() { return kSignalTypes; }

CareSettings ResolveSettings(const std::vector<CareSettingsAt>& nearest_first) {
  CareSettings settings;
  // Walk from the farthest to the nearest, so nearer values overwrite.
  for (auto at = nearest_first.rbegin(); at != nearest_first.rend(); ++at) {
    if (at->max_children_per_helper) settings.max_children_per_helper = *at->max_children_per_helper;
    if (at->must_visit_days) settings.must_visit_days = *at->must_visit_days;
    if (at->correction_hours) settings.correction_hours = *at->correction_hours;
  }
  return settings;
}

Status ValidateSettings(const CareSettingsAt& settings) {
  if (Status max = CheckRange(settings.max_children_per_helper, "max_children_per_helper", 1, 100); !max.ok()) {
    return max;
  }
  if (Status days = CheckRange(settings.must_visit_days, "must_visit_days", 0, 30); !days.ok()) return days;
  return CheckRange(settings.correction_hours, "correction_hours", 0, 24 * 30);
}

}  // namespace sw::domain
