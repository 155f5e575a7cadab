// /api/v1/children/{id}/records…, /signals, /tasks; /api/v1/tasks: care records (帮扶记录),
// signals (预警) and tasks (待办).
#include "domain/care/care_json.h"
#include "http/caller.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/json_input.h"
#include "http/query.h"

namespace sw::http {
namespace {

const std::string& ChildId(const Request& request) { return request.path_params.at("id"); }

// A state (mood, health, study) as {"choice": …, "note": …} or as its choice alone.
Status ReadState(const nlohmann::json& body, const char* name, std::string& choice, std::string& note) {
  if (!body.contains(name) || body[name].is_null()) return Status::Ok();
  const nlohmann::json& value = body[name];
  if (value.is_string()) {
    choice = value.get<std::string>();
    return Status::Ok();
  }
  if (!value.is_object()) return Status::InvalidArgument(name, "a choice or {choice, note}").WithReason("wrong_type");
  auto chosen = OptionalString(value, "choice", 16);
  if (!chosen.ok()) return Status::InvalidArgument(name, "choice").WithReason(chosen.status().reason());
  auto written = OptionalString(value, "note", 2000);
  if (!written.ok()) return Status::InvalidArgument(std::string(name) + "_note", "note").WithReason(written.status().reason());
  choice = *chosen;
  note = *written;
  return Status::Ok();
}

Result<domain::CareRecord> RecordFromBody(const nlohmann::json& body) {
  domain::CareRecord record;
  struct Text {
    const char* name;
    std::string domain::CareRecord::*member;
    std::size_t max_bytes;
  };
  const Text texts[] = {{"kind", &domain::CareRecord::kind, 32},
                        {"letter_to", &domain::CareRecord::letter_to, 16},
                        {"occurred_at", &domain::CareRecord::occurred_at, 40},
                        {"place", &domain::CareRecord::place, 200},
                        {"participants", &domain::CareRecord::participants, 200},
                        {"content", &domain::CareRecord::content, 20000},
                        {"follow_up", &domain::CareRecord::follow_up, 2000},
                        {"follow_up_by", &domain::CareRecord::follow_up_by, 10}};
  for (const Text& text : texts) {
    auto value = OptionalString(body, text.name, text.max_bytes);
    if (!value.ok()) return value.status();
    record.*text.member = *value;
  }
  if (Status mood = ReadState(body, "mood", record.mood, record.mood_note); !mood.ok()) return mood;
  if (Status health = ReadState(body, "health", record.health, record.health_note); !health.ok()) return health;
  if (Status study = ReadState(body, "study", record.study, record.study_note); !study.ok()) return study;
  return record;
}

Result<domain::TaskFilter> FilterFrom(const QueryParameters& parameters) {
  domain::TaskFilter filter;
  filter.state = Parameter(parameters, "status");
  if (!filter.state.empty() && filter.state != "open" && filter.state != "late" && filter.state != "todo" &&
      filter.state != "done") {
    return Status::InvalidArgument("status", "open, late, todo or done").WithReason("invalid_choice");
  }
  for (auto [name, target] : {std::pair{"due_from", &filter.due_from}, {"due_to", &filter.due_to}}) {
    *target = Parameter(parameters, name);
    if (!target->empty() && !domain::ParseDate(*target)) {
      return Status::InvalidArgument(name, "a date").WithReason("invalid_time");
    }
  }
  auto paging = PagingParameters(parameters, 50);
  if (!paging.ok()) return paging.status();
  filter.offset = paging->offset;
  filter.limit = paging->limit;
  return filter;
}

Response TaskPageResponse(const Result<domain::TaskPage>& page, const domain::TaskFilter& filter,
                          const std::string& today, const Request& request) {
  if (!page.ok()) return ErrorResponse(page.status(), request);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& task : page->items) items.push_back(domain::TaskJson(task, today));
  return Response::Json(200, {{"items", std::move(items)},
                              {"total", page->total},
                              {"page", filter.offset / filter.limit + 1},
                              {"page_size", filter.limit},
                              {"today", today}});
}

nlohmann::json CountsJson(const domain::TaskCounts& counts) {
  const std::int64_t due = counts.done + counts.late;
  return {{"done", counts.done},
          {"late", counts.late},
          {"open", counts.open},
          {"rate", due == 0 ? nlohmann::json(nullptr) : nlohmann::json(static_cast<double>(counts.done) / static_cast<double>(due))}};
}

}  // namespace

