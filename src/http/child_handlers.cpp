// /api/v1/children…: the child archive. ID numbers are masked in every answer; the record's
// fields travel under the names of domain::ChildTextFields, plus grade, boarding and org.
#include "core/identity_numbers.h"
#include "domain/children/child_json.h"
#include "domain/children/child_service.h"
#include "http/caller.h"
#include "http/child_query.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/json_input.h"
#include "http/query.h"
#include "text/chinese.h"

namespace sw::http {
namespace {

// A text field from JSON: a string, or null to clear it.
Status ApplyText(const std::string& name, const nlohmann::json& value, std::string& target) {
  if (!value.is_null() && !value.is_string()) return Status::InvalidArgument(name, "text").WithReason("wrong_type");
  target = value.is_null() ? "" : value.get<std::string>();
  return Status::Ok();
}

Status ApplyInteger(const nlohmann::json& body, const std::string& name, std::optional<std::int64_t>& target) {
  auto number = OptionalInteger(body, name.c_str());
  if (!number.ok()) return number.status();
  target = *number;
  return Status::Ok();
}

Status UnknownField(const std::string& name) {
  return Status::InvalidArgument(name, "no such field").WithReason("unknown_field");
}

// Extra values: {"key": text, number or null}; null clears. Numbers travel on as text and are
// checked against the field's kind by the domain.
Status ApplyExtra(const nlohmann::json& extra, domain::Child& child) {
  if (!extra.is_object()) return Status::InvalidArgument("extra", "an object").WithReason("wrong_type");
  for (const auto& [key, value] : extra.items()) {
    const std::string name = "extra." + key;
    if (value.is_number_integer() || value.is_number_float()) {
      child.extra[key] = value.dump();
    } else if (Status applied = ApplyText(name, value, child.extra[key]); !applied.ok()) {
      return applied;
    }
  }
  return Status::Ok();
}

// Applies the record fields present in `body` to `child`. A null clears a field; unknown names
// are refused so that a typo is not silently dropped.
Status ApplyFields(const nlohmann::json& body, domain::Child& child) {
  if (!body.is_object()) return Status::InvalidArgument("body", "an object").WithReason("wrong_type");
  for (const auto& [name, value] : body.items()) {
    if (name == "org" || name == "version") continue;
    if (name == "grade") {
      if (Status applied = ApplyInteger(body, name, child.grade); !applied.ok()) return applied;
    } else if (name == "extra") {
      if (Status applied = ApplyExtra(value, child); !applied.ok()) return applied;
    } else if (name == "boarding") {
      if (value.is_null()) {
        child.boarding.reset();
      } else if (!value.is_boolean()) {
        return Status::InvalidArgument(name, "true or false").WithReason("wrong_type");
      } else {
        child.boarding = value.get<bool>();
      }
    } else if (const auto* field = domain::FindChildTextField(name)) {
      if (Status applied = ApplyText(name, value, child.*field->member); !applied.ok()) return applied;
    } else {
      return UnknownField(name);
    }
  }
  return Status::Ok();
}

Status ApplyFamilyFields(const nlohmann::json& body, domain::FamilyMember& member) {
  if (!body.is_object()) return Status::InvalidArgument("body", "an object").WithReason("wrong_type");
  for (const auto& [name, value] : body.items()) {
    if (name == "version") continue;
    Status applied = name == "age"           ? ApplyInteger(body, name, member.age)
                     : name == "months_away" ? ApplyInteger(body, name, member.months_away)
                     : domain::FindFamilyTextField(name)
                         ? ApplyText(name, value, member.*domain::FindFamilyTextField(name)->member)
                         : UnknownField(name);
    if (!applied.ok()) return applied;
  }
  return Status::Ok();
}

// Decides what the search box holds: the last digits of an ID number, Latin letters (pinyin or
// initials), or characters (traditional ones folded to simplified).
void SetSearch(const std::string& typed, domain::ChildQuery& query) {
  const std::string text = text::NormaliseInput(typed);
  if (text.empty()) return;
  // An ID number may end in X, but "x" alone is an initial.
  const bool digits = std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                      std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || c == 'x' || c == 'X'; });
  const bool latin = std::all_of(text.begin(), text.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  if (digits) {
    const std::string id = NormaliseIdNumber(text);
    query.digits_reversed.assign(id.rbegin(), id.rend());
  } else if (latin) {
    for (char c : text) query.latin_prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  } else {
    query.name_part = text::ToSimplified(text);
  }
}

Result<std::optional<bool>> BoolParameter(const QueryParameters& query, const char* name) {
  const std::string value = Parameter(query, name);
  if (value.empty()) return std::optional<bool>();
  if (value != "true" && value != "false") return Status::InvalidArgument(name, "true or false").WithReason("wrong_type");
  return std::optional<bool>(value == "true");
}

const std::string& ChildId(const Request& request) { return request.path_params.at("id"); }

// 409 for a stale version, with the record as it is now so the client can merge.
Response StaleVersion(const Request& request, Context& context, const Status& status) {
  Response response = ErrorResponse(status, request);
  auto current = context.children.Get(ChildId(request), request.caller->user, ActorOf(request));
  if (!current.ok()) return response;
  nlohmann::json body = nlohmann::json::parse(response.body);
  body["current"] = domain::ChildJson(current->child);
  return Response::Json(409, body);
}

}  // namespace

