// In-app reminders (提醒): what the server tells a user about their care work — a must-visit
// given to them, a signal raised about a child of their class, a task of theirs gone late. A
// reminder names the child only while the user may still read it (the name is looked up when
// the list is read, inside the user's scope), so an ended pairing ends what its helper is told.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sw::domain {

struct Notification {
  std::string id;
  std::string user_id;
  std::string kind;        // must_visit | signal_raised | task_late
  std::string child_id;
  std::string child_name;  // for answers; empty when the user no longer reaches the child
  std::string task_id;
  std::string detail;      // a code the page words: the signal type, the task's kind
  std::string created_at;
  std::string read_at;     // empty while unread
};

struct NotificationPage {
  std::vector<Notification> items;
  std::int64_t unread = 0;
};

}  // namespace sw::domain
