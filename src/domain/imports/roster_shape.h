// Where a roster's data is: the header row under the title and "填报单位" lines, what each
// column holds (by its Chinese name and the variants schools use), and the footer lines
// (填表人, 审核人, …) that are not children. The user may correct the mapping in the preview.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/imports/sheet_row.h"

namespace sw::domain {

// What a column can fill: a child's field ("name", "id_number", …), "class", or a family
// member's ("father.name", "mother.phone", "guardian.relation", …).
std::span<const std::string_view> RosterTargets();

// The columns of the roster template schools download: each target once, headed by its
// commonest name, with an example; first 序号, whose example 示例 keeps the example row out of
// an import.
struct TemplateColumn {
  std::string_view header;
  std::string_view target;
  std::string_view example;
};
std::span<const TemplateColumn> RosterTemplate();

// The target a header cell names, or nullopt. Spaces, line breaks, "*" marks and a note in
// brackets ("出生日期（年月日）") are ignored.
std::optional<std::string> TargetOfHeader(std::string_view header);

struct RosterHeader {
  std::int64_t row = 0;                      // its row number
  std::map<std::size_t, std::string> columns;  // column (A = 0) → target
};

// The header among the first rows given: the first that names the child's name and at least
// one other known column. nullopt when there is none.
std::optional<RosterHeader> FindHeader(const std::vector<SheetRow>& first_rows);

// 填表人：…, 审核人：…, 制表日期 …: a line under the table, not a child; nor is the template's
// example, the row whose first cell is 示例.
bool IsFooter(const SheetRow& row);

}  // namespace sw::domain
