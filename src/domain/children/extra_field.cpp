#include "domain/children/extra_field.h"

#include <algorithm>
#include <array>
#include <set>

#include "domain/children/field_rules.h"
#include "domain/terms/term.h"
#include "text/chinese.h"

namespace sw::domain {
namespace {

using namespace std::string_view_literals;

constexpr std::array kKinds = {"text"sv, "number"sv, "date"sv, "choice"sv};
constexpr std::size_t kMaxKeyBytes = 40;
constexpr std::size_t kMaxLabelBytes = 60;   // 20 Chinese characters
constexpr std::size_t kMaxChoices = 50;
constexpr std::size_t kMaxChoiceBytes = 100;
constexpr std::size_t kMaxTextBytes = 2000;  // as a built-in note
constexpr std::size_t kMaxSignificantDigits = 15;  // what a spreadsheet keeps exactly
constexpr std::size_t kMaxRequired = 100;
constexpr std::string_view kExtraPrefix = "extra.";

bool ValidKey(const std::string& key) {
  if (key.empty() || key.size() > kMaxKeyBytes || key[0] < 'a' || key[0] > 'z') return false;
  return std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

Status CheckChoices(ExtraField& field) {
  if (field.kind != "choice") {
    return field.choices.empty() ? Status::Ok() : InvalidField("choices", "choices_not_allowed");
  }
  if (field.choices.empty()) return InvalidField("choices", "required");
  if (field.choices.size() > kMaxChoices) return InvalidField("choices", "too_many_choices");
  std::set<std::string> seen;
  for (std::string& choice : field.choices) {
    choice = text::NormaliseInput(choice);
    if (choice.empty()) return InvalidField("choices", "required");
    if (choice.size() > kMaxChoiceBytes) return InvalidField("choices", "too_long");
    // Stored one per line.
    if (choice.find('\n') != std::string::npos) return InvalidField("choices", "invalid_choice");
    if (!seen.insert(choice).second) return InvalidField("choices", "duplicate_choice");
  }
  return Status::Ok();
}

// A decimal number in canonical text ("007.50" → "7.5"), so that equal numbers are equal text
// for search. Written by hand because std::to_chars of a double would not keep the decimal the
// user typed (0.1 is not a double).
std::optional<std::string> CanonicalDecimal(const std::string& text) {
  std::size_t at = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++at;
  const std::size_t point = text.find('.', at);
  std::string whole = text.substr(at, point == std::string::npos ? std::string::npos : point - at);
  std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
  auto digits = [](const std::string& part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || !digits(whole) || !digits(fraction) || (point != std::string::npos && fraction.empty())) {
    return std::nullopt;
  }
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
  fraction.erase(fraction.find_last_not_of('0') + 1);
  if (whole.size() + fraction.size() > kMaxSignificantDigits) return std::nullopt;
  std::string canonical = fraction.empty() ? whole : whole + "." + fraction;
  return negative && canonical != "0" ? "-" + canonical : canonical;
}

Status CheckValue(const ExtraField& field, std::string& value) {
  const std::string name = std::string(kExtraPrefix) + field.key;
  if (field.kind == "text") {
    return value.size() > kMaxTextBytes ? InvalidField(name, "too_long") : Status::Ok();
  }
  value = text::NormaliseInput(value);
  if (value.empty()) return Status::Ok();
  if (field.kind == "number") {
    auto canonical = CanonicalDecimal(value);
    if (!canonical) return InvalidField(name, "invalid_number");
    value = *canonical;
  } else if (field.kind == "date") {
    auto date = ParseDate(value);
    if (!date) return InvalidField(name, "invalid_time");
    value = FormatDate(*date);
  } else if (std::find(field.choices.begin(), field.choices.end(), value) == field.choices.end()) {
    return InvalidField(name, "invalid_choice");
  }
  return Status::Ok();
}

}  // namespace

std::span<const std::string_view> ExtraFieldKinds() { return kKinds; }

Status ValidateExtraField(ExtraField& field) {
  if (!ValidKey(field.key)) return InvalidField("key", "invalid_field_key");
  field.label = text::NormaliseInput(field.label);
  if (field.label.empty()) return InvalidField("label", "required");
  if (field.label.size() > kMaxLabelBytes) return InvalidField("label", "too_long");
  if (std::find(kKinds.begin(), kKinds.end(), field.kind) == kKinds.end()) return InvalidField("kind", "invalid_choice");
  return CheckChoices(field);
}

Status CheckChoicesKept(const ExtraField& before, const ExtraField& after) {
  for (const std::string& choice : before.choices) {
    if (std::find(after.choices.begin(), after.choices.end(), choice) == after.choices.end()) {
      return InvalidField("choices", "choice_removed");
    }
  }
  return Status::Ok();
}

const ExtraField* FindExtraField(const ArchiveRules& rules, std::string_view key) {
  for (const ExtraField& field : rules.fields) {
    if (field.key == key) return &field;
  }
  return nullptr;
}

Status CheckRequiredNames(const std::vector<std::string>& names, const ArchiveRules& rules) {
  if (names.size() > kMaxRequired) return InvalidField("fields", "too_many_choices");
  std::set<std::string> seen;
  for (const std::string& name : names) {
    const bool extra = name.starts_with(kExtraPrefix);
    const bool known = extra ? FindExtraField(rules, name.substr(kExtraPrefix.size())) != nullptr
                             : IsBuiltInChildField(name);
    if (!known) return InvalidField("fields", "unknown_field");
    if (!seen.insert(name).second) return InvalidField("fields", "duplicate_field");
  }
  return Status::Ok();
}

Status ValidateExtraValues(Child& child, const ArchiveRules& rules) {
  for (auto& [key, value] : child.extra) {
    const ExtraField* field = FindExtraField(rules, key);
    if (!field) return InvalidField(std::string(kExtraPrefix) + key, "unknown_field");
    if (Status status = CheckValue(*field, value); !status.ok()) return status;
  }
  return Status::Ok();
}

int Completeness(const Child& child, std::span<const std::string> required) {
  if (required.empty()) return 100;
  std::size_t filled = 0;
  for (const std::string& name : required) {
    if (name.starts_with(kExtraPrefix)) {
      auto value = child.extra.find(name.substr(kExtraPrefix.size()));
      filled += value != child.extra.end() && !value->second.empty();
    } else {
      filled += HasValue(child, name);
    }
  }
  return static_cast<int>(filled * 100 / required.size());
}

}  // namespace sw::domain
