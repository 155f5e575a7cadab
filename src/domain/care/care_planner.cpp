#include "domain/care/care_planner.h"

#include <algorithm>
#include <span>
#include <unordered_map>

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

std::vector<std::string> IdsOf(std::span<const Child> children) {
  std::vector<std::string> ids;
  ids.reserve(children.size());
  for (const Child& child : children) ids.push_back(child.id);
  return ids;
}

// The value kept under `key`, loaded the first time it is asked for.
template <typename Value, typename Load>
Result<const Value*> Remembered(std::unordered_map<std::string, Value>& memo, const std::string& key, Load load) {
  if (auto found = memo.find(key); found != memo.end()) return &found->second;
  auto loaded = load();
  if (!loaded.ok()) return loaded.status();
  return &memo.emplace(key, std::move(loaded).value()).first->second;
}

using TasksByChild = std::unordered_map<std::string, std::vector<CareTask>>;

// What planning and counting work on for a batch of children, by child id. Read with a statement
// or two for the whole batch: the daily planner goes through every child of the province.
struct Batch {
  std::unordered_map<std::string, RoleHolders> holders;
  TasksByChild tasks;  // those the children had
  TasksByChild added;  // the rule tasks planning added
};

Result<std::unordered_map<std::string, RoleHolders>> LoadHoldersOf(Repositories& repos,
                                                                    std::span<const Child> children) {
  std::unordered_map<std::string, RoleHolders> holders;
  std::vector<std::string> org_ids;
  for (const Child& child : children) {
    holders[child.id];
    if (std::find(org_ids.begin(), org_ids.end(), child.org_id) == org_ids.end()) org_ids.push_back(child.org_id);
  }
  auto pairings = repos.pairings.OfChildren(IdsOf(children));
  if (!pairings.ok()) return pairings.status();
  for (Pairing& pairing : *pairings) holders[pairing.child_id].pairings.push_back(std::move(pairing));
  auto head_teachers = repos.care.HeadTeachers(org_ids);
  if (!head_teachers.ok()) return head_teachers.status();
  for (const Child& child : children) {
    for (const auto& held : *head_teachers) {
      if (held.first == child.org_id) holders[child.id].head_teachers.push_back(held);
    }
  }
  return holders;
}

// The children's holders and their tasks whose periods overlap `from`–`to`.
Result<Batch> LoadBatch(Repositories& repos, std::span<const Child> children, const std::string& from,
                        const std::string& to) {
  Batch batch;
  auto holders = LoadHoldersOf(repos, children);
  if (!holders.ok()) return holders.status();
  batch.holders = std::move(holders).value();
  auto tasks = repos.care.TasksOverlapping(IdsOf(children), from, to);
  if (!tasks.ok()) return tasks.status();
  for (CareTask& task : *tasks) batch.tasks[task.child_id].push_back(std::move(task));
  return batch;
}

bool Has(const std::vector<CareTask>& tasks, const CareTask& wanted) {
  return std::any_of(tasks.begin(), tasks.end(), [&](const CareTask& task) {
    return task.source == wanted.source && task.source_id == wanted.source_id &&
           task.period_start == wanted.period_start;
  });
}

// Adds each child's tasks per rule in force whose role somebody holds, for the periods holding
// `day`, that the batch does not have yet, to the batch's `added`. The rules and terms are read
// once per organisation and county.
Status AddRuleTasks(Repositories& repos, std::span<const Child> children, const std::string& day,
                    const std::string& now, Batch& batch) {
  const auto date = ParseDate(day);
  if (!date) return Status::InvalidArgument("day", "not a date");
  std::unordered_map<std::string, std::vector<CareRule>> in_force_at;  // by organisation
  std::unordered_map<std::string, std::vector<Term>> terms_of;         // by county
  for (const Child& child : children) {
    if (!InCare(child)) continue;
    auto in_force = Remembered(in_force_at, child.org_id, [&]() -> Result<std::vector<CareRule>> {
      auto rules = repos.care.RulesAbove(child.org_id);
      if (!rules.ok()) return rules.status();
      return EffectiveRules(*rules);
    });
    if (!in_force.ok()) return in_force.status();
    if ((*in_force)->empty()) continue;
    auto terms = Remembered(terms_of, child.county_id, [&] { return repos.orgs.TermsOfCounty(child.county_id); });
    if (!terms.ok()) return terms.status();
    const std::vector<CareTask>& had = batch.tasks[child.id];
    for (CareTask& task : RuleTasksOn(child, *date, **in_force, **terms, batch.holders[child.id], now)) {
      if (Has(had, task)) continue;
      auto inserted = repos.care.InsertTask(task);
      if (!inserted.ok()) return inserted.status();
      if (*inserted) batch.added[child.id].push_back(std::move(task));  // else another writer added it, and counted it
    }
  }
  return Status::Ok();
}

