// Matches a method and path against the route table (routes.cpp).
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace sw::http {

struct Context;

using Handler = Response (*)(const Request& request, Context& context);

// Where a handler runs: on the connection's own thread (it must not block), or on the
// database pool, so a slow query never stalls the other connections of that thread. A short
// read (a page of a list) runs on the connection's thread when no other request is on a pool or
// running so, and otherwise on the pool — on SQLite a pool of its own, of as many threads: a
// request alone is answered without handing it to a pool thread and back, a third of a list's
// time in the server on SQLite (docs/performance.md), and under load it never waits behind
// requests that wait for SQLite's one writer. A read that could take long, or that writes (and
// on SQLite could wait for the writer), stays kDatabasePool.
enum class RunsOn { kConnectionThread, kDatabasePool, kShortRead };

// Who may call a route. Both signed-in gates need the session's X-CSRF-Token for
// state-changing methods. kSignedIn (the default) also needs a finished account setup: a
// changed first password and, where policy demands it, a second factor. kAccountSetup routes
// are the ones that finish it (and reading or ending the session).
enum class Gate { kPublic, kAccountSetup, kSignedIn };

// What a route's request body is: JSON (parsed before the handler runs, at most
// max_body_bytes), or a file's bytes as they are (at most max_upload_bytes; its real type is
// the handler's to find out).
enum class Body { kJson, kFile };

struct Route {
  const char* method;
  const char* pattern;  // "/api/v1/children/{id}": a {name} segment matches any one segment
  Handler handler;
  RunsOn runs_on = RunsOn::kDatabasePool;
  Gate gate = Gate::kSignedIn;
  Body body = Body::kJson;
};

struct RouteMatch {
  const Route* route = nullptr;                 // null: no route for this method and path
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed_methods;     // set when the path exists for other methods
};

class Router {
 public:
  explicit Router(std::span<const Route> routes);
  RouteMatch Match(std::string_view method, std::string_view path) const;

 private:
  std::span<const Route> routes_;
  // Each route's pattern split into its segments once: split again for every route of every
  // request, they were a twentieth of a short request's time.
  std::vector<std::vector<std::string_view>> patterns_;
};

}  // namespace sw::http
