// The HTTP server: Boost.Beast on Asio with C++20 coroutines, one io_context per thread, and
// a separate pool for handlers that touch the database.
//
// Limits and timeouts come from Settings: max_header_bytes (431), max_body_bytes (413),
// read_timeout_seconds (a whole request must arrive within it, so a client sending one byte a
// second is cut off), idle_timeout_seconds (between keep-alive requests).
//
// Shutdown (SIGTERM or SIGINT): stop accepting; requests already being read or handled finish
// and are answered with "Connection: close"; idle keep-alive connections are closed; after
// shutdown_timeout_seconds whatever is left is dropped. Run() then returns ok.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "config/options.h"
#include "core/status.h"
#include "http/context.h"

namespace sw::http {

class Server {
 public:
  Server(const config::Settings& settings, Context& context);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket, calls `on_listening` with the bound "host:port" (the real port
  // when the setting asked for port 0), and serves until a shutdown signal has been handled.
  Status Run(const std::function<void(const std::string& address)>& on_listening);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sw::http
