// GET /api/v1/audit (search) and GET /api/v1/audit/report (access report), for audit admins.
#include "domain/terms/term.h"
#include "http/caller.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/query.h"

namespace sw::http {
namespace {

// "2026-11-22T14:03:05.123Z" as it is, or a date "2026-11-22" as its midnight in China.
Result<std::string> TimeParameter(const std::map<std::string, std::string>& query, const char* name) {
  auto found = query.find(name);
  if (found == query.end() || found->second.empty()) return std::string();
  if (auto time = ParseUtc(found->second)) return FormatUtc(*time);
  if (auto date = domain::ParseDate(found->second)) return FormatUtc(std::chrono::sys_days(*date) - kChinaOffset);
  return Status::InvalidArgument(name, "not a date or UTC time").WithReason("invalid_time");
}

Result<domain::AuditQuery> ParseAuditQuery(const std::map<std::string, std::string>& query) {
  auto from = TimeParameter(query, "from");
  if (!from.ok()) return from.status();
  auto to = TimeParameter(query, "to");
  if (!to.ok()) return to.status();
  auto limit = IntegerParameter(query, "limit", 100);
  if (!limit.ok()) return limit.status();
  auto before = IntegerParameter(query, "before_seq", 0);
  if (!before.ok()) return before.status();
  return domain::AuditQuery{.user_id = Parameter(query, "user_id"), .object_type = Parameter(query, "object_type"),
                            .object_id = Parameter(query, "object_id"), .action = Parameter(query, "action"),
                            .from = *from, .to = *to, .before_seq = *before, .limit = *limit};
}

nlohmann::json EntryJson(const domain::AuditEntry& entry) {
  return {{"seq", entry.seq},
          {"at", entry.at},
          {"user_id", entry.actor.user_id},
          {"role", entry.actor.role},
          {"org_id", entry.actor.org_id},
          {"action", entry.action},
          {"object_type", entry.object_type},
          {"object_id", entry.object_id},
          {"outcome", domain::OutcomeName(entry.outcome)},
          {"request_id", entry.actor.request_id},
          {"client_address", entry.actor.client_address}};
}

Result<std::map<std::string, std::string>> QueryOf(const Request& request) {
  auto query = ParseQuery(request.query);
  if (!query) return Status::InvalidArgument("query", "malformed query string").WithReason("bad_query");
  return *query;
}

}  // namespace

Response HandleSearchAudit(const Request& request, Context& context) {
  auto query = QueryOf(request);
  if (!query.ok()) return ErrorResponse(query.status(), request);
  auto parsed = ParseAuditQuery(*query);
  if (!parsed.ok()) return ErrorResponse(parsed.status(), request);
  auto entries = context.audit.Search(request.caller->user, *parsed, ActorOf(request));
  if (!entries.ok()) return ErrorResponse(entries.status(), request);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& entry : *entries) items.push_back(EntryJson(entry));
  const bool full_page = static_cast<std::int64_t>(entries->size()) == parsed->limit;
  return Response::Json(200, {{"entries", items},
                              {"next_before_seq", full_page ? nlohmann::json(entries->back().seq) : nlohmann::json()}});
}

Response HandleAuditReport(const Request& request, Context& context) {
  auto query = QueryOf(request);
  if (!query.ok()) return ErrorResponse(query.status(), request);
  auto from = TimeParameter(*query, "from");
  if (!from.ok()) return ErrorResponse(from.status(), request);
  auto to = TimeParameter(*query, "to");
  if (!to.ok()) return ErrorResponse(to.status(), request);
  auto counts = context.audit.Report(request.caller->user, *from, *to, ActorOf(request));
  if (!counts.ok()) return ErrorResponse(counts.status(), request);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& count : *counts) {
    items.push_back({{"org_id", count.org_id}, {"action", count.action}, {"outcome", count.outcome},
                     {"count", count.count}});
  }
  return Response::Json(200, {{"from", *from}, {"to", *to}, {"counts", items}});
}

}  // namespace sw::http
