#include "domain/imports/name_ordered_rows.h"

#include <algorithm>
#include <cstring>

namespace sw::domain {

void NameOrderedRows::KeepHeader(const SheetRow& header) { header_ = Pack(header.number, header.cells); }

void NameOrderedRows::Keep(const SheetRow& row) { rows_.push_back(Pack(row.number, row.cells)); }

void NameOrderedRows::NameInTurn(std::span<const std::string> name_keys) {
  for (const std::string& name_key : name_keys) {
    Kept& kept = rows_.at(named_++);
    kept.key_at = name_keys_.size();
    kept.key_length = static_cast<std::uint32_t>(name_key.size());
    name_keys_ += name_key;
  }
}

SheetSource NameOrderedRows::InNameOrder() {
  std::stable_sort(rows_.begin(), rows_.end(),
                   [this](const Kept& left, const Kept& right) { return NameKey(left) < NameKey(right); });
  return [this](const RowVisitor& visit) -> Status {
    if (Status header = visit(Unpack(header_)); !header.ok()) return header;
    for (const Kept& kept : rows_) {
      if (Status visited = visit(Unpack(kept)); !visited.ok()) return visited;
    }
    return Status::Ok();
  };
}

// Each cell as a byte (stored as a number or not), its text's length in four bytes and its
// text: any text, separators included, comes back as it was.
NameOrderedRows::Kept NameOrderedRows::Pack(std::int64_t number, const std::vector<SheetCell>& cells) {
  Kept kept{.number = number, .at = packed_.size(), .cells_length = 0, .key_length = 0, .key_at = 0};
  for (const SheetCell& cell : cells) {
    const auto length = static_cast<std::uint32_t>(cell.text.size());
    packed_ += cell.number ? '\1' : '\0';
    packed_.append(reinterpret_cast<const char*>(&length), sizeof length);
    packed_ += cell.text;
  }
  kept.cells_length = static_cast<std::uint32_t>(packed_.size() - kept.at);
  return kept;
}

SheetRow NameOrderedRows::Unpack(const Kept& kept) const {
  SheetRow row{.number = kept.number, .cells = {}};
  const std::string_view cells = std::string_view(packed_).substr(kept.at, kept.cells_length);
  for (std::size_t at = 0; at < cells.size();) {
    SheetCell& cell = row.cells.emplace_back();
    cell.number = cells[at] == '\1';
    std::uint32_t length = 0;
    std::memcpy(&length, cells.data() + at + 1, sizeof length);
    at += 1 + sizeof length;
    cell.text = std::string(cells.substr(at, length));
    at += length;
  }
  return row;
}

}  // namespace sw::domain
