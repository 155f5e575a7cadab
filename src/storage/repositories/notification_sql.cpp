// In-app reminders in SQL.
#include "storage/repositories/row_sql.h"
#include "storage/repositories/scope_sql.h"
#include "storage/repositories/sql_repositories.h"

namespace sw::storage {

namespace {

// Puts a reminder just added in the outbox of `channel`, due at once.
Status Enqueue(Executor& tx, const domain::Notification& notification, const char* channel, const char* only_if) {
  return tx.Execute(std::string("INSERT INTO outbox (notification_id, channel, attempts, next_attempt_at, sent_at, "
                                "last_error) SELECT $1, $2, 0, $3, '', '' FROM users WHERE id = $4 ") + only_if,
                    {notification.id, channel, notification.created_at, notification.user_id});
}

}  // namespace

Status SqlNotificationRepository::Add(const std::vector<domain::Notification>& notifications,
                                      const domain::ReminderChannels& channels) {
  for (const domain::Notification& notification : notifications) {
    auto added = tx_.Query(
        "INSERT INTO notifications (id, user_id, kind, child_id, task_id, detail, created_at, read_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, '') ON CONFLICT (user_id, kind, task_id) DO NOTHING RETURNING id",
        {notification.id, notification.user_id, notification.kind, notification.child_id, notification.task_id,
         notification.detail, notification.created_at});
    if (!added.ok()) return added.status();
    if (added->empty()) continue;  // given before: sent before
    if (channels.email) {
      if (Status queued = Enqueue(tx_, notification, "email", "AND email <> ''"); !queued.ok()) return queued;
    }
    if (channels.webhook) {
      if (Status queued = Enqueue(tx_, notification, "webhook", ""); !queued.ok()) return queued;
    }
  }
  return Status::Ok();
}

Result<domain::NotificationPage> SqlNotificationRepository::Of(const std::string& user_id, const domain::Scope& scope,
                                                               bool unread_only, std::int64_t limit) {
  Params params;
  const std::string reaches = ChildInScope("c", scope, params, SubtreeTest::kPerRow);  // a few rows
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

Result<std::vector<domain::OutgoingReminder>> SqlOutboxRepository::Claim(const std::string& now,
                                                                        const std::string& claimed_until,
                                                                        std::int64_t limit) {
  auto rows = tx_.Query(
      "SELECT o.notification_id, o.channel, o.attempts, o.next_attempt_at, n.kind, n.child_id, COALESCE(t.due, ''), "
      "u.username, u.email, u.active, n.created_at FROM outbox o JOIN notifications n ON n.id = o.notification_id "
      "JOIN users u ON u.id = n.user_id LEFT JOIN care_tasks t ON t.id = n.task_id "
      "WHERE o.next_attempt_at <> '' AND o.next_attempt_at <= $1 ORDER BY o.next_attempt_at LIMIT $2",
      {now, limit});
  if (!rows.ok()) return rows.status();
  std::vector<domain::OutgoingReminder> claimed;
  for (const auto& row : *rows) {
    // Claimed only if nobody claimed it since it was read.
    auto taken = tx_.Query(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1 WHERE notification_id = $2 "
        "AND channel = $3 AND next_attempt_at = $4 RETURNING attempts",
        {claimed_until, row[0], row[1], row[3]});
    if (!taken.ok()) return taken.status();
    if (taken->empty()) continue;
    claimed.push_back({.notification_id = AsText(row[0]), .channel = AsText(row[1]),
                       .attempts = AsInt((*taken)[0][0]), .claimed_until = claimed_until, .kind = AsText(row[4]),
                       .child_id = AsText(row[5]), .due = AsText(row[6]), .username = AsText(row[7]),
                       .email = AsText(row[8]), .active = AsInt(row[9]) != 0, .created_at = AsText(row[10])});
  }
  return claimed;
}

Status SqlOutboxRepository::Settle(const domain::OutgoingReminder& message, const std::string& sent_at,
                                   const std::string& next_attempt_at, const std::string& error) {
  // Only while the claim is still ours: a send that outlived it has been handed to another.
  return tx_.Execute(
      "UPDATE outbox SET sent_at = $1, next_attempt_at = $2, last_error = $3 WHERE notification_id = $4 "
      "AND channel = $5 AND next_attempt_at = $6",
      {sent_at, next_attempt_at, error, message.notification_id, message.channel, message.claimed_until});
}

}  // namespace sw::storage
