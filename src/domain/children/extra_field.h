// Fields a county or school adds to its children's archive without code (自定义字段), and the
// rules that apply to a child at one organisation: the extra fields defined there and above,
// and the fields its archive needs to count as complete (建档完整).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/children/child.h"

namespace sw::domain {

struct ExtraField {
  std::string id;
  std::string org_id;  // defined here; applies to every child at or below
  std::string org_code;
  std::string key;     // snake_case; the child's value travels as extra.<key>
  std::string label;   // what forms and exports show, e.g. 校车路线
  std::string kind;    // text | number | date | choice
  std::vector<std::string> choices;  // for kind "choice"
  bool active = true;  // an inactive field keeps its values but is no longer shown or required
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

std::span<const std::string_view> ExtraFieldKinds();

// Checks and normalises a definition; InvalidArgument names the property at fault (key, label,
// kind, choices).
Status ValidateExtraField(ExtraField& field);

// A definition's choices may grow but not lose one, so that stored values stay valid.
Status CheckChoicesKept(const ExtraField& before, const ExtraField& after);

// What applies to a child placed at one organisation.
struct ArchiveRules {
  std::vector<ExtraField> fields;     // active extra fields defined at the organisation and above
  std::vector<std::string> required;  // built-in field names, and "extra.<key>"
  std::string required_set_at;        // the organisation code that chose them; empty: the default
};

const ExtraField* FindExtraField(const ArchiveRules& rules, std::string_view key);

// The names an organisation may require: built-in fields, and its active extra fields.
// InvalidArgument("fields", unknown_field / duplicate_field) otherwise.
Status CheckRequiredNames(const std::vector<std::string>& names, const ArchiveRules& rules);

// Normalises and checks every extra value of `child` against the fields that apply to it;
// InvalidArgument names the field as "extra.<key>". An empty value means "not filled in".
Status ValidateExtraValues(Child& child, const ArchiveRules& rules);

// Percentage (0–100) of the required fields that hold a value.
int Completeness(const Child& child, std::span<const std::string> required);

}  // namespace sw::domain
