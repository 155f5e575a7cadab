// The children's archive in SQL. Columns are listed from the domain's field table, so a field
// added there is stored, read and compared without another list to keep in step.
#include <algorithm>
#include <map>
#include <set>

#include "storage/repositories/child_tallies_sql.h"
#include "storage/repositories/row_sql.h"
#include "storage/repositories/scope_sql.h"
#include "storage/repositories/sql_repositories.h"
#include "storage/repositories/tree_memo.h"


namespace sw::storage {
namespace {

using domain::Child;

// Every stored column, in the order of ValuesOf: the text fields, the rest, the search keys.
const std::vector<std::string>& StoredColumns() {
  static const std::vector<std::string> kColumns = [] {
    std::vector<std::string> columns;
    for (const auto& field : domain::ChildTextFields()) columns.emplace_back(field.name);
    for (const char* column : {"grade", "boarding", "completeness", "version", "created_at", "updated_at", "id",
                               "county_id", "org_id", "name_simplified", "name_sort", "name_pinyin",
                               "name_initials", "id_number_reversed"}) {
      columns.emplace_back(column);
    }
    return columns;
  }();
  return kColumns;
}

using domain::ChildDetail;

std::string TextColumns(ChildDetail detail) {
  std::string columns;
  for (const auto& field : domain::ChildTextFields()) {
    if (domain::Holds(detail, field)) columns += std::string("c.") + field.name + ", ";
  }
  return columns;
}

// `children` is the FROM clause's children, aliased c: the table, or a join leading to it. A
// summary reads the text fields it holds only (a list: 7 of 25).
std::string SelectColumns(const std::string& children = "children c", ChildDetail detail = ChildDetail::kRecord) {
  return "SELECT " + TextColumns(detail) + "c.grade, c.boarding, c.completeness, c.version, c.created_at, " +
         "c.updated_at, c.id, c.county_id, c.org_id FROM " + children + " ";
}

// `child` read from a row of SelectColumns, its text moved out of the row (read once); its
// organisation's code is SqlChildRepository::AddOrgCodes' to find. Filled in place: a child has
// some forty members, and moving each into a vector was 2% of a list request.
void ReadChild(std::vector<Value>& row, Child& child, ChildDetail detail) {
  std::size_t at = 0;
  for (const auto& field : domain::ChildTextFields()) {
    if (domain::Holds(detail, field)) child.*field.member = TakeText(row[at++]);
  }
  if (!IsNull(row[at])) child.grade = AsInt(row[at]);
  ++at;
  if (!IsNull(row[at])) child.boarding = AsInt(row[at]) != 0;
  ++at;
  child.completeness = AsInt(row[at++]);
  child.version = AsInt(row[at++]);
  child.created_at = TakeText(row[at++]);
  child.updated_at = TakeText(row[at++]);
  child.id = TakeText(row[at++]);
  child.county_id = TakeText(row[at++]);
  child.org_id = TakeText(row[at]);
}

// Every stored value of `child` with its search keys, in the order of StoredColumns.
Params ValuesOf(const Child& child, domain::ChildSearchKeys keys) {
  Params values;
  values.reserve(StoredColumns().size());  // grown one value at a time, it was moved five times a child
  for (const auto& field : domain::ChildTextFields()) {
    const std::string& value = child.*field.member;
    // An unknown ID number is NULL, so that UNIQUE admits many of them.
    values.push_back(field.member == &Child::id_number && value.empty() ? kNull : Value(value));
  }
  values.insert(values.end(), {OptionalInt(child.grade),
                               child.boarding ? Value(std::int64_t{*child.boarding ? 1 : 0}) : kNull,
                               child.completeness, child.version, child.created_at, child.updated_at, child.id,
                               child.county_id.empty() ? kNull : Value(child.county_id), child.org_id});
  values.insert(values.end(), {std::move(keys.name_simplified), std::move(keys.name_sort),
                               std::move(keys.name_pinyin), std::move(keys.name_initials),
                               keys.id_number_reversed.empty() ? kNull : Value(std::move(keys.id_number_reversed))});
  return values;
}

Params ValuesOf(const Child& child) { return ValuesOf(child, domain::SearchKeysOf(child)); }

// A child to insert with its search keys.
struct KeyedChild {
  domain::ChildSearchKeys keys;
  const Child* child;
};

// The children in the order of the name's sort key. Most of the children's indexes lead with it,
// after a county or a risk level that a batch mostly shares, so each new entry lands beside the
// one before, in pages already at hand: SQLite took an import's rows in this order in two thirds
// of the time it took them in the file's order (docs/performance.md). An import's come in this
// order already: sorting them anyway, moving their keys, was 2% of its writing.
std::vector<KeyedChild> InSortOrder(std::span<const Child> children) {
  std::vector<KeyedChild> keyed;
  keyed.reserve(children.size());
  for (const Child& child : children) keyed.push_back({domain::SearchKeysOf(child), &child});
  const auto by_name = [](const KeyedChild& left, const KeyedChild& right) {
    return left.keys.name_sort < right.keys.name_sort;
  };
  if (!std::is_sorted(keyed.begin(), keyed.end(), by_name)) std::sort(keyed.begin(), keyed.end(), by_name);
  return keyed;
}

// `column >= $n AND column < $n+1`: a prefix as an index range (keys are ASCII or simplified
// Chinese compared byte by byte; U+FFFF sorts after every character a name holds).
std::string PrefixRange(Params& params, const char* column, const std::string& prefix, const char* alias = "c") {
  params.emplace_back(prefix);
  params.emplace_back(prefix + "\xEF\xBF\xBF");
  const std::string qualified = std::string(alias) + "." + column;
  return qualified + " >= $" + std::to_string(params.size() - 1) + " AND " + qualified + " < $" +
         std::to_string(params.size());
}

// " AND <left> = <value>", unless the value is empty.
void AddEquals(std::string& where, Params& params, std::string_view left, const std::string& value) {
  if (value.empty()) return;
  params.emplace_back(value);
  where += " AND " + std::string(left) + " = $" + std::to_string(params.size());
}

// How a query's two subtree conditions, the scope's and the organisation asked for, are written.
struct SubtreeTests {
  SubtreeTest scope = SubtreeTest::kListed;
  SubtreeTest org = SubtreeTest::kListed;
  // When set, the query keeps to this county's children: in a list they lead in name order
  // (children_county_sort), and both subtrees are then tested per row, unless scope_is_county.
  std::string county;
  // The scope is this whole county, and the database proves each child's county_id to be its
  // organisation's (ProvesChildCounty): the county's column is then the scope's test, and no row
  // is tested against the tree. A county official's list spent a third of its SQL on PostgreSQL
  // testing its 20 rows (0.05 of 0.16 ms at a million children); a search by three initials,
  // testing the province's thousand matches, 6.2 ms against 1.3.
  bool scope_is_county = false;
  // A search by pinyin or digits seeks its key within each county its matches may lie in
  // (children_county_initials and its kind, migrations 27 and 28): this one when the subtree
  // asked for lies in one, else every county under search_reach (SearchCountyTerm).
  std::string search_county;
  // The organisations whose counties a search over several seeks its key in: the one asked for,
  // else the scope's roots; none for every county (a helper's scope reaches paired children
  // anywhere).
  std::vector<std::string> search_reach;
};

// Whether the database proves each child's county_id to be its organisation's: PostgreSQL's
// children_county_of_org (migration 25). SQLite cannot add a constraint to a table it has, and
// its in-process test of 20 rows costs little: there the rows are still tested.
bool ProvesChildCounty(Dialect dialect) { return dialect == Dialect::kPostgres; }

// A search by three letters of pinyin or four digits finds at most a few thousand children in a
// province through its own indexes: fewer than a county holds.
bool SelectiveSearch(const domain::ChildQuery& query) {
  return query.latin_prefix.size() >= 3 || query.digits_reversed.size() >= 4;
}

// A search is led by its index or by the scope depending on what is searched for (one letter or
// three, a name's characters), so it is planned for its values each run. A selective one within
// one county is led by its key in that county whatever the key (migrations 27 and 28), and keeps
// one plan: planned each run, it spent 0.1–0.3 ms planning a 0.05 ms search. Over several
// counties it is still planned for its values: a plan for any values, expecting three letters
// to match far more children than they do, walked the province in name order for a page (50–90
// ms at 100k children; docs/performance.md).
std::string_view PlanFor(const domain::ChildQuery& query, const SubtreeTests& tests) {
  if (SelectiveSearch(query) && !tests.search_county.empty()) return kOnePlan;
  const bool search = !query.latin_prefix.empty() || !query.digits_reversed.empty() || !query.name_part.empty();
  return search ? kPlanEachRun : "";
}

// The county every one of `roots` lies in, or "" when they lie above a county or in several.
// Kept per thread: an organisation's county never changes.
Result<std::string> CountyHolding(Executor& tx, const std::vector<std::string>& roots) {
  thread_local TreeMemo<std::string> known;
  std::string key = TreeMemoKey(roots);
  if (const std::string* county = known.Find(key)) return *county;
  Params params;
  auto rows = tx.Query("SELECT DISTINCT county_id FROM orgs WHERE id IN (" + Placeholders(params, roots) + ")", params);
  if (!rows.ok()) return rows.status();
  std::string county = rows->size() == 1 && !IsNull((*rows)[0][0]) ? AsText((*rows)[0][0]) : "";
  known.Keep(std::move(key), county);
  return county;
}

// The county `roots` lie in when they hold more than a township, else "".
Result<std::string> WideWithinCounty(Executor& tx, const std::vector<std::string>& roots) {
  auto county = CountyHolding(tx, roots);
  if (!county.ok() || county->empty()) return county;
  auto test = SubtreeTestFor(tx, roots, kTownshipSubtree);
  if (!test.ok()) return test.status();
  return *test == SubtreeTest::kPerRow ? *county : std::string();
}

// The county whose children lead the query in name order, or "": the subtree asked for (the
// organisation's, else the scope's) is wider than a township and lies in one county, and the
// scope is no narrower. A county official's list read its county's 10k children to sort them
// for a page (10 ms); it now reads the page. A township's thousand are still read and sorted:
// fewer than its county's order would pass over. A search by name is not led either: its
// matches gather in name order (a surname's together, 张's near the end), so the walk would
// pass over most of the county before its page (a county's "张" 17 → 40 ms). A selective
// search or one child is led by its own key. A helper's scope also reaches paired children of
// other counties, so it leads only through an organisation asked for.
Result<std::string> LeadingCounty(Executor& tx, const domain::ChildQuery& query) {
  const std::vector<std::string>& scope = query.scope.root_org_ids;
  const bool by_name = !query.latin_prefix.empty() || !query.name_part.empty();
  if (by_name || SelectiveSearch(query) || !query.child_id.empty() || scope.empty()) return std::string();
  if (query.org_id.empty()) {
    if (!query.scope.paired_with_user_id.empty()) return std::string();
    return WideWithinCounty(tx, scope);
  }
  auto scope_test = SubtreeTestFor(tx, scope, kTownshipSubtree);
  if (!scope_test.ok()) return scope_test.status();
  if (*scope_test == SubtreeTest::kListed) return std::string();
  return WideWithinCounty(tx, {query.org_id});
}

// The county `scope` is, whole, when the database proves each child's county column; else "".
Result<std::string> ScopeIsProvenCounty(Executor& tx, Dialect dialect, const domain::Scope& scope) {
  if (!ProvesChildCounty(dialect) || !scope.paired_with_user_id.empty() || scope.root_org_ids.size() != 1) {
    return std::string();
  }
  auto county = CountyHolding(tx, scope.root_org_ids);
  if (!county.ok()) return county.status();
  // A county's own county_id is its id: the root is the county itself, not an organisation in it.
  return *county == scope.root_org_ids[0] ? *county : std::string();
}

// Whether the query searches the children's pinyin or digits (SearchCountyTerm).
bool SearchesKeys(const domain::ChildQuery& query) {
  return !query.latin_prefix.empty() || !query.digits_reversed.empty();
}

// The county a search's matches must lie in, or "" when they may lie in several: the county of
// the organisation asked for, else of the scope's roots, unless the scope also reaches children
// paired with a helper, who may be anywhere.
Result<std::string> SearchCounty(Executor& tx, const domain::ChildQuery& query) {
  if (!query.org_id.empty()) return CountyHolding(tx, {query.org_id});
  if (!query.scope.paired_with_user_id.empty()) return std::string();
  return CountyHolding(tx, query.scope.root_org_ids);
}

// Whether one of `orgs` is the top of its tree (a province), whose reach is every county. Kept
// per thread (tree_memo.h).
Result<bool> HoldsTreeTop(Executor& tx, const std::vector<std::string>& orgs) {
  thread_local TreeMemo<bool> known;
  std::string key = TreeMemoKey(orgs);
  if (const bool* top = known.Find(key)) return *top;
  Params params;
  auto rows = tx.Query("SELECT 1 FROM orgs WHERE parent_id IS NULL AND id IN (" + Placeholders(params, orgs) + ")",
                       params);
  if (!rows.ok()) return rows.status();
  known.Keep(std::move(key), !rows->empty());
  return !rows->empty();
}

// SubtreeTests::search_reach, as SearchCounty chooses. A province's is every county, sought
// without testing each against it: tested, a province's search by an ID's tail took 4 ms longer.
Result<std::vector<std::string>> SearchReach(Executor& tx, const domain::ChildQuery& query) {
  std::vector<std::string> reach;
  if (!query.org_id.empty()) reach = {query.org_id};
  else if (query.scope.paired_with_user_id.empty()) reach = query.scope.root_org_ids;
  if (reach.empty()) return reach;
  auto top = HoldsTreeTop(tx, reach);
  if (!top.ok()) return top.status();
  if (*top) reach.clear();
  return reach;
}

// Each broad subtree is tested per row, so that a province's list walks its order (or another
// index) instead of listing 100k organisations; a narrow one leads the query. A selective search
// leads over any subtree broader than a township's: the databases would otherwise start from a
// county's 10k children and test each (docs/performance.md). On PostgreSQL its matches may be
// joined to the subtree; elsewhere rows are tested as they come (SubtreeTest::kPerRowAsWalked). A
// whole county's scope is its county column where the database proves it (scope_is_county), in
// a list led by its county and in a selective search; elsewhere that equality could change which
// index a list's plan, made once, leads with.
Result<SubtreeTests> ScopeAndOrgTestsFor(Executor& tx, Dialect dialect, const domain::ChildQuery& query) {
  constexpr SubtreeTest kWalked = SubtreeTest::kPerRowAsWalked;
  auto county = LeadingCounty(tx, query);
  if (!county.ok()) return county.status();
  std::string proven_county;
  if (SelectiveSearch(query) || !county->empty()) {
    auto proven = ScopeIsProvenCounty(tx, dialect, query.scope);
    if (!proven.ok()) return proven.status();
    proven_county = std::move(*proven);
  }
  if (!county->empty()) {
    const bool scope_is_county = proven_county == *county;
    return SubtreeTests{
        .scope = kWalked, .org = kWalked, .county = std::move(*county), .scope_is_county = scope_is_county};
  }
  // SQLite tests an EXISTS on each row in either form, and the walked one skips the test when the
  // roots hold the whole tree: a province official's search by three initials, its thousand
  // matches tested, took 14 ms to count and 14 to page at a million children; 0.9 and 8 so.
  const bool joinable = SelectiveSearch(query) && dialect == Dialect::kPostgres;
  const SubtreeTest per_row = joinable ? SubtreeTest::kPerRow : kWalked;
  const int per_row_above = SelectiveSearch(query) ? kTownshipSubtree : kBroadSubtree;
  auto as_decided = [&](SubtreeTest test) { return test == SubtreeTest::kListed ? test : per_row; };
  SubtreeTests tests;
  if (!proven_county.empty()) {
    tests.county = std::move(proven_county);
    tests.scope_is_county = true;
  } else {
    auto scope = SubtreeTestFor(tx, query.scope.root_org_ids, per_row_above);
    if (!scope.ok()) return scope.status();
    tests.scope = as_decided(*scope);
  }
  if (query.org_id.empty()) return tests;
  auto org = SubtreeTestFor(tx, {query.org_id}, per_row_above);
  if (!org.ok()) return org.status();
  tests.org = as_decided(*org);
  return tests;
}

// How the query's subtrees are tested, and the county a search seeks its key in.
Result<SubtreeTests> SubtreeTestsFor(Executor& tx, Dialect dialect, const domain::ChildQuery& query) {
  auto tests = ScopeAndOrgTestsFor(tx, dialect, query);
  if (!tests.ok() || !SearchesKeys(query)) return tests;
  auto county = SearchCounty(tx, query);
  if (!county.ok()) return county.status();
  tests->search_county = std::move(*county);
  if (!tests->search_county.empty()) return tests;
  auto reach = SearchReach(tx, query);
  if (!reach.ok()) return reach.status();
  tests->search_reach = std::move(*reach);
  return tests;
}

// Whether the risk level may lead the query: only when nothing narrower does. A broad list
// filtered by risk walks children_risk_sort in name order (migration 17), or within its county
// children_county_risk_sort (migration 21); a school's list or a search is led by its
// organisations or its key as before. SQLite has no statistics to tell them apart, and would take
// the risk index for a school's list too, reading a province's 80k high-risk children to find its
// few (docs/performance.md).
bool RiskMayLead(const domain::ChildQuery& query, const SubtreeTests& tests) {
  return tests.scope != SubtreeTest::kListed && (query.org_id.empty() || tests.org != SubtreeTest::kListed) &&
         !SelectiveSearch(query) && query.child_id.empty();
}

// The counties a search's key is sought in, as the search indexes lead (migrations 27 and 28):
// the one of SubtreeTests::search_county, else each county under search_reach (every county
// without one) and '' for the children placed above counties. Led by the key alone, a county's
// search by three initials passed over the province's thousand matches to find its dozen
// (docs/performance.md); a city's, seeking every county of the province, read its 983 matches
// for the city's 61 (11–28 ms against 1.1–1.6 alone, at a million children on SQLite). Each
// county is tested against the reach by the closure's index on descendants: a probe a county,
// where listing the reach's descendants would read all its classes. The counties are a list
// each database seeks one by one: PostgreSQL an array, which its index scans take as a
// condition; SQLite a subquery, which it takes only where no OR stands above it (see WhereOf).
// As a subquery, PostgreSQL walked the whole province in name order for a search's page (a
// province's search by three initials 157 ms against 2.7 at 100k children).
std::string SearchCountyTerm(std::string_view alias, const SubtreeTests& tests, Dialect dialect, Params& params) {
  const std::string county = "COALESCE(" + std::string(alias) + ".county_id, '')";
  if (tests.search_county.empty()) {
    std::string counties = "SELECT o.id FROM orgs o WHERE o.kind = 'county'";
    if (!tests.search_reach.empty()) {
      counties += " AND EXISTS (SELECT 1 FROM org_closure oc WHERE oc.descendant_id = o.id AND oc.ancestor_id IN (" +
                  Placeholders(params, tests.search_reach) + "))";
    }
    counties += " UNION ALL SELECT ''";
    if (dialect == Dialect::kPostgres) return county + " = ANY(ARRAY(" + counties + "))";
    return county + " IN (" + counties + ")";
  }
  params.emplace_back(tests.search_county);
  return county + " = $" + std::to_string(params.size());
}

std::string WhereOf(const domain::ChildQuery& query, const SubtreeTests& tests, Dialect dialect, Params& params) {
  std::string where = "WHERE ";
  if (tests.scope_is_county && SelectiveSearch(query) && tests.search_county == tests.county) {
    // The search's county term keeps to the scope's county (a family member's county is its
    // child's). Tested on the child as well, it led the plan for any values of a search by digits
    // (kOnePlan) to read the county's 10k children and join them to the matches.
    where += "TRUE";
  } else if (tests.scope_is_county) {
    params.emplace_back(tests.county);
    where += "c.county_id = $" + std::to_string(params.size());
  } else {
    where += ChildInScope("c", query.scope, params, tests.scope);
    AddEquals(where, params, "c.county_id", tests.county);
  }
  if (!query.org_id.empty()) where += " AND " + InSubtrees("c.org_id", {query.org_id}, params, tests.org);
  AddEquals(where, params, "c.id", query.child_id);
  AddEquals(where, params, "c.gender", query.gender);
  AddEquals(where, params, "c.left_behind_type", query.left_behind_type);
  AddEquals(where, params, "c.care_arrangement", query.care_arrangement);
  // COALESCE keeps the comparison out of any index, on either database. "|| ''" did too, but made
  // a string of each entry walked: a county's high-risk list walks 15 for each child it shows,
  // and the concatenations were a tenth of its request.
  AddEquals(where, params, RiskMayLead(query, tests) ? "c.risk_level" : "COALESCE(c.risk_level, '')", query.risk_level);
  AddEquals(where, params, "c.status", query.status);
  if (query.grade) {
    params.emplace_back(*query.grade);
    where += " AND c.grade = $" + std::to_string(params.size());
  }
  for (const auto& [key, value] : query.extra) {
    params.emplace_back(key);
    params.emplace_back(value);
    where += " AND c.id IN (SELECT v.child_id FROM child_field_values v JOIN child_fields f ON f.id = v.field_id "
             "WHERE f.field_key = $" + std::to_string(params.size() - 1) + " AND f.active = 1 AND v.value = $" +
             std::to_string(params.size()) + ")";
  }
  auto open_pairing = [&](const std::optional<bool>& wanted, const char* condition) {
    if (!wanted) return;
    where += std::string(*wanted ? " AND " : " AND NOT ") +
             "EXISTS (SELECT 1 FROM pairings p WHERE p.child_id = c.id AND p.ends_on = ''" + condition + ")";
  };
  open_pairing(query.has_helper, "");
  open_pairing(query.has_main_helper, " AND p.role = 'main'");
  if (query.complete) where += *query.complete ? " AND c.completeness = 100" : " AND c.completeness < 100";
  if (!query.name_part.empty()) {
    // Given names are searched as often as surnames, so the characters may stand anywhere: a
    // scan of the rows in scope, which the benchmark measures (issue 8).
    params.emplace_back("%" + EscapeLike(query.name_part) + "%");
    where += " AND c.name_simplified LIKE $" + std::to_string(params.size()) + " ESCAPE '\\'";
  }
  if (!query.latin_prefix.empty()) {
    // The counties in each arm of the OR, where SQLite seeks a subquery's as it seeks a value's.
    const std::string county = SearchCountyTerm("c", tests, dialect, params);
    where += " AND ((" + county + " AND " + PrefixRange(params, "name_pinyin", query.latin_prefix) + ") OR (" + county +
             " AND " + PrefixRange(params, "name_initials", query.latin_prefix) + "))";
  }
  if (!query.digits_reversed.empty()) {
    // Two index ranges unioned: an OR of the two would be a scan of the children in scope.
    where += " AND c.id IN (SELECT d.id FROM children d WHERE " + SearchCountyTerm("d", tests, dialect, params) +
             " AND " + PrefixRange(params, "id_number_reversed", query.digits_reversed, "d") +
             " UNION SELECT f.child_id FROM family_members f WHERE " + SearchCountyTerm("f", tests, dialect, params) +
             " AND " + PrefixRange(params, "phone_reversed", query.digits_reversed, "f") + ")";
  }
  return where;
}

// How a page's total is counted: by a statement summing the counts kept (exact), or counting the
// matches up to the query's bound and one more (`bounded`).
struct TotalCount {
  Statement statement;
  bool bounded = false;
};

// The page's total: exact from the counts kept when they answer the query (a township or above,
// filtered by the breakdowns' fields), else counted up to the query's bound; none for an export.
Result<std::optional<TotalCount>> TotalCountFor(Executor& tx, const domain::ChildQuery& query, std::string_view plan,
                                                const std::string& where, Params params) {
  using Count = std::optional<TotalCount>;
  if (query.count_up_to <= 0) return Count();
  auto kept = KeptTotalStatement(tx, query);
  if (!kept.ok()) return kept.status();
  if (*kept) return Count(TotalCount{.statement = std::move(**kept)});
  params.emplace_back(query.count_up_to + 1);
  std::string bounded = std::string(plan) + "SELECT COUNT(*) FROM (SELECT 1 FROM children c " + where +
                        " LIMIT $" + std::to_string(params.size()) + ") AS bounded";
  return Count(TotalCount{.statement = {std::move(bounded), std::move(params)}, .bounded = true});
}

void SetTotal(const TotalCount& count, const Rows& counted, const domain::ChildQuery& query, domain::ChildPage& page) {
  const std::int64_t matches = AsInt(counted[0][0]);  // count_up_to + 1 at most when bounded
  page.total = count.bounded ? std::min(matches, query.count_up_to) : matches;
  page.total_capped = count.bounded && matches > query.count_up_to;
}

}  // namespace

Result<std::optional<Child>> SqlChildRepository::FindInScope(const std::string& id, const domain::Scope& scope) {
  Params params{id};
  auto children = Select(
      SelectColumns() + "WHERE c.id = $1 AND " + ChildInScope("c", scope, params, SubtreeTest::kPerRow), params);
  if (!children.ok()) return children.status();
  if (children->empty()) return std::optional<Child>();
  return std::optional<Child>(std::move((*children)[0]));
}

Result<std::map<std::string, std::string>> SqlChildRepository::HoldersOfIdNumbers(
    const std::vector<std::string>& id_numbers) {
  std::map<std::string, std::string> holders;
  if (id_numbers.empty()) return holders;
  Params params;
  auto rows = tx_.Query(std::string(kPlanEachRun) + "SELECT id_number, id FROM children WHERE id_number IN (" +
                            ListParameter(dialect_, params, id_numbers) + ")",
                        params);
  if (!rows.ok()) return rows.status();
  for (const auto& row : *rows) holders.emplace(AsText(row[0]), AsText(row[1]));
  return holders;
}

Result<std::vector<Child>> SqlChildRepository::SameNamesAndBirths(std::span<const Child> children,
                                                                 const domain::Scope& scope) {
  std::set<std::pair<std::string, std::string>> wanted;
  std::vector<std::string> themselves;
  for (const Child& child : children) {
    wanted.emplace(domain::SimplifiedNameOf(child), child.birth_date);
    if (!child.id.empty()) themselves.push_back(child.id);
  }
  if (wanted.empty()) return std::vector<Child>();
  Params params;
  const std::string pairs = PairsParameter(dialect_, params, {wanted.begin(), wanted.end()});
  const std::string others =
      themselves.empty() ? "" : "c.id NOT IN (" + ListParameter(dialect_, params, themselves) + ") AND ";
  // The pairs lead (CROSS JOIN keeps SQLite to that order), each found in children_name_birth;
  // led by the scope, a school's every child would be read.
  return Select(std::string(kPlanEachRun) + SelectColumns("(" + pairs + ") wanted CROSS JOIN children c") +
                    "WHERE c.name_simplified = wanted.first AND c.birth_date = wanted.second AND " + others +
                    ChildInScope("c", scope, params, SubtreeTest::kPerRow) + " ORDER BY c.id",
                params);
}

Result<std::vector<Child>> SqlChildRepository::Select(const std::string& sql, const Params& params,
                                                      ChildDetail detail) {
  auto rows = tx_.Query(sql, params);
  if (!rows.ok()) return rows.status();
  return ChildrenOf(*rows, detail);
}

Result<std::vector<Child>> SqlChildRepository::ChildrenOf(Rows& rows, ChildDetail detail) {
  std::vector<Child> children;
  children.reserve(rows.size());
  for (auto& row : rows) ReadChild(row, children.emplace_back(), detail);
  if (Status coded = AddOrgCodes(children); !coded.ok()) return coded;
  if (detail == ChildDetail::kSummary) return children;  // a summary holds no extra values
  if (Status loaded = LoadExtra(children); !loaded.ok()) return loaded;
  return children;
}

// An organisation's code never changes and organisations are never deleted, so each code is
// looked up once a thread rather than joined for every child read (a search of orgs' index and
// then of its table for each child; a province's list gained about 5% without it).
Status SqlChildRepository::AddOrgCodes(std::vector<Child>& children) {
  thread_local TreeMemo<std::string> known;
  Params unknown;
  std::set<std::string> asked;
  std::string in;
  for (Child& child : children) {
    if (const std::string* code = known.Find(child.org_id)) {
      child.org_code = *code;
    } else if (asked.insert(child.org_id).second) {
      in += (in.empty() ? "" : ", ") + Placeholder(unknown, child.org_id);
    }
  }
  if (unknown.empty()) return Status::Ok();
  auto rows = tx_.Query("SELECT id, code FROM orgs WHERE id IN (" + in + ")", unknown);
  if (!rows.ok()) return rows.status();
  std::map<std::string, std::string> found;  // apart from the memo, which may forget when full
  for (auto& row : *rows) found.emplace(TakeText(row[0]), TakeText(row[1]));
  for (Child& child : children) {
    if (auto code = found.find(child.org_id); code != found.end()) child.org_code = code->second;
  }
  for (auto& [id, code] : found) known.Keep(id, std::move(code));
  return Status::Ok();
}

Status SqlChildRepository::LoadExtra(std::vector<Child>& children) {
  if (children.empty()) return Status::Ok();
  Params params;
  std::string ids;
  for (const Child& child : children) ids += (ids.empty() ? "" : ", ") + Placeholder(params, child.id);
  // CROSS JOIN keeps SQLite to the values first: most children have none, and led by the
  // children it read each child's row to find that out. Where no organisation has an active
  // field, the first join ends it before the ids are looked up (a third of its time).
  auto rows = tx_.Query(
      "SELECT v.child_id, f.field_key, v.value FROM (SELECT 1 AS fields WHERE EXISTS (SELECT 1 FROM child_fields "
      "WHERE active = 1)) AS any_field CROSS JOIN child_field_values v CROSS JOIN children c "
      "JOIN child_fields f ON f.id = v.field_id AND f.active = 1 "
      "JOIN org_closure oc ON oc.ancestor_id = f.org_id AND oc.descendant_id = c.org_id "
      "WHERE c.id = v.child_id AND v.child_id IN (" + ids + ")",
      params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::Ok();
  std::map<std::string_view, Child*> by_id;
  for (Child& child : children) by_id[child.id] = &child;
  for (auto& row : *rows) by_id.at(AsText(row[0]))->extra[TakeText(row[1])] = TakeText(row[2]);
  return Status::Ok();
}

// Each value goes to the field of that key which applies at the child's organisation; an empty
// value removes it. Values of fields that do not apply there are left as they are.
Status SqlChildRepository::SaveExtra(const Child& child) {
  static const std::string kApplicableField =
      "SELECT f.id FROM child_fields f JOIN org_closure oc ON oc.ancestor_id = f.org_id "
      "WHERE oc.descendant_id = $2 AND f.field_key = $3";
  for (const auto& [key, value] : child.extra) {
    Status status = value.empty()
                        ? tx_.Execute("DELETE FROM child_field_values WHERE child_id = $1 AND field_id IN (" +
                                          kApplicableField + ")",
                                      {child.id, child.org_id, key})
                        : tx_.Execute("INSERT INTO child_field_values (child_id, field_id, value) SELECT $1, f.id, $4 "
                                      "FROM child_fields f JOIN org_closure oc ON oc.ancestor_id = f.org_id "
                                      "WHERE oc.descendant_id = $2 AND f.field_key = $3 "
                                      "ON CONFLICT (child_id, field_id) DO UPDATE SET value = excluded.value",
                                      {child.id, child.org_id, key, value});
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

Status SqlChildRepository::Insert(const Child& child) {
  const Params values = ValuesOf(child);
  if (Status inserted = InsertRow(tx_, "children", StoredColumns(), values); !inserted.ok()) return inserted;
  if (CountsInserts()) {
    InsertedChildrenCount count(StoredColumns());
    count.Add(values);
    if (Status counted = count.Send(tx_); !counted.ok()) return counted;
  }
  return SaveExtra(child);
}

// The rows are made kRowsMadeAtOnce at a time, as InsertRows makes them, and counted once.
Status SqlChildRepository::InsertMany(std::span<const Child> children) {
  if (children.empty()) return Status::Ok();
  std::vector<KeyedChild> keyed = InSortOrder(children);
  const bool counts = CountsInserts();
  InsertedChildrenCount count(StoredColumns());
  std::vector<Params> rows;
  for (std::size_t from = 0; from < keyed.size(); from += kRowsMadeAtOnce) {
    rows.clear();
    for (std::size_t at = from; at < std::min(keyed.size(), from + kRowsMadeAtOnce); ++at) {
      rows.push_back(ValuesOf(*keyed[at].child, std::move(keyed[at].keys)));
      if (counts) count.Add(rows.back());
    }
    if (Status inserted = tx_.BulkInsert("children", StoredColumns(), rows); !inserted.ok()) return inserted;
  }
  if (counts) {
    if (Status counted = count.Send(tx_); !counted.ok()) return counted;
  }
  for (const Child& child : children) {
    if (child.extra.empty()) continue;
    if (Status saved = SaveExtra(child); !saved.ok()) return saved;
  }
  return Status::Ok();
}

// SQLite has no trigger on a child's insert (migration 24): any trigger makes each INSERT keep a
// statement journal, a copy of every page it changes, which was an eighth of an import's work.
// So the repository counts what it inserted (migration 26). PostgreSQL's statement triggers
// count a statement's rows themselves. An insert that failed is not counted: SQLite undid its
// statement, so the transaction can go on (a bulk insert's rows before the one refused may be
// in, and its transaction is to be rolled back, as Executor::BulkInsert says).
bool SqlChildRepository::CountsInserts() const { return dialect_ == Dialect::kSqlite; }

Status SqlChildRepository::Update(Child& child) {
  auto version = UpdateVersionedRow(tx_, "children", StoredColumns(), ValuesOf(child));
  if (!version.ok()) return version.status();
  child.version = *version;
  // Open tasks follow the child to its new organisation; done ones stay where the work was done.
  Status moved = tx_.Execute("UPDATE care_tasks SET org_id = $2 WHERE child_id = $1 AND status = 'open' AND org_id <> $2",
                             {child.id, child.org_id});
  if (!moved.ok()) return moved;
  return SaveExtra(child);
}

Result<std::vector<Child>> SqlChildRepository::Under(const std::string& org_id, const domain::ChildCursor& after,
                                                     std::int64_t limit) {
  // Led by the subtree's organisations in order from the cursor, each batch reads its own
  // organisations' children by the index on org_id and sorts only those by id. Ordered by id
  // alone, or with the organisations as an IN list, every batch read the whole subtree or its
  // list. `c.org_id >= $2` lets PostgreSQL start its scan of children at the cursor too.
  return Select(SelectColumns("org_closure oc CROSS JOIN children c") +
                    "WHERE c.org_id = oc.descendant_id AND oc.ancestor_id = $1 AND oc.descendant_id >= $2 AND "
                    "c.org_id >= $2 AND (c.org_id > $2 OR c.id > $3) ORDER BY oc.descendant_id, c.id LIMIT $4",
                {org_id, after.org_id, after.id, limit});
}

Status SqlChildRepository::SetCompleteness(const std::string& child_id, std::int64_t completeness) {
  return tx_.Execute("UPDATE children SET completeness = $2 WHERE id = $1", {child_id, completeness});
}

Result<std::optional<std::string>> SqlChildRepository::PromotedInto(const std::string& org_id,
                                                                   std::int64_t into_year) {
  auto rows = tx_.Query(
      "SELECT o.code FROM promotions p JOIN orgs o ON o.id = p.org_id WHERE p.into_year = $2 AND p.org_id IN ("
      "SELECT ancestor_id FROM org_closure WHERE descendant_id = $1 UNION "
      "SELECT descendant_id FROM org_closure WHERE ancestor_id = $1) ORDER BY o.code LIMIT 1",
      {org_id, into_year});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(AsText((*rows)[0][0]));
}

Status SqlChildRepository::RecordPromotion(const domain::Promotion& promotion) {
  return tx_.Execute(
      "INSERT INTO promotions (org_id, into_year, at, user_id, promoted, graduated) VALUES ($1, $2, $3, $4, $5, $6)",
      {promotion.org_id, promotion.into_year, promotion.at, promotion.user_id, promotion.promoted,
       promotion.graduated});
}

Result<domain::ChildPage> SqlChildRepository::List(const domain::ChildQuery& query) {
  auto tests = SubtreeTestsFor(tx_, dialect_, query);
  if (!tests.ok()) return tests.status();
  Params params;
  std::string where = WhereOf(query, *tests, dialect_, params);
  const std::string_view plan = PlanFor(query, *tests);
  auto total = TotalCountFor(tx_, query, plan, where, params);
  if (!total.ok()) return total.status();
  if (!query.after_id.empty()) {
    params.emplace_back(query.after_name_sort);
    params.emplace_back(query.after_id);
    where += " AND (c.name_sort, c.id) > ($" + std::to_string(params.size() - 1) + ", $" +
             std::to_string(params.size()) + ")";
  }
  // The page size is written into the statement: PostgreSQL costs a parameter's LIMIT at a tenth
  // of the rows, so its plan for any values (taken after five runs) looked dearer than planning
  // each run, and was planned each run (2 ms for a province's list). Written, the walk of an
  // index for 20 rows is costed as such and kept. Few sizes are asked, so few statements result.
  std::string in_order = std::string(plan) + SelectColumns("children c", query.detail) + where +
                         " ORDER BY c.name_sort, c.id LIMIT " + std::to_string(query.limit);
  if (query.offset > 0) {
    params.emplace_back(query.offset);
    in_order += " OFFSET $" + std::to_string(params.size());
  }
  std::vector<Statement> statements{{std::move(in_order), std::move(params)}};
  if (*total) statements.push_back(std::move((*total)->statement));  // SetTotal reads only `bounded`
  auto rows = tx_.QueryEach(statements);
  if (!rows.ok()) return rows.status();
  auto items = ChildrenOf((*rows)[0], query.detail);
  if (!items.ok()) return items.status();
  domain::ChildPage page;
  page.items = std::move(items).value();
  page.detail = query.detail;
  if (*total) SetTotal(**total, (*rows)[1], query, page);
  return page;
}

Result<domain::ChildFigures> SqlChildRepository::Figures(const domain::ChildQuery& query,
                                                         const std::vector<domain::AgeBand>& bands) {
  auto kept = KeptFigures(tx_, query, bands);
  if (!kept.ok()) return kept.status();
  if (*kept) return std::move(**kept);
  domain::ChildFigures figures;
  // Each breakdown is an expression grouped over the same WHERE. The age bands' dates follow
  // the query's parameters, in that breakdown's statement only (PostgreSQL refuses unused ones).
  // Figures read every child in scope, so the subtrees are listed whatever their breadth: a
  // province's organisations are listed once a statement rather than looked up for each child.
  Params params;
  const std::string where = WhereOf(query, SubtreeTests{}, dialect_, params);
  Params band_params = params;
  std::string age_band = "CASE";
  for (const auto& band : bands) {
    if (band.born_after.empty()) {
      age_band += " ELSE '" + band.name + "'";
      continue;
    }
    band_params.emplace_back(band.born_after);
    age_band += " WHEN c.birth_date > $" + std::to_string(band_params.size()) + " THEN '" + band.name + "'";
  }
  age_band += " END";
  // With an organisation asked for, its children are also counted per organisation directly
  // below it (each child under the ancestor whose parent is that organisation), for drill-down.
  Params org_params = params;
  org_params.emplace_back(query.org_id);
  const std::string below_org = "children c JOIN org_closure oc ON oc.descendant_id = c.org_id JOIN orgs o ON "
                                "o.id = oc.ancestor_id AND o.parent_id = $" + std::to_string(org_params.size()) + " ";
  struct Breakdown {
    const char* name;
    std::string expression;
    const Params& params;
    std::string from = "children c ";
  };
  std::vector<Breakdown> breakdowns = {
      {"gender", "c.gender", params},
      {"grade", "COALESCE(CAST(c.grade AS TEXT), '')", params},
      {"left_behind_type", "c.left_behind_type", params},
      {"care_arrangement", "c.care_arrangement", params},
      {"risk_level", "c.risk_level", params},
      {"status", "c.status", params},
      {"completeness", "CASE WHEN c.completeness = 100 THEN 'complete' ELSE 'incomplete' END", params},
      {"age_band", age_band, band_params}};
  if (!query.org_id.empty()) breakdowns.push_back({"org", "o.code", org_params, below_org});
  for (const Breakdown& breakdown : breakdowns) {
    auto rows = tx_.Query("SELECT " + breakdown.expression + " AS value, COUNT(*) FROM " + breakdown.from + where +
                              " GROUP BY " + breakdown.expression,
                          breakdown.params);
    if (!rows.ok()) return rows.status();
    auto& counts = figures.breakdowns[breakdown.name];
    for (const auto& row : *rows) counts[AsText(row[0])] = AsInt(row[1]);
  }
  for (const auto& [value, count] : figures.breakdowns["gender"]) figures.total += count;
  return figures;
}

Status SqlChildRepository::AddHistory(const std::vector<domain::ChildChange>& changes) {
  for (const auto& change : changes) {
    Status status = tx_.Execute(
        "INSERT INTO child_history (child_id, at, user_id, field, old_value, new_value) VALUES ($1, $2, $3, $4, $5, $6)",
        {change.child_id, change.at, change.user_id, change.field, change.old_value, change.new_value});
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

Result<std::vector<domain::ChildChange>> SqlChildRepository::History(const std::string& child_id) {
  auto rows = tx_.Query(
      "SELECT child_id, at, user_id, field, old_value, new_value FROM child_history WHERE child_id = $1 ORDER BY at, field",
      {child_id});
  if (!rows.ok()) return rows.status();
  std::vector<domain::ChildChange> changes;
  for (const auto& row : *rows) {
    changes.push_back({AsText(row[0]), AsText(row[1]), AsText(row[2]), AsText(row[3]), AsText(row[4]), AsText(row[5])});
  }
  return changes;
}

Status SqlChildRepository::RecordReveal(const domain::NumberReveal& reveal) {
  return tx_.Execute(
      "INSERT INTO number_reveals (child_id, field, at, user_id, request_id, reason) VALUES ($1, $2, $3, $4, $5, $6)",
      {reveal.child_id, reveal.field, reveal.at, reveal.user_id, reveal.request_id, reveal.reason});
}

}  // namespace sw::storage
