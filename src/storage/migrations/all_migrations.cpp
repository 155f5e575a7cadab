// The list of migrations. Append only.
#include "storage/migrations/migrations.h"

#include <array>
#include <span>
#include <string>

namespace sw::storage {
namespace {

// The children's archive. Search keys (marked SEARCH_KEY) compare byte by byte on both
// backends — SQLite's default, PostgreSQL's "C" collation whatever the cluster's locale — so a
// prefix search is an index range scan. The name is kept as typed and as simplified characters;
// its pinyin as syllables (the sort order), joined and initials; the ID number also reversed, so
// "the last digits" is a prefix search too. An unknown ID number is NULL: UNIQUE allows many.
constexpr const char* kChildrenSql = R"sql(
CREATE TABLE children (
  id TEXT PRIMARY KEY,
  county_id TEXT,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  name_simplified SEARCH_KEY NOT NULL,
  name_sort SEARCH_KEY NOT NULL,
  name_pinyin SEARCH_KEY NOT NULL,
  name_initials SEARCH_KEY NOT NULL,
  gender TEXT NOT NULL,
  id_number TEXT UNIQUE,
  id_number_reversed SEARCH_KEY,
  birth_date TEXT NOT NULL,
  ethnicity TEXT NOT NULL,
  household_registration TEXT NOT NULL,
  home_address TEXT NOT NULL,
  grade BIGINT,
  boarding BIGINT,
  left_behind_type TEXT NOT NULL,
  care_arrangement TEXT NOT NULL,
  health TEXT NOT NULL,
  disability TEXT NOT NULL,
  poverty_status TEXT NOT NULL,
  risk_level TEXT NOT NULL,
  hobbies TEXT NOT NULL,
  personality TEXT NOT NULL,
  learning_attitude TEXT NOT NULL,
  learning_method TEXT NOT NULL,
  guardian_rapport TEXT NOT NULL,
  parent_contact TEXT NOT NULL,
  peer_buddy TEXT NOT NULL,
  status TEXT NOT NULL,
  status_reason TEXT NOT NULL,
  status_date TEXT NOT NULL,
  completeness BIGINT NOT NULL,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX children_org_sort ON children(org_id, name_sort);
CREATE INDEX children_county_sort ON children(county_id, name_sort);
CREATE INDEX children_pinyin ON children(name_pinyin);
CREATE INDEX children_initials ON children(name_initials);
CREATE INDEX children_id_reversed ON children(id_number_reversed);
CREATE INDEX children_name_birth ON children(name_simplified, birth_date);

-- Every change to a child's record, field by field (the ID number masked).
CREATE TABLE child_history (
  child_id TEXT NOT NULL REFERENCES children(id),
  at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL
);
CREATE INDEX child_history_child ON child_history(child_id, at);

-- Parents and guardians. Phones are kept reversed as well, for "the last digits" searches.
CREATE TABLE family_members (
  id TEXT PRIMARY KEY,
  child_id TEXT NOT NULL REFERENCES children(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  relation TEXT NOT NULL,
  phone TEXT NOT NULL,
  education TEXT NOT NULL,
  health TEXT NOT NULL,
  work_city TEXT NOT NULL,
  employer TEXT NOT NULL,
  employer_address TEXT NOT NULL,
  employer_phone TEXT NOT NULL,
  work_kind TEXT NOT NULL,
  contact_frequency TEXT NOT NULL,
  hopes TEXT NOT NULL,
  address TEXT NOT NULL,
  occupation TEXT NOT NULL,
  literacy TEXT NOT NULL,
  discipline_style TEXT NOT NULL,
  capacity TEXT NOT NULL,
  age BIGINT,
  months_away BIGINT,
  phone_reversed SEARCH_KEY,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX family_members_child ON family_members(child_id);
CREATE INDEX family_members_phone ON family_members(phone_reversed);

-- Who saw a masked number in full, and why (the audit row says that it happened; this says why).
CREATE TABLE number_reveals (
  child_id TEXT NOT NULL REFERENCES children(id),
  field TEXT NOT NULL,
  at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX number_reveals_child ON number_reveals(child_id, at);
)sql";

std::string WithSearchKeys(const char* sql, const std::string& type) {
  std::string text = sql;
  for (auto at = text.find("SEARCH_KEY"); at != std::string::npos; at = text.find("SEARCH_KEY", at)) {
    text.replace(at, 10, type);
  }
  return text;
}

const std::string kChildrenSqlite = WithSearchKeys(kChildrenSql, "TEXT");
const std::string kChildrenPostgres = WithSearchKeys(kChildrenSql, "TEXT COLLATE \"C\"");

// Extra fields and required fields per organisation. A value belongs to the field's row, not to
// its key, so a field defined by one school never reads another's; choices are one per line.
constexpr const char* kArchiveSettingsSql = R"sql(
CREATE TABLE child_fields (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  field_key TEXT NOT NULL,
  label TEXT NOT NULL,
  kind TEXT NOT NULL,
  choices TEXT NOT NULL,
  active INTEGER NOT NULL,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, field_key)
);

CREATE TABLE child_field_values (
  child_id TEXT NOT NULL REFERENCES children(id),
  field_id TEXT NOT NULL REFERENCES child_fields(id),
  value TEXT NOT NULL,
  PRIMARY KEY (child_id, field_id)
);
CREATE INDEX child_field_values_search ON child_field_values(field_id, value);

CREATE TABLE archive_requirements (
  org_id TEXT PRIMARY KEY REFERENCES orgs(id),
  fields TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)sql";

// Care work (DOMAIN.md §3). A record keeps the China date it happened on beside its time, since
// periods count days. Lists (kinds) are comma-joined. A task is unique per child, source and
// period start, so planning a period twice adds nothing; its done count is kept up to date by
// whoever changes a record in its period, and its org_id follows the child while it is open.
constexpr const char* kCareSql = R"sql(
CREATE TABLE care_records (
  id TEXT PRIMARY KEY,
  child_id TEXT NOT NULL REFERENCES children(id),
  org_id TEXT NOT NULL REFERENCES orgs(id),
  kind TEXT NOT NULL,
  letter_to TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  place TEXT NOT NULL,
  participants TEXT NOT NULL,
  content TEXT NOT NULL,
  mood TEXT NOT NULL,
  mood_note TEXT NOT NULL,
  health TEXT NOT NULL,
  health_note TEXT NOT NULL,
  study TEXT NOT NULL,
  study_note TEXT NOT NULL,
  follow_up TEXT NOT NULL,
  follow_up_by TEXT NOT NULL,
  author_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX care_records_child ON care_records(child_id, occurred_on);
CREATE INDEX care_records_author ON care_records(author_id, occurred_on);

-- The record as it was before each edit by its author.
CREATE TABLE care_record_revisions (
  record_id TEXT NOT NULL REFERENCES care_records(id),
  version BIGINT NOT NULL,
  at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  PRIMARY KEY (record_id, version)
);

-- Corrections added once a record may no longer be edited.
CREATE TABLE care_record_corrections (
  id TEXT PRIMARY KEY,
  record_id TEXT NOT NULL REFERENCES care_records(id),
  at TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  note TEXT NOT NULL
);
CREATE INDEX care_record_corrections_record ON care_record_corrections(record_id, at);

CREATE TABLE care_rules (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  rule_key TEXT NOT NULL,
  kinds TEXT NOT NULL,
  min_count BIGINT NOT NULL,
  period TEXT NOT NULL,
  helper_role TEXT NOT NULL,
  active INTEGER NOT NULL,
  preset TEXT NOT NULL,
  version BIGINT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, rule_key)
);

-- NULL inherits from above.
CREATE TABLE care_settings (
  org_id TEXT PRIMARY KEY REFERENCES orgs(id),
  max_children_per_helper BIGINT,
  must_visit_days BIGINT,
  correction_hours BIGINT,
  updated_at TEXT NOT NULL
);

CREATE TABLE care_signals (
  id TEXT PRIMARY KEY,
  child_id TEXT NOT NULL REFERENCES children(id),
  org_id TEXT NOT NULL REFERENCES orgs(id),
  type TEXT NOT NULL,
  note TEXT NOT NULL,
  observed_on TEXT NOT NULL,
  raised_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX care_signals_child ON care_signals(child_id, observed_on);

CREATE TABLE care_tasks (
  id TEXT PRIMARY KEY,
  child_id TEXT NOT NULL REFERENCES children(id),
  org_id TEXT NOT NULL REFERENCES orgs(id),
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  name TEXT NOT NULL,
  kinds TEXT NOT NULL,
  helper_role TEXT NOT NULL,
  helper_id TEXT NOT NULL,
  period_start TEXT NOT NULL,
  due TEXT NOT NULL,
  required BIGINT NOT NULL,
  done_count BIGINT NOT NULL,
  status TEXT NOT NULL,
  done_on TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (child_id, source, source_id, period_start)
);
CREATE INDEX care_tasks_helper ON care_tasks(helper_id, status, due);
CREATE INDEX care_tasks_org ON care_tasks(org_id, status, due);
CREATE INDEX care_tasks_child_due ON care_tasks(child_id, due);
)sql";

// Counts of children kept for every township and above (docs/performance.md): a province's
// figures read its few thousand rows instead of grouping a million children. child_tallies
// counts per combination of the figures' breakdowns, child_birth_tallies per birth date (the
// age bands move with today). Schools and classes, a few hundred children, are counted live.
// Triggers keep them, so every way a child is written (imports, transfers, promotions) counts;
// orgs never move, so a child's ancestors are those of its organisation. A count that falls
// to 0 keeps its row.
constexpr std::array kTalliedBreakdowns = {"gender", "grade", "left_behind_type", "care_arrangement",
                                           "risk_level", "status", "complete"};

// `columns`, comma-separated, each after `prefix` ("t." for a table alias).
std::string ColumnList(std::span<const char* const> columns, const std::string& prefix = "") {
  std::string list;
  for (const char* column : columns) list += (list.empty() ? "" : ", ") + prefix + column;
  return list;
}

// The tallied fields of a child row (NEW, OLD, or a table's alias), as the tally tables hold them.
std::string TalliedFieldsOf(const std::string& row) {
  return row + ".org_id AS org_id, " + row + ".gender AS gender, COALESCE(CAST(" + row +
         ".grade AS TEXT), '') AS grade, " + row + ".left_behind_type AS left_behind_type, " + row +
         ".care_arrangement AS care_arrangement, " + row + ".risk_level AS risk_level, " + row +
         ".status AS status, CASE WHEN " + row + ".completeness = 100 THEN 1 ELSE 0 END AS complete, " + row +
         ".birth_date AS birth_date";
}

// How the rows of a source are added: summed per tally first (a set of rows, where two may
// meet in one tally and rows that cancel out — an update of no tallied field — write nothing),
// or each as it is (one child's row: a third of the time of summing it, for each row a SQLite
// trigger adds). kSummedPerOrganisationFirst sums a set of rows per organisation before they
// meet the ancestors, for the breakdowns' counts: summed only after, each child became a row
// for each of its 2–4 tallied ancestors to sort (a 5,000-child batch: 17 ms against 7). Birth
// dates are nearly one a child, so summing them first only sorted them twice: they are summed
// after, as kSummed does.
enum class Rows { kSummed, kSummedPerOrganisationFirst, kOneChild };

// Adds to the tallies of every tallied ancestor the rows of `source`: a SELECT of
// TalliedFieldsOf and a `delta` (1 for a child counted, -1 for one no longer counted so).
// WHERE true keeps SQLite from reading ON CONFLICT as a join's ON. `join` "CROSS JOIN" keeps
// SQLite to the source's rows first (SQLite only: PostgreSQL's CROSS JOIN takes no ON).
std::string AddToTallies(const std::string& source, Rows rows, const char* join = "JOIN") {
  const bool summed = rows != Rows::kOneChild;
  // The rows of `source` a statement reads; summed per organisation and `by_organisation` first
  // when not empty.
  auto from = [&](const std::string& by_organisation) {
    const std::string rows_read = by_organisation.empty()
                                      ? source
                                      : "SELECT org_id, " + by_organisation + ", SUM(delta) AS delta FROM (" +
                                            source + ") s GROUP BY org_id, " + by_organisation;
    return " FROM (" + rows_read + ") t " + join + " tallied_ancestors a ON a.descendant_id = t.org_id WHERE true ";
  };
  const std::string delta = summed ? "SUM(t.delta)" : "t.delta";
  auto grouped = [&](const std::string& columns) {
    return summed ? "GROUP BY a.ancestor_id, " + columns + " HAVING SUM(t.delta) <> 0 " : std::string();
  };
  const std::string breakdowns = ColumnList(kTalliedBreakdowns);
  const std::string source_breakdowns = ColumnList(kTalliedBreakdowns, "t.");
  return "INSERT INTO child_tallies (org_id, " + breakdowns + ", children) SELECT a.ancestor_id, " +
         source_breakdowns + ", " + delta + from(rows == Rows::kSummedPerOrganisationFirst ? breakdowns : "") +
         grouped(source_breakdowns) + "ON CONFLICT (org_id, " +
         breakdowns + ") DO UPDATE SET children = child_tallies.children + excluded.children;\n" +
         "INSERT INTO child_birth_tallies (org_id, birth_date, children) SELECT a.ancestor_id, t.birth_date, " +
         delta + from("") + grouped("t.birth_date") + "ON CONFLICT (org_id, birth_date) DO UPDATE SET " +
         "children = child_birth_tallies.children + excluded.children;\n";
}

// The child's columns the tallies read, and the condition that one of them changed.
constexpr std::array kTalliedColumns = {"org_id", "gender", "grade", "left_behind_type", "care_arrangement",
                                        "risk_level", "status", "completeness", "birth_date"};
std::string TalliedColumnsChanged() {
  std::string changed;
  for (const char* column : kTalliedColumns) {
    changed += (changed.empty() ? "OLD." : " OR OLD.") + std::string(column) + " IS NOT NEW." + column;
  }
  return changed;
}

// child_tallies under `name`, its rows ordered by `primary_key`.
std::string ChildTalliesTable(const std::string& name, const std::string& primary_key, const char* table_options) {
  return "CREATE TABLE " + name + " (\n  org_id TEXT NOT NULL REFERENCES orgs(id),\n  gender TEXT NOT NULL,\n" +
         "  grade TEXT NOT NULL,\n  left_behind_type TEXT NOT NULL,\n  care_arrangement TEXT NOT NULL,\n" +
         "  risk_level TEXT NOT NULL,\n  status TEXT NOT NULL,\n  complete INTEGER NOT NULL,\n" +
         "  children BIGINT NOT NULL,\n  PRIMARY KEY (" + primary_key + ")\n)" + table_options + ";";
}

// The tables, the view of whose counts are kept, and the counts of the children already there.
std::string TalliesSql(const char* table_options) {
  return std::string(R"sql(
CREATE VIEW tallied_ancestors AS
  SELECT oc.descendant_id, oc.ancestor_id FROM org_closure oc JOIN orgs o ON o.id = oc.ancestor_id
  WHERE o.kind IN ('province', 'city', 'county', 'township');
)sql") + ChildTalliesTable("child_tallies", "org_id, " + ColumnList(kTalliedBreakdowns), table_options) +
         R"sql(
CREATE TABLE child_birth_tallies (
  org_id TEXT NOT NULL REFERENCES orgs(id),
  birth_date TEXT NOT NULL,
  children BIGINT NOT NULL,
  PRIMARY KEY (org_id, birth_date)
))sql" + table_options + ";\n" +
         AddToTallies("SELECT " + TalliedFieldsOf("c") + ", 1 AS delta FROM children c", Rows::kSummed);
}

// SQLite's triggers run for each row: when a tallied field changed, the row's old fields are
// taken off and its new ones added.
const std::string kTalliesSqlite =
    TalliesSql(" WITHOUT ROWID") +
    "CREATE TRIGGER children_tallied_when_added AFTER INSERT ON children BEGIN\n" +
    AddToTallies("SELECT " + TalliedFieldsOf("NEW") + ", 1 AS delta", Rows::kOneChild) +
    "END;\n"
    "CREATE TRIGGER children_tallied_when_changed AFTER UPDATE OF " + ColumnList(kTalliedColumns) +
    " ON children WHEN " + TalliedColumnsChanged() + " BEGIN\n" +
    AddToTallies("SELECT " + TalliedFieldsOf("OLD") + ", -1 AS delta", Rows::kOneChild) +
    AddToTallies("SELECT " + TalliedFieldsOf("NEW") + ", 1 AS delta", Rows::kOneChild) +
    "END;\n";

// The functions of PostgreSQL's triggers on children, made by `create` ("CREATE" or "CREATE OR
// REPLACE"), summing the rows of a statement as `rows` says.
std::string TallyFunctionsPostgres(const char* create, Rows rows) {
  return std::string(create) + " FUNCTION tally_added_children() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN\n" +
         AddToTallies("SELECT " + TalliedFieldsOf("n") + ", 1 AS delta FROM added n", rows) +
         "RETURN NULL; END $$;\n" + create +
         " FUNCTION tally_changed_children() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN\n" +
         AddToTallies("SELECT " + TalliedFieldsOf("o") + ", -1 AS delta FROM before_change o UNION ALL SELECT " +
                          TalliedFieldsOf("n") + ", 1 FROM after_change n",
                      rows) +
         "RETURN NULL; END $$;\n";
}

// PostgreSQL's run once a statement over all the rows it wrote (a COPY of a million children
// adds a few thousand counts). Transition tables rule out a column list: every UPDATE runs it.
// They fire ALWAYS: a bulk load sets session_replication_role to replica to skip the foreign
// keys' triggers, which would otherwise skip these too and leave the generated children
// uncounted.
const std::string kTalliesPostgres =
    TalliesSql("") + TallyFunctionsPostgres("CREATE", Rows::kSummed) +
    "CREATE TRIGGER children_tallied_when_added AFTER INSERT ON children REFERENCING NEW TABLE AS added "
    "FOR EACH STATEMENT EXECUTE FUNCTION tally_added_children();\n"
    "CREATE TRIGGER children_tallied_when_changed AFTER UPDATE ON children REFERENCING OLD TABLE AS before_change "
    "NEW TABLE AS after_change FOR EACH STATEMENT EXECUTE FUNCTION tally_changed_children();\n"
    "ALTER TABLE children ENABLE ALWAYS TRIGGER children_tallied_when_added;\n"
    "ALTER TABLE children ENABLE ALWAYS TRIGGER children_tallied_when_changed;\n";

// SQLite's row trigger counts a child in 30–100 µs, the largest part of an import's row. A
// bulk insert (ChildRepository::InsertMany) names its children in children_counted_later,
// which the trigger passes over, then adds a row to children_count_now, whose trigger counts
// them in one summed statement and empties both tables. It is all one transaction, so no
// reader sees a child uncounted. PostgreSQL's statement triggers already count a COPY at once.
const std::string kCountedTogetherSqlite =
    "CREATE TABLE children_counted_later (child_id TEXT PRIMARY KEY) WITHOUT ROWID;\n"
    "CREATE TABLE children_count_now (requested INTEGER NOT NULL);\n"
    "DROP TRIGGER children_tallied_when_added;\n"
    "CREATE TRIGGER children_tallied_when_added AFTER INSERT ON children "
    "WHEN NOT EXISTS (SELECT 1 FROM children_counted_later WHERE child_id = NEW.id) BEGIN\n" +
    AddToTallies("SELECT " + TalliedFieldsOf("NEW") + ", 1 AS delta", Rows::kOneChild) +
    "END;\n"
    "CREATE TRIGGER children_counted_together AFTER INSERT ON children_count_now BEGIN\n" +
    // CROSS JOIN keeps SQLite to the batch's children first: led by the organisations it
    // would read every child of the tree.
    AddToTallies("SELECT " + TalliedFieldsOf("c") +
                     ", 1 AS delta FROM children_counted_later l CROSS JOIN children c ON c.id = l.child_id",
                 Rows::kSummed) +
    "DELETE FROM children_counted_later;\n"
    "DELETE FROM children_count_now;\n"
    "END;\n";

// Counts the children after the mark's rowid when the mark is deleted, summing them as `rows` says.
std::string CountedAfterRowidTrigger(Rows rows) {
  return "CREATE TRIGGER children_counted_after_rowid AFTER DELETE ON children_added_after BEGIN\n" +
         // Led by the organisations, SQLite would read every child of the tree.
         AddToTallies("SELECT " + TalliedFieldsOf("c") + ", 1 AS delta FROM children c WHERE c.rowid > OLD.last_rowid",
                      rows, "CROSS JOIN") +
         "END;\n";
}

// Migration 16's bulk insert named each child in children_counted_later (8 ms a batch of 5,000)
// and read each back by its id to count it (26 ms; 17 read by rowid, in a 20k-child database;
// a random lookup a child in a million-row key at scale). A bulk insert now marks in
// children_added_after the last rowid before it; the row trigger passes over every insert while
// the mark is there, and deleting the mark counts the children after it in one summed
// statement. SQLite gives a new row the rowid one past the largest, so they are exactly the
// insert's, read in order from the table's end. The mark is one row at most (`only`), so a mark
// left behind could not count a batch twice: the next insert fails.
const std::string kCountedAfterRowidSqlite =
    "DROP TRIGGER children_counted_together;\n"
    "DROP TABLE children_counted_later;\n"
    "DROP TABLE children_count_now;\n"
    "CREATE TABLE children_added_after (only INTEGER PRIMARY KEY CHECK (only = 1), last_rowid INTEGER NOT NULL);\n"
    "DROP TRIGGER children_tallied_when_added;\n"
    "CREATE TRIGGER children_tallied_when_added AFTER INSERT ON children "
    "WHEN NOT EXISTS (SELECT 1 FROM children_added_after) BEGIN\n" +
    AddToTallies("SELECT " + TalliedFieldsOf("NEW") + ", 1 AS delta", Rows::kOneChild) +
    "END;\n" + CountedAfterRowidTrigger(Rows::kSummed);

// Migration 22's count and PostgreSQL's statement triggers, summed per organisation first.
const std::string kSummedPerOrganisationSqlite =
    "DROP TRIGGER children_counted_after_rowid;\n" + CountedAfterRowidTrigger(Rows::kSummedPerOrganisationFirst);
const std::string kSummedPerOrganisationPostgres =
    TallyFunctionsPostgres("CREATE OR REPLACE", Rows::kSummedPerOrganisationFirst);

// A total filtered by risk level (an official's list of high-risk children) reads the tallies of
// that level only: ordered by the breakdowns as they were created, it read all of a province's
// 1,300 rows to add up the 431 of one level. The filters lists use most come first; the figures
// read every row of an organisation in any order. ON CONFLICT names the key's columns in any
// order. SQLite keeps a WITHOUT ROWID table in its key's order, so the table is made again;
// legacy_alter_table lets the new one take the name the triggers on children use.
const std::string kTalliesKey =
    "org_id, risk_level, status, left_behind_type, care_arrangement, gender, grade, complete";
const std::string kTalliesByRiskSqlite =
    "PRAGMA legacy_alter_table = ON;\n" + ChildTalliesTable("child_tallies_by_risk", kTalliesKey, " WITHOUT ROWID") +
    "\nINSERT INTO child_tallies_by_risk (org_id, " + ColumnList(kTalliedBreakdowns) + ", children) SELECT org_id, " +
    ColumnList(kTalliedBreakdowns) + ", children FROM child_tallies;\n"
    "DROP TABLE child_tallies;\n"
    "ALTER TABLE child_tallies_by_risk RENAME TO child_tallies;\n"
    "PRAGMA legacy_alter_table = OFF;\n";
const std::string kTalliesByRiskPostgres =
    "ALTER TABLE child_tallies DROP CONSTRAINT child_tallies_pkey, ADD PRIMARY KEY (" + kTalliesKey + ");\n";

// A list's total filtered by no more than risk level, status and left-behind type (an
// official's list of high-risk children, or of all of them) is read from child_totals: a few
// rows an organisation, where child_tallies held 431 of a province's high-risk children to add
// up (a fifth of the list's CPU at 1M children). The totals follow the tallies: a trigger on
// child_tallies adds each change of a count, whatever wrote it (a child, a bulk insert, a COPY).
// Tally rows are never deleted; a migration that remakes child_tallies must remake the triggers.
constexpr const char* kTotalsKey = "org_id, risk_level, status, left_behind_type";
std::string TotalsSql(const char* table_options) {
  return std::string("CREATE TABLE child_totals (\n  org_id TEXT NOT NULL REFERENCES orgs(id),\n") +
         "  risk_level TEXT NOT NULL,\n  status TEXT NOT NULL,\n  left_behind_type TEXT NOT NULL,\n" +
         "  children BIGINT NOT NULL,\n  PRIMARY KEY (" + kTotalsKey + ")\n)" + table_options + ";\n" +
         "INSERT INTO child_totals (" + kTotalsKey + ", children) SELECT " + kTotalsKey +
         ", SUM(children) FROM child_tallies GROUP BY " + kTotalsKey + ";\n";
}
// Adds `delta` to the total of the tally row NEW.
std::string AddToTotals(const std::string& delta) {
  return std::string("INSERT INTO child_totals (") + kTotalsKey + ", children) VALUES (NEW.org_id, " +
         "NEW.risk_level, NEW.status, NEW.left_behind_type, " + delta + ") ON CONFLICT (" + kTotalsKey +
         ") DO UPDATE SET children = child_totals.children + excluded.children;\n";
}
const std::string kTotalsSqlite =
    TotalsSql(" WITHOUT ROWID") + "CREATE TRIGGER child_tallies_totalled_when_added AFTER INSERT ON child_tallies BEGIN\n" +
    AddToTotals("NEW.children") +
    "END;\n"
    "CREATE TRIGGER child_tallies_totalled_when_changed AFTER UPDATE OF children ON child_tallies BEGIN\n" +
    AddToTotals("NEW.children - OLD.children") + "END;\n";
// A row trigger: a COPY of a county changes a few thousand tallies. ALWAYS, as the tallies'.
const std::string kTotalsPostgres =
    TotalsSql("") +
    "CREATE FUNCTION total_tallied_children() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN\n" +
    AddToTotals("NEW.children - CASE WHEN TG_OP = 'UPDATE' THEN OLD.children ELSE 0 END") +
    "RETURN NULL; END $$;\n"
    "CREATE TRIGGER child_tallies_totalled AFTER INSERT OR UPDATE OF children ON child_tallies "
    "FOR EACH ROW EXECUTE FUNCTION total_tallied_children();\n"
    "ALTER TABLE child_tallies ENABLE ALWAYS TRIGGER child_tallies_totalled;\n";

const Migration kMigrations[] = {
    {1, "instance settings",
     // Key-value facts about this installation (its id, when it was created); later
     // migrations add the domain tables.
     "CREATE TABLE instance_settings ("
     "  key TEXT PRIMARY KEY,"
     "  value TEXT NOT NULL,"
     "  updated_at TEXT NOT NULL"
     ");",
     nullptr},
    {2, "organisations, terms, users, roles, sessions, audit",
     // Times are UTC text of fixed width (core/clock.h), so they compare as text on both
     // backends. county_id on every row lets a national deployment shard by county.
     R"sql(
CREATE TABLE orgs (
  id TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES orgs(id),
  county_id TEXT,
  kind TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX orgs_parent ON orgs(parent_id);

-- Every (ancestor, descendant) pair, including each node with itself at depth 0: a subtree
-- is one indexed lookup on either backend.
CREATE TABLE org_closure (
  ancestor_id TEXT NOT NULL REFERENCES orgs(id),
  descendant_id TEXT NOT NULL REFERENCES orgs(id),
  depth INTEGER NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX org_closure_descendant ON org_closure(descendant_id, ancestor_id);

CREATE TABLE terms (
  county_id TEXT NOT NULL REFERENCES orgs(id),
  term_key TEXT NOT NULL,
  name TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  PRIMARY KEY (county_id, term_key)
);

CREATE TABLE org_pupil_counts (
  org_id TEXT NOT NULL REFERENCES orgs(id),
  term_key TEXT NOT NULL,
  pupils INTEGER NOT NULL,
  PRIMARY KEY (org_id, term_key)
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  must_change_password INTEGER NOT NULL,
  totp_secret TEXT NOT NULL DEFAULT '',
  totp_pending TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE role_assignments (
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  PRIMARY KEY (user_id, role, org_id)
);
CREATE INDEX role_assignments_org ON role_assignments(org_id);

-- Failed logins in a row per username, whether or not such a user exists, so that a lockout
-- looks the same either way.
CREATE TABLE login_throttle (
  username TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until TEXT NOT NULL
);

-- Only a hash of the session token is kept.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  second_factor_done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL,
  org_id TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  request_id TEXT NOT NULL,
  client_address TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_user ON audit_log(user_id, at);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id, at);
CREATE INDEX audit_log_at ON audit_log(at);
)sql",
     nullptr},
    {3, "TOTP codes are used once",
     // RFC 6238 §5.2: a code must not be accepted twice. The last accepted time step is kept.
     "ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;",
     nullptr},
    {4, "the children's archive and its history", kChildrenSqlite.c_str(), kChildrenPostgres.c_str()},
    {5, "extra fields and required fields per organisation", kArchiveSettingsSql, nullptr},
    {6, "year-end promotions",
     // One row per organisation and school year promoted, so that a year is never promoted twice.
     R"sql(
CREATE TABLE promotions (
  org_id TEXT NOT NULL REFERENCES orgs(id),
  into_year INTEGER NOT NULL,
  at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  promoted BIGINT NOT NULL,
  graduated BIGINT NOT NULL,
  PRIMARY KEY (org_id, into_year)
);
CREATE INDEX promotions_year ON promotions(into_year);
)sql",
     nullptr},
    {7, "transfers between schools",
     // At most one pending transfer per child (a partial unique index, on both backends). An
     // accepted transfer keeps the record as the sender left it, for the sender to read.
     R"sql(
CREATE TABLE child_transfers (
  id TEXT PRIMARY KEY,
  child_id TEXT NOT NULL REFERENCES children(id),
  from_org_id TEXT NOT NULL REFERENCES orgs(id),
  to_org_id TEXT NOT NULL REFERENCES orgs(id),
  reason TEXT NOT NULL,
  state TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  note TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  version BIGINT NOT NULL
);
CREATE UNIQUE INDEX child_transfers_one_pending ON child_transfers(child_id) WHERE state = 'pending';
CREATE INDEX child_transfers_to ON child_transfers(to_org_id, state, requested_at);
CREATE INDEX child_transfers_from ON child_transfers(from_org_id, state, requested_at);
)sql",
     nullptr},
    {8, "pairings of children and helpers",
     // An open pairing has no end date. One open pairing per child and helper, and one open
     // main helper per child, are unique indexes on both backends.
     R"sql(
CREATE TABLE pairings (
  id TEXT PRIMARY KEY,
  child_id TEXT NOT NULL REFERENCES children(id),
  helper_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX pairings_child ON pairings(child_id, ends_on);
CREATE INDEX pairings_helper ON pairings(helper_id, ends_on);
CREATE UNIQUE INDEX pairings_one_open ON pairings(child_id, helper_id) WHERE ends_on = '';
CREATE UNIQUE INDEX pairings_one_main ON pairings(child_id) WHERE ends_on = '' AND role = 'main';
)sql",
     nullptr},
    {9, "care records, care rules, signals and tasks", kCareSql, nullptr},
    {10, "evidence of care records",
     // The photos themselves are files under the data directory (storage/evidence_files.h),
     // named by id; a removed photo keeps its row (who removed it, when) and loses its files.
     R"sql(
CREATE TABLE care_evidence (
  id TEXT PRIMARY KEY,
  record_id TEXT NOT NULL REFERENCES care_records(id),
  child_id TEXT NOT NULL REFERENCES children(id),
  media_type TEXT NOT NULL,
  byte_size BIGINT NOT NULL,
  width BIGINT NOT NULL,
  height BIGINT NOT NULL,
  uploaded_by TEXT NOT NULL REFERENCES users(id),
  uploaded_at TEXT NOT NULL,
  removed_by TEXT NOT NULL,
  removed_at TEXT NOT NULL
);
CREATE INDEX care_evidence_record ON care_evidence(record_id, uploaded_at);
)sql",
     nullptr},
    {11, "in-app reminders",
     // One reminder per user, kind and task: giving it twice (a planner run again) adds nothing.
     R"sql(
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  child_id TEXT NOT NULL REFERENCES children(id),
  task_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT NOT NULL
);
CREATE UNIQUE INDEX notifications_once ON notifications(user_id, kind, task_id);
CREATE INDEX notifications_user ON notifications(user_id, created_at);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at = '';
)sql",
     nullptr},
    {12, "reminders sent by e-mail or webhook",
     // A transactional outbox: a row per reminder and channel, written with the reminder, so a
     // reminder is sent if and only if it was given. Nothing personal is kept here; the message
     // is composed when sent. next_attempt_at is '' once sent or given up.
     R"sql(
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
CREATE TABLE outbox (
  notification_id TEXT NOT NULL REFERENCES notifications(id),
  channel TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  last_error TEXT NOT NULL,
  PRIMARY KEY (notification_id, channel)
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE next_attempt_at <> '';
)sql",
     nullptr},
    {13, "children in list order",
     // A list over a broad scope (a city, a province) walks this order and stops at its page,
     // instead of reading every child in scope to sort them (docs/performance.md).
     R"sql(
CREATE INDEX children_sort ON children(name_sort, id);
)sql",
     nullptr},
    {14, "counts of children kept for townships and above", kTalliesSqlite.c_str(), kTalliesPostgres.c_str()},
    {15, "searches that find their rows in their index",
     // A search by pinyin leads over a broad scope, which is tested on each match: with the
     // organisation in the index, a match outside the scope is dropped without reading its row
     // (a province's 1,000 matches of "hzt" were 10 ms of scattered reads; docs/performance.md).
     // A phone's last digits give the child from the index, without reading the family row.
     R"sql(
CREATE INDEX children_pinyin_org ON children(name_pinyin, org_id);
CREATE INDEX children_initials_org ON children(name_initials, org_id);
DROP INDEX children_pinyin;
DROP INDEX children_initials;
CREATE INDEX family_members_phone_child ON family_members(phone_reversed, child_id);
DROP INDEX family_members_phone;
)sql",
     nullptr},
    {16, "children of a bulk insert counted together", kCountedTogetherSqlite.c_str(), ""},
    {17, "children in list order by risk level",
     // An official's list of the high-risk children of a city or a province walks this order and
     // stops at its page; through children_sort it read about 250 children for each 20 shown
     // (8% are high-risk). No query reads children by county_id: that index only cost every
     // child written a B-tree more.
     R"sql(
CREATE INDEX children_risk_sort ON children(risk_level, name_sort, id);
DROP INDEX children_county_sort;
)sql",
     nullptr},
    {18, "counts of children kept by risk level first", kTalliesByRiskSqlite.c_str(), kTalliesByRiskPostgres.c_str()},
    {19, "totals of children kept by risk level, status and left-behind type", kTotalsSqlite.c_str(),
     kTotalsPostgres.c_str()},
    {20, "children in list order by county",
     // A list over a subtree wider than a township and within one county (a county official's,
     // the commonest) walks its county's children in name order and stops at its page, where it
     // read all of a county's 10k children to sort them (10 ms; docs/performance.md). The risk
     // level last lets SQLite pass over the children of other levels without reading their rows:
     // a county's high-risk page reads about 290 entries for its 20.
     R"sql(
CREATE INDEX children_county_sort ON children(county_id, name_sort, id, risk_level);
)sql",
     nullptr},
    {21, "children of a risk level in list order by county",
     // A county's list filtered by risk level (the high-risk children, what a county official
     // looks at first) walked children_county_sort past about 15 entries for each child it
     // showed: 985k instructions a request to the province's list's 606k. It now starts at the
     // level: 668k.
     R"sql(
CREATE INDEX children_county_risk_sort ON children(county_id, risk_level, name_sort, id);
)sql",
     nullptr},
    {22, "children of a bulk insert counted from the rowid they follow", kCountedAfterRowidSqlite.c_str(), ""},
    {23, "children of a bulk insert summed per organisation before their ancestors",
     kSummedPerOrganisationSqlite.c_str(), kSummedPerOrganisationPostgres.c_str()},
    {24, "children counted only by the mark around the insert that adds them",
     // The row trigger passed over a bulk insert's children, but being there it made SQLite keep
     // a statement journal for each INSERT into children: a copy of every page the row changed,
     // in case the statement alone had to be undone. That was 65k instructions a child, 13% of
     // an import. Every insert is now made within a mark (ChildRepository), so the trigger
     // goes; the one on updates stays.
     "DROP TRIGGER children_tallied_when_added;\n", ""},
    {25, "each child's county proven to be its organisation's",
     // A list within a county official's whole county tests no row against the tree: the county
     // column is the test where the database proves it (child_sql.cpp, ProvesChildCounty). A
     // child without a county (placed above one) is not checked, and is in no county's list.
     // SQLite cannot add a constraint to a table it has; its lists still test each row.
     "",
     R"sql(
CREATE UNIQUE INDEX orgs_id_county ON orgs(id, county_id);
ALTER TABLE children ADD CONSTRAINT children_county_of_org FOREIGN KEY (org_id, county_id) REFERENCES orgs(id, county_id);
)sql"},
    {26, "children of an insert counted by the repository",
     // The trigger of migration 22 read a bulk insert's children back after it and summed them
     // through temporary B-trees: a fifth of an import's writing. The repository now sums the
     // values it stored and adds them to the tallies (InsertedChildrenCount), so no mark is set
     // around an insert any more. The trigger on updates stays.
     "DROP TRIGGER children_counted_after_rowid;\nDROP TABLE children_added_after;\n", ""},
    {27, "searches sought within each county",
     // A county's search by three initials passed over the province's thousand matches of its key
     // to find its dozen: 0.6 ms, so that 256 searches at once waited 90 ms each. Led by the
     // county, the key's range holds only the county's matches. A search above a county seeks
     // in each county and in '' (children placed above counties); orgs_counties lists them.
     // The indexes replace the key-led ones, so a child written updates as many B-trees. The
     // organisation (put in the pinyin's by migration 15 to drop matches outside the scope
     // unread) leaves them: the county now keeps most of those out, and an entry stays as long.
     R"sql(
CREATE INDEX orgs_counties ON orgs(id) WHERE kind = 'county';
CREATE INDEX children_county_initials ON children((COALESCE(county_id, '')), name_initials);
CREATE INDEX children_county_pinyin ON children((COALESCE(county_id, '')), name_pinyin);
CREATE INDEX children_county_id_reversed ON children((COALESCE(county_id, '')), id_number_reversed);
DROP INDEX children_initials_org;
DROP INDEX children_pinyin_org;
DROP INDEX children_id_reversed;
)sql",
     nullptr},
    {28, "family phones sought within each county",
     // As migration 27 for the last digits of a family's phone: each family row keeps its child's
     // county, which a trigger keeps in step when the child moves to another county. The search
     // read a row of children for each of the province's 300 matches of four digits to keep a
     // county's few. PostgreSQL's trigger fires ALWAYS, as the tallies' do.
     R"sql(
ALTER TABLE family_members ADD COLUMN county_id TEXT;
UPDATE family_members SET county_id = (SELECT c.county_id FROM children c WHERE c.id = family_members.child_id);
CREATE INDEX family_members_county_phone ON family_members((COALESCE(county_id, '')), phone_reversed, child_id);
DROP INDEX family_members_phone_child;
CREATE TRIGGER family_members_follow_county AFTER UPDATE OF county_id ON children
WHEN COALESCE(OLD.county_id, '') <> COALESCE(NEW.county_id, '')
BEGIN
  UPDATE family_members SET county_id = NEW.county_id WHERE child_id = NEW.id;
END;
)sql",
     R"sql(
