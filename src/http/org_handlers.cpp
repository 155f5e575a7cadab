// GET /api/v1/orgs, POST /api/v1/orgs, GET /api/v1/orgs/{code}.
#include "http/caller.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/json_input.h"

namespace sw::http {
namespace {

nlohmann::json OrgJson(const domain::Org& org) {
  return {{"id", org.id},         {"code", org.code},
          {"name", org.name},     {"kind", domain::OrgKindName(org.kind)},
          {"parent_id", org.parent_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(org.parent_id)},
          {"active", org.active}};
}

Result<domain::NewOrg> ParseNewOrg(const nlohmann::json& body) {
  auto code = RequiredString(body, "code", 64);
  if (!code.ok()) return code.status();
  auto name = RequiredString(body, "name", 400);
  if (!name.ok()) return name.status();
  auto kind_name = RequiredString(body, "kind", 32);
  if (!kind_name.ok()) return kind_name.status();
  auto kind = domain::ParseOrgKind(*kind_name);
  if (!kind) return Status::InvalidArgument("kind", "unknown kind").WithReason("unknown_kind");
  auto parent = RequiredString(body, "parent", 64);
  if (!parent.ok()) return parent.status();
  domain::NewOrg org{.code = *code, .name = *name, .kind = *kind, .parent_code = *parent, .pupils = std::nullopt};
  if (body.contains("pupils") && !body["pupils"].is_null()) {
    if (!body["pupils"].is_number_integer()) return Status::InvalidArgument("pupils", "not an integer").WithReason("wrong_type");
    // An unsigned number beyond int64 becomes negative here and fails the range check.
    org.pupils = body["pupils"].get<std::int64_t>();
  }
  return org;
}

}  // namespace

Response HandleListOrgs(const Request& request, Context& context) {
  auto orgs = context.orgs.List(request.caller->user);
  if (!orgs.ok()) return ErrorResponse(orgs.status(), request);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& org : *orgs) items.push_back(OrgJson(org));
  return Response::Json(200, {{"orgs", items}});
}

Response HandleGetOrg(const Request& request, Context& context) {
  auto org = context.orgs.Get(request.caller->user, request.path_params.at("code"), ActorOf(request));
  if (!org.ok()) return ErrorResponse(org.status(), request);
  return Response::Json(200, OrgJson(*org));
}

Response HandleAddOrg(const Request& request, Context& context) {
  auto parsed = ParseNewOrg(request.json);
  if (!parsed.ok()) return ErrorResponse(parsed.status(), request);
  auto org = context.orgs.AddAs(request.caller->user, *parsed, ActorOf(request));
  if (!org.ok()) return ErrorResponse(org.status(), request);
  return Response::Json(201, OrgJson(*org));
}

}  // namespace sw::http
