#include "office/xls_reader.h"

#include <freexl.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>

namespace sw::office {
namespace {

struct Close {
  void operator()(const void* handle) const { freexl_close(handle); }
};

// A number as Excel shows it at most: 15 significant digits.
std::string NumberText(double value) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.15G", value);
  return text.data();
}

SheetCell CellOf(const FreeXL_CellValue& value) {
  switch (value.type) {
    case FREEXL_CELL_INT: return {.text = std::to_string(value.value.int_value), .number = true};
    case FREEXL_CELL_DOUBLE: return {.text = NumberText(value.value.double_value), .number = true};
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME: return {.text = value.value.text_value ? value.value.text_value : "", .number = false};
    default: return {};
  }
}

}  // namespace

Status ReadXls(const std::filesystem::path& path, const RowVisitor& visit) {
  const void* opened = nullptr;
  const int status = freexl_open(path.c_str(), &opened);
  std::unique_ptr<const void, Close> workbook(opened);
  if (status != FREEXL_OK) return UnreadableFile("not a readable .xls workbook");
  unsigned int protection = FREEXL_BIFF_PLAIN;
  if (freexl_get_info(opened, FREEXL_BIFF_PASSWORD, &protection) == FREEXL_OK && protection == FREEXL_BIFF_OBFUSCATED) {
    return UnreadableFile("the workbook is protected by a password");
  }
  unsigned int rows = 0;
  unsigned short columns = 0;
  if (freexl_select_active_worksheet(opened, 0) != FREEXL_OK ||
      freexl_worksheet_dimensions(opened, &rows, &columns) != FREEXL_OK) {
    return UnreadableFile("the workbook has no sheet");
  }
  SheetRow row;
  for (unsigned int r = 0; r < rows; ++r) {
    row.number = r + 1;
    row.cells.assign(columns, SheetCell{});
    for (unsigned short c = 0; c < columns; ++c) {
      FreeXL_CellValue value{};
      if (freexl_get_cell_value(opened, r, c, &value) == FREEXL_OK) row.cells[c] = CellOf(value);
    }
    while (!row.cells.empty() && row.cells.back().text.empty()) row.cells.pop_back();
    if (row.cells.empty()) continue;
    if (Status visited = visit(row); !visited.ok()) return visited;
  }
  return Status::Ok();
}

}  // namespace sw::office
