// CSV as Excel and WPS write it (RFC 4180: commas, "quoted" fields with "" inside, line breaks
// inside quotes, CRLF or LF), in UTF-8 (with or without a BOM) or GBK — which is what Excel
// writes for "CSV" on a Chinese Windows. The encoding is found, not asked: the first bytes
// beyond ASCII decide.
#pragma once

#include <istream>

#include "office/sheet.h"

namespace sw::office {

Status ReadCsv(std::istream& in, const RowVisitor& visit);

}  // namespace sw::office
