// The first sheet of an .xls workbook (Excel 97-2003, BIFF8), read with FreeXL, which gives text
// as UTF-8 whatever the workbook's code page and dates as YYYY-MM-DD. FreeXL reads the whole
// workbook at once; an .xls holds at most 65536 rows, so that stays small. It does not expose
// merged cells: a merged class column reads empty under its first row.
#pragma once

#include "office/sheet.h"

namespace sw::office {

Status ReadXls(const std::filesystem::path& path, const RowVisitor& visit);

}  // namespace sw::office
