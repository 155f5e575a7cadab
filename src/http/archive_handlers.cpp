// /api/v1/orgs/{code}/archive-settings, …/child-fields, …/required-fields: the extra fields an
// organisation adds to its children's archive and the fields it requires.
#include "http/caller.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/json_input.h"

namespace sw::http {
namespace {

constexpr std::size_t kMaxListItems = 100;

const std::string& Code(const Request& request) { return request.path_params.at("code"); }

nlohmann::json FieldJson(const domain::ExtraField& field) {
  return {{"key", field.key},     {"label", field.label},   {"kind", field.kind},
          {"choices", field.choices}, {"active", field.active}, {"org", field.org_code},
          {"version", field.version}, {"created_at", field.created_at}, {"updated_at", field.updated_at}};
}

nlohmann::json SettingsJson(const domain::ArchiveSettings& settings) {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& field : settings.fields) fields.push_back(FieldJson(field));
  const std::string& set_at = settings.rules.required_set_at;
  return {{"org", settings.org.code},
          {"fields", fields},
          {"required", settings.rules.required},
          {"required_set_at", set_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(set_at)},
          {"default_required", domain::DefaultRequiredChildFields()}};
}

// A list of strings under `name`, when present; InvalidArgument naming it otherwise.
Result<std::optional<std::vector<std::string>>> OptionalStringList(const nlohmann::json& body, const char* name) {
  if (!body.is_object() || !body.contains(name) || body[name].is_null()) {
    return std::optional<std::vector<std::string>>();
  }
  const nlohmann::json& list = body[name];
  if (!list.is_array()) return Status::InvalidArgument(name, "a list of text").WithReason("wrong_type");
  if (list.size() > kMaxListItems) return Status::InvalidArgument(name, "too many").WithReason("too_many_choices");
  std::vector<std::string> items;
  for (const auto& item : list) {
    if (!item.is_string()) return Status::InvalidArgument(name, "a list of text").WithReason("wrong_type");
    items.push_back(item.get<std::string>());
  }
  return std::optional<std::vector<std::string>>(std::move(items));
}

Response SettingsResponse(const Result<domain::ArchiveSettings>& settings, const Request& request) {
  if (!settings.ok()) return ErrorResponse(settings.status(), request);
  return Response::Json(200, SettingsJson(*settings));
}

}  // namespace

Response HandleGetArchiveSettings(const Request& request, Context& context) {
  return SettingsResponse(context.archive.Get(Code(request), request.caller->user, ActorOf(request)), request);
}

Response HandleAddChildField(const Request& request, Context& context) {
  domain::ExtraField field;
  for (auto [name, target] : {std::pair{"key", &field.key}, {"label", &field.label}, {"kind", &field.kind}}) {
    auto value = RequiredString(request.json, name, 200);
    if (!value.ok()) return ErrorResponse(value.status(), request);
    *target = *value;
  }
  auto choices = OptionalStringList(request.json, "choices");
  if (!choices.ok()) return ErrorResponse(choices.status(), request);
  field.choices = choices->value_or(std::vector<std::string>());
  auto added = context.archive.AddField(Code(request), field, request.caller->user, ActorOf(request));
  if (!added.ok()) return ErrorResponse(added.status(), request);
  return Response::Json(201, FieldJson(*added));
}

Response HandleUpdateChildField(const Request& request, Context& context) {
  auto version = OptionalInteger(request.json, "version");
  if (!version.ok()) return ErrorResponse(version.status(), request);
  if (!*version) return ErrorResponse(Status::InvalidArgument("version", "missing").WithReason("required"), request);
  domain::ExtraFieldEdit edit{.version = **version};
  if (request.json.contains("label")) {
    auto label = RequiredString(request.json, "label", 200);
    if (!label.ok()) return ErrorResponse(label.status(), request);
    edit.label = *label;
  }
  auto choices = OptionalStringList(request.json, "choices");
  if (!choices.ok()) return ErrorResponse(choices.status(), request);
  edit.choices = *choices;
  if (request.json.contains("active")) {
    auto active = RequiredBool(request.json, "active");
    if (!active.ok()) return ErrorResponse(active.status(), request);
    edit.active = *active;
  }
  auto updated = context.archive.UpdateField(Code(request), request.path_params.at("key"), edit,
                                             request.caller->user, ActorOf(request));
  if (!updated.ok()) return ErrorResponse(updated.status(), request);
  return Response::Json(200, FieldJson(*updated));
}

Response HandleSetRequiredFields(const Request& request, Context& context) {
  auto fields = OptionalStringList(request.json, "fields");
  if (!fields.ok()) return ErrorResponse(fields.status(), request);
  if (!*fields) return ErrorResponse(Status::InvalidArgument("fields", "missing").WithReason("required"), request);
  return SettingsResponse(
      context.archive.SetRequired(Code(request), **fields, request.caller->user, ActorOf(request)), request);
}

Response HandleClearRequiredFields(const Request& request, Context& context) {
  return SettingsResponse(context.archive.ClearRequired(Code(request), request.caller->user, ActorOf(request)),
                          request);
}

}  // namespace sw::http