Result<domain::ChildQuery> ParseChildQuery(const QueryParameters& parameters, Context& context, const Request& request) {
  domain::ChildQuery query;
  auto paging = PagingParameters(parameters, 20);
  if (!paging.ok()) return paging.status();
  query.limit = paging->limit;
  query.offset = paging->offset;
  auto grade = IntegerParameter(parameters, "grade", 0);
  if (!grade.ok()) return grade.status();
  if (*grade != 0) query.grade = *grade;
  for (auto [name, target] : {std::pair{"complete", &query.complete}, {"has_helper", &query.has_helper},
                               {"has_main_helper", &query.has_main_helper}}) {
    auto flag = BoolParameter(parameters, name);
    if (!flag.ok()) return flag.status();
    *target = *flag;
  }
  query.gender = Parameter(parameters, "gender");
  query.left_behind_type = Parameter(parameters, "left_behind_type");
  query.care_arrangement = Parameter(parameters, "care_arrangement");
  query.risk_level = Parameter(parameters, "risk_level");
  query.status = Parameter(parameters, "status");
  query.child_id = Parameter(parameters, "child");
  for (const auto& [name, value] : parameters) {
    if (name.starts_with("extra.") && !value.empty()) query.extra[name.substr(6)] = text::NormaliseInput(value);
  }
  if (const std::string org = Parameter(parameters, "org"); !org.empty()) {
    auto found = context.orgs.Get(request.caller->user, org, ActorOf(request));
    if (!found.ok()) return found.status();
    query.org_id = found->org.id;
  }
  SetSearch(Parameter(parameters, "q"), query);
  return query;
}

Response HandleListChildren(const Request& request, Context& context) {
  auto parameters = ParseQuery(request.query);
  if (!parameters) return ErrorResponse(Status::InvalidArgument("query", "malformed").WithReason("bad_query"), request);
  auto query = ParseChildQuery(*parameters, context, request);
  if (!query.ok()) return ErrorResponse(query.status(), request);
  auto page = context.children.List(*query, request.caller->user, ActorOf(request));
  if (!page.ok()) return ErrorResponse(page.status(), request);
  JsonWriter out(domain::kChildSummaryJsonBytes * (page->items.size() + 1));
  out.BeginObject().Key("items").BeginArray();
  for (const auto& child : page->items) domain::WriteChildJson(child, out, page->detail);
  out.EndArray();
  out.Key("total").Int(page->total).Key("total_capped").Bool(page->total_capped);
  out.Key("page").Int(query->offset / query->limit + 1).Key("page_size").Int(query->limit);
  return Response::JsonText(200, out.EndObject().Take());
}

Response HandleChildFigures(const Request& request, Context& context) {
  auto parameters = ParseQuery(request.query);
  if (!parameters) return ErrorResponse(Status::InvalidArgument("query", "malformed").WithReason("bad_query"), request);
  auto query = ParseChildQuery(*parameters, context, request);
  if (!query.ok()) return ErrorResponse(query.status(), request);
  auto figures = context.children.Figures(*query, request.caller->user, ActorOf(request));
  if (!figures.ok()) return ErrorResponse(figures.status(), request);
  return Response::Json(200, nlohmann::json{{"total", figures->total}, {"breakdowns", figures->breakdowns}});
}

Response HandleCreateChild(const Request& request, Context& context) {
  auto org = RequiredString(request.json, "org", 64);
  if (!org.ok()) return ErrorResponse(org.status(), request);
  domain::Child child;
  if (Status applied = ApplyFields(request.json, child); !applied.ok()) return ErrorResponse(applied, request);
  auto created = context.children.Create(child, *org, request.caller->user, ActorOf(request));
  if (!created.ok()) {
    Response response = ErrorResponse(created.status(), request);
    if (created.status().reason() != "duplicate_id_number") return response;
    nlohmann::json body = nlohmann::json::parse(response.body);
    body["existing_id"] = created.status().detail();  // the same ID number is the same child
    return Response::Json(409, body);
  }
  nlohmann::json body = domain::ChildJson(created->child);
  nlohmann::json similar = nlohmann::json::array();
  for (const auto& other : created->probable_duplicates) {
    similar.push_back({{"id", other.id}, {"name", other.name}, {"birth_date", other.birth_date}, {"org", other.org_code}});
  }
  body["probable_duplicates"] = similar;
  return Response::Json(201, body);
}

