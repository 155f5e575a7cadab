// Keeping tasks true to the records: the work shared by every service that changes what a child
// is owed (records, signals, pairings, rules) and by the daily planner. These run inside the
// caller's transaction and check no access: their callers have.
#pragma once

#include <chrono>
#include <span>
#include <string>
#include <vector>

#include "domain/store.h"

namespace sw::domain {

// The rule tasks owed for the periods holding `day`: one per rule in force (EffectiveRules)
// whose role somebody holds. Stores nothing; `now` is their creation time.
std::vector<CareTask> RuleTasksOn(const Child& child, std::chrono::year_month_day day,
                                  const std::vector<CareRule>& in_force, const std::vector<Term>& county_terms,
                                  const RoleHolders& holders, const std::string& now);

// 五必访: the home visit the child's main helper owes within `must_visit_days` of the signal
// (observed_on a valid date). Stores nothing.
CareTask MustVisitTask(const Child& child, const CareSignal& signal, std::int64_t must_visit_days,
                       const RoleHolders& holders, const std::string& today, const std::string& now);

// Counts the records that meet `task` into its done_count, status and done_on. False when
// nothing changed.
bool CountRecords(CareTask& task, const std::vector<CareRecord>& records, const RoleHolders& holders);

// Who held which role for the child: its pairings, and the head teachers of its organisation.
Result<RoleHolders> LoadHolders(Repositories& repos, const Child& child);

// Adds the child's rule tasks for the periods that hold `day` — one per rule in force whose role
// somebody holds — and counts the records already made into every task of its overlapping that
// day (after a record is made or its helpers change). Planning twice adds nothing.
Status PlanChild(Repositories& repos, const Child& child, const std::string& day, const std::string& now);
// Adds the children's missing rule tasks for the periods that hold `day`, like PlanChild, and
// counts the records already made into those it adds, with a few statements for the whole batch.
// The tasks they had are left as they are: a record recounts them when it is made or changed.
Status PlanChildren(Repositories& repos, std::span<const Child> children, const std::string& day,
                    const std::string& now);

// Recounts every task of the child whose period holds a day from `from` to `to`.
Status Recount(Repositories& repos, const Child& child, const std::string& from, const std::string& to);

// A helper took up or left a role for the child: open tasks of that role pass to them, or wait
// for the next holder (today's periods are planned when taken). A helper who leaves the child
// altogether leaves their open follow-ups to whoever records care for it next.
Status OnRoleTaken(Repositories& repos, const Child& child, const Pairing& pairing, const std::string& today,
                   const std::string& now);
Status OnRoleLeft(Repositories& repos, const Child& child, const Pairing& pairing);

// The head teachers of these classes changed (a role granted or revoked, an account enabled or
// disabled): each class's open head-teacher tasks pass to its head teacher now — the first by
// username when there are several, as the planner chooses — or wait for the next one. Tasks of
// periods nobody owed yet are opened by planning the class again.
Status OnHeadTeachersChanged(Repositories& repos, const std::vector<std::string>& class_ids);

}  // namespace sw::domain
