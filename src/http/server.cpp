// Everything that touches Boost.Beast and Asio. Keep other files free of these headers: they
// cost ~10 s and 550 MB of compiler memory per file (DESIGN.md).
#include <utility>  // before Asio on g++ 12 (DESIGN.md)

#include "http/server.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/random.h"
#include "http/dispatch.h"
#include "http/errors.h"
#include "http/routes.h"

namespace sw::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

constexpr std::size_t kAccessLogPathLimit = 200;
constexpr auto kLingerTime = std::chrono::seconds(1);

bool IsSafeRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

// Method, path, query and language of a request whose head has been read.
void DescribeProbe(const BeastRequest& beast_request, Request& request) {
  request.method = std::string(beast_request.method_string());
  const std::string_view target(beast_request.target().data(), beast_request.target().size());
  const auto question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) request.query = std::string(target.substr(question + 1));
  const auto accept_language = beast_request[bhttp::field::accept_language];
  request.language = ChooseLanguage(std::string_view(accept_language.data(), accept_language.size()));
}

Request ToRequest(BeastRequest&& beast_request) {
  Request request;
  DescribeProbe(beast_request, request);
  for (const auto& field : beast_request) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers[std::move(name)] = std::string(field.value());
  }
  request.body = std::move(beast_request.body());
  const std::string_view given_id = request.Header("x-request-id");
  request.request_id = IsSafeRequestId(given_id) ? std::string(given_id) : NonSecretRandomHex(8);
  return request;
}

template <class Body>
void SetHeaders(bhttp::response<Body>& out, const Response& response, const Request& request, bool keep_alive) {
  out.set(bhttp::field::content_type, response.content_type);
  out.set("X-Request-Id", request.request_id);
  out.set("X-Content-Type-Options", "nosniff");
  out.set("Referrer-Policy", "no-referrer");
  out.set("X-Frame-Options", "DENY");
  bool has_cache_control = false;
  for (auto& [name, value] : response.headers) {
    has_cache_control = has_cache_control || name == "Cache-Control";
    out.set(name, value);
  }
  // API answers may hold children's data: no cache may keep them.
  if (!has_cache_control) out.set(bhttp::field::cache_control, "no-store");
  out.keep_alive(keep_alive);
}

BeastResponse ToBeastResponse(Response response, const Request& request, bool keep_alive) {
  BeastResponse out{static_cast<bhttp::status>(response.status), 11};
  SetHeaders(out, response, request, keep_alive);
  const std::size_t length = response.body.size();
  if (request.method != "HEAD") out.body() = std::move(response.body);
  out.content_length(length);
  return out;
}

// The client sent something that is not HTTP/1.1 (as opposed to closing or timing out).
bool IsHttpParseError(const beast::error_code& error) {
  static const bhttp::error kMalformed[] = {
      bhttp::error::bad_line_ending,   bhttp::error::bad_method,   bhttp::error::bad_target,
      bhttp::error::bad_version,       bhttp::error::bad_field,    bhttp::error::bad_value,
      bhttp::error::bad_content_length, bhttp::error::bad_transfer_encoding, bhttp::error::bad_chunk,
      bhttp::error::bad_chunk_extension, bhttp::error::bad_obs_fold, bhttp::error::unexpected_body,
  };
  for (bhttp::error malformed : kMalformed) {
    if (error == malformed) return true;
  }
  return false;
}

// The answer to a failed read, or nullopt when there is no one to answer (timeout, closed).
std::optional<ErrorCode> RefusalFor(const beast::error_code& error) {
  if (error == bhttp::error::header_limit) return ErrorCode::kHeaderTooLarge;
  if (error == bhttp::error::body_limit) return ErrorCode::kPayloadTooLarge;
  if (IsHttpParseError(error)) return ErrorCode::kBadRequest;
  return std::nullopt;
}

class Connection;

// A file upload may be larger than a JSON body.
std::size_t BodyLimitFor(const Router& router, const Request& probe, const config::Settings& settings) {
  const RouteMatch match = router.Match(probe.method, probe.path);
  const bool file = match.route != nullptr && match.route->body == Body::kFile;
  return file ? settings.max_upload_bytes : settings.max_body_bytes;
}

