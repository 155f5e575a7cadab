#include "domain/children/promotion_service.h"

#include <algorithm>

#include "domain/access/denial.h"
#include "domain/children/child_history.h"
#include "domain/orgs/org_service.h"
#include "domain/terms/term.h"

namespace sw::domain {
namespace {

constexpr std::int64_t kBatch = 500;
constexpr std::int64_t kTopOfSchool = 12;

bool MayPromote(OrgKind kind) {
  return kind != OrgKind::kClass && kind != OrgKind::kVillage && kind != OrgKind::kCommunity;
}

std::int64_t EndOfStage(std::int64_t grade) { return grade <= 6 ? 6 : grade <= 9 ? 9 : kTopOfSchool; }

// Promotions from March on lead into the school year that starts in September of this year;
// in January and February the year under way is meant.
std::int64_t IntoYear(std::chrono::year_month_day today) {
  const int year = static_cast<int>(today.year());
  return today.month() >= std::chrono::March ? year : year - 1;
}

// Calls `visit` with every child still at school under `org_id` and the school it attends.
Status ForEachPupil(Repositories& repos, const std::string& org_id,
                    const std::function<Status(Child&, const Org&)>& visit) {
  std::map<std::string, Org> school_of;  // the child's organisation → its school
  ChildCursor after;
  for (;;) {
    auto batch = repos.children.Under(org_id, after, kBatch);
    if (!batch.ok()) return batch.status();
    for (Child& child : *batch) {
      if (!StillAtSchool(child)) continue;
      auto school = school_of.find(child.org_id);
      if (school == school_of.end()) {
        auto found = SchoolOf(repos, child.org_id);
        if (!found.ok()) return found.status();
        school = school_of.emplace(child.org_id, *found).first;
      }
      if (Status visited = visit(child, school->second); !visited.ok()) return visited;
    }
    if (static_cast<std::int64_t>(batch->size()) < kBatch) return Status::Ok();
    after = ChildCursor::After(batch->back());
  }
}

PromotionSchool& SchoolIn(PromotionPlan& plan, const Org& school) {
  for (PromotionSchool& entry : plan.schools) {
    if (entry.school.id == school.id) return entry;
  }
  return plan.schools.emplace_back(PromotionSchool{.school = school, .top_grade = 0, .by_grade = {}});
}

std::int64_t TopGradeOf(const PromotionPlan& plan, const Org& school) {
  for (const PromotionSchool& entry : plan.schools) {
    if (entry.school.id == school.id) return entry.top_grade;
  }
  return kTopOfSchool;
}

}  // namespace

Result<PromotionPlan> PromotionService::Plan(Repositories& repos, const Org& org, const TopGrades& top_grades) {
  PromotionPlan plan{.org = org, .into_year = IntoYear(clock_.Today())};
  auto done = repos.children.PromotedInto(org.id, plan.into_year);
  if (!done.ok()) return done.status();
  plan.already_promoted_at = done->value_or("");
  Status scanned = ForEachPupil(repos, org.id, [&](Child& child, const Org& school) {
    if (!child.grade) {
      plan.without_grade.push_back(child);
    } else {
      ++SchoolIn(plan, school).by_grade[*child.grade];
    }
    return Status::Ok();
  });
  if (!scanned.ok()) return scanned;
  for (PromotionSchool& school : plan.schools) {
    auto chosen = top_grades.find(school.school.code);
    school.top_grade = chosen != top_grades.end() ? chosen->second : EndOfStage(school.by_grade.rbegin()->first);
    for (const auto& [grade, children] : school.by_grade) {
      (grade >= school.top_grade ? plan.graduating : plan.promoted) += children;
    }
  }
  std::sort(plan.schools.begin(), plan.schools.end(),
            [](const PromotionSchool& a, const PromotionSchool& b) { return a.school.code < b.school.code; });
  return plan;
}

Status PromotionService::Run(const std::string& org_code, const User& caller, const Actor& actor,
                             const std::function<Status(const Org&, Repositories&)>& work) {
  const Scope scope = ScopeFor(caller, Action::kWriteChildren);
  if (scope.empty()) return Deny(store_, clock_, actor, "org", org_code, Status::PermissionDenied("forbidden"));
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto org = repos.orgs.FindByCodeInScope(org_code, scope);
    if (!org.ok()) return org.status();
    if (!*org) return Status::NotFound("no organisation " + org_code + " in reach");
    if (!MayPromote((*org)->kind)) {
      return Status::InvalidArgument("org", "a school or above").WithReason("promotion_org_kind");
    }
    return work(**org, repos);
  });
  if (status.code() != StatusCode::kNotFound) return status;
  return Deny(store_, clock_, actor, "org", org_code, std::move(status));
}

Result<PromotionPlan> PromotionService::Preview(const std::string& org_code, const TopGrades& top_grades,
                                                const User& caller, const Actor& actor) {
  std::optional<PromotionPlan> plan;
  Status status = Run(org_code, caller, actor, [&](const Org& org, Repositories& repos) {
    auto planned = Plan(repos, org, top_grades);
    if (planned.ok()) plan = std::move(planned).value();
    return planned.status();
  });
  if (!status.ok()) return status;
  return *plan;
}

Result<PromotionPlan> PromotionService::Commit(const std::string& org_code, std::int64_t into_year,
                                               const TopGrades& top_grades, const User& caller, const Actor& actor) {
  std::optional<PromotionPlan> plan;
  Status status = Run(org_code, caller, actor, [&](const Org& org, Repositories& repos) -> Status {
    auto planned = Plan(repos, org, top_grades);
    if (!planned.ok()) return planned.status();
    if (planned->into_year != into_year) {
      return Status::InvalidArgument("into_year", "not this year's").WithReason("promotion_year_mismatch");
    }
    if (!planned->already_promoted_at.empty()) {
      return Status::Conflict(planned->already_promoted_at).WithReason("already_promoted");
    }
    const std::string now = FormatUtc(clock_.Now());
    const std::string today = FormatDate(clock_.Today());
    Status moved = ForEachPupil(repos, org.id, [&](Child& child, const Org& school) -> Status {
      if (!child.grade) return Status::Ok();
      const Child before = child;
      if (*child.grade >= TopGradeOf(*planned, school)) {
        child.status = "graduated";
        child.status_reason = "学年升级毕业（" + std::to_string(into_year) + "）";
        child.status_date = today;
      } else {
        child.grade = *child.grade + 1;
      }
      child.updated_at = now;
      if (Status updated = repos.children.Update(child); !updated.ok()) return updated;
      return repos.children.AddHistory(ChildDifferences(before, child, now, actor.user_id));
    });
    if (!moved.ok()) return moved;
    Status recorded = repos.children.RecordPromotion(
        {org.id, into_year, now, actor.user_id, planned->promoted, planned->graduating});
    if (!recorded.ok()) return recorded;
    plan = std::move(planned).value();
    return repos.audit.Append({.at = now, .actor = actor, .action = "children.promote", .object_type = "org",
                               .object_id = org.id});
  });
  if (!status.ok()) return status;
  return *plan;
}

}  // namespace sw::domain
