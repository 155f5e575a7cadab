#include "office/csv_reader.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <memory>

namespace sw::office {
namespace {

constexpr std::size_t kChunk = 64 * 1024;
constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kEnoughToJudge = 256;  // bytes from the first beyond ASCII

// Whether `bytes` is UTF-8, allowing a sequence cut short at its very end (the next chunk holds
// the rest).
bool LooksUtf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if (i + k >= bytes.size()) return true;  // cut by the chunk
      if ((static_cast<unsigned char>(bytes[i + k]) >> 6) != 0x2) return false;
    }
    i += length;
  }
  return true;
}

// Turns the file's bytes into UTF-8 as they come. Until a byte beyond ASCII is seen the two
// encodings agree; the first bytes beyond it decide between UTF-8 and GB18030 (the standard
// superset of GBK), converted with ICU, which keeps a character cut between chunks. (ICU rather
// than uchardet: the choice is between two encodings only, and ICU is here already.)
class Decoder {
 public:
  // A byte-order mark says UTF-8 whatever follows.
  void AssumeUtf8() { decided_ = true; }

  Result<std::string> Feed(std::string_view bytes, bool last) {
    if (decided_) return from_ ? Convert(bytes, last) : std::string(bytes);
    // Undecided: pass the ASCII on and keep what follows until there is enough of it to judge.
    pending_.append(bytes);
    const auto first = std::find_if(pending_.begin(), pending_.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    const auto judged = static_cast<std::size_t>(pending_.end() - first);
    if (first == pending_.end() || (judged < kEnoughToJudge && !last)) {
      std::string ascii(pending_.begin(), first);
      pending_.erase(pending_.begin(), first);
      return ascii;
    }
    decided_ = true;
    const auto offset = static_cast<std::size_t>(first - pending_.begin());
    const std::string held = std::move(pending_);
    pending_.clear();
    if (!LooksUtf8(std::string_view(held).substr(offset))) {
      UErrorCode error = U_ZERO_ERROR;
      from_.reset(ucnv_open("GB18030", &error));
      to_.reset(ucnv_open("UTF-8", &error));
      if (U_FAILURE(error)) return Status::Internal("no GB18030 converter in ICU");
    }
    return Feed(held, last);
  }

 private:
  Result<std::string> Convert(std::string_view bytes, bool last) {
    std::string out;
    std::array<char, kChunk> buffer;
    std::array<UChar, 1024> pivot;
    UChar* pivot_source = pivot.data();
    UChar* pivot_target = pivot.data();
    const char* source = bytes.data();
    const char* source_end = bytes.data() + bytes.size();
    UErrorCode error = U_ZERO_ERROR;
    do {
      error = U_ZERO_ERROR;
      char* target = buffer.data();
      ucnv_convertEx(to_.get(), from_.get(), &target, buffer.data() + buffer.size(), &source, source_end, pivot.data(),
                     &pivot_source, &pivot_target, pivot.data() + pivot.size(), false, last, &error);
      out.append(buffer.data(), target);
    } while (error == U_BUFFER_OVERFLOW_ERROR);
    if (U_FAILURE(error)) return UnreadableFile("not readable as GBK");
    return out;
  }

  struct Close {
    void operator()(UConverter* converter) const { ucnv_close(converter); }
  };
  bool decided_ = false;
  std::string pending_;  // undecided bytes, from the first beyond ASCII
  std::unique_ptr<UConverter, Close> from_, to_;
};

// RFC 4180 as a state machine over UTF-8 text (every byte it looks at is ASCII).
class Parser {
 public:
  explicit Parser(const RowVisitor& visit) : visit_(visit) {}

  Status Feed(std::string_view text) {
    for (char c : text) {
      if (Status status = Step(c); !status.ok()) return status;
    }
    return Status::Ok();
  }

  Status Finish() {
    if (quoted_ && !after_quote_) return UnreadableFile("a quote is never closed");
    if (!field_.empty() || !row_.cells.empty() || after_quote_) return EndRow();
    return Status::Ok();
  }

 private:
  Status Step(char c) {
    if (quoted_ && !after_quote_) {
      if (c == '"') {
        after_quote_ = true;
      } else {
        field_ += c;
      }
      return Status::Ok();
    }
    if (after_quote_) {
      after_quote_ = false;
      if (c == '"') {  // "" inside quotes
        field_ += '"';
        return Status::Ok();
      }
      quoted_ = false;
    }
    switch (c) {
      case '"':
        if (field_.empty()) quoted_ = true; else field_ += c;
        return Status::Ok();
      case ',':
        EndField();
        return Status::Ok();
      case '\r':
        return Status::Ok();  // CRLF: the LF ends the row
      case '\n':
        return EndRow();
      default:
        field_ += c;
        return Status::Ok();
    }
  }

  void EndField() {
    row_.cells.push_back({.text = std::move(field_), .number = false});
    field_.clear();
    quoted_ = false;
  }

  Status EndRow() {
    EndField();
    row_.number = ++rows_;
    const bool any = std::any_of(row_.cells.begin(), row_.cells.end(), [](const SheetCell& cell) { return !cell.text.empty(); });
    Status status = any ? visit_(row_) : Status::Ok();
    row_.cells.clear();
    return status;
  }

  const RowVisitor& visit_;
  SheetRow row_;
  std::string field_;
  bool quoted_ = false;       // inside a quoted field
  bool after_quote_ = false;  // a quote just seen inside one: its end, or the first of ""
  std::int64_t rows_ = 0;
};

}  // namespace

Status ReadCsv(std::istream& in, const RowVisitor& visit) {
  Decoder decoder;
  Parser parser(visit);
  std::string chunk(kChunk, '\0');
  bool first = true;
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    std::string_view bytes(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (first && bytes.starts_with(kBom)) {
      bytes.remove_prefix(kBom.size());
      decoder.AssumeUtf8();
    }
    first = false;
    auto text = decoder.Feed(bytes, in.eof());
    if (!text.ok()) return text.status();
    if (Status fed = parser.Feed(*text); !fed.ok()) return fed;
  }
  return parser.Finish();
}

}  // namespace sw::office
