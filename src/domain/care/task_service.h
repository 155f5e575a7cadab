// Tasks as people ask for them: a helper's own to-do, what is open or late under an
// organisation, a child's tasks, and compliance (done ÷ due) over a term. Also the planner that
// opens each period's rule tasks for every child in care.
#pragma once

#include <map>
#include <optional>
#include <stop_token>

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/store.h"

namespace sw::domain {

struct TaskFilter {
  std::string state;  // open | late | done; empty: any
  std::string due_from, due_to;
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

// Done, late and still open among the tasks due in a term: in total, per organisation directly
// below the one asked for (by code) and per helper (by username).
struct Compliance {
  std::string org_code;
  Term term;
  TaskCounts total;
  std::map<std::string, TaskCounts> by_org;
  std::map<std::string, TaskCounts> by_helper;
};

class TaskService {
 public:
  // `channels`: where the reminders it gives are also sent (reminder_outbox.h).
  TaskService(Store& store, const Clock& clock, ReminderChannels channels = {})
      : store_(store), clock_(clock), channels_(channels) {}

  // YYYY-MM-DD in China: what "late" is measured against.
  std::string Today() const;

  // The caller's own tasks, whatever role made them theirs.
  Result<TaskPage> Mine(const TaskFilter& filter, const User& caller);
  // Every task under the organisation, for who may read its children ("care.tasks.read").
  Result<TaskPage> OfOrg(const std::string& org_code, const TaskFilter& filter, const User& caller, const Actor& actor);
  // The child's tasks, for who may read the child.
  Result<TaskPage> OfChild(const std::string& child_id, const TaskFilter& filter, const User& caller,
                           const Actor& actor);
  // Over the county's term `term_key` (empty: the current one).
  Result<Compliance> ComplianceOf(const std::string& org_code, const std::string& term_key, const User& caller,
                                  const Actor& actor);

  // Opens the rule tasks of the periods holding `day` for every child in care under `org_id`
  // (every root when empty), a batch of children per transaction; stops early when asked.
  // Returns how many children were planned.
  Result<std::int64_t> PlanUnder(const std::string& org_id, const std::string& day,
                                 std::stop_token stop = {});
  // PlanUnder for every child, once a day: nullopt when `day` was planned already (by this
  // server before a restart, or by another); the day is recorded when planning finished.
  Result<std::optional<std::int64_t>> PlanDay(const std::string& day, std::stop_token stop = {});
  // Reminds each helper of their undone tasks due from `first_due` (empty: the day before `day`)
  // to the day before `day`: those gone late since. Run by PlanDay, once a day; a task already
  // reminded of is not reminded again.
  Status RemindLate(const std::string& first_due, const std::string& day);

 private:
  Store& store_;
  const Clock& clock_;
  ReminderChannels channels_;
};

}  // namespace sw::domain
