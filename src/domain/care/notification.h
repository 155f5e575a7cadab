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

// Where reminders go besides the in-app list (both off by default; see reminder_outbox.h).
struct ReminderChannels {
  bool email = false;
  bool webhook = false;
};

// A reminder on its way out by one channel, with all its message may say: the kind, the day
// due, whom it is for and a link to sign in — never the child's name, the signal or what was
// recorded, since a mail box or a chat group is not the app's scope check.
struct OutgoingReminder {
  std::string notification_id;
  std::string channel;         // email | webhook
  std::int64_t attempts = 0;   // this one included
  std::string claimed_until;   // as claimed; settling checks it is still ours
  std::string kind;            // must_visit | signal_raised | task_late
  std::string child_id;        // a random id, for the link only
  std::string due;             // the task's due day, YYYY-MM-DD ("" when the task is gone)
  std::string username;
  std::string email;           // the recipient's address as it is now
  bool active = true;          // the recipient's account
  std::string created_at;
};

struct NotificationPage {
  std::vector<Notification> items;
  std::int64_t unread = 0;
};

}  // namespace sw::domain