Response HandleAddRecord(const Request& request, Context& context) {
  auto draft = RecordFromBody(request.json);
  if (!draft.ok()) return ErrorResponse(draft.status(), request);
  auto added = context.care.Add(ChildId(request), *draft, request.caller->user, ActorOf(request));
  if (!added.ok()) return ErrorResponse(added.status(), request);
  return Response::Json(201, domain::CareRecordJson(*added));
}

Response HandleListRecords(const Request& request, Context& context) {
  auto parameters = ParseQuery(request.query);
  if (!parameters) return ErrorResponse(Status::InvalidArgument("query", "malformed").WithReason("bad_query"), request);
  auto paging = PagingParameters(*parameters, 20);
  if (!paging.ok()) return ErrorResponse(paging.status(), request);
  auto page = context.care.Records(ChildId(request), paging->offset, paging->limit, request.caller->user,
                                   ActorOf(request));
  if (!page.ok()) return ErrorResponse(page.status(), request);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& record : page->items) items.push_back(domain::CareRecordJson(record));
  return Response::Json(200, {{"items", std::move(items)}, {"total", page->total}, {"page", paging->page},
                              {"page_size", paging->page_size}});
}

Response HandleGetRecord(const Request& request, Context& context) {
  auto detail = context.care.Record(ChildId(request), request.path_params.at("record"), request.caller->user,
                                    ActorOf(request));
  if (!detail.ok()) return ErrorResponse(detail.status(), request);
  nlohmann::json body = domain::CareRecordJson(detail->record);
  body["revisions"] = nlohmann::json::array();
  for (const auto& revision : detail->revisions) body["revisions"].push_back(domain::RevisionJson(revision));
  body["corrections"] = nlohmann::json::array();
  for (const auto& correction : detail->corrections) body["corrections"].push_back(domain::CorrectionJson(correction));
  body["editable_until"] = detail->editable_until;
  return Response::Json(200, body);
}

Response HandleEditRecord(const Request& request, Context& context) {
  auto draft = RecordFromBody(request.json);
  if (!draft.ok()) return ErrorResponse(draft.status(), request);
  auto version = OptionalInteger(request.json, "version");
  if (!version.ok()) return ErrorResponse(version.status(), request);
  if (!*version) return ErrorResponse(Status::InvalidArgument("version", "required").WithReason("required"), request);
  draft->version = **version;
  auto edited = context.care.Edit(ChildId(request), request.path_params.at("record"), *draft, request.caller->user,
                                  ActorOf(request));
  if (!edited.ok()) return ErrorResponse(edited.status(), request);
  return Response::Json(200, domain::CareRecordJson(*edited));
}

Response HandleCorrectRecord(const Request& request, Context& context) {
  auto note = RequiredString(request.json, "note", 5000);
  if (!note.ok()) return ErrorResponse(note.status(), request);
  auto added = context.care.Correct(ChildId(request), request.path_params.at("record"), *note, request.caller->user,
                                    ActorOf(request));
  if (!added.ok()) return ErrorResponse(added.status(), request);
  return Response::Json(201, domain::CorrectionJson(*added));
}

