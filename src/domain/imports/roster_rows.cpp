#include "domain/imports/roster_rows.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/embedded_file.h"
#include "domain/children/field_rules.h"
#include "domain/imports/class_names.h"
#include "domain/imports/cleaning.h"
#include "text/chinese.h"

namespace sw::domain {
namespace {

// Words rosters use that are not the archive's labels.
const std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>>& Synonyms() {
  static const std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> kSynonyms = {
      {"relation",
       {{"爷爷", "grandfather"}, {"奶奶", "grandmother"}, {"外公", "maternal_grandfather"},
        {"姥爷", "maternal_grandfather"}, {"外婆", "maternal_grandmother"}, {"姥姥", "maternal_grandmother"},
        {"爸爸", "father"}, {"妈妈", "mother"}, {"叔叔", "uncle"}, {"伯伯", "uncle"}, {"舅舅", "uncle"},
        {"姑姑", "aunt"}, {"姨妈", "aunt"}, {"阿姨", "aunt"}, {"哥哥", "sibling"}, {"姐姐", "sibling"}}},
      {"left_behind_type",
       {{"父母均外出", "both_parents_away"}, {"父母都外出", "both_parents_away"}, {"双亲外出", "both_parents_away"},
        {"父亲外出", "one_parent_away"}, {"母亲外出", "one_parent_away"}, {"单亲外出", "one_parent_away"}}},
      {"care_arrangement", {{"隔代监护", "grandparents"}, {"祖辈监护", "grandparents"}, {"亲属监护", "relatives"}}},
  };
  return kSynonyms;
}

// The zh-CN words of the archive (share/print/labels.json, shared with the pages).
const nlohmann::json& ZhLabels() {
  static const nlohmann::json kLabels = nlohmann::json::parse(ShareFileText("/print/labels.json"), nullptr, false)["zh-CN"];
  return kLabels;
}

// The zh-CN labels of the archive's codes.
const nlohmann::json& Labels() { return ZhLabels()["values"]; }

std::span<const std::string_view> ChoicesOf(std::string_view field) {
  if (field == "relation") return FindFamilyTextField("relation")->choices;
  const ChildTextField* child_field = FindChildTextField(field);
  return child_field ? child_field->choices : std::span<const std::string_view>();
}

// The cell of `column`, or an empty one.
const SheetCell& CellAt(const SheetRow& row, std::size_t column) {
  static const SheetCell kEmpty;
  return column < row.cells.size() ? row.cells[column] : kEmpty;
}

FamilyMember* MemberFor(std::vector<FamilyMember>& family, std::string_view who) {
  for (FamilyMember& member : family) {
    if (member.kind == (who == "guardian" ? "guardian" : "parent") && (who == "guardian" || member.relation == who)) {
      return &member;
    }
  }
  FamilyMember& added = family.emplace_back();
  added.kind = who == "guardian" ? "guardian" : "parent";
  if (who != "guardian") added.relation = std::string(who);
  return &added;
}

// The code `text` gives for `field` (see ChoiceCode).
std::optional<std::string> ReadChoice(std::string_view field, std::string_view text) {
  const std::string cleaned = text::NormaliseInput(text);
  const auto choices = ChoicesOf(field);
  if (std::find(choices.begin(), choices.end(), cleaned) != choices.end()) return cleaned;
  // Found in place: json::value would copy the field's labels for every cell.
  if (const auto labels = Labels().find(std::string(field)); labels != Labels().end()) {
    for (const auto& [code, label] : labels->items()) {
      if (label.is_string() && label.get_ref<const std::string&>() == cleaned) return code;
    }
  }
  const auto synonyms = Synonyms().find(field);
  if (synonyms == Synonyms().end()) return std::nullopt;
  const auto found = synonyms->second.find(cleaned);
  if (found == synonyms->second.end()) return std::nullopt;
  return found->second;
}

}  // namespace

// A roster repeats a few words down each column of choices (男, 女, 爷爷, 父母均外出…), so each
// is read once a thread and kept: read every time (NFKC, then the labels and the synonyms), they
// were 2.5% of an import's instructions. A column of free text mapped to a choice by mistake
// brings a new word a row, so what is kept is forgotten past kMostKept words.
std::optional<std::string> ChoiceCode(std::string_view field, std::string_view text) {
  constexpr std::size_t kMostKept = 4096;
  thread_local std::unordered_map<std::string, std::optional<std::string>> kept;
  std::string key(field);
  key.append(1, '\0').append(text);
  if (const auto known = kept.find(key); known != kept.end()) return known->second;
  if (kept.size() >= kMostKept) kept.clear();
  return kept.emplace(std::move(key), ReadChoice(field, text)).first->second;
}

std::vector<std::string> ChoiceLabels(std::string_view field) {
  if (field == "boarding") return {"是", "否"};
  const nlohmann::json& labels = Labels().value(std::string(field), nlohmann::json::object());
  std::vector<std::string> listed;
  for (std::string_view code : ChoicesOf(field)) listed.push_back(labels.value(std::string(code), std::string(code)));
  return listed;
}

std::string FieldLabel(std::string_view field) {
  const nlohmann::json& fields = ZhLabels()["fields"];
  const auto dot = field.find('.');
  if (dot == std::string_view::npos) return fields.value(std::string(field), std::string(field));
  const std::string who(field.substr(0, dot));
  const std::string whose = who == "guardian" ? "监护人" : Labels()["relation"].value(who, who);
  return whose + fields.value(std::string(field.substr(dot + 1)), std::string(field.substr(dot + 1)));
}

std::string RosterRows::WrittenHeader(std::size_t column) const {
  const auto written = headers_.find(column);
  return written == headers_.end() ? "" : written->second;
}

std::string RosterRows::HeaderOf(std::string_view target, bool as_prefix) const {
  for (const auto& [column, mapped] : header_.columns) {
    if (as_prefix ? mapped.starts_with(target) : mapped == target) return WrittenHeader(column);
  }
  return FieldLabel(as_prefix ? std::string(target) + "name" : target);
}

std::optional<RosterEntry> RosterRows::Read(const SheetRow& row, std::vector<RowProblem>& problems,
                                            std::vector<RowProblem>& warnings) const {
  RosterEntry entry{.row = row.number, .class_name = {}, .child = {}, .family = {}};
  const std::size_t before = problems.size();
  auto refuse = [&](std::size_t column, const char* reason, const std::string& field) {
    problems.push_back({row.number, WrittenHeader(column), InvalidField(field, reason)});
  };
  for (const auto& [column, target] : header_.columns) {
    const SheetCell& cell = CellAt(row, column);
    if (cell.text.empty()) continue;
    if (target == "class") {
      entry.class_name = text::NormaliseInput(cell.text);
    } else if (target == "birth_date") {
      auto day = CleanDate(cell);
      if (day) entry.child.birth_date = *day; else refuse(column, "invalid_time", target);
    } else if (target == "grade") {
      auto grade = ParseGrade(cell.text);
      if (grade) entry.child.grade = *grade; else refuse(column, "invalid_grade", target);
    } else if (target == "boarding") {
      auto boarding = CleanYesNo(cell.text);
      if (boarding) entry.child.boarding = *boarding; else refuse(column, "invalid_choice", target);
    } else if (target == "gender") {
      auto gender = CleanGender(cell.text);
      if (gender) entry.child.gender = *gender; else refuse(column, "invalid_choice", target);
    } else if (target == "id_number") {
      if (IdNumberLostDigits(cell)) {
        refuse(column, "id_number_stored_as_number", target);
      } else {
        entry.child.id_number = text::NormaliseInput(cell.text);
        for (char& c : entry.child.id_number) c = c == 'x' ? 'X' : c;
      }
    } else if (const auto dot = target.find('.'); dot != std::string::npos) {
      FamilyMember* member = MemberFor(entry.family, std::string_view(target).substr(0, dot));
      const std::string field = target.substr(dot + 1);
      if (field == "relation") {
        auto code = ChoiceCode("relation", cell.text);
        if (code) member->relation = *code; else refuse(column, "invalid_choice", "relation");
      } else {
        const FamilyTextField* family_field = FindFamilyTextField(field);
        if (family_field) member->*(family_field->member) = text::TrimProse(cell.text);
      }
    } else if (const ChildTextField* field = FindChildTextField(target)) {
      if (field->choices.empty()) {
        entry.child.*(field->member) = text::TrimProse(cell.text);
      } else if (auto code = ChoiceCode(target, cell.text)) {
        entry.child.*(field->member) = *code;
      } else {
        refuse(column, "invalid_choice", target);
      }
    }
  }
  if (problems.size() > before) return std::nullopt;
  std::erase_if(entry.family, [&](const FamilyMember& member) {
    if (!member.name.empty()) return false;
    const std::string who = member.kind == "guardian" ? "guardian" : member.relation;
    warnings.push_back({row.number, HeaderOf(who + ".", true), InvalidField(who + ".name", "required")});
    return true;
  });
  // The archive's own rules, each refusal at the column of the field it names.
  if (Status valid = ValidateChild(entry.child, today_); !valid.ok()) {
    problems.push_back({row.number, HeaderOf(valid.field()), valid});
    return std::nullopt;
  }
  for (FamilyMember& member : entry.family) {
    if (Status valid = ValidateFamilyMember(member); !valid.ok()) {
      const std::string who = member.kind == "guardian" ? "guardian" : member.relation;
      problems.push_back({row.number, HeaderOf(who + "." + valid.field()), valid});
      return std::nullopt;
    }
  }
  return entry;
}

}  // namespace sw::domain
