// In-app reminders in SQL.
#include "storage/repositories/row_sql.h"
#include "storage/repositories/scope_sql.h"
#include "storage/repositories/sql_repositories.h"

namespace sw::storage {

Status SqlNotificationRepository::Add(const std::vector<domain::Notification>& notifications) {
  for (const domain::Notification& notification : notifications) {
    Status added = tx_.Execute(
        "INSERT INTO notifications (id, user_id, kind, child_id, task_id, detail, created_at, read_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, '') ON CONFLICT (user_id, kind, task_id) DO NOTHING",
        {notification.id, notification.user_id, notification.kind, notification.child_id, notification.task_id,
         notification.detail, notification.created_at});
    if (!added.ok()) return added;
  }
  return Status::Ok();
}

Result<domain::NotificationPage> SqlNotificationRepository::Of(const std::string& user_id, const domain::Scope& scope,
                                                               bool unread_only, std::int64_t limit) {
  Params params;
  const std::string reaches = ChildInScope("c", scope, params);
  const std::string user = Placeholder(params, user_id);
  const std::string most = Placeholder(params, limit);
  auto rows = tx_.Query(
      "SELECT n.id, n.user_id, n.kind, n.child_id, CASE WHEN " + reaches + " THEN c.name ELSE '' END, n.task_id, "
      "n.detail, n.created_at, n.read_at FROM notifications n JOIN children c ON c.id = n.child_id "
      "WHERE n.user_id = " + user + (unread_only ? " AND n.read_at = ''" : "") +
      " ORDER BY n.created_at DESC, n.id LIMIT " + most,
      params);
  if (!rows.ok()) return rows.status();
  domain::NotificationPage page;
  for (const auto& row : *rows) {
    page.items.push_back({AsText(row[0]), AsText(row[1]), AsText(row[2]), AsText(row[3]), AsText(row[4]),
                          AsText(row[5]), AsText(row[6]), AsText(row[7]), AsText(row[8])});
  }
  auto unread = tx_.Query("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at = ''", {user_id});
  if (!unread.ok()) return unread.status();
  page.unread = AsInt((*unread)[0][0]);
  return page;
}

Status SqlNotificationRepository::MarkRead(const std::string& user_id, const std::vector<std::string>& ids,
                                           const std::string& at) {
  Params params{user_id, at};
  const std::string only = ids.empty() ? "" : " AND id IN (" + Placeholders(params, ids) + ")";
  return tx_.Execute("UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at = ''" + only, params);
}

}  // namespace sw::storage
