// Care records, rules, settings, signals and tasks in SQL.
#include <sstream>

#include "storage/repositories/row_sql.h"
#include "storage/repositories/sql_repositories.h"

namespace sw::storage {
namespace {

using domain::CareRecord;
using domain::CareRule;
using domain::CareTask;

// The record's text columns, in table order after id and child_id.
struct RecordColumn {
  const char* name;
  std::string CareRecord::*member;
};

const std::vector<RecordColumn>& RecordTextColumns() {
  static const std::vector<RecordColumn> kColumns = {
      {"org_id", &CareRecord::org_id},       {"kind", &CareRecord::kind},
      {"letter_to", &CareRecord::letter_to}, {"occurred_at", &CareRecord::occurred_at},
      {"occurred_on", &CareRecord::occurred_on}, {"place", &CareRecord::place},
      {"participants", &CareRecord::participants}, {"content", &CareRecord::content},
      {"mood", &CareRecord::mood},           {"mood_note", &CareRecord::mood_note},
      {"health", &CareRecord::health},       {"health_note", &CareRecord::health_note},
      {"study", &CareRecord::study},         {"study_note", &CareRecord::study_note},
      {"follow_up", &CareRecord::follow_up}, {"follow_up_by", &CareRecord::follow_up_by},
      {"author_id", &CareRecord::author_id}, {"created_at", &CareRecord::created_at},
      {"updated_at", &CareRecord::updated_at}};
  return kColumns;
}

const std::vector<std::string>& RecordColumns() {
  static const std::vector<std::string> kColumns = [] {
    std::vector<std::string> columns = {"id", "child_id"};
    for (const auto& column : RecordTextColumns()) columns.emplace_back(column.name);
    columns.emplace_back("version");
    return columns;
  }();
  return kColumns;
}

Params RecordValues(const CareRecord& record) {
  Params values = {record.id, record.child_id};
  for (const auto& column : RecordTextColumns()) values.emplace_back(record.*column.member);
  values.emplace_back(record.version);
  return values;
}

// SELECT list of the record's columns (alias r) and its author's display name.
std::string RecordSelect() {
  std::string select = "SELECT ";
  for (const std::string& column : RecordColumns()) select += "r." + column + ", ";
  return select + "u.display_name FROM care_records r JOIN users u ON u.id = r.author_id ";
}

CareRecord RecordFromRow(const std::vector<Value>& row) {
  CareRecord record;
  std::size_t at = 0;
  record.id = AsText(row[at++]);
  record.child_id = AsText(row[at++]);
  for (const auto& column : RecordTextColumns()) record.*column.member = AsText(row[at++]);
  record.version = AsInt(row[at++]);
  record.author_name = AsText(row[at]);
  return record;
}

std::string Join(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& item : items) joined += (joined.empty() ? "" : ",") + item;
  return joined;
}

std::vector<std::string> Split(const std::string& joined) {
  std::vector<std::string> items;
  std::stringstream stream(joined);
  for (std::string item; std::getline(stream, item, ',');) items.push_back(item);
  return items;
}

CareRule RuleFromRow(const std::vector<Value>& row) {
  return CareRule{.id = AsText(row[0]), .org_id = AsText(row[1]), .org_code = AsText(row[2]),
                  .key = AsText(row[3]), .kinds = Split(AsText(row[4])), .min_count = AsInt(row[5]),
                  .period = AsText(row[6]), .helper_role = AsText(row[7]), .active = AsInt(row[8]) != 0,
                  .preset = AsText(row[9]), .version = AsInt(row[10]), .updated_at = AsText(row[11])};
}

std::optional<std::int64_t> NullableInt(const Value& value) {
  if (IsNull(value)) return std::nullopt;
  return AsInt(value);
}

const char* kTaskColumns =
    "t.id, t.child_id, t.org_id, t.source, t.source_id, t.name, t.kinds, t.helper_role, t.helper_id, "
    "t.period_start, t.due, t.required, t.done_count, t.status, t.done_on, t.created_at";

CareTask TaskFromRow(const std::vector<Value>& row) {
  CareTask task{.id = AsText(row[0]), .child_id = AsText(row[1]), .org_id = AsText(row[2]),
                .source = AsText(row[3]), .source_id = AsText(row[4]), .name = AsText(row[5]),
                .kinds = Split(AsText(row[6])), .helper_role = AsText(row[7]), .helper_id = AsText(row[8]),
                .period_start = AsText(row[9]), .due = AsText(row[10]), .required = AsInt(row[11]),
                .done_count = AsInt(row[12]), .status = AsText(row[13]), .done_on = AsText(row[14]),
                .created_at = AsText(row[15])};
  if (row.size() > 16) {
    task.child_name = AsText(row[16]);
    task.helper_username = AsText(row[17]);
    task.helper_name = AsText(row[18]);
  }
  return task;
}

// What InsertTask writes, in the order of TaskValues.
const std::vector<std::string> kTaskStoredColumns = {
    "id", "child_id", "org_id", "source", "source_id", "name", "kinds", "helper_role", "helper_id",
    "period_start", "due", "required", "done_count", "status", "done_on", "created_at"};

Params TaskValues(const CareTask& task) {
  return {task.id, task.child_id, task.org_id, task.source, task.source_id, task.name, Join(task.kinds),
          task.helper_role, task.helper_id, task.period_start, task.due, task.required, task.done_count, task.status,
          task.done_on, task.created_at};
}

const std::vector<std::string> kSignalColumns = {"id", "child_id", "org_id", "type", "note", "observed_on",
                                                 "raised_by", "created_at"};

Params SignalValues(const domain::CareSignal& signal) {
  return {signal.id, signal.child_id, signal.org_id, signal.type, signal.note, signal.observed_on,
          signal.raised_by, signal.created_at};
}

// The WHERE of a task list; the state too unless `with_state` is false (counts split by it).
std::string TaskWhere(const domain::TaskQuery& query, Params& params, bool with_state) {
  std::string where = "WHERE 1 = 1";
  if (!query.helper_id.empty()) where += " AND t.helper_id = " + Placeholder(params, query.helper_id);
  if (!query.child_id.empty()) where += " AND t.child_id = " + Placeholder(params, query.child_id);
  if (!query.org_id.empty()) {
    where += " AND t.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = " +
             Placeholder(params, query.org_id) + ")";
  }
  if (!query.due_from.empty()) where += " AND t.due >= " + Placeholder(params, query.due_from);
  if (!query.due_to.empty()) where += " AND t.due <= " + Placeholder(params, query.due_to);
  if (!with_state || query.state.empty()) return where;
  if (query.state == "done") return where + " AND t.status = 'done'";
  if (query.state == "todo") return where + " AND t.status = 'open'";
  const std::string comparison = query.state == "late" ? " < " : " >= ";
  return where + " AND t.status = 'open' AND t.due" + comparison + Placeholder(params, query.today);
}

}  // namespace

