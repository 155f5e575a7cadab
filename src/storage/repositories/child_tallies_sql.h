// The children's figures read from the counts kept for townships and above (migration 14;
// docs/performance.md, "Figures"): a province's figures read a few thousand rows where a live
// count groups a million children.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
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

// Adds the children inserts stored to the counts kept (SQLite; PostgreSQL's statement triggers
// count an insert's rows themselves): each row — the values of `columns` — is added as it is
// stored, and the sums are sent once (Send), however many statements stored them. The tallied
// fields are read from the very values stored, as the update trigger's TalliedFieldsOf
// (all_migrations.cpp) reads them from a row; KeptCountsTest holds both to live counts.
class InsertedChildrenCount {
 public:
  explicit InsertedChildrenCount(const std::vector<std::string>& columns);
  void Add(const Params& row);
  // Adds the sums to the counts kept, once every row is added.
  Status Send(Executor& tx) const;

 private:
  std::array<std::size_t, 6> breakdowns_{};  // where the tallied fields are among the columns
  std::size_t org_ = 0, completeness_ = 0, birth_date_ = 0;
  bool all_found_ = true;
  // The children counted under each key: a tally's fields joined, an organisation's id first.
  std::unordered_map<std::string, std::int64_t> tallies_, births_;
};

}  // namespace sw::storage
