#include "storage/repositories/scope_sql.h"

#include "storage/repositories/row_sql.h"
#include "storage/repositories/tree_memo.h"

namespace sw::storage {

namespace {

// Subtrees found broad, keyed by the bound and the roots. A subtree found broad stays broad; a
// narrow one may grow, so it is asked again each time. A province's list asked for every page:
// a quarter of its SQL. (Found broad in a transaction that added organisations and was rolled
// back, a subtree is still taken for broad: a slower plan, the same rows.)
TreeMemo<bool>& BroadSubtrees() {
  thread_local TreeMemo<bool> broad;
  return broad;
}

}  // namespace

Result<SubtreeTest> SubtreeTestFor(Executor& tx, const std::vector<std::string>& roots, int per_row_above) {
  if (roots.empty()) return SubtreeTest::kListed;
  std::string key = TreeMemoKey(roots, std::to_string(per_row_above));
  auto& broad = BroadSubtrees();
  if (broad.Find(key) != nullptr) return SubtreeTest::kPerRow;
  Params params;
  const std::string in = Placeholders(params, roots);
  // Whether there is a row past the bound: skipping rows costs two thirds of counting them.
  params.emplace_back(std::int64_t{per_row_above});
  auto rows = tx.Query("SELECT 1 FROM org_closure WHERE ancestor_id IN (" + in + ") LIMIT 1 OFFSET $" +
                           std::to_string(params.size()),
                       params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return SubtreeTest::kListed;
  broad.Keep(std::move(key), true);
  return SubtreeTest::kPerRow;
}

std::string InSubtrees(std::string_view org_column, const std::vector<std::string>& roots, Params& params,
                       SubtreeTest test) {
  if (roots.empty()) return "1 = 0";
  const std::string in = Placeholders(params, roots);
  if (test == SubtreeTest::kListed) {
    return std::string(org_column) + " IN (SELECT descendant_id FROM org_closure WHERE ancestor_id IN (" + in + "))";
  }
  const std::string under_a_root = "EXISTS (SELECT 1 FROM org_closure WHERE descendant_id = " +
                                   std::string(org_column) + " AND ancestor_id IN (" + in + ")";
  if (test == SubtreeTest::kPerRow) return under_a_root + ")";
  // kPerRowAsWalked. When the roots hold every root of the tree, every row lies in their
  // subtrees: a province's list then tests none (a third of its page's SQL). Asked in the
  // statement, so it is true of its own snapshot even as organisations are added; both databases
  // evaluate an uncorrelated subquery once and stop an OR at its first true operand. An OFFSET
  // keeps PostgreSQL from pulling the EXISTS up into a join.
  return "(NOT EXISTS (SELECT 1 FROM orgs WHERE parent_id IS NULL AND id NOT IN (" + in + ")) OR " + under_a_root +
         " LIMIT 1 OFFSET 0))";
}

std::string InScope(std::string_view org_column, const domain::Scope& scope, Params& params, SubtreeTest test) {
  return InSubtrees(org_column, scope.root_org_ids, params, test);
}

std::string ChildInScope(std::string_view alias, const domain::Scope& scope, Params& params, SubtreeTest test) {
  if (scope.paired_with_user_id.empty()) return InScope(std::string(alias) + ".org_id", scope, params, test);
  // A helper without organisations of their own reaches their paired children alone, and the
  // pairings then lead the query. Written as an OR with an empty subtree test, they did not:
  // the databases walked the children in name order for a helper's three (a helper's list 345 ms
  // at a million children on SQLite; a search 97 ms at 100k on PostgreSQL).
  std::string subtrees;
  if (!scope.root_org_ids.empty()) subtrees = InScope(std::string(alias) + ".org_id", scope, params, test) + " OR ";
  params.emplace_back(scope.paired_with_user_id);
  return "(" + subtrees + std::string(alias) + ".id IN (SELECT child_id FROM pairings WHERE helper_id = $" +
         std::to_string(params.size()) + " AND ends_on = ''))";
}

}  // namespace sw::storage