Status SqlCareRepository::InsertRecord(const CareRecord& record) {
  return InsertRow(tx_, "care_records", RecordColumns(), RecordValues(record));
}

Status SqlCareRepository::InsertRecords(std::span<const CareRecord> records) {
  return InsertRows(tx_, "care_records", RecordColumns(), records, RecordValues);
}

Status SqlCareRepository::UpdateRecord(CareRecord& record) {
  auto version = UpdateVersionedRow(tx_, "care_records", RecordColumns(), RecordValues(record));
  if (!version.ok()) return version.status();
  record.version = *version;
  return Status::Ok();
}

Result<std::vector<CareRecord>> SqlCareRepository::SelectRecords(const std::string& rest, const Params& params) {
  auto rows = tx_.Query(RecordSelect() + rest, params);
  if (!rows.ok()) return rows.status();
  std::vector<CareRecord> records;
  for (const auto& row : *rows) records.push_back(RecordFromRow(row));
  return records;
}

Result<std::optional<CareRecord>> SqlCareRepository::FindRecord(const std::string& child_id,
                                                                const std::string& record_id) {
  auto records = SelectRecords("WHERE r.id = $1 AND r.child_id = $2", {record_id, child_id});
  if (!records.ok()) return records.status();
  if (records->empty()) return std::optional<CareRecord>();
  return std::optional<CareRecord>(std::move(records->front()));
}

