// A user's own reminders (notification.h): listed, and marked read. Nobody reads another's.
#pragma once

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/store.h"

namespace sw::domain {

class NotificationService {
 public:
  NotificationService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<NotificationPage> Mine(const User& caller, bool unread_only, std::int64_t limit);
  // `ids` empty: all of them.
  Status MarkRead(const User& caller, const std::vector<std::string>& ids);

 private:
  Store& store_;
  const Clock& clock_;
};

// The reminders a signal gives: a must-visit to the helper who owes it, and word of the signal to
// the head teachers of the child's class — never to whoever raised it.
std::vector<Notification> RemindersOfSignal(const CareSignal& signal, const CareTask& must_visit,
                                            const std::vector<std::string>& head_teachers, const std::string& raised_by);

}  // namespace sw::domain
