#include "storage/repositories/child_tallies_sql.h"

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <unordered_map>

#include "storage/repositories/row_sql.h"
#include "storage/repositories/tree_memo.h"

namespace sw::storage {
namespace {

// What a question may filter by and still be answered from the counts kept.
enum class Filters {
  kNone,        // whole subtrees: the figures, whose age bands are kept apart from the rest
  kTotals,      // the fields child_totals keeps (risk level, status, left-behind type): a total
  kBreakdowns,  // the breakdowns child_tallies keeps (gender, grade, …, completeness): a total
};

// Whether `query` asks for whole subtrees — the scope's, narrowed to an organisation at most —
// filtered by no more than `filters` allows. Compared whole, so that a filter added to
// ChildQuery later is never read from the counts.
bool AsksForKeptCounts(const domain::ChildQuery& query, Filters filters) {
  domain::ChildQuery subtrees;
  subtrees.scope.root_org_ids = query.scope.root_org_ids;
  subtrees.org_id = query.org_id;
  if (filters != Filters::kNone) {
    subtrees.left_behind_type = query.left_behind_type;
    subtrees.risk_level = query.risk_level;
    subtrees.status = query.status;
  }
  if (filters == Filters::kBreakdowns) {
    subtrees.gender = query.gender;
    subtrees.care_arrangement = query.care_arrangement;
    subtrees.grade = query.grade;
    subtrees.complete = query.complete;
  }
  // Paging, and what a page holds, do not change which children count.
  subtrees.detail = query.detail;
  subtrees.offset = query.offset;
  subtrees.limit = query.limit;
  subtrees.after_name_sort = query.after_name_sort;
  subtrees.after_id = query.after_id;
  subtrees.count_up_to = query.count_up_to;
  return query == subtrees;
}

using KeptRootsAnswer = std::optional<std::vector<std::string>>;

// The organisations whose counts add up to the query's children: the scope's roots, or the
// organisation asked for when it lies in the scope. A root inside another's subtree is counted
// there already and left out. nullopt when a root's counts are not kept (a school, a class), or
// the organisation lies outside the scope (the live count finds what the two share).
Result<KeptRootsAnswer> AskKeptRoots(Executor& tx, const domain::ChildQuery& query) {
  std::vector<std::string> roots = query.scope.root_org_ids;
  if (!query.org_id.empty()) {
    Params params{query.org_id};
    auto inside = tx.Query("SELECT 1 FROM org_closure WHERE descendant_id = $1 AND ancestor_id IN (" +
                               Placeholders(params, roots) + ") LIMIT 1",
                           params);
    if (!inside.ok()) return inside.status();
    if (inside->empty()) return KeptRootsAnswer();
    roots = {query.org_id};
  }
  Params params;
  const std::string in = Placeholders(params, roots);
  auto rows = tx.Query(
      "SELECT o.id, "
      "CASE WHEN EXISTS (SELECT 1 FROM tallied_ancestors a WHERE a.ancestor_id = o.id AND a.descendant_id = o.id) "
      "THEN 1 ELSE 0 END, "
      "CASE WHEN EXISTS (SELECT 1 FROM org_closure oc WHERE oc.descendant_id = o.id AND oc.depth > 0 AND "
      "oc.ancestor_id IN (" + in + ")) THEN 1 ELSE 0 END "
      "FROM orgs o WHERE o.id IN (" + in + ")",
      params);
  if (!rows.ok()) return rows.status();
  std::vector<std::string> kept;
  for (const auto& row : *rows) {
    const bool counted_above = AsInt(row[2]) != 0;
    if (counted_above) continue;
    if (AsInt(row[1]) == 0) return KeptRootsAnswer();
    kept.push_back(AsText(row[0]));
  }
  return KeptRootsAnswer(std::move(kept));
}

// AskKeptRoots, remembered: the answer depends on the tree alone (which organisations lie under
// which, and their kinds). Two of a province's list's four statements asked it for every page.
Result<KeptRootsAnswer> KeptRoots(Executor& tx, const domain::ChildQuery& query) {
  thread_local TreeMemo<KeptRootsAnswer> answers;
  std::string key = TreeMemoKey(query.scope.root_org_ids, query.org_id);
  if (const KeptRootsAnswer* known = answers.Find(key)) return *known;
  auto asked = AskKeptRoots(tx, query);
  if (asked.ok()) answers.Keep(std::move(key), *asked);
  return asked;
}

// child_tallies' breakdown columns, in the order they are read, as the figures name them;
// "complete" (1 or 0) becomes "completeness" (complete or incomplete).
constexpr std::array<const char*, 6> kTalliedFields = {"gender", "grade", "left_behind_type", "care_arrangement",
                                                       "risk_level", "status"};

Status AddBreakdowns(Executor& tx, const std::vector<std::string>& roots, domain::ChildFigures& figures) {
  Params params;
  auto rows = tx.Query(
      "SELECT gender, grade, left_behind_type, care_arrangement, risk_level, status, complete, children "
      "FROM child_tallies WHERE org_id IN (" + Placeholders(params, roots) + ") AND children <> 0",
      params);
  if (!rows.ok()) return rows.status();
  for (const auto& row : *rows) {
    const std::int64_t children = AsInt(row[7]);
    for (std::size_t at = 0; at < kTalliedFields.size(); ++at) {
      figures.breakdowns[kTalliedFields[at]][AsText(row[at])] += children;
    }
    figures.breakdowns["completeness"][AsInt(row[6]) != 0 ? "complete" : "incomplete"] += children;
    figures.total += children;
  }
  return Status::Ok();
}

// The band of a birth date: the first (youngest) whose bound it is after, as the live count's CASE.
const std::string& BandOf(const std::string& birth_date, const std::vector<domain::AgeBand>& bands) {
  static const std::string kNone;
  for (const auto& band : bands) {
    if (band.born_after.empty() || birth_date > band.born_after) return band.name;
  }
  return kNone;
}

Status AddAgeBands(Executor& tx, const std::vector<std::string>& roots, const std::vector<domain::AgeBand>& bands,
                   domain::ChildFigures& figures) {
  Params params;
  auto rows = tx.Query("SELECT birth_date, children FROM child_birth_tallies WHERE org_id IN (" +
                           Placeholders(params, roots) + ") AND children <> 0",
                       params);
  if (!rows.ok()) return rows.status();
  auto& counts = figures.breakdowns["age_band"];
  for (const auto& row : *rows) counts[BandOf(AsText(row[0]), bands)] += AsInt(row[1]);
  return Status::Ok();
}

// The children under each organisation directly below `org_id`: kept counts for a township or
// above, a live count for a school or a village (a few hundred children).
Status AddOrgsBelow(Executor& tx, const std::string& org_id, domain::ChildFigures& figures) {
  auto kept = tx.Query("SELECT o.code, SUM(t.children) FROM orgs o JOIN child_tallies t ON t.org_id = o.id "
                       "WHERE o.parent_id = $1 GROUP BY o.code HAVING SUM(t.children) <> 0",
                       {org_id});
  if (!kept.ok()) return kept.status();
  auto live = tx.Query(
      "SELECT o.code, COUNT(*) FROM orgs o JOIN org_closure oc ON oc.ancestor_id = o.id "
      "JOIN children c ON c.org_id = oc.descendant_id WHERE o.parent_id = $1 AND NOT EXISTS "
      "(SELECT 1 FROM tallied_ancestors a WHERE a.ancestor_id = o.id AND a.descendant_id = o.id) GROUP BY o.code",
      {org_id});
  if (!live.ok()) return live.status();
  auto& counts = figures.breakdowns["org"];
  for (const auto* rows : {&*kept, &*live}) {
    for (const auto& row : *rows) counts[AsText(row[0])] = AsInt(row[1]);
  }
  return Status::Ok();
}

}  // namespace

Result<std::optional<domain::ChildFigures>> KeptFigures(Executor& tx, const domain::ChildQuery& query,
                                                       const std::vector<domain::AgeBand>& bands) {
  using Figures = std::optional<domain::ChildFigures>;
  if (!AsksForKeptCounts(query, Filters::kNone) || query.scope.root_org_ids.empty()) return Figures();
  auto roots = KeptRoots(tx, query);
  if (!roots.ok()) return roots.status();
  if (!*roots) return Figures();
  domain::ChildFigures figures;
  // Every breakdown is named, counted or not, as the live count names them.
  for (const char* name : kTalliedFields) figures.breakdowns[name];
  figures.breakdowns["completeness"];
  figures.breakdowns["age_band"];
  if (!(*roots)->empty()) {
    if (Status added = AddBreakdowns(tx, **roots, figures); !added.ok()) return added;
    if (Status added = AddAgeBands(tx, **roots, bands, figures); !added.ok()) return added;
  }
  if (!query.org_id.empty()) {
    if (Status added = AddOrgsBelow(tx, query.org_id, figures); !added.ok()) return added;
  }
  return Figures(std::move(figures));
}

Result<std::optional<Statement>> KeptTotalStatement(Executor& tx, const domain::ChildQuery& query) {
  using Sum = std::optional<Statement>;
  if (!AsksForKeptCounts(query, Filters::kBreakdowns) || query.scope.root_org_ids.empty()) return Sum();
  auto roots = KeptRoots(tx, query);
  if (!roots.ok()) return roots.status();
  // No organisation's counts: the roots are not in the tree, and a live count finds no child.
  if (!*roots || (*roots)->empty()) return Sum();
  Params params;
  std::string where = "org_id IN (" + Placeholders(params, **roots) + ")";
  auto add_equals = [&](const char* column, const std::string& value) {
    if (!value.empty()) where += std::string(" AND ") + column + " = " + Placeholder(params, value);
  };
  add_equals("gender", query.gender);
  add_equals("left_behind_type", query.left_behind_type);
  add_equals("care_arrangement", query.care_arrangement);
  add_equals("risk_level", query.risk_level);
  add_equals("status", query.status);
  if (query.grade) add_equals("grade", std::to_string(*query.grade));
  if (query.complete) where += " AND complete = " + Placeholder(params, std::int64_t{*query.complete ? 1 : 0});
  // child_totals keeps fewer rows an organisation (migration 19) for the fields it keeps.
  const char* table = AsksForKeptCounts(query, Filters::kTotals) ? "child_totals" : "child_tallies";
  return Sum(Statement{std::string("SELECT COALESCE(SUM(children), 0) FROM ") + table + " WHERE " + where,
                       std::move(params)});
}

namespace {

// The breakdowns child_tallies keeps as they are stored, in its columns' order after org_id;
// `complete` follows them, whether completeness is 100 (TalliedFieldsOf, all_migrations.cpp).
constexpr std::array kBreakdownColumns = {"gender", "grade", "left_behind_type", "care_arrangement",
                                          "risk_level", "status"};

// A tally's fields joined into one key, an organisation's id first. The fields are ids, codes of
// choices, dates and numbers, never holding a NUL, which parts them.
using TallyKey = std::string;
constexpr char kFieldEnd = '\0';

// A stored value as the tallies hold it: COALESCE(CAST(value AS TEXT), '').
void AppendTallied(TallyKey& key, const Value& value) {
  key += kFieldEnd;
  if (const auto* text = std::get_if<std::string>(&value)) key += *text;
  else if (!IsNull(value)) key += AsText(value);
}

// The children counted under each key, an organisation's id first.
using Sums = std::unordered_map<TallyKey, std::int64_t>;

// The tallied ancestors (a township and above) of each organisation.
Result<std::multimap<std::string, std::string>> TalliedAncestors(Executor& tx, const Sums& by_org) {
  std::set<std::string> orgs;
  for (const auto& [key, children] : by_org) orgs.insert(key.substr(0, key.find(kFieldEnd)));
  Params params;
  auto rows = tx.Query("SELECT descendant_id, ancestor_id FROM tallied_ancestors WHERE descendant_id IN (" +
                           ListParameter(Dialect::kSqlite, params, {orgs.begin(), orgs.end()}) + ")",
                       params);
  if (!rows.ok()) return rows.status();
  std::multimap<std::string, std::string> ancestors;
  for (auto& row : *rows) ancestors.emplace(TakeText(row[0]), TakeText(row[1]));
  return ancestors;
}

// The sums per organisation added up for each of its tallied ancestors, as JSON rows of their
// fields (text, the ancestor's id first) and the sum.
nlohmann::json ForAncestors(const Sums& by_org, const std::multimap<std::string, std::string>& ancestors) {
  std::map<TallyKey, std::int64_t> by_ancestor;
  for (const auto& [key, children] : by_org) {
    const std::size_t org_end = key.find(kFieldEnd);
    const auto [first, last] = ancestors.equal_range(key.substr(0, org_end));
    for (auto ancestor = first; ancestor != last; ++ancestor) {
      by_ancestor[ancestor->second + key.substr(org_end)] += children;
    }
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [key, children] : by_ancestor) {
    nlohmann::json row = nlohmann::json::array();
    for (std::size_t from = 0, end = 0; end != std::string::npos; from = end + 1) {
      end = key.find(kFieldEnd, from);
      row.push_back(key.substr(from, end == std::string::npos ? std::string::npos : end - from));
    }
    row.push_back(children);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

// Summed here, not by the statement a trigger ran after each bulk insert (migration 22): SQLite
// read the batch back and grouped it twice through temporary B-trees, 243M instructions a batch
// of 5,000 children, a fifth of an import's writing. The children are summed per organisation,
// then for its ancestors, and the sums sent as one JSON parameter a table, each added to its row.
InsertedChildrenCount::InsertedChildrenCount(const std::vector<std::string>& columns) {
  static_assert(std::tuple_size_v<decltype(breakdowns_)> == kBreakdownColumns.size());
  auto at = [&](std::string_view column) {
    const auto found = std::find(columns.begin(), columns.end(), column);
    all_found_ = all_found_ && found != columns.end();
    return static_cast<std::size_t>(found - columns.begin());
  };
  for (std::size_t field = 0; field < breakdowns_.size(); ++field) breakdowns_[field] = at(kBreakdownColumns[field]);
  org_ = at("org_id");
  completeness_ = at("completeness");
  birth_date_ = at("birth_date");
}

void InsertedChildrenCount::Add(const Params& row) {
  if (!all_found_) return;  // Send says so
  TallyKey tally = AsText(row[org_]);
  TallyKey birth = tally;
  for (const std::size_t breakdown : breakdowns_) AppendTallied(tally, row[breakdown]);
  tally += kFieldEnd;
  tally += AsInt(row[completeness_]) == 100 ? '1' : '0';
  AppendTallied(birth, row[birth_date_]);
  ++tallies_[tally];
  ++births_[birth];
}

Status InsertedChildrenCount::Send(Executor& tx) const {
  if (!all_found_) return Status::Internal("InsertedChildrenCount: a tallied column is not among those stored");
  if (tallies_.empty()) return Status::Ok();
  auto ancestors = TalliedAncestors(tx, tallies_);
  if (!ancestors.ok()) return ancestors.status();
  // Placed above the townships' tree, or outside it: counted by no tally.
  if (ancestors->empty()) return Status::Ok();
  // WHERE true keeps SQLite from reading ON CONFLICT as a join's ON.
  if (Status added = tx.Execute(
          "INSERT INTO child_tallies (org_id, gender, grade, left_behind_type, care_arrangement, risk_level, status, "
          "complete, children) SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, "
          "value ->> 5, value ->> 6, CAST(value ->> 7 AS INTEGER), value ->> 8 FROM json_each($1) WHERE true "
          "ON CONFLICT (org_id, gender, grade, left_behind_type, care_arrangement, risk_level, status, complete) "
          "DO UPDATE SET children = child_tallies.children + excluded.children",
          {JsonText(ForAncestors(tallies_, *ancestors))});
      !added.ok()) {
    return added;
  }
  return tx.Execute(
      "INSERT INTO child_birth_tallies (org_id, birth_date, children) SELECT value ->> 0, value ->> 1, value ->> 2 "
      "FROM json_each($1) WHERE true ON CONFLICT (org_id, birth_date) DO UPDATE SET "
      "children = child_birth_tallies.children + excluded.children",
      {JsonText(ForAncestors(births_, *ancestors))});
}

}  // namespace sw::storage
