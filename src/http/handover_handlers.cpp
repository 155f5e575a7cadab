// The archive's life between school years: /api/v1/orgs/{code}/promotion (year-end promotion)
// and /api/v1/transfers… (a child moving to another school).
#include "core/identity_numbers.h"
#include "http/caller.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/json_input.h"
#include "http/query.h"

namespace sw::http {
namespace {

const std::string& Code(const Request& request) { return request.path_params.at("code"); }

nlohmann::json PlanJson(const domain::PromotionPlan& plan) {
  nlohmann::json schools = nlohmann::json::array();
  for (const auto& school : plan.schools) {
    nlohmann::json grades = nlohmann::json::object();
    for (const auto& [grade, children] : school.by_grade) grades[std::to_string(grade)] = children;
    schools.push_back({{"code", school.school.code}, {"name", school.school.name}, {"top_grade", school.top_grade},
                       {"children_by_grade", grades}});
  }
  nlohmann::json without_grade = nlohmann::json::array();
  for (const auto& child : plan.without_grade) {
    without_grade.push_back({{"id", child.id}, {"name", child.name}, {"org", child.org_code}});
  }
  const std::string& done_at = plan.already_promoted_at;
  return {{"org", plan.org.code},
          {"into_year", plan.into_year},
          {"already_promoted_at", done_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(done_at)},
          {"schools", schools},
          {"promoted", plan.promoted},
          {"graduating", plan.graduating},
          {"without_grade", without_grade}};
}

Result<std::int64_t> TopGrade(const std::string& name, std::int64_t grade) {
  if (grade < 1 || grade > 12) return Status::InvalidArgument(name, "1 to 12").WithReason("grade_out_of_range");
  return grade;
}

// `top_grade.<school>=N` in the preview's query.
Result<domain::TopGrades> TopGradesOfQuery(const QueryParameters& parameters) {
  domain::TopGrades top_grades;
  for (const auto& [name, value] : parameters) {
    if (!name.starts_with("top_grade.")) continue;
    auto grade = IntegerParameter(parameters, name.c_str(), 0);
    if (!grade.ok()) return grade.status();
    auto checked = TopGrade(name, *grade);
    if (!checked.ok()) return checked.status();
    top_grades[name.substr(10)] = *checked;
  }
  return top_grades;
}

// `"top_grades": {"<school>": N}` in the commit's body.
Result<domain::TopGrades> TopGradesOfBody(const nlohmann::json& body) {
  domain::TopGrades top_grades;
  if (!body.contains("top_grades") || body["top_grades"].is_null()) return top_grades;
  if (!body["top_grades"].is_object()) return Status::InvalidArgument("top_grades", "an object").WithReason("wrong_type");
  for (const auto& [school, grade] : body["top_grades"].items()) {
    const std::string name = "top_grades." + school;
    if (!grade.is_number_integer()) return Status::InvalidArgument(name, "an integer").WithReason("wrong_type");
    auto checked = TopGrade(name, grade.get<std::int64_t>());
    if (!checked.ok()) return checked.status();
    top_grades[school] = *checked;
  }
  return top_grades;
}

nlohmann::json TransferJson(const domain::ChildTransfer& transfer) {
  auto optional = [](const std::string& text) { return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text); };
  nlohmann::json json = {
      {"id", transfer.id},
      {"child", {{"id", transfer.child_id}, {"name", transfer.child_name}, {"gender", transfer.child_gender},
                 {"birth_date", transfer.child_birth_date}, {"id_number", MaskIdNumber(transfer.child_id_number)}}},
      {"from", transfer.from_org_code},
      {"to", transfer.to_org_code},
      {"reason", transfer.reason},
      {"state", transfer.state},
      {"requested_at", transfer.requested_at},
      {"requested_by", transfer.requested_by},
      {"decided_at", optional(transfer.decided_at)},
      {"decided_by", optional(transfer.decided_by)},
      {"note", transfer.note},
      {"version", transfer.version}};
  if (!transfer.snapshot.empty()) json["record"] = nlohmann::json::parse(transfer.snapshot);
  return json;
}

Response TransferResponse(const Result<domain::ChildTransfer>& transfer, const Request& request, int status = 200) {
  if (!transfer.ok()) return ErrorResponse(transfer.status(), request);
  return Response::Json(status, TransferJson(*transfer));
}

const std::string& TransferId(const Request& request) { return request.path_params.at("id"); }

}  // namespace

