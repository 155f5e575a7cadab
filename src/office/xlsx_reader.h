// The first sheet of an .xlsx file, streamed: libzip reads the sheet's XML out of the archive a
// chunk at a time and expat parses it as it comes, so only the shared strings (each distinct
// text once) and a few rows are ever in memory — a DOM of a 100k-row sheet would need hundreds
// of MB. Merged cells are filled: every cell of a merged range reads as its top-left cell, which
// is how a roster's "三年级1班" merged down a column is meant.
#pragma once

#include "office/sheet.h"

namespace sw::office {

Status ReadXlsx(const std::filesystem::path& path, const RowVisitor& visit);

}  // namespace sw::office