Response Refusal(ErrorCode code, const Request& probe, std::size_t max_body_bytes) {
  if (code != ErrorCode::kPayloadTooLarge) return ErrorResponse(code, probe);
  const std::string limit = std::to_string(max_body_bytes);
  return ErrorResponse(code, probe, {.zh_detail = "上限为 " + limit + " 字节",
                                     .en_detail = "the limit is " + limit + " bytes"});
}

// State every connection shares.
struct Shared {
  Shared(const config::Settings& settings_in, Context& context_in)
      : settings(settings_in),
        context(context_in),
        router(AllRoutes()),
        static_files(EmbeddedWebFiles()),
        dispatcher(router, static_files),
        database_pool(static_cast<std::size_t>(settings_in.database_threads)) {
    if (storage::WritesWaitForOneWriter(context.database.dialect())) {
      short_read_pool = std::make_unique<asio::thread_pool>(static_cast<std::size_t>(settings_in.database_threads));
    }
  }

  const config::Settings& settings;
  Context& context;
  Router router;
  StaticFiles static_files;
  Dispatcher dispatcher;
  asio::thread_pool database_pool;
  // The short reads' own threads where every write waits for one writer (SQLite): there a list
  // queued behind children's pages (each a write, its audit row) waited as long as they did.
  // Elsewhere (PostgreSQL) null, and short reads share database_pool in turn with the rest: on
  // their own threads they took the CPU from the pages (docs/performance.md).
  std::unique_ptr<asio::thread_pool> short_read_pool;
  std::atomic<bool> draining{false};
  // Requests on the database pools or running as if there (RunsOn::kShortRead), queued or running.
  std::atomic<int> database_requests{0};
  // Set once the shutdown timeout has passed: requests still queued for a database thread are
  // answered 503 without running, so that a queue of slow ones does not hold the process.
  std::atomic<bool> abandoning{false};

  std::mutex connections_mutex;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;
  std::condition_variable connections_changed;
};

// One request counted among Shared::database_requests while it lives; `alone` when none other was.
struct DatabaseRequest {
  explicit DatabaseRequest(std::atomic<int>& requests) : count(requests), alone(requests.fetch_add(1) == 0) {}
  ~DatabaseRequest() { count.fetch_sub(1); }
  DatabaseRequest(const DatabaseRequest&) = delete;
  DatabaseRequest& operator=(const DatabaseRequest&) = delete;

  std::atomic<int>& count;
  const bool alone;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {}

  asio::awaitable<void> Serve();

  auto executor() { return stream_.get_executor(); }

  std::string ClientAddress() {
    beast::error_code error;
    const auto endpoint = stream_.socket().remote_endpoint(error);
    return error ? std::string() : endpoint.address().to_string();
  }

  // Runs on this connection's own thread (posted there by the server).
  void CloseIfIdle() {
    beast::error_code ignored;
    if (idle_ && stream_.socket().available(ignored) == 0) stream_.cancel();
  }

 private:
  asio::awaitable<bool> WaitForRequest();
  asio::awaitable<bool> ServeOne();
  asio::awaitable<std::optional<Response>> ReadRequest(bhttp::request_parser<bhttp::string_body>& parser,
                                                       Request& probe);
  asio::awaitable<Response> Handle(Request& request);
  asio::awaitable<bool> Write(BeastResponse response);
  asio::awaitable<bool> WriteFile(Response response, const Request& request, bool keep_alive);
  asio::awaitable<void> DiscardUnreadInput();
  asio::awaitable<void> Close();
  void LogAccess(const Request& request, int status, std::size_t bytes,
                 std::chrono::steady_clock::time_point started) const;

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  Shared& shared_;
  bool idle_ = true;
  bool refused_ = false;  // a request was refused, perhaps with its body unread
};

// Waits for the first byte of the next request. False: close the connection.
asio::awaitable<bool> Connection::WaitForRequest() {
  idle_ = true;
  beast::error_code error;
  if (shared_.draining && buffer_.size() == 0 && stream_.socket().available(error) == 0) co_return false;
  if (buffer_.size() == 0) {
    stream_.expires_after(std::chrono::seconds(shared_.settings.idle_timeout_seconds));
    const std::size_t bytes = co_await stream_.async_read_some(buffer_.prepare(4096),
                                                               asio::redirect_error(asio::use_awaitable, error));
    if (error) co_return false;
    buffer_.commit(bytes);
  }
  idle_ = false;
  co_return true;
}

