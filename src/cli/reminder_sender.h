// The server's sender thread, started only when reminders go out by e-mail or webhook: every
// poll interval it sends what the outbox has due (domain/care/reminder_outbox.h). Stops when the
// server does; a send in flight finishes first (curl's own timeouts bound it).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "domain/care/reminder_outbox.h"

namespace sw::cli {

class ReminderSender {
 public:
  ReminderSender(domain::ReminderOutbox& outbox, std::chrono::seconds poll);
  ~ReminderSender();
  ReminderSender(const ReminderSender&) = delete;
  ReminderSender& operator=(const ReminderSender&) = delete;

 private:
  void Run(std::stop_token stop);

  domain::ReminderOutbox& outbox_;
  std::chrono::seconds poll_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: starts once the rest exists
};

}  // namespace sw::cli
