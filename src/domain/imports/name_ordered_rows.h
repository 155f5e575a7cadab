// The rows a roster's check accepted, kept to be written in the children's name order.
//
// A roster lists its children by class and number, which is no order of the children's
// indexes: written in the file's order, each batch of 5,000 sweeps every name-led index from
// end to end and its commit rewrites most of their pages. Written in name order, a batch is a
// stretch of those indexes: 100k rows took a fifth less time (docs/performance.md).
//
// The rows are kept packed, one after the other in one buffer (their cells' text, their names in
// another: some 150 bytes a row, 15 MB for 100k), not as children, which take some 3 KB each,
// nor as strings of their own, whose 100k allocations among the batches' slowed every
// allocation after them. The commit reads the rows again from here instead of from the file.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/imports/sheet_row.h"

namespace sw::domain {

class NameOrderedRows {
 public:
  // The header row, which the replay gives first.
  void KeepHeader(const SheetRow& header);
  // A row to write, named later by NameInTurn.
  void Keep(const SheetRow& row);
  // Names the first keys.size() rows kept and not named yet, in the order kept, each by its
  // child's name_sort. The check finds the names of a batch on the thread that weighs it, while
  // the reading thread reads the next rows (the pinyin was a quarter of the reading's work).
  void NameInTurn(std::span<const std::string> name_keys);
  // The kept rows as a sheet: the header, then the rows in name order, rows of one name in the
  // order kept. Valid while this lives.
  SheetSource InNameOrder();
  // The rows kept, the header aside.
  std::int64_t size() const { return static_cast<std::int64_t>(rows_.size()); }

 private:
  struct Kept {
    std::int64_t number = 0;
    std::size_t at = 0;  // the cells, in packed_
    std::uint32_t cells_length = 0;
    std::uint32_t key_length = 0;
    std::size_t key_at = 0;  // the name key, in name_keys_
  };
  Kept Pack(std::int64_t number, const std::vector<SheetCell>& cells);
  std::string_view NameKey(const Kept& kept) const {
    return std::string_view(name_keys_).substr(kept.key_at, kept.key_length);
  }
  SheetRow Unpack(const Kept& kept) const;

  std::string packed_;
  std::string name_keys_;
  Kept header_;
  std::vector<Kept> rows_;
  std::size_t named_ = 0;  // rows_ named so far
};

}  // namespace sw::domain
