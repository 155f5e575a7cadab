// Which kind of spreadsheet a file is, and reading its first sheet row by row
// (domain/imports/sheet_row.h) whatever the kind.
#pragma once

#include <filesystem>

#include "domain/imports/sheet_row.h"

namespace sw::office {

using domain::RowVisitor;
using domain::SheetCell;
using domain::SheetRow;

enum class SheetFormat { kXlsx, kXls, kCsv };

// The answer for a file that cannot be read as a sheet: InvalidArgument naming the field "file",
// reason "unreadable_file", with `why` in English for the log and the CLI.
Status UnreadableFile(const std::string& why);

// What the file is, by its first bytes (a zip, an OLE2 compound file, or text), not its name.
// InvalidArgument("file", reason "unreadable_file") when it is none of them.
Result<SheetFormat> SniffSheet(const std::filesystem::path& path);

// Reads the first sheet of the file, whatever its format.
Status ReadSheet(const std::filesystem::path& path, const RowVisitor& visit);

}  // namespace sw::office
