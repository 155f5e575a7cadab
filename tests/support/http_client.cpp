#include <utility>  // before Asio on g++ 12

#include "support/http_client.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>

namespace sw::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

HttpResponse Convert(bhttp::response<bhttp::string_body>& response) {
  HttpResponse out;
  out.status = static_cast<int>(response.result_int());
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = response.body();
  return out;
}

}  // namespace

struct HttpClient::Impl {
  asio::io_context context;
  asio::ip::tcp::socket socket{context};
  beast::flat_buffer buffer;
};

HttpClient::HttpClient(int port) : impl_(std::make_unique<Impl>()) {
  impl_->socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::Send(const std::string& method, const std::string& target,
                              const std::string& body, const std::map<std::string, std::string>& headers) {
  bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(method), target, 11};
  request.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") request.prepare_payload();
  bhttp::write(impl_->socket, request);
  auto response = ReadResponse(method == "HEAD");
  if (!response) throw std::runtime_error("the server closed the connection without answering");
  return *response;
}

HttpResponse HttpClient::Get(const std::string& target, const std::map<std::string, std::string>& headers) {
  return Send("GET", target, "", headers);
}

void HttpClient::WriteRaw(const std::string& bytes) { asio::write(impl_->socket, asio::buffer(bytes)); }

std::optional<HttpResponse> HttpClient::ReadResponse(bool head) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.skip(head);  // a response to HEAD has a Content-Length but no body
  parser.body_limit(64 << 20);
  beast::error_code error;
  bhttp::read(impl_->socket, impl_->buffer, parser, error);
  if (error) return std::nullopt;
  return Convert(parser.get());
}

std::optional<HttpResponse> HttpClient::SendRaw(const std::string& bytes) {
  WriteRaw(bytes);
  return ReadResponse();
}

bool HttpClient::ClosedByServer(int seconds) {
  timeval timeout{seconds, 0};
  setsockopt(impl_->socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  char byte;
  beast::error_code error;
  impl_->socket.read_some(asio::buffer(&byte, 1), error);
  return error == asio::error::eof || error == asio::error::connection_reset;
}

}  // namespace sw::testing
