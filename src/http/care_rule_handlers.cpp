// /api/v1/orgs/{code}/care-rules…, /care-presets/{preset}, /care-settings: the rhythms an
// organisation keeps (关爱规则) and its care settings.
#include "domain/care/care_json.h"
#include "http/caller.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/json_input.h"

namespace sw::http {
namespace {

const std::string& OrgCode(const Request& request) { return request.path_params.at("code"); }

nlohmann::json RulesJson(const std::vector<domain::CareRule>& rules) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& rule : rules) items.push_back(domain::RuleJson(rule));
  return items;
}

nlohmann::json PresetsJson() {
  nlohmann::json presets = nlohmann::json::array();
  for (const auto& preset : domain::RulePresets()) {
    presets.push_back({{"name", preset.name}, {"rules", RulesJson(preset.rules)}});
  }
  return presets;
}

nlohmann::json SettingsJson(const domain::SettingsAt& settings) {
  auto own = [](const std::optional<std::int64_t>& value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); };
  return {{"in_force",
           {{"max_children_per_helper", settings.in_force.max_children_per_helper},
            {"must_visit_days", settings.in_force.must_visit_days},
            {"correction_hours", settings.in_force.correction_hours}}},
          {"own",
           {{"max_children_per_helper", own(settings.own.max_children_per_helper)},
            {"must_visit_days", own(settings.own.must_visit_days)},
            {"correction_hours", own(settings.own.correction_hours)}}}};
}

Result<std::vector<std::string>> KindsFrom(const nlohmann::json& body) {
  if (!body.contains("kinds")) return Status::InvalidArgument("kinds", "required").WithReason("required");
  return OptionalStringList(body, "kinds", 20);
}

// A rule as PUT asks for it: kinds, period and role required; at least once by default; active
// unless said otherwise; `version` of the own rule it rewrites (absent: a new one).
Result<domain::CareRule> RuleFromBody(const nlohmann::json& body, const std::string& key) {
  domain::CareRule rule{.key = key};
  auto kinds = KindsFrom(body);
  if (!kinds.ok()) return kinds.status();
  rule.kinds = *kinds;
  auto period = RequiredString(body, "period", 16);
  if (!period.ok()) return period.status();
  rule.period = *period;
  auto role = RequiredString(body, "helper_role", 32);
  if (!role.ok()) return role.status();
  rule.helper_role = *role;
  auto count = OptionalInteger(body, "min_count");
  if (!count.ok()) return count.status();
  rule.min_count = count->value_or(1);
  auto version = OptionalInteger(body, "version");
  if (!version.ok()) return version.status();
  rule.version = version->value_or(0);
  if (body.contains("active")) {
    auto active = RequiredBool(body, "active");
    if (!active.ok()) return active.status();
    rule.active = *active;
  }
  return rule;
}

}  // namespace

Response HandleGetCareRules(const Request& request, Context& context) {
  auto rules = context.care_rules.Rules(OrgCode(request), request.caller->user, ActorOf(request));
  if (!rules.ok()) return ErrorResponse(rules.status(), request);
  return Response::Json(200, {{"in_force", RulesJson(rules->in_force)}, {"own", RulesJson(rules->own)},
                              {"presets", PresetsJson()}});
}

Response HandleSetCareRule(const Request& request, Context& context) {
  auto rule = RuleFromBody(request.json, request.path_params.at("key"));
  if (!rule.ok()) return ErrorResponse(rule.status(), request);
  auto saved = context.care_rules.SaveRule(OrgCode(request), *rule, request.caller->user, ActorOf(request));
  if (!saved.ok()) return ErrorResponse(saved.status(), request);
  return Response::Json(200, domain::RuleJson(*saved));
}

Response HandleAdoptCarePreset(const Request& request, Context& context) {
  auto saved = context.care_rules.AdoptPreset(OrgCode(request), request.path_params.at("preset"),
                                              request.caller->user, ActorOf(request));
  if (!saved.ok()) return ErrorResponse(saved.status(), request);
  return Response::Json(200, {{"items", RulesJson(*saved)}});
}

Response HandleGetCareSettings(const Request& request, Context& context) {
  auto settings = context.care_rules.Settings(OrgCode(request), request.caller->user, ActorOf(request));
  if (!settings.ok()) return ErrorResponse(settings.status(), request);
  return Response::Json(200, SettingsJson(*settings));
}

Response HandleSetCareSettings(const Request& request, Context& context) {
  domain::CareSettingsAt own;
  for (auto [name, target] : {std::pair{"max_children_per_helper", &own.max_children_per_helper},
                              {"must_visit_days", &own.must_visit_days},
                              {"correction_hours", &own.correction_hours}}) {
    auto value = OptionalInteger(request.json, name);
    if (!value.ok()) return ErrorResponse(value.status(), request);
    *target = *value;
  }
  auto saved = context.care_rules.SaveSettings(OrgCode(request), own, request.caller->user, ActorOf(request));
  if (!saved.ok()) return ErrorResponse(saved.status(), request);
  return Response::Json(200, SettingsJson(*saved));
}

}  // namespace sw::http
