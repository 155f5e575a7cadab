// Year-end handover (学年升级): every child still at school in a subtree moves up one grade in
// one action, and the top grade of each school graduates. A preview shows what will happen; the
// commit does it in one transaction, keeps every change in the children's history, and is
// recorded so that the same school year is never promoted twice.
#pragma once

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/store.h"

namespace sw::domain {

struct PromotionSchool {
  Org school;
  std::int64_t top_grade = 0;                       // its children in this grade graduate
  std::map<std::int64_t, std::int64_t> by_grade;    // this year's grade → children
};

struct PromotionPlan {
  Org org;
  std::int64_t into_year = 0;       // the school year that begins: 2027 for 2027–2028
  std::string already_promoted_at;  // an organisation at, above or below `org` promoted into it
  std::vector<PromotionSchool> schools;
  std::vector<Child> without_grade;  // not moved: the grade must be filled in first
  std::int64_t promoted = 0;
  std::int64_t graduating = 0;
};

// A school's top grade, by default the end of the stage of the highest grade it holds: 6 for a
// primary school, 9 for a junior or nine-year school, 12 above. `top_grades` (school code →
// grade) overrides it, e.g. for a nine-year school with no junior classes yet.
using TopGrades = std::map<std::string, std::int64_t>;

class PromotionService {
 public:
  PromotionService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Needs kWriteChildren over `org_code`, a school or an organisation above schools.
  Result<PromotionPlan> Preview(const std::string& org_code, const TopGrades& top_grades, const User& caller,
                                const Actor& actor);
  // Promotes as Preview shows; `into_year` must be the plan's (a preview from last year is not
  // committed by mistake). Conflict already_promoted when that year is done here, above or below.
  // Audited as "children.promote".
  Result<PromotionPlan> Commit(const std::string& org_code, std::int64_t into_year, const TopGrades& top_grades,
                               const User& caller, const Actor& actor);

 private:
  Result<PromotionPlan> Plan(Repositories& repos, const Org& org, const TopGrades& top_grades);
  Status Run(const std::string& org_code, const User& caller, const Actor& actor,
             const std::function<Status(const Org&, Repositories&)>& work);

  Store& store_;
  const Clock& clock_;
};

}  // namespace sw::domain
