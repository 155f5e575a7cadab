#include "domain/care/task_service.h"

#include "core/random.h"
#include "domain/access/in_scope.h"
#include "domain/care/care_planner.h"

namespace sw::domain {
namespace {

constexpr std::int64_t kPlanBatch = 200;
// Helpers whose late tasks one transaction reminds them of.
constexpr std::int64_t kRemindHelpers = 500;

TaskQuery QueryOf(const TaskFilter& filter, const std::string& today) {
  return TaskQuery{.state = filter.state, .today = today, .due_from = filter.due_from, .due_to = filter.due_to,
                   .offset = filter.offset, .limit = filter.limit};
}

// The term `key` of the organisation's county, or the one holding `today`.
Result<Term> TermOf(Repositories& repos, const Org& org, const std::string& key, const std::string& today) {
  const std::string county = org.kind == OrgKind::kCounty ? org.id : org.county_id;
  std::vector<Term> terms;
  if (!county.empty()) {
    auto found = repos.orgs.TermsOfCounty(county);
    if (!found.ok()) return found.status();
    terms = std::move(found).value();
  }
  const Term current = CurrentTerm(terms, *ParseDate(today));
  if (key.empty() || key == current.key) return current;
  for (const Term& term : terms) {
    if (term.key == key) return term;
  }
  // The national calendar's term of that key, when the county has not set its own.
  const std::string name = TermNameForKey(key);
  if (name.empty()) return Status::InvalidArgument("term", "unknown term").WithReason("invalid_term");
  const int first_year = std::stoi(key.substr(0, 4));
  const auto starts = key.back() == '1' ? std::chrono::year{first_year} / std::chrono::September / 1
                                        : std::chrono::year{first_year + 1} / std::chrono::February / 1;
  return DefaultTermOn(starts);
}

}  // namespace

std::string TaskService::Today() const { return FormatDate(clock_.Today()); }

Result<TaskPage> TaskService::Mine(const TaskFilter& filter, const User& caller) {
  TaskQuery query = QueryOf(filter, Today());
  query.helper_id = caller.id;
  TaskPage page;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto found = repos.care.Tasks(query);
    if (found.ok()) page = std::move(found).value();
    return found.status();
  });
  if (!status.ok()) return status;
  return page;
}

Result<TaskPage> TaskService::OfOrg(const std::string& org_code, const TaskFilter& filter, const User& caller,
                                    const Actor& actor) {
  TaskPage page;
  Status status = OnOrgInScope(store_, clock_, actor, org_code, ScopeFor(caller, Action::kReadChildren), Access::kRead,
                               [&](const Org& org, Repositories& repos) -> Status {
                                 TaskQuery query = QueryOf(filter, Today());
                                 query.org_id = org.id;
                                 auto found = repos.care.Tasks(query);
                                 if (found.ok()) page = std::move(found).value();
                                 return found.status();
                               });
  if (!status.ok()) return status;
  return page;
}

Result<TaskPage> TaskService::OfChild(const std::string& child_id, const TaskFilter& filter, const User& caller,
                                      const Actor& actor) {
  TaskPage page;
  Status status = OnChildInScope(store_, clock_, actor, child_id, ScopeFor(caller, Action::kReadChildren),
                                 Access::kRead, [&](const Child& child, Repositories& repos) -> Status {
                                   TaskQuery query = QueryOf(filter, Today());
                                   query.child_id = child.id;
                                   auto found = repos.care.Tasks(query);
                                   if (found.ok()) page = std::move(found).value();
                                   return found.status();
                                 });
  if (!status.ok()) return status;
  return page;
}

Result<Compliance> TaskService::ComplianceOf(const std::string& org_code, const std::string& term_key,
                                             const User& caller, const Actor& actor) {
  Compliance compliance;
  const std::string today = Today();
  Status status = OnOrgInScope(store_, clock_, actor, org_code, ScopeFor(caller, Action::kReadChildren), Access::kRead,
                               [&](const Org& org, Repositories& repos) -> Status {
                                 auto term = TermOf(repos, org, term_key, today);
                                 if (!term.ok()) return term.status();
                                 compliance.org_code = org.code;
                                 compliance.term = *term;
                                 const TaskQuery query{.org_id = org.id, .today = today,
                                                       .due_from = FormatDate(term->starts_on),
                                                       .due_to = FormatDate(term->ends_on)};
                                 auto total = repos.care.CountTasks(query, "");
                                 if (!total.ok()) return total.status();
                                 compliance.total = (*total)[""];
                                 auto by_org = repos.care.CountTasks(query, "org");
                                 if (!by_org.ok()) return by_org.status();
                                 compliance.by_org = std::move(by_org).value();
                                 auto by_helper = repos.care.CountTasks(query, "helper");
                                 if (!by_helper.ok()) return by_helper.status();
                                 compliance.by_helper = std::move(by_helper).value();
                                 return Status::Ok();
                               });
  if (!status.ok()) return status;
  return compliance;
}

