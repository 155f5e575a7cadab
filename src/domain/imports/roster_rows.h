// A roster's data row made into the child it describes, ready to meet the archive: its cells
// cleaned (cleaning.h), Chinese words turned into the archive's codes (父母双方外出 →
// both_parents_away, 奶奶 → grandmother), then checked by the archive's own rules. Every
// problem names its row and the column as the file heads it.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/children/child.h"
#include "domain/children/family.h"
#include "domain/imports/roster_shape.h"

namespace sw::domain {

struct RowProblem {
  std::int64_t row = 0;
  std::string column;  // the header as written in the file ("" when the row as a whole)
  Status status;       // InvalidArgument with a public reason, worded by the caller's language
};

struct RosterEntry {
  std::int64_t row = 0;
  std::string class_name;            // as written ("三年级1班"), matched under the organisation later
  Child child;                       // the fields the roster has, valid by the archive's rules
  std::vector<FamilyMember> family;  // father, mother, guardian: those named
};

// The archive's code for a choice as a roster writes it — the code itself, its Chinese label, or
// a common synonym — or nullopt. `field`: a child's field or "relation".
std::optional<std::string> ChoiceCode(std::string_view field, std::string_view text);

// The Chinese labels of a choice's codes, in the archive's order (a template's drop-down).
// `field`: a child's field, "relation", or "boarding" (是/否).
std::vector<std::string> ChoiceLabels(std::string_view field);

// A field's name in Chinese ("出生日期", "父亲联系电话") for a problem at a column the file
// does not have.
std::string FieldLabel(std::string_view field);

class RosterRows {
 public:
  // `headers`: each mapped column's header as written, for the problems.
  RosterRows(RosterHeader header, std::map<std::size_t, std::string> headers, std::chrono::year_month_day today)
      : header_(std::move(header)), headers_(std::move(headers)), today_(today) {}

  // The entry a data row gives, or nullopt with its problems added. A parent or guardian the
  // row gives details of but no name is left out, with a warning.
  std::optional<RosterEntry> Read(const SheetRow& row, std::vector<RowProblem>& problems,
                                  std::vector<RowProblem>& warnings) const;

 private:
  // The header as written of the column mapped to `target` (with `as_prefix`, the first whose
  // target starts with it: "father." for any of the father's columns); its Chinese name when none is.
  std::string HeaderOf(std::string_view target, bool as_prefix = false) const;
  std::string WrittenHeader(std::size_t column) const;

  RosterHeader header_;
  std::map<std::size_t, std::string> headers_;
  std::chrono::year_month_day today_;
};

}  // namespace sw::domain
