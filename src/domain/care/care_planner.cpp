#include "domain/care/care_planner.h"

#include <algorithm>

#include "core/random.h"

namespace sw::domain {
namespace {

bool InCare(const Child& child) { return child.status == "in_care"; }

// The holder of `role` on `day`: the pairing covering it (an open one first), or the head
// teacher of the child's organisation.
std::string HolderOn(const RoleHolders& holders, const std::string& role, const Child& child, const std::string& day) {
  std::string current = holders.CurrentHolder(role, child.org_id, day);
  if (!current.empty() || role == kHeadTeacherRole) return current;
  for (const Pairing& pairing : holders.pairings) {
    if (pairing.role == role && pairing.starts_on <= day && day <= pairing.ends_on) return pairing.helper_id;
  }
  return "";
}

// The day on which the task's `required`-th counted record happened; empty when not done.
std::string DoneOn(std::vector<const CareRecord*> counted, std::int64_t required) {
  if (static_cast<std::int64_t>(counted.size()) < required) return "";
  std::sort(counted.begin(), counted.end(),
            [](const CareRecord* a, const CareRecord* b) { return a->occurred_at < b->occurred_at; });
  return counted[static_cast<std::size_t>(required - 1)]->occurred_on;
}

// One task per rule in force whose role somebody holds, for the period holding `day`.
Status AddRuleTasks(Repositories& repos, const Child& child, const std::string& day, const std::string& now) {
  if (!InCare(child)) return Status::Ok();
  auto rules = repos.care.RulesAbove(child.org_id);
  if (!rules.ok()) return rules.status();
  const std::vector<CareRule> in_force = EffectiveRules(*rules);
  if (in_force.empty()) return Status::Ok();
  auto terms = repos.orgs.TermsOfCounty(child.county_id);
  if (!terms.ok()) return terms.status();
  auto holders = LoadHolders(repos, child);
  if (!holders.ok()) return holders.status();
  const auto date = ParseDate(day);
  if (!date) return Status::InvalidArgument("day", "not a date");
  for (const CareRule& rule : in_force) {
    const std::string helper = HolderOn(*holders, rule.helper_role, child, day);
    if (helper.empty()) continue;  // nobody to owe it: the gap shows in 不留缺口 instead
    const Period period = PeriodOf(rule.period, *date, *terms);
    // Keyed by the rule's key, so an override made in mid-period does not owe the period twice.
    CareTask task{.id = RandomHexId(), .child_id = child.id, .org_id = child.org_id, .source = "rule",
                  .source_id = rule.key, .name = rule.key, .kinds = rule.kinds, .helper_role = rule.helper_role,
                  .helper_id = helper, .period_start = period.starts_on, .due = period.ends_on,
                  .required = rule.min_count, .created_at = now};
    auto inserted = repos.care.InsertTask(task);
    if (!inserted.ok()) return inserted.status();
  }
  return Status::Ok();
}

}  // namespace

Result<RoleHolders> LoadHolders(Repositories& repos, const Child& child, std::vector<std::string> more_org_ids) {
  RoleHolders holders;
  auto pairings = repos.pairings.OfChild(child.id);
  if (!pairings.ok()) return pairings.status();
  holders.pairings = std::move(pairings).value();
  more_org_ids.push_back(child.org_id);
  std::sort(more_org_ids.begin(), more_org_ids.end());
  more_org_ids.erase(std::unique(more_org_ids.begin(), more_org_ids.end()), more_org_ids.end());
  auto head_teachers = repos.care.HeadTeachers(more_org_ids);
  if (!head_teachers.ok()) return head_teachers.status();
  holders.head_teachers = std::move(head_teachers).value();
  return holders;
}

Status PlanChild(Repositories& repos, const Child& child, const std::string& day, const std::string& now) {
  if (Status added = AddRuleTasks(repos, child, day, now); !added.ok()) return added;
  return Recount(repos, child, day, day);
}

Status Recount(Repositories& repos, const Child& child, const std::string& from, const std::string& to) {
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
  std::vector<std::string> record_orgs;
  for (const CareRecord& record : *records) record_orgs.push_back(record.org_id);
  auto holders = LoadHolders(repos, child, record_orgs);
  if (!holders.ok()) return holders.status();
  for (CareTask& task : *tasks) {
    std::vector<const CareRecord*> counted;
    for (const CareRecord& record : *records) {
      if (Counts(record, task, *holders)) counted.push_back(&record);
    }
    const std::string done_on = DoneOn(counted, task.required);
    const std::string status = done_on.empty() ? "open" : "done";
    const auto count = static_cast<std::int64_t>(counted.size());
    if (count == task.done_count && status == task.status && done_on == task.done_on) continue;
    task.done_count = count;
    task.status = status;
    task.done_on = done_on;
    if (Status saved = repos.care.SaveProgress(task); !saved.ok()) return saved;
  }
  return Status::Ok();
}

Status OnRoleTaken(Repositories& repos, const Child& child, const Pairing& pairing, const std::string& today,
                   const std::string& now) {
  if (Status handed = repos.care.HandOver(child.id, pairing.role, "", pairing.helper_id); !handed.ok()) return handed;
  return PlanChild(repos, child, std::max(today, pairing.starts_on), now);
}

Status OnRoleLeft(Repositories& repos, const Child& child, const Pairing& pairing) {
  return repos.care.HandOver(child.id, pairing.role, pairing.helper_id, "");
}

}  // namespace sw::domain