// Reads the head and body. Returns an error response when the request is to be refused.
asio::awaitable<std::optional<Response>> Connection::ReadRequest(
    bhttp::request_parser<bhttp::string_body>& parser, Request& probe) {
  const auto& settings = shared_.settings;
  parser.header_limit(static_cast<std::uint32_t>(settings.max_header_bytes));
  // The body limit is set once the head is read, so a 413 can answer in the client's language.
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  stream_.expires_after(std::chrono::seconds(settings.read_timeout_seconds));

  beast::error_code error;
  co_await bhttp::async_read_header(stream_, buffer_, parser, asio::redirect_error(asio::use_awaitable, error));
  if (auto refusal = RefusalFor(error)) co_return Refusal(*refusal, probe, settings.max_body_bytes);
  if (error) throw beast::system_error(error);  // timeout or closed: nothing to answer

  DescribeProbe(parser.get(), probe);
  const std::size_t body_limit = BodyLimitFor(shared_.router, probe, settings);
  if (parser.content_length().value_or(0) > body_limit) {
    co_return Refusal(ErrorCode::kPayloadTooLarge, probe, body_limit);
  }
  parser.body_limit(body_limit);
  if (bhttp::token_list(parser.get()[bhttp::field::expect]).exists("100-continue")) {
    bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
    co_await bhttp::async_write(stream_, go_on, asio::redirect_error(asio::use_awaitable, error));
    if (error) throw beast::system_error(error);
  }
  co_await bhttp::async_read(stream_, buffer_, parser, asio::redirect_error(asio::use_awaitable, error));
  if (auto refusal = RefusalFor(error)) co_return Refusal(*refusal, probe, body_limit);
  if (error) throw beast::system_error(error);
  co_return std::nullopt;
}

asio::awaitable<Response> Connection::Handle(Request& request) {
  Prepared prepared = shared_.dispatcher.Prepare(request);
  if (prepared.response) co_return std::move(*prepared.response);
  const Route& route = *prepared.route;
  if (route.runs_on == RunsOn::kConnectionThread) co_return Dispatcher::Run(route, request, shared_.context);
  DatabaseRequest counted(shared_.database_requests);
  if (route.runs_on == RunsOn::kShortRead && counted.alone) co_return Dispatcher::Run(route, request, shared_.context);
  co_return co_await asio::co_spawn(
      route.runs_on == RunsOn::kShortRead && shared_.short_read_pool ? *shared_.short_read_pool
                                                                      : shared_.database_pool,
      [&]() -> asio::awaitable<Response> {
        if (shared_.abandoning) co_return ErrorResponse(ErrorCode::kUnavailable, request);
        co_return Dispatcher::Run(route, request, shared_.context);
      },
      asio::use_awaitable);
}

asio::awaitable<bool> Connection::Write(BeastResponse response) {
  beast::error_code error;
  stream_.expires_after(std::chrono::seconds(shared_.settings.read_timeout_seconds));
  co_await bhttp::async_write(stream_, response, asio::redirect_error(asio::use_awaitable, error));
  co_return !error;
}

// A response whose body is a file (Response::body_file): read from disk as it is sent, and
// removed afterwards whatever happened.
asio::awaitable<bool> Connection::WriteFile(Response response, const Request& request, bool keep_alive) {
  bhttp::response<bhttp::file_body> out{static_cast<bhttp::status>(response.status), 11};
  SetHeaders(out, response, request, keep_alive);
  beast::error_code error;
  out.body().open(response.body_file.c_str(), beast::file_mode::scan, error);
  if (error) {
    spdlog::error("[{}] the file made for this download could not be opened: {}", request.request_id,
                  error.message());
    std::error_code ignored;
    std::filesystem::remove(response.body_file, ignored);
    co_return co_await Write(ToBeastResponse(ErrorResponse(ErrorCode::kInternal, request), request, keep_alive));
  }
  out.prepare_payload();
  bhttp::response_serializer<bhttp::file_body> serializer{out};
  stream_.expires_after(std::chrono::seconds(shared_.settings.read_timeout_seconds));
  if (request.method == "HEAD") {
    co_await bhttp::async_write_header(stream_, serializer, asio::redirect_error(asio::use_awaitable, error));
  } else {
    co_await bhttp::async_write(stream_, serializer, asio::redirect_error(asio::use_awaitable, error));
  }
  std::error_code ignored;
  std::filesystem::remove(response.body_file, ignored);
  co_return !error;
}

