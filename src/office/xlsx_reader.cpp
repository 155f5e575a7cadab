#include "office/xlsx_reader.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <optional>

namespace sw::office {
namespace {

constexpr std::size_t kChunk = 64 * 1024;
constexpr std::size_t kMostSharedText = 64u << 20;  // a roster's distinct texts are a few MB
constexpr std::int64_t kMostColumns = 16384;       // Excel's own limit (XFD)

// The local part of an expat name ("namespace|local", or just "local").
std::string_view Local(const XML_Char* name) {
  std::string_view full(name);
  const auto bar = full.rfind('|');
  return bar == std::string_view::npos ? full : full.substr(bar + 1);
}

std::string_view Attribute(const XML_Char** attributes, std::string_view local) {
  for (int i = 0; attributes[i]; i += 2) {
    if (Local(attributes[i]) == local) return attributes[i + 1];
  }
  return {};
}

// What one pass over an XML entry does with it; `Stop` ends the pass early with an error.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void Start(std::string_view, const XML_Char**) {}
  virtual void End(std::string_view) {}
  virtual void Text(std::string_view) {}
  void Stop(Status why) { stopped = std::move(why); }
  Status stopped = Status::Ok();
};

struct ZipClose {
  void operator()(zip_t* zip) const { zip_discard(zip); }  // read only: nothing to write back
};
using Zip = std::unique_ptr<zip_t, ZipClose>;

// Streams the archive's entry `name` through `handler`, a chunk at a time.
Status ParseEntry(zip_t* zip, const std::string& name, XmlHandler& handler) {
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(zip, name.c_str(), 0), zip_fclose);
  if (!file) return Status::NotFound(name);
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(XML_ParserCreateNS(nullptr, '|'),
                                                                                       XML_ParserFree);
  XML_SetUserData(parser.get(), &handler);
  XML_SetElementHandler(
      parser.get(),
      [](void* data, const XML_Char* element, const XML_Char** attributes) {
        static_cast<XmlHandler*>(data)->Start(Local(element), attributes);
      },
      [](void* data, const XML_Char* element) { static_cast<XmlHandler*>(data)->End(Local(element)); });
  XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* text, int length) {
    static_cast<XmlHandler*>(data)->Text(std::string_view(text, static_cast<std::size_t>(length)));
  });
  std::string chunk(kChunk, '\0');
  for (;;) {
    const zip_int64_t read = zip_fread(file.get(), chunk.data(), chunk.size());
    if (read < 0) return UnreadableFile(name + " cannot be read from the archive");
    const bool last = read == 0;
    if (XML_Parse(parser.get(), chunk.data(), static_cast<int>(read), last) != XML_STATUS_OK) {
      if (!handler.stopped.ok()) return handler.stopped;
      return UnreadableFile(name + ": " + XML_ErrorString(XML_GetErrorCode(parser.get())));
    }
    if (!handler.stopped.ok()) return handler.stopped;
    if (last) return Status::Ok();
  }
}

// A non-negative decimal; nullopt otherwise. (Never std::stoll here: nothing may throw through
// expat's C frames.)
std::optional<std::int64_t> Decimal(std::string_view text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// "AB12" → column 27 (from 0) and row 12; nullopt when it is not a cell reference.
struct CellRef {
  std::int64_t column = 0;
  std::int64_t row = 0;
};
std::optional<CellRef> ParseRef(std::string_view ref) {
  CellRef parsed{.column = 0, .row = 0};
  std::size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) parsed.column = parsed.column * 26 + (ref[i] - 'A' + 1);
  if (i == 0 || i == ref.size() || parsed.column > kMostColumns) return std::nullopt;
  for (; i < ref.size() && ref[i] >= '0' && ref[i] <= '9'; ++i) parsed.row = parsed.row * 10 + (ref[i] - '0');
  if (i != ref.size() || parsed.row < 1) return std::nullopt;
  parsed.column -= 1;
  return parsed;
}

// xl/workbook.xml: the relationship id of the first sheet.
class FirstSheet final : public XmlHandler {
 public:
  void Start(std::string_view name, const XML_Char** attributes) override {
    if (name == "sheet" && id.empty()) id = Attribute(attributes, "id");
  }
  std::string id;
};