Response HandlePreviewPromotion(const Request& request, Context& context) {
  auto parameters = ParseQuery(request.query);
  if (!parameters) return ErrorResponse(Status::InvalidArgument("query", "malformed").WithReason("bad_query"), request);
  auto top_grades = TopGradesOfQuery(*parameters);
  if (!top_grades.ok()) return ErrorResponse(top_grades.status(), request);
  auto plan = context.promotions.Preview(Code(request), *top_grades, request.caller->user, ActorOf(request));
  if (!plan.ok()) return ErrorResponse(plan.status(), request);
  return Response::Json(200, PlanJson(*plan));
}

Response HandleCommitPromotion(const Request& request, Context& context) {
  auto into_year = OptionalInteger(request.json, "into_year");
  if (!into_year.ok()) return ErrorResponse(into_year.status(), request);
  if (!*into_year) return ErrorResponse(Status::InvalidArgument("into_year", "missing").WithReason("required"), request);
  auto top_grades = TopGradesOfBody(request.json);
  if (!top_grades.ok()) return ErrorResponse(top_grades.status(), request);
  auto plan = context.promotions.Commit(Code(request), **into_year, *top_grades, request.caller->user,
                                        ActorOf(request));
  if (!plan.ok()) {
    Response response = ErrorResponse(plan.status(), request);
    if (plan.status().reason() != "already_promoted") return response;
    nlohmann::json body = nlohmann::json::parse(response.body);
    body["promoted_at"] = plan.status().detail();  // where that year was already promoted
    return Response::Json(409, body);
  }
  return Response::Json(200, PlanJson(*plan));
}

Response HandleRequestTransfer(const Request& request, Context& context) {
  auto to = RequiredString(request.json, "to", 64);
  if (!to.ok()) return ErrorResponse(to.status(), request);
  auto reason = RequiredString(request.json, "reason", 1500);
  if (!reason.ok()) return ErrorResponse(reason.status(), request);
  return TransferResponse(context.transfers.Request(request.path_params.at("id"), *to, *reason, request.caller->user,
                                                    ActorOf(request)),
                          request, 201);
}

Response HandleListTransfers(const Request& request, Context& context) {
  auto parameters = ParseQuery(request.query);
  if (!parameters) return ErrorResponse(Status::InvalidArgument("query", "malformed").WithReason("bad_query"), request);
  domain::TransferQuery query;
  const std::string direction = Parameter(*parameters, "direction");
  if (direction != "in" && direction != "out") {
    return ErrorResponse(Status::InvalidArgument("direction", "in or out").WithReason("invalid_choice"), request);
  }
  query.incoming = direction == "in";
  query.state = Parameter(*parameters, "state");
  auto page = IntegerParameter(*parameters, "page", 1);
  if (!page.ok()) return ErrorResponse(page.status(), request);
  if (*page < 1 || *page > 1'000'000) {
    return ErrorResponse(Status::InvalidArgument("page", "1 or more").WithReason("out_of_range"), request);
  }
  query.offset = (*page - 1) * query.limit;
  auto listed = context.transfers.List(query, request.caller->user, ActorOf(request));
  if (!listed.ok()) return ErrorResponse(listed.status(), request);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& transfer : listed->items) items.push_back(TransferJson(transfer));
  return Response::Json(200, {{"items", std::move(items)},
                              {"total", listed->total},
                              {"page", *page},
                              {"page_size", query.limit}});
}

Response HandleGetTransfer(const Request& request, Context& context) {
  return TransferResponse(context.transfers.Get(TransferId(request), request.caller->user, ActorOf(request)), request);
}

Response HandleAcceptTransfer(const Request& request, Context& context) {
  auto place = OptionalString(request.json, "org", 64);
  if (!place.ok()) return ErrorResponse(place.status(), request);
  return TransferResponse(
      context.transfers.Accept(TransferId(request), *place, request.caller->user, ActorOf(request)), request);
}

Response HandleDeclineTransfer(const Request& request, Context& context) {
  auto note = RequiredString(request.json, "note", 1500);
  if (!note.ok()) return ErrorResponse(note.status(), request);
  return TransferResponse(
      context.transfers.Decline(TransferId(request), *note, request.caller->user, ActorOf(request)), request);
}

Response HandleWithdrawTransfer(const Request& request, Context& context) {
  return TransferResponse(context.transfers.Withdraw(TransferId(request), request.caller->user, ActorOf(request)),
                          request);
}

}  // namespace sw::http