Response HandleGetChild(const Request& request, Context& context) {
  auto record = context.children.Get(ChildId(request), request.caller->user, ActorOf(request));
  if (!record.ok()) return ErrorResponse(record.status(), request);
  return Response::Json(200, domain::RecordJson(*record));
}

Response HandleUpdateChild(const Request& request, Context& context) {
  auto version = OptionalInteger(request.json, "version");
  if (!version.ok()) return ErrorResponse(version.status(), request);
  if (!*version) return ErrorResponse(Status::InvalidArgument("version", "missing").WithReason("required"), request);
  domain::ChildEdit edit{.version = **version, .apply = [&](domain::Child& child) { return ApplyFields(request.json, child); },
                         .org_code = std::nullopt};
  if (request.json.contains("org")) {
    auto org = RequiredString(request.json, "org", 64);
    if (!org.ok()) return ErrorResponse(org.status(), request);
    edit.org_code = *org;
  }
  auto updated = context.children.Update(ChildId(request), edit, request.caller->user, ActorOf(request));
  if (updated.status().reason() == "stale_version") return StaleVersion(request, context, updated.status());
  if (!updated.ok()) return ErrorResponse(updated.status(), request);
  return Response::Json(200, domain::ChildJson(*updated));
}

Response HandleRevealChildNumber(const Request& request, Context& context) {
  auto field = RequiredString(request.json, "field", 32);
  if (!field.ok()) return ErrorResponse(field.status(), request);
  auto reason = RequiredString(request.json, "reason", 1500);
  if (!reason.ok()) return ErrorResponse(reason.status(), request);
  auto member = OptionalString(request.json, "member", 64);
  if (!member.ok()) return ErrorResponse(member.status(), request);
  auto value = context.children.Reveal(ChildId(request), *field, *member, *reason, request.caller->user,
                                       ActorOf(request));
  if (!value.ok()) return ErrorResponse(value.status(), request);
  return Response::Json(200, nlohmann::json{{"field", *field}, {"value", *value}});
}

Response HandleAddFamilyMember(const Request& request, Context& context) {
  domain::FamilyMember member;
  if (Status applied = ApplyFamilyFields(request.json, member); !applied.ok()) return ErrorResponse(applied, request);
  auto added = context.children.AddFamilyMember(ChildId(request), member, request.caller->user, ActorOf(request));
  if (!added.ok()) return ErrorResponse(added.status(), request);
  return Response::Json(201, domain::FamilyJson(*added));
}

Response HandleUpdateFamilyMember(const Request& request, Context& context) {
  auto version = OptionalInteger(request.json, "version");
  if (!version.ok()) return ErrorResponse(version.status(), request);
  if (!*version) return ErrorResponse(Status::InvalidArgument("version", "missing").WithReason("required"), request);
  domain::FamilyEdit edit{.version = **version,
                          .apply = [&](domain::FamilyMember& member) { return ApplyFamilyFields(request.json, member); }};
  auto updated = context.children.UpdateFamilyMember(ChildId(request), request.path_params.at("member"), edit,
                                                     request.caller->user, ActorOf(request));
  if (!updated.ok()) return ErrorResponse(updated.status(), request);
  return Response::Json(200, domain::FamilyJson(*updated));
}

Response HandleRemoveFamilyMember(const Request& request, Context& context) {
  Status removed = context.children.RemoveFamilyMember(ChildId(request), request.path_params.at("member"),
                                                       request.caller->user, ActorOf(request));
  if (!removed.ok()) return ErrorResponse(removed, request);
  return Response::Json(200, nlohmann::json{{"removed", request.path_params.at("member")}});
}

Response HandleArchiveChild(const Request& request, Context& context) {
  auto reason = RequiredString(request.json, "reason", 2000);
  if (!reason.ok()) return ErrorResponse(reason.status(), request);
  auto archived = context.children.Archive(ChildId(request), *reason, request.caller->user, ActorOf(request));
  if (!archived.ok()) return ErrorResponse(archived.status(), request);
  return Response::Json(200, domain::ChildJson(*archived));
}

}  // namespace sw::http
