#include "domain/care/notification_service.h"

#include "core/random.h"

namespace sw::domain {

Result<NotificationPage> NotificationService::Mine(const User& caller, bool unread_only, std::int64_t limit) {
  NotificationPage page;
  const Scope scope = ScopeFor(caller, Action::kReadChildren);
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto found = repos.notifications.Of(caller.id, scope, unread_only, limit);
    if (found.ok()) page = std::move(found).value();
    return found.status();
  });
  if (!status.ok()) return status;
  return page;
}

Status NotificationService::MarkRead(const User& caller, const std::vector<std::string>& ids) {
  return store_.Write([&](Repositories& repos) {
    return repos.notifications.MarkRead(caller.id, ids, FormatUtc(clock_.Now()));
  });
}

std::vector<Notification> RemindersOfSignal(const CareSignal& signal, const CareTask& must_visit,
                                            const std::vector<std::string>& head_teachers, const std::string& raised_by) {
  std::vector<Notification> reminders;
  auto tell = [&](const std::string& user_id, const char* kind) {
    if (user_id.empty() || user_id == raised_by) return;
    for (const Notification& given : reminders) {
      if (given.user_id == user_id) return;  // a head teacher who is also the helper hears once
    }
    reminders.push_back({.id = NewId(), .user_id = user_id, .kind = kind, .child_id = signal.child_id,
                         .task_id = must_visit.id, .detail = signal.type, .created_at = signal.created_at});
  };
  tell(must_visit.helper_id, "must_visit");
  for (const std::string& teacher : head_teachers) tell(teacher, "signal_raised");
  return reminders;
}

}  // namespace sw::domain
