#include "core/embedded_file.h"
#include "core/version.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "storage/migrations/migrations.h"

namespace sw::http {

// The process is up and serving; says nothing about the database.
Response HandleHealth(const Request&, Context&) { return Response::Json(200, {{"status", "ok"}}); }

// The database answers and its schema is the one this binary expects.
Response HandleReady(const Request& request, Context& context) {
  if (Status status = context.database.Ping(); !status.ok()) return ErrorResponse(status, request);
  auto version = storage::CurrentSchemaVersion(context.database);
  if (!version.ok()) return ErrorResponse(version.status(), request);
  // A newer program may have migrated the database while this one was serving.
  if (Status known = storage::RefuseNewerSchema(*version); !known.ok()) return ErrorResponse(known, request);
  if (*version < storage::LatestSchemaVersion()) {
    return ErrorResponse(ErrorCode::kUnavailable, request,
                         {.zh_detail = "数据库结构版本不是最新，请运行 shouwang migrate",
                          .en_detail = "the database schema is not current; run shouwang migrate"});
  }
  return Response::Json(200, {{"status", "ready"}, {"schema_version", *version}});
}

// share/openapi.json, compiled in; tests check that it names every route.
Response HandleOpenApi(const Request&, Context&) {
  Response response;
  response.body = std::string(ShareFileText("/openapi.json"));
  return response;
}

Response HandleVersion(const Request&, Context&) {
  return Response::Json(200, {{"version", Version()}, {"api", 1}});
}

}  // namespace sw::http
