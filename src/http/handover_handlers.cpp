// The archive's life between school years: /api/v1/orgs/{code}/promotion (year-end promotion).
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

}  // namespace sw::http
