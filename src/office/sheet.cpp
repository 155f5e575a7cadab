#include "office/sheet.h"

#include <fstream>

#include "office/csv_reader.h"
#include "office/xls_reader.h"
#include "office/xlsx_reader.h"

namespace sw::office {
namespace {

constexpr std::string_view kZip = "PK\x03\x04";
constexpr std::string_view kCompoundFile = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";  // OLE2: .xls, .doc

}  // namespace

Status UnreadableFile(const std::string& why) {
  return Status::InvalidArgument("file", why).WithReason("unreadable_file");
}

Result<SheetFormat> SniffSheet(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return UnreadableFile("the file cannot be opened");
  std::string head(8, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.starts_with(kZip)) return SheetFormat::kXlsx;
  if (head == kCompoundFile) return SheetFormat::kXls;
  // Text has no NUL byte; a binary file almost always has one early.
  if (head.find('\0') != std::string::npos) return UnreadableFile("neither a spreadsheet nor text");
  return SheetFormat::kCsv;
}

Status ReadSheet(const std::filesystem::path& path, const RowVisitor& visit) {
  auto format = SniffSheet(path);
  if (!format.ok()) return format.status();
  switch (*format) {
    case SheetFormat::kXlsx: return ReadXlsx(path, visit);
    case SheetFormat::kCsv: {
      std::ifstream in(path, std::ios::binary);
      return ReadCsv(in, visit);
    }
    case SheetFormat::kXls: return ReadXls(path, visit);
  }
  return UnreadableFile("an unknown format");
}

}  // namespace sw::office