Result<std::int64_t> TaskService::PlanUnder(const std::string& org_id, const std::string& day, std::stop_token stop) {
  std::vector<std::string> roots;
  if (!org_id.empty()) roots.push_back(org_id);
  Status listed = org_id.empty() ? store_.Read([&](Repositories& repos) -> Status {
    auto found = repos.orgs.Roots();
    if (!found.ok()) return found.status();
    for (const Org& root : *found) roots.push_back(root.id);
    return Status::Ok();
  }) : Status::Ok();
  if (!listed.ok()) return listed;
  std::int64_t planned = 0;
  for (const std::string& root : roots) {
    ChildCursor after;
    for (bool more = true; more && !stop.stop_requested();) {
      // Set only once the batch is stored: a Write tried again must not skip or count twice.
      ChildCursor last;
      std::int64_t count = 0;
      Status batch = store_.Write([&](Repositories& repos) -> Status {
        auto children = repos.children.Under(root, after, kPlanBatch);
        if (!children.ok()) return children.status();
        const std::string now = FormatUtc(clock_.Now());
        if (Status done = PlanChildren(repos, *children, day, now); !done.ok()) return done;
        count = static_cast<std::int64_t>(children->size());
        if (count > 0) last = ChildCursor::After(children->back());
        return Status::Ok();
      });
      if (!batch.ok()) return batch;
      more = count == kPlanBatch;
      after = last;
      planned += count;
    }
  }
  return planned;
}

Result<std::optional<std::int64_t>> TaskService::PlanDay(const std::string& day, std::stop_token stop) {
  std::string planned_on;
  Status read = store_.Read([&](Repositories& repos) -> Status {
    auto found = repos.care.PlannedOn();
    if (found.ok()) planned_on = *found;
    return found.status();
  });
  if (!read.ok()) return read;
  if (planned_on >= day) return std::optional<std::int64_t>();
  auto planned = PlanUnder("", day, stop);
  if (!planned.ok()) return planned.status();
  if (stop.stop_requested()) return std::optional<std::int64_t>();  // unfinished: the next start goes on
  // Tasks due since the last day planned went late meanwhile (days the server was off included).
  if (Status told = RemindLate(planned_on, day); !told.ok()) return told;
  Status recorded = store_.Write([&](Repositories& repos) {
    return repos.care.SetPlannedOn(day, FormatUtc(clock_.Now()));
  });
  if (!recorded.ok()) return recorded;
  return std::optional<std::int64_t>(*planned);
}

Status TaskService::RemindLate(const std::string& first_due, const std::string& day) {
  const auto today = ParseDate(day);
  if (!today) return Status::InvalidArgument("day", "a date");
  const std::string yesterday = FormatDate(std::chrono::year_month_day(std::chrono::sys_days(*today) - std::chrono::days(1)));
  const std::string from = first_due.empty() ? yesterday : first_due;
  const std::string now = FormatUtc(clock_.Now());
  // Helper by helper, a batch a transaction: at the end of a term a province has millions of
  // tasks gone late, too many to page through by offset or to hold writers back for.
  std::string after;
  for (bool more = true; more;) {
    std::string last = after;  // set only once the batch is stored, as in PlanUnder
    Status batch = store_.Write([&](Repositories& repos) -> Status {
      auto helpers = repos.users.IdsAfter(after, kRemindHelpers);
      if (!helpers.ok()) return helpers.status();
      more = static_cast<std::int64_t>(helpers->size()) == kRemindHelpers;
      if (!helpers->empty()) last = helpers->back();
      auto late = repos.care.OpenTasksOf(*helpers, from, yesterday);
      if (!late.ok()) return late.status();
      std::vector<Notification> reminders;
      for (const CareTask& task : *late) {
        reminders.push_back({.id = NewId(), .user_id = task.helper_id, .kind = "task_late",
                             .child_id = task.child_id, .task_id = task.id, .detail = WantedKind(task),
                             .created_at = now});
      }
      return repos.notifications.Add(reminders, channels_);
    });
    if (!batch.ok()) return batch;
    after = last;
  }
  return Status::Ok();
}

}  // namespace sw::domain
