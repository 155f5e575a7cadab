#include "cli/reminder_sender.h"

#include <spdlog/spdlog.h>

namespace sw::cli {

ReminderSender::ReminderSender(domain::ReminderOutbox& outbox, std::chrono::seconds poll)
    : outbox_(outbox), poll_(poll), thread_([this](std::stop_token stop) { Run(stop); }) {}

ReminderSender::~ReminderSender() {
  thread_.request_stop();
  wake_.notify_all();
}

void ReminderSender::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    auto sent = outbox_.SendDue(stop);
    if (!sent.ok()) {
      spdlog::error("sending reminders failed (tried again later): {}", sent.status().ToString());
    } else if (sent->sent > 0 || sent->failed > 0) {
      // Counts only: the outbox keeps each message's error, and no log line names a user.
      spdlog::info("reminders sent out: {}, not sent (tried again later or given up): {}", sent->sent, sent->failed);
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, poll_, [] { return false; });
  }
}

}  // namespace sw::cli