Response HandleRaiseSignal(const Request& request, Context& context) {
  domain::CareSignal draft;
  for (auto [name, target, max_bytes] : {std::tuple{"type", &draft.type, std::size_t{32}},
                                         {"note", &draft.note, std::size_t{5000}},
                                         {"observed_on", &draft.observed_on, std::size_t{10}}}) {
    auto value = OptionalString(request.json, name, max_bytes);
    if (!value.ok()) return ErrorResponse(value.status(), request);
    *target = *value;
  }
  auto raised = context.care.RaiseSignal(ChildId(request), draft, request.caller->user, ActorOf(request));
  if (!raised.ok()) return ErrorResponse(raised.status(), request);
  nlohmann::json body = domain::SignalJson(raised->first);
  body["task"] = domain::TaskJson(raised->second, context.tasks.Today());
  return Response::Json(201, body);
}

Response HandleListSignals(const Request& request, Context& context) {
  auto signals = context.care.Signals(ChildId(request), request.caller->user, ActorOf(request));
  if (!signals.ok()) return ErrorResponse(signals.status(), request);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& signal : *signals) items.push_back(domain::SignalJson(signal));
  return Response::Json(200, {{"items", std::move(items)}});
}

Response HandleChildTasks(const Request& request, Context& context) {
  auto parameters = ParseQuery(request.query);
  if (!parameters) return ErrorResponse(Status::InvalidArgument("query", "malformed").WithReason("bad_query"), request);
  auto filter = FilterFrom(*parameters);
  if (!filter.ok()) return ErrorResponse(filter.status(), request);
  return TaskPageResponse(context.tasks.OfChild(ChildId(request), *filter, request.caller->user, ActorOf(request)),
                          *filter, context.tasks.Today(), request);
}

Response HandleListTasks(const Request& request, Context& context) {
  auto parameters = ParseQuery(request.query);
  if (!parameters) return ErrorResponse(Status::InvalidArgument("query", "malformed").WithReason("bad_query"), request);
  auto filter = FilterFrom(*parameters);
  if (!filter.ok()) return ErrorResponse(filter.status(), request);
  const std::string org = Parameter(*parameters, "org");
  const std::string mine = Parameter(*parameters, "mine");
  if (org.empty() == (mine != "1")) {
    return ErrorResponse(Status::InvalidArgument("org", "mine=1 or org=CODE").WithReason("tasks_whose"), request);
  }
  const std::string today = context.tasks.Today();
  if (!org.empty()) {
    return TaskPageResponse(context.tasks.OfOrg(org, *filter, request.caller->user, ActorOf(request)), *filter, today,
                            request);
  }
  return TaskPageResponse(context.tasks.Mine(*filter, request.caller->user), *filter, today, request);
}

Response HandleCompliance(const Request& request, Context& context) {
  auto parameters = ParseQuery(request.query);
  if (!parameters) return ErrorResponse(Status::InvalidArgument("query", "malformed").WithReason("bad_query"), request);
  const std::string org = Parameter(*parameters, "org");
  if (org.empty()) return ErrorResponse(Status::InvalidArgument("org", "required").WithReason("required"), request);
  auto compliance = context.tasks.ComplianceOf(org, Parameter(*parameters, "term"), request.caller->user,
                                               ActorOf(request));
  if (!compliance.ok()) return ErrorResponse(compliance.status(), request);
  nlohmann::json by_org = nlohmann::json::object(), by_helper = nlohmann::json::object();
  for (const auto& [code, counts] : compliance->by_org) by_org[code] = CountsJson(counts);
  for (const auto& [username, counts] : compliance->by_helper) by_helper[username] = CountsJson(counts);
  return Response::Json(200, {{"org", compliance->org_code},
                              {"term", {{"key", compliance->term.key},
                                        {"name", compliance->term.name},
                                        {"starts_on", domain::FormatDate(compliance->term.starts_on)},
                                        {"ends_on", domain::FormatDate(compliance->term.ends_on)}}},
                              {"total", CountsJson(compliance->total)},
                              {"by_org", by_org},
                              {"by_helper", by_helper}});
}

}  // namespace sw::http