// The children's batch for `day`, with the rule tasks it was missing added.
Result<Batch> PlanBatch(Repositories& repos, std::span<const Child> children, const std::string& day,
                        const std::string& now) {
  auto batch = LoadBatch(repos, children, day, day);
  if (!batch.ok()) return batch.status();
  if (Status added = AddRuleTasks(repos, children, day, now, *batch); !added.ok()) return added;
  return batch;
}

// Counts each child's records into its `tasks`, reading the records from `from` (or the tasks'
// earliest start) to `to` (or their last due day), and saves the tasks whose progress changed.
// Head teachers of the other organisations a child's records were made at join its holders.
Status CountInto(Repositories& repos, std::span<const Child> children, const std::string& from,
                 const std::string& to, TasksByChild& tasks_of, Batch& batch) {
  std::unordered_map<std::string, std::pair<std::string, std::string>> stretch_of;  // by child
  std::vector<std::string> ids;
  std::string first = from, last = to;
  for (const auto& [child_id, tasks] : tasks_of) {
    if (tasks.empty()) continue;
    auto& [child_first, child_last] = stretch_of[child_id] = {from, to};
    for (const CareTask& task : tasks) {
      child_first = std::min(child_first, task.period_start);
      child_last = std::max(child_last, task.due);
    }
    first = std::min(first, child_first);
    last = std::max(last, child_last);
    ids.push_back(child_id);
  }
  if (ids.empty()) return Status::Ok();
  auto records = repos.care.RecordsBetween(ids, first, last);
  if (!records.ok()) return records.status();
  std::unordered_map<std::string, std::string> org_of;  // by child
  for (const Child& child : children) org_of[child.id] = child.org_id;
  std::unordered_map<std::string, std::vector<CareRecord>> records_of;  // by child, within its own stretch
  std::vector<std::string> elsewhere;
  for (CareRecord& record : *records) {
    const auto& [child_first, child_last] = stretch_of[record.child_id];
    if (record.occurred_on < child_first || record.occurred_on > child_last) continue;
    if (record.org_id != org_of[record.child_id]) elsewhere.push_back(record.org_id);
    records_of[record.child_id].push_back(std::move(record));
  }
  if (!elsewhere.empty()) {
    std::sort(elsewhere.begin(), elsewhere.end());
    elsewhere.erase(std::unique(elsewhere.begin(), elsewhere.end()), elsewhere.end());
    auto head_teachers = repos.care.HeadTeachers(elsewhere);
    if (!head_teachers.ok()) return head_teachers.status();
    // Matched by organisation, so a head teacher of an organisation a child never recorded at is inert.
    for (auto& [child_id, holders] : batch.holders) {
      holders.head_teachers.insert(holders.head_teachers.end(), head_teachers->begin(), head_teachers->end());
    }
  }
  for (auto& [child_id, tasks] : tasks_of) {
    for (CareTask& task : tasks) {
      if (!CountRecords(task, records_of[child_id], batch.holders[child_id])) continue;
      if (Status saved = repos.care.SaveProgress(task); !saved.ok()) return saved;
    }
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
    tasks.push_back({.id = NewId(), .child_id = child.id, .org_id = child.org_id, .source = "rule",
                     .source_id = rule.key, .name = rule.key, .kinds = rule.kinds, .helper_role = rule.helper_role,
                     .helper_id = helper, .period_start = period.starts_on, .due = period.ends_on,
                     .required = rule.min_count, .created_at = now});
  }
  return tasks;
}

CareTask MustVisitTask(const Child& child, const CareSignal& signal, std::int64_t must_visit_days,
                       const RoleHolders& holders, const std::string& today, const std::string& now) {
  const auto due = std::chrono::sys_days(*ParseDate(signal.observed_on)) + std::chrono::days(must_visit_days);
  return CareTask{.id = NewId(), .child_id = child.id, .org_id = child.org_id, .source = "signal",
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
  auto holders = LoadHoldersOf(repos, std::span(&child, 1));
  if (!holders.ok()) return holders.status();
  return std::move((*holders)[child.id]);
}

Status PlanChildren(Repositories& repos, std::span<const Child> children, const std::string& day,
                    const std::string& now) {
  auto batch = PlanBatch(repos, children, day, now);
  if (!batch.ok()) return batch.status();
  return CountInto(repos, children, day, day, batch->added, *batch);
}

Status PlanChild(Repositories& repos, const Child& child, const std::string& day, const std::string& now) {
  const std::span children(&child, 1);
  auto batch = PlanBatch(repos, children, day, now);
  if (!batch.ok()) return batch.status();
  std::vector<CareTask>& tasks = batch->tasks[child.id];
  for (CareTask& task : batch->added[child.id]) tasks.push_back(std::move(task));
  return CountInto(repos, children, day, day, batch->tasks, *batch);
}

Status Recount(Repositories& repos, const Child& child, const std::string& from, const std::string& to) {
  const std::span children(&child, 1);
  auto batch = LoadBatch(repos, children, from, to);
  if (!batch.ok()) return batch.status();
  return CountInto(repos, children, from, to, batch->tasks, *batch);
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
