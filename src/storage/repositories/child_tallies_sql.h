// The children's figures read from the counts kept for townships and above (migration 14;
// docs/performance.md, "Figures"): a province's figures read a few thousand rows where a live
// count groups a million children.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/store.h"
#include "storage/database.h"

namespace sw::storage {

// The figures of `query`, as ChildRepository::Figures gives them, when the counts kept answer
// it: it asks for whole subtrees only (no filter, no search, no helper's pairings), each rooted
// at a township or above. nullopt otherwise: the caller counts live.
Result<std::optional<domain::ChildFigures>> KeptFigures(Executor& tx, const domain::ChildQuery& query,
                                                       const std::vector<domain::AgeBand>& bands);

// The statement that sums, from the counts kept, how many children `query` matches (one row, one
// column), when it asks for whole subtrees each rooted at a township or above, filtered by no more
// than the breakdowns' fields (gender, grade, left-behind type, care arrangement, risk, status,
// completeness). nullopt otherwise.
Result<std::optional<Statement>> KeptTotalStatement(Executor& tx, const domain::ChildQuery& query);

// Adds the children an insert stored — `rows`, each the values of `columns` — to the counts kept
// (SQLite; PostgreSQL's statement triggers count an insert's rows themselves). The tallied
// fields are read from the very values stored, as the update trigger's TalliedFieldsOf
// (all_migrations.cpp) reads them from a row; KeptCountsTest holds both to live counts.
Status CountInsertedChildren(Executor& tx, const std::vector<std::string>& columns, std::span<const Params> rows);

}  // namespace sw::storage