Result<domain::RecordPage> SqlCareRepository::Records(const std::string& child_id, bool with_counselling,
                                                      std::int64_t offset, std::int64_t limit) {
  const std::string where =
      std::string("WHERE r.child_id = $1") + (with_counselling ? "" : " AND r.kind <> 'counselling'");
  auto total = tx_.Query("SELECT COUNT(*) FROM care_records r " + where, {child_id});
  if (!total.ok()) return total.status();
  auto records = SelectRecords(where + " ORDER BY r.occurred_at DESC, r.id LIMIT $2 OFFSET $3", {child_id, limit, offset});
  if (!records.ok()) return records.status();
  return domain::RecordPage{.items = std::move(records).value(), .total = AsInt((*total)[0][0])};
}

Result<std::vector<CareRecord>> SqlCareRepository::RecordsBetween(const std::vector<std::string>& child_ids,
                                                                  const std::string& from, const std::string& to) {
  if (child_ids.empty()) return std::vector<CareRecord>();
  Params params;
  const std::string in = Placeholders(params, child_ids);
  const std::string where = "WHERE r.child_id IN (" + in + ") AND r.occurred_on >= " + Placeholder(params, from) +
                            " AND r.occurred_on <= " + Placeholder(params, to);
  return SelectRecords(where, params);
}

Status SqlCareRepository::AddRevision(const domain::RecordRevision& revision) {
  return InsertRow(tx_, "care_record_revisions", {"record_id", "version", "at", "user_id", "snapshot"},
                   {revision.record_id, revision.version, revision.at, revision.user_id, revision.snapshot});
}

Result<std::vector<domain::RecordRevision>> SqlCareRepository::Revisions(const std::string& record_id) {
  auto rows = tx_.Query(
      "SELECT record_id, version, at, user_id, snapshot FROM care_record_revisions WHERE record_id = $1 ORDER BY version",
      {record_id});
  if (!rows.ok()) return rows.status();
  std::vector<domain::RecordRevision> revisions;
  for (const auto& row : *rows) {
    revisions.push_back({AsText(row[0]), AsInt(row[1]), AsText(row[2]), AsText(row[3]), AsText(row[4])});
  }
  return revisions;
}

Status SqlCareRepository::AddCorrection(const domain::RecordCorrection& correction) {
  return InsertRow(tx_, "care_record_corrections", {"id", "record_id", "at", "user_id", "note"},
                   {correction.id, correction.record_id, correction.at, correction.user_id, correction.note});
}

Result<std::vector<domain::RecordCorrection>> SqlCareRepository::Corrections(const std::string& record_id) {
  auto rows = tx_.Query(
      "SELECT c.id, c.record_id, c.at, c.user_id, u.display_name, c.note FROM care_record_corrections c "
      "JOIN users u ON u.id = c.user_id WHERE c.record_id = $1 ORDER BY c.at, c.id",
      {record_id});
  if (!rows.ok()) return rows.status();
  std::vector<domain::RecordCorrection> corrections;
  for (const auto& row : *rows) {
    corrections.push_back({AsText(row[0]), AsText(row[1]), AsText(row[2]), AsText(row[3]), AsText(row[4]),
                           AsText(row[5])});
  }
  return corrections;
}

Result<std::vector<CareRule>> SqlCareRepository::RulesAbove(const std::string& org_id) {
  auto rows = tx_.Query(
      "SELECT r.id, r.org_id, o.code, r.rule_key, r.kinds, r.min_count, r.period, r.helper_role, r.active, r.preset, "
      "r.version, r.updated_at FROM care_rules r JOIN org_closure oc ON oc.ancestor_id = r.org_id "
      "JOIN orgs o ON o.id = r.org_id WHERE oc.descendant_id = $1 ORDER BY oc.depth, r.rule_key",
      {org_id});
  if (!rows.ok()) return rows.status();
  std::vector<CareRule> rules;
  for (const auto& row : *rows) rules.push_back(RuleFromRow(row));
  return rules;
}

Status SqlCareRepository::SaveRule(CareRule& rule) {
  const bool is_new = rule.version == 0;
  if (is_new) rule.version = 1;
  const std::vector<std::string> columns = {"id",          "org_id", "rule_key", "kinds",   "min_count", "period",
                                            "helper_role", "active", "preset",   "version", "updated_at"};
  const Params values = {rule.id,        rule.org_id,         rule.key,          Join(rule.kinds),
                         rule.min_count, rule.period,         rule.helper_role,  std::int64_t{rule.active},
                         rule.preset,    rule.version,        rule.updated_at};
  if (is_new) return InsertRow(tx_, "care_rules", columns, values);
  auto version = UpdateVersionedRow(tx_, "care_rules", columns, values);
  if (!version.ok()) return version.status();
  rule.version = *version;
  return Status::Ok();
}