double MillisecondsSince(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

// The server's own time for a request, from its first byte read to its answer made, as the
// standard Server-Timing header: a browser's developer tools, or the benchmark, can tell it
// from the network's time (a slow line looks the same as a slow server from the client).
std::string ServerTiming(std::chrono::steady_clock::time_point started) {
  return fmt::format("app;dur={:.3f}", MillisecondsSince(started));
}

void Connection::LogAccess(const Request& request, int status, std::size_t bytes,
                           std::chrono::steady_clock::time_point started) const {
  const double ms = MillisecondsSince(started);
  // The path only: query strings can hold names and phone numbers.
  spdlog::info("[{}] {} {} {} {}B {:.1f}ms", request.request_id, request.method,
               std::string_view(request.path).substr(0, kAccessLogPathLimit), status, bytes, ms);
}

// One request and its response. False: close the connection.
asio::awaitable<bool> Connection::ServeOne() {
  const auto started = std::chrono::steady_clock::now();
  bhttp::request_parser<bhttp::string_body> parser;
  Request probe;  // stands in for the request until it is whole, so errors have an id
  probe.request_id = NonSecretRandomHex(8);
  std::optional<Response> refused = co_await ReadRequest(parser, probe);
  if (refused) {
    refused_ = true;
    LogAccess(probe, refused->status, refused->body.size(), started);
    co_await Write(ToBeastResponse(std::move(*refused), probe, false));
    co_return false;
  }

  const bool client_keeps_alive = parser.get().keep_alive();
  Request request = ToRequest(parser.release());
  request.client_address = ClientAddress();
  Response response = co_await Handle(request);
  response.headers.emplace_back("Server-Timing", ServerTiming(started));
  const bool keep_alive = client_keeps_alive && !shared_.draining;
  const int status = response.status;
  std::error_code unsized;
  const std::size_t bytes = response.body_file.empty() ? response.body.size()
                                                       : std::filesystem::file_size(response.body_file, unsized);
  const bool written = response.body_file.empty()
                           ? co_await Write(ToBeastResponse(std::move(response), request, keep_alive))
                           : co_await WriteFile(std::move(response), request, keep_alive);
  LogAccess(request, status, bytes, started);
  co_return written && keep_alive;
}

// Reads and discards what the client still sends, for a moment: a client that is mid-upload
// when we refuse its request then reads our answer instead of a connection reset.
asio::awaitable<void> Connection::DiscardUnreadInput() {
  stream_.expires_after(kLingerTime);
  char discard[4096];
  beast::error_code error;
  while (!error) {
    co_await stream_.async_read_some(asio::buffer(discard), asio::redirect_error(asio::use_awaitable, error));
  }
}

asio::awaitable<void> Connection::Close() {
  beast::error_code error;
  stream_.socket().shutdown(tcp::socket::shutdown_send, error);
  if (refused_ && !error) co_await DiscardUnreadInput();
  stream_.socket().close(error);
}

asio::awaitable<void> Connection::Serve() {
  try {
    // Two statements on purpose: g++ 12 does not short-circuit `co_await a && co_await b`.
    for (;;) {
      if (!co_await WaitForRequest()) break;
      if (!co_await ServeOne()) break;
    }
  } catch (const beast::system_error&) {
    // Timed out or closed by the client mid-request: nothing left to answer.
  }
  co_await Close();
}

class Listener {
 public:
  Listener(Shared& shared, std::vector<std::unique_ptr<asio::io_context>>& contexts)
      : shared_(shared), contexts_(contexts), acceptor_(*contexts[0]) {}

  Status Bind(const std::string& host, std::uint16_t port) {
    beast::error_code error;
    const auto address = asio::ip::make_address(host, error);
    if (error) return Status::InvalidArgument("listen", "not an IP address: " + host);
    const tcp::endpoint endpoint(address, port);
    acceptor_.open(endpoint.protocol(), error);
    if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) return Status::Unavailable("cannot listen on " + host + ":" + std::to_string(port) + ": " + error.message());
    return Status::Ok();
  }

  std::string Address() const {
    const auto endpoint = acceptor_.local_endpoint();
    const std::string host = endpoint.address().to_string();
    return (endpoint.address().is_v6() ? "[" + host + "]" : host) + ":" + std::to_string(endpoint.port());
  }

  asio::awaitable<void> Accept() {
    std::size_t next = 0;
    for (;;) {
      asio::io_context& target = *contexts_[next++ % contexts_.size()];
      beast::error_code error;
      tcp::socket socket = co_await acceptor_.async_accept(target, asio::redirect_error(asio::use_awaitable, error));
      if (shared_.draining || error == asio::error::operation_aborted) co_return;
      if (error) continue;  // e.g. too many open files: the next accept may succeed
      auto connection = std::make_shared<Connection>(std::move(socket), shared_);
      Track(connection);
      asio::co_spawn(target, [this, connection]() -> asio::awaitable<void> {
        co_await connection->Serve();
        Untrack(connection.get());
      }, asio::detached);
    }
  }

  void Close() {
    beast::error_code ignored;
    acceptor_.close(ignored);
  }

 private:
  void Track(const std::shared_ptr<Connection>& connection) {
    std::lock_guard lock(shared_.connections_mutex);
    shared_.connections[connection.get()] = connection;
  }
  void Untrack(Connection* connection) {
    std::lock_guard lock(shared_.connections_mutex);
    shared_.connections.erase(connection);
    shared_.connections_changed.notify_all();
  }

  Shared& shared_;
  std::vector<std::unique_ptr<asio::io_context>>& contexts_;
  tcp::acceptor acceptor_;
};