// xl/_rels/workbook.xml.rels: where a relationship id points.
class Relationships final : public XmlHandler {
 public:
  explicit Relationships(std::string wanted) : wanted_(std::move(wanted)) {}
  void Start(std::string_view name, const XML_Char** attributes) override {
    if (name == "Relationship" && Attribute(attributes, "Id") == wanted_) target = Attribute(attributes, "Target");
  }
  std::string target;

 private:
  std::string wanted_;
};

// Text of <t> elements, leaving out phonetic runs (<rPh>), as shared strings and inline strings
// hold it.
class TextRuns {
 public:
  void Start(std::string_view name) {
    if (name == "t") in_text_ = true;
    if (name == "rPh") in_phonetic_ = true;
  }
  void End(std::string_view name) {
    if (name == "t") in_text_ = false;
    if (name == "rPh") in_phonetic_ = false;
  }
  bool Wants() const { return in_text_ && !in_phonetic_; }

 private:
  bool in_text_ = false;
  bool in_phonetic_ = false;
};

// xl/sharedStrings.xml: every distinct text of the workbook, by index.
class SharedStrings final : public XmlHandler {
 public:
  void Start(std::string_view name, const XML_Char**) override {
    if (name == "si") current_.clear();
    runs_.Start(name);
  }
  void End(std::string_view name) override {
    runs_.End(name);
    if (name != "si") return;
    size_ += current_.size();
    if (size_ > kMostSharedText) Stop(UnreadableFile("the workbook's texts pass 64 MB"));
    strings.push_back(std::move(current_));
  }
  void Text(std::string_view text) override {
    if (runs_.Wants()) current_ += text;
  }
  std::vector<std::string> strings;

 private:
  TextRuns runs_;
  std::string current_;
  std::size_t size_ = 0;
};

struct Range {
  std::int64_t top, left, bottom, right;
};

// The sheet's merged ranges (<mergeCell ref="A3:A5">, written after the rows), in a first pass.
class MergedRanges final : public XmlHandler {
 public:
  void Start(std::string_view name, const XML_Char** attributes) override {
    if (name != "mergeCell") return;
    const std::string_view ref = Attribute(attributes, "ref");
    const auto colon = ref.find(':');
    if (colon == std::string_view::npos) return;
    auto from = ParseRef(ref.substr(0, colon));
    auto to = ParseRef(ref.substr(colon + 1));
    if (from && to) ranges.push_back({from->row, from->column, to->row, to->column});
  }
  std::vector<Range> ranges;
};

// Gives every cell of a merged range its top-left cell's value, row by row, keeping only the
// ranges the current row is in.
class MergeFiller {
 public:
  explicit MergeFiller(std::vector<Range> ranges) : ranges_(std::move(ranges)) {
    std::sort(ranges_.begin(), ranges_.end(), [](const Range& a, const Range& b) { return a.top < b.top; });
  }

  void Fill(SheetRow& row) {
    while (next_ < ranges_.size() && ranges_[next_].top <= row.number) active_.push_back({ranges_[next_++], {}});
    std::erase_if(active_, [&](const Active& active) { return active.range.bottom < row.number; });
    for (Active& active : active_) {
      if (row.number == active.range.top && active.range.left < static_cast<std::int64_t>(row.cells.size())) {
        active.value = row.cells[static_cast<std::size_t>(active.range.left)];
      }
      if (active.value.text.empty()) continue;
      if (static_cast<std::int64_t>(row.cells.size()) <= active.range.right) {
        row.cells.resize(static_cast<std::size_t>(active.range.right + 1));
      }
      for (std::int64_t column = active.range.left; column <= active.range.right; ++column) {
        SheetCell& cell = row.cells[static_cast<std::size_t>(column)];
        if (cell.text.empty()) cell = active.value;
      }
    }
  }

 private:
  struct Active {
    Range range;
    SheetCell value;
  };
  std::vector<Range> ranges_;
  std::size_t next_ = 0;
  std::vector<Active> active_;
};

// The second pass: rows of cells, handed to the visitor one by one.
class Rows final : public XmlHandler {
 public:
  Rows(const std::vector<std::string>& strings, MergeFiller& filler, const RowVisitor& visit)
      : strings_(strings), filler_(filler), visit_(visit) {}

