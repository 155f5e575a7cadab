#include "notify/curl_reminder_transport.h"

#include <curl/curl.h>
#include <sodium.h>

#include <ctime>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

namespace sw::notify {
namespace {

constexpr long kConnectTimeoutSeconds = 10;
constexpr long kTimeoutSeconds = 20;

struct KindWords {
  const char* kind;
  const char* zh;
  const char* en;
};

// What each kind of reminder tells, without saying about whom or why.
constexpr KindWords kKinds[] = {
    {"must_visit", "您有一项必访任务", "You have a must-visit to make"},
    {"signal_raised", "您班上有一名学生需要关注", "A child of your class needs attention"},
    {"task_late", "您有一项关爱任务已逾期", "One of your care tasks is late"},
};

const KindWords& WordsFor(const std::string& kind) {
  for (const KindWords& words : kKinds) {
    if (kind == words.kind) return words;
  }
  return kKinds[0];
}

std::string LinkOf(const domain::OutgoingReminder& message, const std::string& public_url) {
  return public_url.empty() ? "" : public_url + "/children/" + message.child_id + "?tab=care";
}

// RFC 2047 encoded-word: a subject in Chinese must travel as ASCII. curl encodes the body
// (curl_mime_encoder) but leaves headers as they are given.
std::string EncodedWord(const std::string& text) {
  std::string base64(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(base64.data(), base64.size(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  base64.resize(base64.size() - 1);  // the terminating zero
  return "=?UTF-8?B?" + base64 + "?=";
}

// RFC 5322 wants a Date header, and curl does not add one.
std::string MailDate() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[64];
  std::strftime(text, sizeof text, "Date: %a, %d %b %Y %H:%M:%S +0000", &utc);  // C locale: English names
  return text;
}

void InitialiseCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using Headers = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

Easy NewEasy(const std::string& url) {
  Easy easy(curl_easy_init(), curl_easy_cleanup);
  if (!easy) return easy;
  curl_easy_setopt(easy.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy.get(), CURLOPT_NOSIGNAL, 1L);  // from a worker thread
  curl_easy_setopt(easy.get(), CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
  curl_easy_setopt(easy.get(), CURLOPT_TIMEOUT, kTimeoutSeconds);
  return easy;
}

Headers Append(Headers headers, const std::string& line) {
  curl_slist* grown = curl_slist_append(headers.get(), line.c_str());
  if (grown) headers.release();
  return Headers(grown, curl_slist_free_all);
}

// curl's own words for a failure: they name the step (connect, TLS, the server's answer), never
// the message.
Status Failed(CURLcode code) { return Status::Unavailable(curl_easy_strerror(code)); }

// Throws the webhook's answer away: only its status matters.
size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

}  // namespace

std::string WebhookBody(const domain::OutgoingReminder& message, const std::string& public_url) {
  const KindWords& words = WordsFor(message.kind);
  return nlohmann::json{{"id", message.notification_id},
                        {"kind", message.kind},
                        {"user", message.username},
                        {"due", message.due},
                        {"text", words.zh},
                        {"link", LinkOf(message, public_url)},
                        {"created_at", message.created_at}}
      .dump();
}

MailText ReminderMailText(const domain::OutgoingReminder& message, const std::string& public_url) {
  const KindWords& words = WordsFor(message.kind);
  const std::string link = LinkOf(message, public_url);
  std::string zh = std::string(words.zh) + (message.due.empty() ? "" : "（截止 " + message.due + "）") + "。\n";
  std::string en = std::string(words.en) + (message.due.empty() ? "" : " (due " + message.due + ")") + ".\n";
  zh += link.empty() ? "请登录守望查看。\n" : "请登录守望查看：" + link + "\n";
  en += link.empty() ? "Sign in to Shouwang to see it.\n" : "Sign in to Shouwang to see it: " + link + "\n";
  return {.subject = "守望提醒 Shouwang: " + std::string(words.zh),
          .body = zh + "\n" + en + "\n此邮件由守望自动发送，请勿回复。This message was sent automatically.\n"};
}

CurlReminderTransport::CurlReminderTransport(ReminderEndpoints endpoints) : endpoints_(std::move(endpoints)) {
  InitialiseCurlOnce();
}

Status CurlReminderTransport::Send(const domain::OutgoingReminder& message) {
  if (message.channel == "webhook" && !endpoints_.webhook_url.empty()) return Post(message);
  if (message.channel == "email" && !endpoints_.smtp_url.empty()) return Mail(message);
  return Status::Unavailable("the " + message.channel + " channel is not configured on this server");
}

Status CurlReminderTransport::Post(const domain::OutgoingReminder& message) {
  Easy easy = NewEasy(endpoints_.webhook_url);
  if (!easy) return Status::Internal("curl_easy_init failed");
  const std::string body = WebhookBody(message, endpoints_.public_url);
  Headers headers = Append(Headers(nullptr, curl_slist_free_all), "Content-Type: application/json; charset=utf-8");
  curl_easy_setopt(easy.get(), CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(easy.get(), CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(easy.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(easy.get(), CURLOPT_WRITEFUNCTION, Discard);
  if (CURLcode code = curl_easy_perform(easy.get()); code != CURLE_OK) return Failed(code);
  long status = 0;
  curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) return Status::Unavailable("the webhook answered HTTP " + std::to_string(status));
  return Status::Ok();
}

Status CurlReminderTransport::Mail(const domain::OutgoingReminder& message) {
  Easy easy = NewEasy(endpoints_.smtp_url);
  if (!easy) return Status::Internal("curl_easy_init failed");
  const MailText text = ReminderMailText(message, endpoints_.public_url);
  // A password must not cross the network in the clear: insist on STARTTLS when one is given.
  const bool has_password = endpoints_.smtp_url.find('@') != std::string::npos;
  curl_easy_setopt(easy.get(), CURLOPT_USE_SSL, has_password ? CURLUSESSL_ALL : CURLUSESSL_TRY);
  const std::string from = "<" + endpoints_.mail_from + ">";
  curl_easy_setopt(easy.get(), CURLOPT_MAIL_FROM, from.c_str());
  Headers recipients = Append(Headers(nullptr, curl_slist_free_all), "<" + message.email + ">");
  curl_easy_setopt(easy.get(), CURLOPT_MAIL_RCPT, recipients.get());
  Headers headers = Append(Headers(nullptr, curl_slist_free_all), "From: " + from);
  headers = Append(std::move(headers), "To: <" + message.email + ">");
  headers = Append(std::move(headers), "Subject: " + EncodedWord(text.subject));
  headers = Append(std::move(headers), MailDate());
  headers = Append(std::move(headers), "Message-ID: <" + message.notification_id + ".shouwang@" +
                                           endpoints_.mail_from.substr(endpoints_.mail_from.find('@') + 1) + ">");
  curl_easy_setopt(easy.get(), CURLOPT_HTTPHEADER, headers.get());
  std::unique_ptr<curl_mime, decltype(&curl_mime_free)> mime(curl_mime_init(easy.get()), curl_mime_free);
  curl_mimepart* part = curl_mime_addpart(mime.get());
  curl_mime_data(part, text.body.c_str(), CURL_ZERO_TERMINATED);
  curl_mime_type(part, "text/plain; charset=UTF-8");
  curl_mime_encoder(part, "base64");
  curl_easy_setopt(easy.get(), CURLOPT_MIMEPOST, mime.get());
  if (CURLcode code = curl_easy_perform(easy.get()); code != CURLE_OK) return Failed(code);
  return Status::Ok();
}

}  // namespace sw::notify