// Stops accepting and closes idle connections; busy ones see `draining` and close after
// their current response.
void Drain(Shared& shared, Listener& listener, asio::io_context& listener_context) {
  asio::post(listener_context, [&shared, &listener] {
    shared.draining = true;
    listener.Close();
    std::lock_guard lock(shared.connections_mutex);
    shared.connections_changed.notify_all();
    for (auto& [raw, weak] : shared.connections) {
      if (auto connection = weak.lock()) {
        asio::post(connection->executor(), [connection] { connection->CloseIfIdle(); });
      }
    }
  });
}

// Waits until every connection has ended, or `limit` has passed (false).
bool WaitForConnections(Shared& shared, std::chrono::seconds limit) {
  std::unique_lock lock(shared.connections_mutex);
  const bool drained = shared.connections_changed.wait_for(lock, limit, [&] {
    return shared.draining && shared.connections.empty();
  });
  if (!drained) spdlog::warn("{} connections still open after the shutdown timeout", shared.connections.size());
  return drained;
}

}  // namespace

struct Server::State {
  State(const config::Settings& settings, Context& context) : shared(settings, context) {}
  Shared shared;
};

Server::Server(const config::Settings& settings, Context& context)
    : state_(std::make_unique<State>(settings, context)) {}

Server::~Server() = default;

Status Server::Run(const std::function<void(const std::string& address)>& on_listening) {
  Shared& shared = state_->shared;
  const auto& settings = shared.settings;

  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (int i = 0; i < settings.http_threads; ++i) {
    contexts.push_back(std::make_unique<asio::io_context>(1));
    guards.push_back(asio::make_work_guard(*contexts.back()));
  }
  Listener listener(shared, contexts);
  if (Status status = listener.Bind(settings.listen_host, settings.listen_port); !status.ok()) return status;

  std::mutex stop_mutex;
  std::condition_variable stop_requested;
  bool stopping = false;
  asio::signal_set signals(*contexts[0], SIGINT, SIGTERM);
  signals.async_wait([&](const beast::error_code& error, int signal) {
    if (error) return;
    spdlog::info("signal {} received: finishing in-flight requests", signal);
    std::lock_guard lock(stop_mutex);
    stopping = true;
    stop_requested.notify_all();
  });
  asio::co_spawn(*contexts[0], listener.Accept(), asio::detached);

  std::vector<std::thread> threads;
  for (auto& context : contexts) threads.emplace_back([&context] { context->run(); });
  on_listening(listener.Address());

  {
    std::unique_lock lock(stop_mutex);
    stop_requested.wait(lock, [&] { return stopping; });
  }
  Drain(shared, listener, *contexts[0]);
  guards.clear();
  if (!WaitForConnections(shared, std::chrono::seconds(settings.shutdown_timeout_seconds))) shared.abandoning = true;
  for (auto& context : contexts) context->stop();
  for (auto& thread : threads) thread.join();
  // The requests already running, and the abandoned ones at once.
  shared.database_pool.join();
  if (shared.short_read_pool) shared.short_read_pool->join();
  spdlog::info("stopped");
  return Status::Ok();
}

}  // namespace sw::http
