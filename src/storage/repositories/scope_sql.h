// domain::Scope as SQL: the one place access scope becomes a WHERE condition.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/access/policy.h"
#include "storage/database.h"
#include "storage/rows.h"

namespace sw::storage {

// How a "within these subtrees" condition is written, which decides what a query can find its
// rows by (docs/performance.md, "Scopes").
enum class SubtreeTest {
  // "<org> IN (SELECT descendant_id …)": the database lists the subtrees' organisations first and
  // finds the rows through an index that leads with the organisation. Right for a narrow subtree.
  kListed,
  // "EXISTS (SELECT 1 FROM org_closure …)": tested on each row that another index finds (the
  // list's order, a key). Right for a broad subtree, whose listing alone costs tens of
  // milliseconds (a province's 100k organisations), and for a lookup by key.
  kPerRow,
  // As kPerRow, kept a test of each row that PostgreSQL may not turn into a join: for a query
  // that walks an index in the answer's order and stops at its page. Joined, a generic plan
  // would start from the subtree's organisations, estimated at 46 for any subtree, and sort all
  // their children: a county's list took 10 ms that way, and 0.3 ms walking its order. No row is
  // tested when the roots hold every root of the tree (a province's own list).
  kPerRowAsWalked,
};

// Organisations in a subtree: a county holds about a thousand (townships, villages, schools,
// classes), a city several thousand, a township about fifty. Measured on the generated province
// (docs/performance.md).
constexpr int kBroadSubtree = 2000;     // above: broader than a county
constexpr int kTownshipSubtree = 100;   // above: broader than a township

// kPerRow when the subtrees under `roots` hold more than `per_row_above` organisations: counted
// up to that bound only, so the question costs about 0.1 ms, and asked once per thread for a
// broad subtree, which stays broad.
Result<SubtreeTest> SubtreeTestFor(Executor& tx, const std::vector<std::string>& roots,
                                   int per_row_above = kBroadSubtree);

// `org_column` lies in a subtree under one of `roots`, written as `test` says, appending the
// roots to `params`. No roots match nothing.
std::string InSubtrees(std::string_view org_column, const std::vector<std::string>& roots, Params& params,
                       SubtreeTest test = SubtreeTest::kListed);

// The scope's subtrees: InSubtrees over Scope::root_org_ids.
std::string InScope(std::string_view org_column, const domain::Scope& scope, Params& params,
                    SubtreeTest test = SubtreeTest::kListed);

// The children (table alias `alias`) a scope reaches: those of the organisations in its
// subtrees, and — for a helper (Scope::paired_with_user_id) — those in an open pairing with them.
std::string ChildInScope(std::string_view alias, const domain::Scope& scope, Params& params,
                         SubtreeTest test = SubtreeTest::kListed);

}  // namespace sw::storage
