// The far ends of reminders sent out, on 127.0.0.1: a webhook that answers with the statuses it
// is told, and a mail server that takes every mail. They stand in for a county's message gateway
// and mail server; what talks to them is the real server's libcurl sender.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sw::testing {

// Accepts connections on 127.0.0.1 (a free port) one at a time and hands each to `serve`.
class LoopbackListener {
 public:
  explicit LoopbackListener(std::function<void(int socket)> serve);
  ~LoopbackListener();
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;
  int port() const { return port_; }

 private:
  int listener_ = -1;
  int port_ = 0;
  std::jthread thread_;
};

// What the peers received, waited for by the test.
template <typename Item>
class Inbox {
 public:
  void Put(Item item) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(item));
    }
    arrived_.notify_all();
  }
  // What arrived, once there are `count` or `timeout` has passed.
  std::vector<Item> WaitFor(std::size_t count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, timeout, [&] { return items_.size() >= count; });
    return items_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<Item> items_;
};

class WebhookPeer {
 public:
  // Answers each POST with the next of `statuses`, then 200.
  explicit WebhookPeer(std::vector<int> statuses = {});
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(listener_.port()) + "/hook"; }
  // Every request's body, the failed ones too.
  Inbox<std::string> bodies;

 private:
  void Serve(int socket);
  std::mutex mutex_;
  std::vector<int> statuses_;
  LoopbackListener listener_;  // last: stops before the rest goes
};

struct ReceivedMail {
  std::string from;
  std::vector<std::string> to;
  std::string data;  // headers and body as sent, dot-stuffing undone
};

// Just enough SMTP (RFC 5321) for a client: greeting, EHLO/HELO, MAIL, RCPT, DATA, QUIT.
class MailPeer {
 public:
  MailPeer();
  std::string Url() const { return "smtp://127.0.0.1:" + std::to_string(listener_.port()); }
  Inbox<ReceivedMail> mails;

 private:
  void Serve(int socket);
  LoopbackListener listener_;  // last
};

}  // namespace sw::testing