Result<std::vector<domain::CareSettingsAt>> SqlCareRepository::SettingsAbove(const std::string& org_id) {
  auto rows = tx_.Query(
      "SELECT s.org_id, s.max_children_per_helper, s.must_visit_days, s.correction_hours FROM care_settings s "
      "JOIN org_closure oc ON oc.ancestor_id = s.org_id WHERE oc.descendant_id = $1 ORDER BY oc.depth",
      {org_id});
  if (!rows.ok()) return rows.status();
  std::vector<domain::CareSettingsAt> settings;
  for (const auto& row : *rows) {
    settings.push_back({AsText(row[0]), NullableInt(row[1]), NullableInt(row[2]), NullableInt(row[3])});
  }
  return settings;
}

Status SqlCareRepository::SaveSettings(const std::string& org_id, const domain::CareSettingsAt& settings,
                                       const std::string& at) {
  if (Status cleared = tx_.Execute("DELETE FROM care_settings WHERE org_id = $1", {org_id}); !cleared.ok()) {
    return cleared;
  }
  return InsertRow(tx_, "care_settings",
                   {"org_id", "max_children_per_helper", "must_visit_days", "correction_hours", "updated_at"},
                   {org_id, OptionalInt(settings.max_children_per_helper), OptionalInt(settings.must_visit_days),
                    OptionalInt(settings.correction_hours), at});
}

Status SqlCareRepository::InsertSignal(const domain::CareSignal& signal) {
  return InsertRow(tx_, "care_signals", kSignalColumns, SignalValues(signal));
}

Status SqlCareRepository::InsertSignals(std::span<const domain::CareSignal> signals) {
  return InsertRows(tx_, "care_signals", kSignalColumns, signals, SignalValues);
}

Result<std::vector<domain::CareSignal>> SqlCareRepository::Signals(const std::string& child_id) {
  auto rows = tx_.Query(
      "SELECT id, child_id, org_id, type, note, observed_on, raised_by, created_at FROM care_signals "
      "WHERE child_id = $1 ORDER BY observed_on DESC, created_at DESC",
      {child_id});
  if (!rows.ok()) return rows.status();
  std::vector<domain::CareSignal> signals;
  for (const auto& row : *rows) {
    signals.push_back({AsText(row[0]), AsText(row[1]), AsText(row[2]), AsText(row[3]), AsText(row[4]),
                       AsText(row[5]), AsText(row[6]), AsText(row[7])});
  }
  return signals;
}

