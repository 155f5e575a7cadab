// Sends reminders out with libcurl: a JSON POST to the webhook, or a mail through the SMTP
// server (STARTTLS required when the URL carries a password). What a message says is in
// OutgoingReminder (notification.h): no child's name, no signal, nothing recorded.
#pragma once

#include <string>

#include "domain/care/reminder_outbox.h"

namespace sw::notify {

struct ReminderEndpoints {
  std::string webhook_url;  // "" = no webhook
  std::string smtp_url;     // "" = no mail
  std::string mail_from;
  std::string public_url;   // the app's address for links; "" = no link
};

class CurlReminderTransport final : public domain::ReminderTransport {
 public:
  explicit CurlReminderTransport(ReminderEndpoints endpoints);
  Status Send(const domain::OutgoingReminder& message) override;

 private:
  Status Post(const domain::OutgoingReminder& message);
  Status Mail(const domain::OutgoingReminder& message);

  ReminderEndpoints endpoints_;
};

// The JSON a webhook receives.
std::string WebhookBody(const domain::OutgoingReminder& message, const std::string& public_url);
// The mail's subject and plain text, in Chinese then English.
struct MailText {
  std::string subject;
  std::string body;
};
MailText ReminderMailText(const domain::OutgoingReminder& message, const std::string& public_url);

}  // namespace sw::notify
