#include "support/loopback_peers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace sw::testing {
namespace {

bool SendAll(int socket, const std::string& text) {
  std::size_t sent = 0;
  while (sent < text.size()) {
    const ssize_t n = ::send(socket, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads a connection line by line, or a given number of bytes.
class Reader {
 public:
  explicit Reader(int socket) : socket_(socket) {}
  // The next line without its CRLF; false when the peer is gone.
  bool Line(std::string& line) {
    for (;;) {
      if (const auto end = buffer_.find("\r\n"); end != std::string::npos) {
        line = buffer_.substr(0, end);
        buffer_.erase(0, end + 2);
        return true;
      }
      if (!Fill()) return false;
    }
  }
  bool Bytes(std::size_t count, std::string& out) {
    while (buffer_.size() < count) {
      if (!Fill()) return false;
    }
    out = buffer_.substr(0, count);
    buffer_.erase(0, count);
    return true;
  }

 private:
  bool Fill() {
    char chunk[4096];
    const ssize_t n = ::recv(socket_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  int socket_;
  std::string buffer_;
};

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// "MAIL FROM:<a@b>" → "a@b".
std::string Address(const std::string& command) {
  const auto open = command.find('<');
  const auto close = command.find('>', open);
  return open == std::string::npos || close == std::string::npos ? "" : command.substr(open + 1, close - open - 1);
}

}  // namespace

LoopbackListener::LoopbackListener(std::function<void(int socket)> serve) {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener_, 8) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::jthread([this, serve = std::move(serve)](std::stop_token stop) {
    while (!stop.stop_requested()) {
      pollfd waiting{.fd = listener_, .events = POLLIN, .revents = 0};
      if (::poll(&waiting, 1, 100) <= 0) continue;
      const int connection = ::accept(listener_, nullptr, nullptr);
      if (connection < 0) continue;
      const timeval five_seconds{.tv_sec = 5, .tv_usec = 0};
      ::setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &five_seconds, sizeof five_seconds);
      serve(connection);
      ::close(connection);
    }
  });
}

LoopbackListener::~LoopbackListener() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
  ::close(listener_);
}

WebhookPeer::WebhookPeer(std::vector<int> statuses)
    : statuses_(std::move(statuses)), listener_([this](int socket) { Serve(socket); }) {}

void WebhookPeer::Serve(int socket) {
  Reader reader(socket);
  std::string line;
  std::size_t length = 0;
  if (!reader.Line(line)) return;  // the request line
  while (reader.Line(line) && !line.empty()) {
    if (Lower(line).starts_with("content-length:")) length = std::stoul(line.substr(15));
  }
  std::string body;
  if (!reader.Bytes(length, body)) return;
  int status = 200;
  {
    std::lock_guard lock(mutex_);
    if (!statuses_.empty()) {
      status = statuses_.front();
      statuses_.erase(statuses_.begin());
    }
  }
  bodies.Put(body);
  SendAll(socket, "HTTP/1.1 " + std::to_string(status) + " Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

MailPeer::MailPeer() : listener_([this](int socket) { Serve(socket); }) {}

void MailPeer::Serve(int socket) {
  Reader reader(socket);
  ReceivedMail mail;
  std::string line;
  if (!SendAll(socket, "220 127.0.0.1 test mail peer\r\n")) return;
  while (reader.Line(line)) {
    const std::string verb = Lower(line.substr(0, 4));
    std::string answer = "250 OK\r\n";
    if (verb == "mail") {
      mail.from = Address(line);
    } else if (verb == "rcpt") {
      mail.to.push_back(Address(line));
    } else if (verb == "data") {
      SendAll(socket, "354 go on\r\n");
      mail.data.clear();
      while (reader.Line(line) && line != ".") mail.data += (line.starts_with("..") ? line.substr(1) : line) + "\r\n";
      mails.Put(mail);
      mail = {};
    } else if (verb == "quit") {
      SendAll(socket, "221 bye\r\n");
      return;
    }
    if (!SendAll(socket, answer)) return;
  }
}

}  // namespace sw::testing
