// /api/v1/orgs…: the organisation tree in the caller's scope, its terms and pupil counts.
#include "http/caller.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/json_input.h"

namespace sw::http {
namespace {

domain::Authority AuthorityOf(const Request& request) {
  return domain::Authority::Of(request.caller->user, domain::Action::kManageOrgs);
}

const std::string& Code(const Request& request) { return request.path_params.at("code"); }

nlohmann::json OrgJson(const domain::Org& org) {
  return {{"id", org.id},         {"code", org.code},
          {"name", org.name},     {"kind", domain::OrgKindName(org.kind)},
          {"parent_id", org.parent_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(org.parent_id)},
          {"active", org.active}};
}

nlohmann::json TermJson(const domain::Term& term) {
  return {{"key", term.key}, {"name", term.name}, {"starts_on", domain::FormatDate(term.starts_on)},
          {"ends_on", domain::FormatDate(term.ends_on)}};
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
  auto pupils = OptionalInteger(body, "pupils");
  if (!pupils.ok()) return pupils.status();
  return domain::NewOrg{.code = *code, .name = *name, .kind = *kind, .parent_code = *parent, .pupils = *pupils};
}

Result<domain::OrgUpdate> ParseOrgUpdate(const nlohmann::json& body) {
  domain::OrgUpdate update;
  if (body.is_object() && body.contains("name")) {
    auto name = RequiredString(body, "name", 400);
    if (!name.ok()) return name.status();
    update.name = *name;
  }
  if (body.is_object() && body.contains("active")) {
    auto active = RequiredBool(body, "active");
    if (!active.ok()) return active.status();
    update.active = *active;
  }
  if (!update.name && !update.active) return Status::InvalidArgument("name", "nothing to change").WithReason("required");
  return update;
}

Result<std::chrono::year_month_day> RequiredDate(const nlohmann::json& body, const char* name) {
  auto text = RequiredString(body, name, 10);
  if (!text.ok()) return text.status();
  auto date = domain::ParseDate(*text);
  if (!date) return Status::InvalidArgument(name, "not a date").WithReason("invalid_time");
  return *date;
}

Result<domain::Term> ParseTerm(const Request& request) {
  const std::string& key = request.path_params.at("key");
  auto starts = RequiredDate(request.json, "starts_on");
  if (!starts.ok()) return starts.status();
  auto ends = RequiredDate(request.json, "ends_on");
  if (!ends.ok()) return ends.status();
  // Without a name, the usual one for the key ("2026—2027学年第一学期").
  auto name = OptionalString(request.json, "name", 200, domain::TermNameForKey(key));
  if (!name.ok()) return name.status();
  return domain::Term{key, *name, *starts, *ends};
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
  auto view = context.orgs.Get(request.caller->user, Code(request), ActorOf(request));
  if (!view.ok()) return ErrorResponse(view.status(), request);
  nlohmann::json json = OrgJson(view->org);
  if (!view->term_key.empty()) {
    json["term"] = view->term_key;
    json["pupils"] = view->pupils ? nlohmann::json(*view->pupils) : nlohmann::json(nullptr);
  }
  return Response::Json(200, json);
}

Response HandleAddOrg(const Request& request, Context& context) {
  auto parsed = ParseNewOrg(request.json);
  if (!parsed.ok()) return ErrorResponse(parsed.status(), request);
  auto org = context.orgs.Add(*parsed, AuthorityOf(request), ActorOf(request));
  if (!org.ok()) return ErrorResponse(org.status(), request);
  return Response::Json(201, OrgJson(*org));
}

Response HandleUpdateOrg(const Request& request, Context& context) {
  auto update = ParseOrgUpdate(request.json);
  if (!update.ok()) return ErrorResponse(update.status(), request);
  auto org = context.orgs.Update(Code(request), *update, AuthorityOf(request), ActorOf(request));
  if (!org.ok()) return ErrorResponse(org.status(), request);
  return Response::Json(200, OrgJson(*org));
}

Response HandleListTerms(const Request& request, Context& context) {
  auto terms = context.orgs.Terms(request.caller->user, Code(request), ActorOf(request));
  if (!terms.ok()) return ErrorResponse(terms.status(), request);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& term : terms->county_terms) items.push_back(TermJson(term));
  return Response::Json(200, {{"current", TermJson(terms->current)}, {"county_terms", items}});
}

Response HandleSetTerm(const Request& request, Context& context) {
  auto term = ParseTerm(request);
  if (!term.ok()) return ErrorResponse(term.status(), request);
  Status status = context.orgs.SetTerm(Code(request), *term, AuthorityOf(request), ActorOf(request));
  if (!status.ok()) return ErrorResponse(status, request);
  return Response::Json(200, TermJson(*term));
}

Response HandleSetPupils(const Request& request, Context& context) {
  auto pupils = OptionalInteger(request.json, "pupils");
  if (!pupils.ok()) return ErrorResponse(pupils.status(), request);
  if (!*pupils) return ErrorResponse(Status::InvalidArgument("pupils", "missing").WithReason("required"), request);
  auto term = OptionalString(request.json, "term", 16);
  if (!term.ok()) return ErrorResponse(term.status(), request);
  Status status = context.orgs.SetPupils(Code(request), *term, **pupils, AuthorityOf(request), ActorOf(request));
  if (!status.ok()) return ErrorResponse(status, request);
  return HandleGetOrg(request, context);
}

}  // namespace sw::http
