// /api/v1/children/{id}/pairings…: the helpers paired with a child (结对帮扶).
#include "http/caller.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/json_input.h"
#include "http/query.h"

namespace sw::http {
namespace {

nlohmann::json PairingJson(const domain::Pairing& pairing) {
  return {{"id", pairing.id},
          {"helper", {{"username", pairing.helper_username}, {"display_name", pairing.helper_display_name}}},
          {"role", pairing.role},
          {"starts_on", pairing.starts_on},
          {"ends_on", pairing.open() ? nlohmann::json(nullptr) : nlohmann::json(pairing.ends_on)},
          {"open", pairing.open()},
          {"created_at", pairing.created_at}};
}

const std::string& ChildId(const Request& request) { return request.path_params.at("id"); }

}  // namespace

Response HandlePairChild(const Request& request, Context& context) {
  auto helper = RequiredString(request.json, "helper", 64);
  if (!helper.ok()) return ErrorResponse(helper.status(), request);
  auto role = RequiredString(request.json, "role", 32);
  if (!role.ok()) return ErrorResponse(role.status(), request);
  auto starts_on = OptionalString(request.json, "starts_on", 10);
  if (!starts_on.ok()) return ErrorResponse(starts_on.status(), request);
  auto paired = context.pairings.Pair(ChildId(request), *helper, *role, *starts_on, request.caller->user,
                                      ActorOf(request));
  if (!paired.ok()) return ErrorResponse(paired.status(), request);
  return Response::Json(201, PairingJson(*paired));
}

Response HandleListPairings(const Request& request, Context& context) {
  auto pairings = context.pairings.OfChild(ChildId(request), request.caller->user, ActorOf(request));
  if (!pairings.ok()) return ErrorResponse(pairings.status(), request);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& pairing : *pairings) items.push_back(PairingJson(pairing));
  return Response::Json(200, {{"items", std::move(items)}});
}

Response HandleEndPairing(const Request& request, Context& context) {
  auto ended = context.pairings.End(ChildId(request), request.path_params.at("pairing"), request.caller->user,
                                    ActorOf(request));
  if (!ended.ok()) return ErrorResponse(ended.status(), request);
  return Response::Json(200, PairingJson(*ended));
}

Response HandleListCandidates(const Request& request, Context& context) {
  auto parameters = ParseQuery(request.query);
  if (!parameters) return ErrorResponse(Status::InvalidArgument("query", "malformed").WithReason("bad_query"), request);
  const std::string prefix = Parameter(*parameters, "q");
  if (prefix.size() > 64) return ErrorResponse(Status::InvalidArgument("q", "too long").WithReason("too_long"), request);
  auto directory = context.pairings.Candidates(ChildId(request), prefix, request.caller->user, ActorOf(request));
  if (!directory.ok()) return ErrorResponse(directory.status(), request);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& helper : directory->helpers) {
    items.push_back({{"username", helper.username}, {"display_name", helper.display_name}, {"load", helper.load}});
  }
  return Response::Json(200, {{"items", std::move(items)}, {"cap", directory->cap}});
}

}  // namespace sw::http