ALTER TABLE family_members ADD COLUMN county_id TEXT;
UPDATE family_members f SET county_id = c.county_id FROM children c WHERE c.id = f.child_id;
CREATE INDEX family_members_county_phone ON family_members((COALESCE(county_id, '')), phone_reversed, child_id);
DROP INDEX family_members_phone_child;
CREATE FUNCTION family_members_follow_county() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
  UPDATE family_members SET county_id = NEW.county_id WHERE child_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER family_members_follow_county AFTER UPDATE OF county_id ON children FOR EACH ROW
WHEN (OLD.county_id IS DISTINCT FROM NEW.county_id) EXECUTE FUNCTION family_members_follow_county();
ALTER TABLE children ENABLE ALWAYS TRIGGER family_members_follow_county;
)sql"},
    {29, "children's and families' parents checked as a write ends (SQLite)",
     // An INSERT of many rows whose foreign key is checked row by row keeps a statement journal,
     // a copy of every page the statement changes, so as to take its rows back should a later
     // one find no parent: a fifth of an import's time and a third of its page faults
     // (docs/performance.md). Deferred, the key is checked once the write is done
     // (GroupCommit refuses a write that leaves one unresolved), and no journal is kept.
     // SQLite cannot alter a constraint, but a foreign key's wording is not in the stored rows:
     // the table's CREATE statement is changed in place, as SQLite's documentation of ALTER
     // TABLE describes for a constraint ("Making Other Kinds Of Table Schema Changes"). A table
     // made and dropped raises the schema's version, so that every connection reads the
     // schema again, and RESET makes this one do so now. The count makes the migration fail
     // should either statement not read as expected. PostgreSQL keeps no such journal.
     R"sql(
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'org_id TEXT NOT NULL REFERENCES orgs(id),',
                     'org_id TEXT NOT NULL REFERENCES orgs(id) DEFERRABLE INITIALLY DEFERRED,')
 WHERE type = 'table' AND name = 'children';
UPDATE sqlite_schema
   SET sql = replace(sql, 'child_id TEXT NOT NULL REFERENCES children(id),',
                     'child_id TEXT NOT NULL REFERENCES children(id) DEFERRABLE INITIALLY DEFERRED,')
 WHERE type = 'table' AND name = 'family_members';
PRAGMA writable_schema = OFF;
CREATE TABLE migration_29_deferred (tables INTEGER NOT NULL CHECK (tables = 2));
INSERT INTO migration_29_deferred
SELECT count(*) FROM sqlite_schema
 WHERE type = 'table' AND name IN ('children', 'family_members') AND sql LIKE '%DEFERRABLE INITIALLY DEFERRED%';
DROP TABLE migration_29_deferred;
PRAGMA writable_schema = RESET;
)sql",
     ""},
};

}  // namespace

std::span<const Migration> AllMigrations() { return kMigrations; }

}  // namespace sw::storage
