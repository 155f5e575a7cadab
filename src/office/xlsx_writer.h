// Writing an .xlsx with libxlsxwriter in its constant-memory mode: each row goes to a temporary
// file as it is written, so a county's million rows need the memory of one. Rows are written in
// order; every cell is text. A cell starting with = + - or @ is written with a leading
// apostrophe, so that no formula in the archive (a name typed as "=HYPERLINK(…)") ever runs when
// the file is opened, edited or saved as CSV.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace sw::office {

// The cell's text as written: formulas made inert.
std::string NeutraliseFormula(std::string_view text);

class XlsxWriter {
 public:
  // A workbook at `path` with one sheet; temporary files go beside it.
  XlsxWriter(const std::filesystem::path& path, const std::string& sheet_name);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Column widths in characters, from column A; set before any row.
  void Widths(const std::vector<double>& widths);
  // A title line across the first `columns` columns.
  void Title(const std::string& text, std::size_t columns);
  // The header: bold, and frozen so it stays in view.
  void Header(const std::vector<std::string>& cells);
  void Row(const std::vector<std::string>& cells);
  // A drop-down of `choices` on column `column` for the next `rows` rows below the last written.
  void Choices(std::size_t column, std::int64_t rows, const std::vector<std::string>& choices);
  // Writes the file; Internal when it could not be made.
  Status Close();

 private:
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* bold_ = nullptr;
  std::uint32_t next_row_ = 0;
  bool closed_ = false;
};

}  // namespace sw::office
