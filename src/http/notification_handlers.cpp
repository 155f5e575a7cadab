// /api/v1/notifications…: the signed-in user's own reminders.
#include "http/caller.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/json_input.h"
#include "http/query.h"

namespace sw::http {

Response HandleListNotifications(const Request& request, Context& context) {
  auto parameters = ParseQuery(request.query);
  if (!parameters) return ErrorResponse(Status::InvalidArgument("query", "malformed").WithReason("bad_query"), request);
  auto limit = IntegerParameter(*parameters, "limit", 30);
  if (!limit.ok()) return ErrorResponse(limit.status(), request);
  if (*limit < 1 || *limit > 100) {
    return ErrorResponse(Status::InvalidArgument("limit", "1 to 100").WithReason("out_of_range"), request);
  }
  auto page = context.notifications.Mine(request.caller->user, Parameter(*parameters, "unread") == "1", *limit);
  if (!page.ok()) return ErrorResponse(page.status(), request);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& notification : page->items) {
    nlohmann::json child = nullptr;  // a child the user no longer reaches goes unnamed
    if (!notification.child_name.empty()) child = {{"id", notification.child_id}, {"name", notification.child_name}};
    items.push_back({{"id", notification.id},
                     {"kind", notification.kind},
                     {"detail", notification.detail},
                     {"child", child},
                     {"task", notification.task_id},
                     {"created_at", notification.created_at},
                     {"read", !notification.read_at.empty()}});
  }
  return Response::Json(200, {{"items", std::move(items)}, {"unread", page->unread}});
}

Response HandleReadNotifications(const Request& request, Context& context) {
  auto ids = OptionalStringList(request.json, "ids", 100);
  if (!ids.ok()) return ErrorResponse(ids.status(), request);
  Status marked = context.notifications.MarkRead(request.caller->user, *ids);
  if (!marked.ok()) return ErrorResponse(marked, request);
  return HandleListNotifications(request, context);
}

}  // namespace sw::http
