// Reminders sent beyond the app (off unless the server is given a mail server or a webhook): each
// reminder given is put in the outbox in the same transaction (NotificationRepository::Add), and
// ReminderOutbox sends what is due — claimed first, so two servers never send one twice at once —
// trying again after 1, 2, 4 … times the first wait, then giving up with the last error kept.
// A recipient whose account is disabled, or who no longer has an address, is not sent to.
#pragma once

#include <chrono>
#include <stop_token>

#include "core/clock.h"
#include "domain/store.h"

namespace sw::domain {

class ReminderTransport {
 public:
  virtual ~ReminderTransport() = default;
  // Delivers the message by its channel. An error's text is kept in the outbox: it must say what
  // went wrong without any personal data.
  virtual Status Send(const OutgoingReminder& message) = 0;
};

struct RetryPolicy {
  std::chrono::seconds first_wait{60};
  int max_attempts = 8;
  std::chrono::seconds longest_wait = std::chrono::hours(6);
  // How long a claimed message is left to its sender before another may try it; longer than a
  // batch of sends can take.
  std::chrono::seconds claim = std::chrono::minutes(10);
};

struct SendReport {
  int sent = 0;
  int failed = 0;  // tried again later or given up
};

class ReminderOutbox {
 public:
  ReminderOutbox(Store& store, const Clock& clock, ReminderTransport& transport, RetryPolicy policy)
      : store_(store), clock_(clock), transport_(transport), policy_(policy) {}

  // Sends every message due now, a batch at a time, until none is due or `stop`.
  Result<SendReport> SendDue(std::stop_token stop);

 private:
  // Sends one and writes down how it went.
  Result<bool> Deliver(const OutgoingReminder& message);
  std::string RetryAt(std::int64_t attempts) const;

  Store& store_;
  const Clock& clock_;
  ReminderTransport& transport_;
  RetryPolicy policy_;
};

}  // namespace sw::domain
