#include "domain/care/care_access.h"

#include "domain/access/denial.h"
#include "domain/access/in_scope.h"

namespace sw::domain {

Status RecordingCare(Store& store, const Clock& clock, const std::string& child_id, const std::string& kind,
                     const User& caller, const Actor& actor,
                     const std::function<Status(const Child&, Repositories&)>& work) {
  if (!IsCounselling(kind)) {
    return OnChildInScope(store, clock, actor, child_id, ScopeFor(caller, Action::kRecordCare), Access::kWrite, work);
  }
  const Scope counselling = ScopeFor(caller, Action::kReadCounselling);
  if (counselling.empty()) {
    return Deny(store, clock, actor, "child", child_id,
                Status::PermissionDenied("counsellors only").WithReason("counsellors_only"));
  }
  return OnChildInScope(store, clock, actor, child_id, counselling, Access::kWrite, work);
}

Status ReadingCare(Store& store, const Clock& clock, const std::string& child_id, const User& caller,
                   const Actor& actor,
                   const std::function<Status(const Child&, bool counselling, Repositories&)>& work) {
  const Scope counselling = ScopeFor(caller, Action::kReadCounselling);
  return OnChildInScope(store, clock, actor, child_id, ScopeFor(caller, Action::kReadChildren), Access::kWrite,
                        [&](const Child& child, Repositories& repos) -> Status {
                          bool sees_counselling = false;
                          if (!counselling.empty()) {
                            auto reached = repos.children.FindInScope(child.id, counselling);
                            if (!reached.ok()) return reached.status();
                            sees_counselling = reached->has_value();
                          }
                          return work(child, sees_counselling, repos);
                        });
}

Result<CareSettings> SettingsAt(Repositories& repos, const std::string& org_id) {
  auto settings = repos.care.SettingsAbove(org_id);
  if (!settings.ok()) return settings.status();
  return ResolveSettings(*settings);
}

TimePoint EditableUntil(const CareRecord& record, const CareSettings& settings) {
  return ParseUtc(record.created_at).value_or(TimePoint{}) + std::chrono::hours(settings.correction_hours);
}

Status MayRewrite(const CareRecord& record, const User& caller, const CareSettings& settings, TimePoint now) {
  if (record.author_id != caller.id) return Status::PermissionDenied("not the author").WithReason("not_author");
  if (now >= EditableUntil(record, settings)) {
    return Status::Conflict("the correction window has closed").WithReason("correction_window_closed");
  }
  return Status::Ok();
}

}  // namespace sw::domain