  void Start(std::string_view name, const XML_Char** attributes) override {
    if (name == "row") {
      const std::string_view r = Attribute(attributes, "r");
      const auto number = r.empty() ? std::optional<std::int64_t>(row_.number + 1) : Decimal(r);
      if (!number || *number <= row_.number) return Stop(UnreadableFile("rows out of order or unnumbered"));
      row_.number = *number;
      row_.cells.clear();
      column_ = -1;
    } else if (name == "c") {
      auto ref = ParseRef(Attribute(attributes, "r"));
      column_ = ref ? ref->column : column_ + 1;
      type_ = Attribute(attributes, "t");
      value_.clear();
    } else if (name == "v") {
      in_value_ = true;
    }
    runs_.Start(name);
  }

  void End(std::string_view name) override {
    runs_.End(name);
    if (name == "v") in_value_ = false;
    if (name == "c") EndCell();
    if (name == "row") EndRow();
  }

  void Text(std::string_view text) override {
    if (in_value_ || runs_.Wants()) value_ += text;
  }

 private:
  void EndCell() {
    if (column_ >= kMostColumns) return Stop(UnreadableFile("a row is wider than Excel allows"));
    SheetCell cell{.text = value_, .number = type_.empty() || type_ == "n"};
    if (type_ == "s") {
      const auto index = Decimal(value_);
      if (!index || *index >= static_cast<std::int64_t>(strings_.size())) {
        return Stop(UnreadableFile("a cell points to a text the workbook does not have"));
      }
      cell.text = strings_[static_cast<std::size_t>(*index)];
    }
    if (cell.text.empty()) return;
    if (static_cast<std::int64_t>(row_.cells.size()) <= column_) row_.cells.resize(static_cast<std::size_t>(column_ + 1));
    row_.cells[static_cast<std::size_t>(column_)] = std::move(cell);
  }

  void EndRow() {
    filler_.Fill(row_);
    const bool any = std::any_of(row_.cells.begin(), row_.cells.end(), [](const SheetCell& cell) { return !cell.text.empty(); });
    if (!any) return;
    if (Status visited = visit_(row_); !visited.ok()) Stop(visited);
  }

  const std::vector<std::string>& strings_;
  MergeFiller& filler_;
  const RowVisitor& visit_;
  SheetRow row_;
  std::int64_t column_ = -1;
  std::string type_;
  std::string value_;
  bool in_value_ = false;
  TextRuns runs_;
};

// The archive path of the first sheet, from the workbook and its relationships.
Result<std::string> FirstSheetPath(zip_t* zip) {
  FirstSheet first;
  if (Status parsed = ParseEntry(zip, "xl/workbook.xml", first); !parsed.ok()) {
    return parsed.code() == StatusCode::kNotFound ? UnreadableFile("not a workbook (no xl/workbook.xml)") : parsed;
  }
  Relationships relationships(first.id);
  Status parsed = ParseEntry(zip, "xl/_rels/workbook.xml.rels", relationships);
  if (!parsed.ok() && parsed.code() != StatusCode::kNotFound) return parsed;
  const std::string& target = relationships.target;
  if (target.empty()) return std::string("xl/worksheets/sheet1.xml");
  return target.front() == '/' ? target.substr(1) : "xl/" + target;
}

}  // namespace

Status ReadXlsx(const std::filesystem::path& path, const RowVisitor& visit) {
  int error = 0;
  Zip zip(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (!zip) return UnreadableFile("not a zip archive");
  auto sheet = FirstSheetPath(zip.get());
  if (!sheet.ok()) return sheet.status();
  SharedStrings shared;
  Status strings = ParseEntry(zip.get(), "xl/sharedStrings.xml", shared);
  if (!strings.ok() && strings.code() != StatusCode::kNotFound) return strings;  // a sheet of numbers has none
  MergedRanges merged;
  if (Status first = ParseEntry(zip.get(), *sheet, merged); !first.ok()) {
    return first.code() == StatusCode::kNotFound ? UnreadableFile("the workbook has no sheet " + *sheet) : first;
  }
  MergeFiller filler(std::move(merged.ranges));
  Rows rows(shared.strings, filler, visit);
  return ParseEntry(zip.get(), *sheet, rows);
}

}  // namespace sw::office
