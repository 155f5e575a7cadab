// A spreadsheet as the import reads it: row by row, never whole, whatever the file was (.xlsx,
// .xls, .csv — office/ reads those), so reading a county's 100k-row roster needs the memory of a
// few rows. (A commit keeps the rows it will write, packed: name_ordered_rows.h.)
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"

namespace sw::domain {

struct SheetCell {
  std::string text;     // UTF-8, as stored (a number as its digits, e.g. "42068" or "4.11222E+17")
  bool number = false;  // stored as a number, not as text: an ID number so stored has lost digits
};

struct SheetRow {
  std::int64_t number = 0;       // the spreadsheet's own row number, from 1
  std::vector<SheetCell> cells;  // by column, A first; shorter when the row ends early
};

// Called for each row that has a cell with text, in order; an error stops the reading.
using RowVisitor = std::function<Status(const SheetRow& row)>;

// Reads the sheet's rows from the first, in order, each time it is called.
using SheetSource = std::function<Status(const RowVisitor& visit)>;

}  // namespace sw::domain
