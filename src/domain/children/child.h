// A left-behind child's archive record (一人一档): the child's own facts and the character
// notes of 001 report 13. Choices are stored by stable names ("both_parents_away", …) that the
// API, imports and exports share. Parents and guardians are records of their own.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sw::domain {

struct Child {
  std::string id;
  std::string org_id;    // the class, or the school while no class is known
  std::string org_code;
  std::string county_id;

  std::string name;
  std::string gender;       // male | female
  std::string id_number;    // 18 characters, or empty when not (yet) known
  std::string birth_date;   // YYYY-MM-DD
  std::string ethnicity;
  std::string household_registration;  // 户籍
  std::string home_address;
  std::optional<std::int64_t> grade;   // 1–6 primary, 7–9 junior, 10–12 senior
  std::optional<bool> boarding;        // 寄宿
  std::string left_behind_type;
  std::string care_arrangement;
  std::string health;
  std::string disability;
  std::string poverty_status;
  std::string risk_level;

  // 001 report 13.
  std::string hobbies;
  std::string personality;
  std::string learning_attitude;
  std::string learning_method;
  std::string guardian_rapport;  // with the temporary guardian
  std::string parent_contact;    // with the parents away
  std::string peer_buddy;        // 手拉手好朋友: a classmate, by name and class

  std::string status = "in_care";
  std::string status_reason;
  std::string status_date;

  // Values of the extra fields that apply at the child's organisation (extra_field.h), by key,
  // as text: numbers in decimal, dates as YYYY-MM-DD.
  std::map<std::string, std::string> extra;

  std::int64_t completeness = 0;  // percent of the organisation's required fields; kept by the service
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

// A text field of the record, by its API name, for history, completeness and validation.
struct ChildTextField {
  const char* name;
  std::string Child::*member;
  std::size_t max_bytes;
  std::span<const std::string_view> choices;  // empty: free text
  bool in_summary = false;                    // shown by a list (ChildDetail::kSummary)
};
std::span<const ChildTextField> ChildTextFields();
const ChildTextField* FindChildTextField(std::string_view name);

// How much of a child an answer holds. A list holds summaries: what a list shows (the text
// fields marked in_summary, the id, organisation, version, grade and completeness). Health,
// family circumstances and notes are read one child at a time, in the record, and each such
// read is audited; a summary is also a third of a record's size on a slow network.
enum class ChildDetail { kRecord, kSummary };
bool Holds(ChildDetail detail, const ChildTextField& field);

// The fields an archive needs to count as complete when an organisation has not chosen its
// own: the contact card's facts (seed 003).
const std::vector<std::string>& DefaultRequiredChildFields();

// In care or no longer left-behind: still at its school (not transferred out, graduated or
// archived), so promotions and transfers apply to it.
bool StillAtSchool(const Child& child);

// Whether `name` is a field of the record an organisation may require: a text field, grade or
// boarding.
bool IsBuiltInChildField(std::string_view name);

// Whether the built-in field `name` holds a value.
bool HasValue(const Child& child, std::string_view name);

// Checks every field and fills what an ID number implies: an empty birth date or gender is
// taken from the number; a different one is refused (reason id_number_mismatch) so the two
// never disagree. InvalidArgument names the first field at fault with a public reason.
Status ValidateChild(Child& child, std::chrono::year_month_day today);

// Columns storage keeps beside the record so that search and sort use indexes.
struct ChildSearchKeys {
  std::string name_simplified;     // 張曉東 → 张晓东
  std::string name_sort;           // "zhang xiao dong"
  std::string name_pinyin;         // "zhangxiaodong"
  std::string name_initials;       // "zxd"
  std::string id_number_reversed;  // empty without an ID number
};
ChildSearchKeys SearchKeysOf(const Child& child);
// SearchKeysOf's name_simplified alone, without the pinyin (a tenth of the time): what names
// are compared by.
std::string SimplifiedNameOf(const Child& child);

// The value of a field as history shows it; the ID number is masked there as in lists.
std::string HistoryValue(const Child& child, const ChildTextField& field);

}  // namespace sw::domain
