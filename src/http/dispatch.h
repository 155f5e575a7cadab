// What happens to a request between the socket and a handler, free of any socket code.
//
//   a body on an /api/ path must be JSON (415) and parse (400 invalid_json)
//   route: 404, 405 with Allow, or the handler; GET/HEAD outside /api/ fall back to the web app
//   gate (in Run): a session for all but public routes (401), the X-CSRF-Token of that session
//   for state-changing methods (403 csrf_failed), a changed first password (403
//   password_change_required) and, where policy requires, a second factor (403
//   second_factor_enrollment_required), except on the account-setup routes
//
// Body checks come before routing, as in most JSON APIs: the body is judged on its own.
#pragma once

#include <optional>

#include "http/context.h"
#include "http/message.h"
#include "http/router.h"
#include "http/static_files.h"

namespace sw::http {

struct Prepared {
  std::optional<Response> response;  // already answered (an error, or a static file)
  const Route* route = nullptr;      // otherwise: run this route's handler
};

class Dispatcher {
 public:
  Dispatcher(const Router& router, const StaticFiles& static_files)
      : router_(router), static_files_(static_files) {}

  // Fills request.json and request.path_params.
  Prepared Prepare(Request& request) const;

  // Passes the route's gate (session, CSRF token, changed first password), then runs the
  // handler; an exception becomes a logged 500, never a crash. May touch the database: call it
  // on the database pool unless the route runs on the connection thread.
  static Response Run(const Route& route, Request& request, Context& context);

 private:
  // The refusal when the request may not reach the route's handler; fills request.caller.
  static std::optional<Response> PassGate(const Route& route, Request& request, Context& context);

  const Router& router_;
  const StaticFiles& static_files_;
};

}  // namespace sw::http
