#include "domain/care/care_planner.h"

#include <algorithm>

#include "core/random.h"

namespace sw::domain {
namespace {

bool InCare(const Child& child) { return child.status == "in_care"; }

// The day on which the task's `required`-th counted record happened; empty when not done.
std::string DoneOn(std::vector<const CareRecord*> counted, std::int64_t required) {
  if (static_cast<std::int64_t>(counted.size()) < required) return "";
  std::sort(counted.begin(), counted.end(),
            [](const CareRecord* a, const CareRecord* b) { return a->occurred_at < b->occurred_at; });
  return counted[static_cast<std::size_t>(required - 1)]->occurred_on;
}

// One task per rule in force whose role somebody holds, for the period holding `day`.
Status AddRuleTasks(Repositories& repos, const Child& child, const std::string& day, const std::string& now,
                    const RoleHolders& holders) {
  if (!InCare(child)) return Status::Ok();
  auto rules = repos.care.RulesAbove(child.org_id);
  if (!rules.ok()) return rules.status();
  const std::vector<CareRule> in_force = EffectiveRules(*rules);
  if (in_force.empty()) return Status::Ok();
  auto terms = repos.orgs.TermsOfCounty(child.county_id);
  if (!terms.ok()) return terms.status();
  const auto date = ParseDate(day);
  if (!date) return Status::InvalidArgument("day", "not a date");
  for (const CareTask& task : RuleTasksOn(child, *date, in_force, *terms, holders, now)) {
    auto inserted = repos.care.InsertTask(task);
    if (!inserted.ok()) return inserted.status();
  }
  return Status::Ok();
}

// Recount with the child's holders already loaded (for its own organisation); the head teachers
// of other organisations its records were made at are added as needed.
Status RecountWith(Repositories& repos, const Child& child, const std::string& from, const std::string& to,
                   RoleHolders& holders) {
  auto tasks = repos.care.TasksOverlapping(child.id, from, to);
  if (!tasks.ok()) return tasks.status();
  if (tasks->empty()) return Status::Ok();
  std::string first = from, last = to;
  for (const CareTask& task : *tasks) {
    first = std::min(first, task.period_start);
    last = std::max(last, task.due);
  }
  auto records = repos.care.RecordsBetween(child.id, first, last);
  if (!records.ok()) return records.status();
  std::vector<std::string> elsewhere;
  for (const CareRecord& record : *records) {
    if (record.org_id != child.org_id) elsewhere.push_back(record.org_id);
  }
  if (!elsewhere.empty()) {
    auto head_teachers = repos.care.HeadTeachers(elsewhere);
    if (!head_teachers.ok()) return head_teachers.status();
    holders.head_teachers.insert(holders.head_teachers.end(), head_teachers->begin(), head_teachers->end());
  }
  for (CareTask& task : *tasks) {
    if (!CountRecords(task, *records, holders)) continue;
    if (Status saved = repos.care.SaveProgress(task); !saved.ok()) return saved;
  }
  return Status::Ok();
}

}  // namespace

std::vector<CareTask> RuleTasksOn(const Child& child, std::chrono::year_month_day day,
                                  const std::vector<CareRule>& in_force, const std::vector<Term>& county_terms,
                                  const RoleHolders& holders, const std::string& now) {
  std::vector<CareTask> tasks;
  const std::string day_text = FormatDate(day);
  for (const CareRule& rule : in_force) {
    const std::string helper = holders.HolderOn(rule.helper_role, child.org_id, day_text);
    if (helper.empty()) continue;  // nobody to owe it: the gap shows in 不留缺口 instead
    const Period period = PeriodOf(rule.period, day, county_terms);
    // Keyed by the rule's key, so an override made in mid-period does not owe the period twice.
    tasks.push_back({.id = RandomHexId(), .child_id = child.id, .org_id = child.org_id, .source = "rule",
                     .source_id = rule.key, .name = rule.key, .kinds = rule.kinds, .helper_role = rule.helper_role,
                     .helper_id = helper, .period_start = period.starts_on, .due = period.ends_on,
                     .required = rule.min_count, .created_at = now});
  }
  return tasks;
}

CareTask MustVisitTask(const Child& child, const CareSignal& signal, std::int64_t must_visit_days,
                       const RoleHolders& holders, const std::string& today, const std::string& now) {
  const auto due = std::chrono::sys_days(*ParseDate(signal.observed_on)) + std::chrono::days(must_visit_days);
  return CareTask{.id = RandomHexId(), .child_id = child.id, .org_id = child.org_id, .source = "signal",
                  .source_id = signal.id, .name = signal.type, .kinds = {"home_visit"}, .helper_role = "main",
                  .helper_id = holders.HolderOn("main", child.org_id, today), .period_start = signal.observed_on,
                  .due = FormatDate(std::chrono::year_month_day(due)), .created_at = now};
}

bool CountRecords(CareTask& task, const std::vector<CareRecord>& records, const RoleHolders& holders) {
  std::vector<const CareRecord*> counted;
  for (const CareRecord& record : records) {
    if (Counts(record, task, holders)) counted.push_back(&record);
  }
  const std::string done_on = DoneOn(counted, task.required);
  const std::string status = done_on.empty() ? "open" : "done";
  const auto count = static_cast<std::int64_t>(counted.size());
  if (count == task.done_count && status == task.status && done_on == task.done_on) return false;
  task.done_count = count;
  task.status = status;
  task.done_on = done_on;
  return true;
}

Result<RoleHolders> LoadHolders(Repositories& repos, const Child& child) {
  RoleHolders holders;
  auto pairings = repos.pairings.OfChild(child.id);
  if (!pairings.ok()) return pairings.status();
  holders.pairings = std::move(pairings).value();
  auto head_teachers = repos.care.HeadTeachers({child.org_id});
  if (!head_teachers.ok()) return head_teachers.status();
  holders.head_teachers = std::move(head_teachers).value();
  return holders;
}

Status PlanChild(Repositories& repos, const Child& child, const std::string& day, const std::string& now) {
  auto holders = LoadHolders(repos, child);
  if (!holders.ok()) return holders.status();
  if (Status added = AddRuleTasks(repos, child, day, now, *holders); !added.ok()) return added;
  return RecountWith(repos, child, day, day, *holders);
}

Status Recount(Repositories& repos, const Child& child, const std::string& from, const std::string& to) {
  auto holders = LoadHolders(repos, child);
  if (!holders.ok()) return holders.status();
  return RecountWith(repos, child, from, to, *holders);
}

Status OnRoleTaken(Repositories& repos, const Child& child, const Pairing& pairing, const std::string& today,
                   const std::string& now) {
  if (Status handed = repos.care.HandOver(child.id, pairing.role, "", pairing.helper_id); !handed.ok()) return handed;
  return PlanChild(repos, child, std::max(today, pairing.starts_on), now);
}

Status OnRoleLeft(Repositories& repos, const Child& child, const Pairing& pairing) {
  if (Status handed = repos.care.HandOver(child.id, pairing.role, pairing.helper_id, ""); !handed.ok()) return handed;
  // The helper's own follow-ups too, unless another pairing keeps them with the child: they can
  // no longer record for it, and its name should leave their list.
  auto pairings = repos.pairings.OfChild(child.id);
  if (!pairings.ok()) return pairings.status();
  const bool still_paired = std::any_of(pairings->begin(), pairings->end(), [&](const Pairing& other) {
    return other.open() && other.helper_id == pairing.helper_id && other.id != pairing.id;
  });
  if (still_paired) return Status::Ok();
  return repos.care.HandOver(child.id, "", pairing.helper_id, "");
}

Status OnHeadTeachersChanged(Repositories& repos, const std::vector<std::string>& class_ids) {
  auto holders = repos.care.HeadTeachers(class_ids);
  if (!holders.ok()) return holders.status();
  const RoleHolders head_teachers{.pairings = {}, .head_teachers = std::move(holders).value()};
  for (const std::string& class_id : class_ids) {
    const std::string role(kHeadTeacherRole);
    const std::string holder = head_teachers.HolderOn(role, class_id, "");
    if (Status handed = repos.care.HandOverAt(class_id, role, holder); !handed.ok()) return handed;
  }
  return Status::Ok();
}

}  // namespace sw::domain
