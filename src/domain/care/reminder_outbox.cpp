#include "domain/care/reminder_outbox.h"

#include <algorithm>

namespace sw::domain {
namespace {

constexpr std::int64_t kBatch = 10;

// Why a message is not sent at all, or "" when it may be.
std::string Unsendable(const OutgoingReminder& message) {
  if (!message.active) return "the recipient's account is disabled";
  if (message.channel == "email" && message.email.empty()) return "the recipient has no e-mail address";
  return "";
}

}  // namespace

std::string ReminderOutbox::RetryAt(std::int64_t attempts) const {
  const auto doublings = std::min<std::int64_t>(attempts - 1, 20);
  const auto wait = std::min<std::chrono::seconds>(policy_.first_wait * (std::int64_t{1} << doublings),
                                                   policy_.longest_wait);
  return FormatUtc(clock_.Now() + wait);
}

Result<bool> ReminderOutbox::Deliver(const OutgoingReminder& message) {
  std::string error = Unsendable(message);
  const bool sendable = error.empty();
  if (sendable) {
    Status delivered = transport_.Send(message);
    if (!delivered.ok()) error = delivered.detail().empty() ? "not delivered" : delivered.detail();
  }
  const bool sent = sendable && error.empty();
  const bool again = sendable && !sent && message.attempts < policy_.max_attempts;
  Status settled = store_.Write([&](Repositories& repos) {
    return repos.outbox.Settle(message, sent ? FormatUtc(clock_.Now()) : "", again ? RetryAt(message.attempts) : "",
                               error);
  });
  if (!settled.ok()) return settled;
  return sent;
}

Result<SendReport> ReminderOutbox::SendDue(std::stop_token stop) {
  SendReport report;
  while (!stop.stop_requested()) {
    std::vector<OutgoingReminder> claimed;
    Status status = store_.Write([&](Repositories& repos) -> Status {
      const auto now = clock_.Now();
      auto due = repos.outbox.Claim(FormatUtc(now), FormatUtc(now + policy_.claim), kBatch);
      if (due.ok()) claimed = std::move(due).value();
      return due.status();
    });
    if (!status.ok()) return status;
    for (const OutgoingReminder& message : claimed) {
      if (stop.stop_requested()) break;  // what is left is claimed and tried again later
      auto delivered = Deliver(message);
      if (!delivered.ok()) return delivered.status();
      (*delivered ? report.sent : report.failed) += 1;
    }
    if (static_cast<std::int64_t>(claimed.size()) < kBatch) break;
  }
  return report;
}

}  // namespace sw::domain
