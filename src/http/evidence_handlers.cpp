// /api/v1/children/{id}/records/{record}/evidence…: photos and scans of a care record. The body
// of an upload is the file itself (any Content-Type: what it really is gets sniffed).
#include "domain/care/care_json.h"
#include "http/caller.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/query.h"

namespace sw::http {
namespace {

const std::string& ChildId(const Request& request) { return request.path_params.at("id"); }
const std::string& RecordId(const Request& request) { return request.path_params.at("record"); }
const std::string& EvidenceId(const Request& request) { return request.path_params.at("evidence"); }

}  // namespace

Response HandleAddEvidence(const Request& request, Context& context) {
  auto added = context.evidence.Add(ChildId(request), RecordId(request), request.body, request.caller->user,
                                    ActorOf(request));
  if (!added.ok()) return ErrorResponse(added.status(), request);
  return Response::Json(201, domain::EvidenceJson(*added));
}

Response HandleGetEvidence(const Request& request, Context& context) {
  auto parameters = ParseQuery(request.query);
  if (!parameters) return ErrorResponse(Status::InvalidArgument("query", "malformed").WithReason("bad_query"), request);
  const std::string size = Parameter(*parameters, "size");
  if (size != "" && size != "full" && size != "thumb") {
    return ErrorResponse(Status::InvalidArgument("size", "full or thumb").WithReason("invalid_choice"), request);
  }
  auto image = context.evidence.Image(ChildId(request), RecordId(request), EvidenceId(request), size == "thumb",
                                      request.caller->user, ActorOf(request));
  if (!image.ok()) return ErrorResponse(image.status(), request);
  Response response;
  response.content_type = "image/jpeg";
  response.body = std::move(image).value();
  // Shown in the page, never saved under a name the browser makes up.
  response.headers.emplace_back("Content-Disposition", "inline");
  return response;
}

Response HandleRemoveEvidence(const Request& request, Context& context) {
  Status removed = context.evidence.Remove(ChildId(request), RecordId(request), EvidenceId(request),
                                           request.caller->user, ActorOf(request));
  if (!removed.ok()) return ErrorResponse(removed, request);
  return Response::Json(200, {{"id", EvidenceId(request)}, {"removed", true}});
}

}  // namespace sw::http