Result<bool> SqlCareRepository::InsertTask(const CareTask& task) {
  auto rows = tx_.Query(InsertStatement("care_tasks", kTaskStoredColumns) +
                            " ON CONFLICT (child_id, source, source_id, period_start) DO NOTHING RETURNING id",
                        TaskValues(task));
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

Status SqlCareRepository::InsertTasks(std::span<const CareTask> tasks) {
  return InsertRows(tx_, "care_tasks", kTaskStoredColumns, tasks, TaskValues);
}

Result<std::vector<CareTask>> SqlCareRepository::TasksOverlapping(const std::vector<std::string>& child_ids,
                                                                  const std::string& from, const std::string& to) {
  if (child_ids.empty()) return std::vector<CareTask>();
  Params params;
  const std::string in = Placeholders(params, child_ids);
  // A must-visit or follow-up done late is still done: those stay open to records after their
  // due day (a child has few); a rule's period ends on its due day.
  return SelectTasks("WHERE t.child_id IN (" + in + ") AND t.period_start <= " + Placeholder(params, to) +
                         " AND (t.due >= " + Placeholder(params, from) + " OR t.source <> 'rule')",
                     params);
}

Result<std::vector<CareTask>> SqlCareRepository::SelectTasks(const std::string& rest, const Params& params) {
  auto rows = tx_.Query(std::string("SELECT ") + kTaskColumns + " FROM care_tasks t " + rest, params);
  if (!rows.ok()) return rows.status();
  std::vector<CareTask> tasks;
  for (const auto& row : *rows) tasks.push_back(TaskFromRow(row));
  return tasks;
}

Status SqlCareRepository::DropOpenTasks(const std::string& child_id, const std::string& source,
                                        const std::string& source_id) {
  return tx_.Execute("DELETE FROM care_tasks WHERE child_id = $1 AND source = $2 AND source_id = $3 AND status = 'open'",
                     {child_id, source, source_id});
}

Status SqlCareRepository::SaveProgress(const CareTask& task) {
  return tx_.Execute("UPDATE care_tasks SET done_count = $2, status = $3, done_on = $4 WHERE id = $1",
                     {task.id, task.done_count, task.status, task.done_on});
}

Status SqlCareRepository::HandOver(const std::string& child_id, const std::string& role,
                                   const std::string& from_helper, const std::string& to_helper) {
  return tx_.Execute(
      "UPDATE care_tasks SET helper_id = $4 WHERE child_id = $1 AND helper_role = $2 AND helper_id = $3 "
      "AND status = 'open'",
      {child_id, role, from_helper, to_helper});
}

Status SqlCareRepository::HandOverAt(const std::string& org_id, const std::string& role,
                                     const std::string& to_helper) {
  return tx_.Execute(
      "UPDATE care_tasks SET helper_id = $3 WHERE org_id = $1 AND helper_role = $2 AND status = 'open' "
      "AND helper_id <> $3",
      {org_id, role, to_helper});
}

Result<domain::TaskPage> SqlCareRepository::Tasks(const domain::TaskQuery& query) {
  Params params;
  const std::string where = TaskWhere(query, params, true);
  auto total = tx_.Query("SELECT COUNT(*) FROM care_tasks t " + where, params);
  if (!total.ok()) return total.status();
  const std::string page = " LIMIT " + Placeholder(params, query.limit) + " OFFSET " + Placeholder(params, query.offset);
  // The page is chosen by its sort key alone; the rest of its rows and the names are read for
  // its own rows. Joined before the sort, each of a county's 15k late tasks looked up its helper
  // as well as its child's name (PostgreSQL's generic plan, EXPLAIN ANALYZE: 97–131 ms; now 55–92).
  auto rows = tx_.Query(std::string("SELECT ") + kTaskColumns +
                            ", c.name, COALESCE(u.username, ''), COALESCE(u.display_name, '') FROM (SELECT t.id AS "
                            "page_id, t.due AS page_due, sc.name_sort AS page_sort FROM care_tasks t JOIN children "
                            "sc ON sc.id = t.child_id " + where + " ORDER BY t.due, sc.name_sort, t.id" + page +
                            ") p JOIN care_tasks t ON t.id = p.page_id JOIN children c ON c.id = t.child_id "
                            "LEFT JOIN users u ON u.id = t.helper_id ORDER BY p.page_due, p.page_sort, p.page_id",
                        params);
  if (!rows.ok()) return rows.status();
  domain::TaskPage result{.items = {}, .total = AsInt((*total)[0][0])};
  for (const auto& row : *rows) result.items.push_back(TaskFromRow(row));
  return result;
}

Result<std::vector<CareTask>> SqlCareRepository::OpenTasksOf(const std::vector<std::string>& helper_ids,
                                                             const std::string& due_from, const std::string& due_to) {
  if (helper_ids.empty()) return std::vector<CareTask>();
  Params params;
  const std::string in = Placeholders(params, helper_ids);
  return SelectTasks("WHERE t.helper_id IN (" + in + ") AND t.status = 'open' AND t.due >= " +
                         Placeholder(params, due_from) + " AND t.due <= " + Placeholder(params, due_to) +
                         " ORDER BY t.helper_id, t.due, t.id",
                     params);
}

Result<std::map<std::string, domain::TaskCounts>> SqlCareRepository::CountTasks(const domain::TaskQuery& query,
                                                                                const std::string& by) {
  Params params;
  const std::string where = TaskWhere(query, params, false);
  const std::string counts = "SUM(CASE WHEN t.status = 'done' THEN 1 ELSE 0 END), SUM(CASE WHEN t.status = 'open' "
                             "AND t.due < " + Placeholder(params, query.today) + " THEN 1 ELSE 0 END), COUNT(*) ";
  std::string key = "''", from = "care_tasks t ", group;
  if (by == "org") {
    key = "o.code";
    from += "JOIN org_closure oc ON oc.descendant_id = t.org_id JOIN orgs o ON o.id = oc.ancestor_id AND "
            "o.parent_id = " + Placeholder(params, query.org_id) + " ";
    group = " GROUP BY o.code";
  } else if (by == "helper") {
    key = "u.username";
    from += "JOIN users u ON u.id = t.helper_id ";
    group = " GROUP BY u.username";
  }
  const std::string sql = "SELECT " + key + ", " + counts + "FROM " + from + where + group;
  auto rows = tx_.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::map<std::string, domain::TaskCounts> result;
  for (const auto& row : *rows) {
    const std::int64_t done = AsInt(row[1]), late = AsInt(row[2]), all = AsInt(row[3]);
    result[AsText(row[0])] = {done, late, all - done - late};
  }
  return result;
}

// Kept among the installation's settings (migration 1), under this key.
constexpr const char* kPlannedOnKey = "care.planned_on";

Result<std::string> SqlCareRepository::PlannedOn() {
  auto rows = tx_.Query("SELECT value FROM instance_settings WHERE key = $1", {kPlannedOnKey});
  if (!rows.ok()) return rows.status();
  return rows->empty() ? std::string() : AsText((*rows)[0][0]);
}

Status SqlCareRepository::SetPlannedOn(const std::string& day, const std::string& at) {
  return tx_.Execute(
      "INSERT INTO instance_settings (key, value, updated_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      {kPlannedOnKey, day, at});
}

Result<std::vector<std::pair<std::string, std::string>>> SqlCareRepository::HeadTeachers(
    const std::vector<std::string>& org_ids) {
  std::vector<std::pair<std::string, std::string>> holders;
  if (org_ids.empty()) return holders;
  Params params;
  const std::string in = Placeholders(params, org_ids);
  auto rows = tx_.Query(
      "SELECT ra.org_id, ra.user_id FROM role_assignments ra JOIN users u ON u.id = ra.user_id "
      "WHERE ra.role = 'head_teacher' AND u.active = 1 AND ra.org_id IN (" + in + ") ORDER BY ra.org_id, u.username",
      params);
  if (!rows.ok()) return rows.status();
  for (const auto& row : *rows) holders.emplace_back(AsText(row[0]), AsText(row[1]));
  return holders;
}

Status SqlCareRepository::InsertEvidence(const domain::Evidence& evidence) {
  return InsertRow(tx_, "care_evidence",
                   {"id", "record_id", "child_id", "media_type", "byte_size", "width", "height", "uploaded_by",
                    "uploaded_at", "removed_by", "removed_at"},
                   {evidence.id, evidence.record_id, evidence.child_id, evidence.media_type, evidence.byte_size,
                    evidence.width, evidence.height, evidence.uploaded_by, evidence.uploaded_at, "", ""});
}

Result<std::vector<domain::Evidence>> SqlCareRepository::EvidenceOf(const std::vector<std::string>& record_ids) {
  std::vector<domain::Evidence> evidence;
  if (record_ids.empty()) return evidence;
  Params params;
  const std::string in = Placeholders(params, record_ids);
  auto rows = tx_.Query(
      "SELECT e.id, e.record_id, e.child_id, e.media_type, e.byte_size, e.width, e.height, e.uploaded_by, "
      "u.display_name, e.uploaded_at FROM care_evidence e JOIN users u ON u.id = e.uploaded_by "
      "WHERE e.record_id IN (" + in + ") AND e.removed_at = '' ORDER BY e.uploaded_at, e.id",
      params);
  if (!rows.ok()) return rows.status();
  for (const auto& row : *rows) {
    evidence.push_back({AsText(row[0]), AsText(row[1]), AsText(row[2]), AsText(row[3]), AsInt(row[4]),
                        AsInt(row[5]), AsInt(row[6]), AsText(row[7]), AsText(row[8]), AsText(row[9])});
  }
  return evidence;
}

Status SqlCareRepository::RemoveEvidence(const std::string& evidence_id, const std::string& by,
                                         const std::string& at) {
  return tx_.Execute("UPDATE care_evidence SET removed_by = $2, removed_at = $3 WHERE id = $1 AND removed_at = ''",
                     {evidence_id, by, at});
}

}  // namespace sw::storage
