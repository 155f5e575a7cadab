// A blocking HTTP/1.1 client for API tests, on Boost.Beast. Besides ordinary requests it can
// send raw bytes, so tests can send what no well-behaved client would.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace sw::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  nlohmann::json Json() const { return nlohmann::json::parse(body); }
  std::string Header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? "" : found->second;
  }
};

class HttpClient {
 public:
  explicit HttpClient(int port);  // connects to 127.0.0.1:port (one keep-alive connection)
  ~HttpClient();

  HttpResponse Get(const std::string& target, const std::map<std::string, std::string>& headers = {});
  HttpResponse Send(const std::string& method, const std::string& target, const std::string& body,
                    const std::map<std::string, std::string>& headers = {});
  // Writes `bytes` as they are, then reads one response (nullopt if the server closed first).
  std::optional<HttpResponse> SendRaw(const std::string& bytes);
  void WriteRaw(const std::string& bytes);
  // `head`: the response answers a HEAD request (headers only).
  std::optional<HttpResponse> ReadResponse(bool head = false);
  // True when the server has closed the connection (reads end of stream within `seconds`).
  bool ClosedByServer(int seconds);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sw::testing
