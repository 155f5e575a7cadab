#include "domain/children/child.h"

#include <algorithm>
#include <array>
#include <mutex>
#include <unordered_map>

#include "core/identity_numbers.h"
#include "domain/children/field_rules.h"
#include "domain/terms/term.h"
#include "text/chinese.h"

namespace sw::domain {
namespace {

using namespace std::string_view_literals;
using std::chrono::year_month_day;

constexpr std::size_t kShort = 100;
constexpr std::size_t kAddress = 300;
constexpr std::size_t kNote = 2000;  // about 650 Chinese characters
constexpr int kOldestAge = 18;

constexpr std::array kGenders = {"male"sv, "female"sv};
// 父母双方外出; 一方外出、另一方无监护能力 (the State Council's definition, 2016); 一方外出.
constexpr std::array kLeftBehindTypes = {"both_parents_away"sv, "one_away_other_unable"sv, "one_parent_away"sv};
constexpr std::array kCareArrangements = {"grandparents"sv, "relatives"sv, "other"sv, "nobody"sv};
// 低保, 防返贫监测, 特困供养.
constexpr std::array kPovertyStatuses = {"none"sv, "low_income"sv, "monitored"sv, "extreme_hardship"sv};
constexpr std::array kRiskLevels = {"low"sv, "medium"sv, "high"sv};
constexpr std::array kStatuses = {"in_care"sv,       "no_longer_left_behind"sv, "transferred_out"sv,
                                  "graduated"sv,     "archived"sv};

const ChildTextField kTextFields[] = {
    {"name", &Child::name, 150, {}, true},
    {"gender", &Child::gender, kShort, kGenders, true},
    {"id_number", &Child::id_number, 18, {}},
    {"birth_date", &Child::birth_date, 10, {}, true},
    {"ethnicity", &Child::ethnicity, kShort, {}},
    {"household_registration", &Child::household_registration, kAddress, {}},
    {"home_address", &Child::home_address, kAddress, {}},
    {"left_behind_type", &Child::left_behind_type, kShort, kLeftBehindTypes, true},
    {"care_arrangement", &Child::care_arrangement, kShort, kCareArrangements, true},
    {"health", &Child::health, kNote, {}},
    {"disability", &Child::disability, kNote, {}},
    {"poverty_status", &Child::poverty_status, kShort, kPovertyStatuses},
    {"risk_level", &Child::risk_level, kShort, kRiskLevels, true},
    {"hobbies", &Child::hobbies, kNote, {}},
    {"personality", &Child::personality, kNote, {}},
    {"learning_attitude", &Child::learning_attitude, kNote, {}},
    {"learning_method", &Child::learning_method, kNote, {}},
    {"guardian_rapport", &Child::guardian_rapport, kNote, {}},
    {"parent_contact", &Child::parent_contact, kNote, {}},
    {"peer_buddy", &Child::peer_buddy, kShort, {}},
    {"status", &Child::status, kShort, kStatuses, true},
    {"status_reason", &Child::status_reason, kNote, {}},
    {"status_date", &Child::status_date, 10, {}},
};


// A date field: empty, or a real YYYY-MM-DD not after today.
Result<std::optional<year_month_day>> CheckDate(const std::string& value, const char* field, year_month_day today) {
  if (value.empty()) return std::optional<year_month_day>();
  auto date = ParseDate(value);
  if (!date) return InvalidField(field, "invalid_time");
  if (std::chrono::sys_days(*date) > std::chrono::sys_days(today)) return InvalidField(field, "date_in_future");
  return std::optional<year_month_day>(*date);
}

// Fills birth date and gender from the ID number, or refuses values that contradict it.
Status ReconcileIdNumber(Child& child, year_month_day today) {
  child.id_number = NormaliseIdNumber(child.id_number);
  if (child.id_number.empty()) return Status::Ok();
  auto facts = ParseIdNumber(child.id_number, today);
  if (!facts.ok()) return facts.status();
  const std::string birth = FormatDate(facts->birth_date);
  const std::string gender = facts->gender == Gender::kMale ? "male" : "female";
  if (child.birth_date.empty()) child.birth_date = birth;
  if (child.gender.empty()) child.gender = gender;
  if (child.birth_date != birth) return InvalidField("birth_date", "id_number_mismatch");
  if (child.gender != gender) return InvalidField("gender", "id_number_mismatch");
  return Status::Ok();
}

Status CheckBirthDate(const Child& child, year_month_day today) {
  auto birth = CheckDate(child.birth_date, "birth_date", today);
  if (!birth.ok()) return birth.status();
  if (!*birth) return InvalidField("birth_date", "required");
  const year_month_day oldest{today.year() - std::chrono::years(kOldestAge), today.month(), today.day()};
  if (std::chrono::sys_days(**birth) <= std::chrono::sys_days(oldest)) return InvalidField("birth_date", "not_a_minor");
  return Status::Ok();
}

// Full-width digits and letters, typed on Chinese keyboards, fold to half-width; spaces around go.
void NormaliseKeyedFields(Child& child) {
  for (std::string* value : {&child.name, &child.id_number, &child.birth_date, &child.status_date}) {
    *value = text::NormaliseInput(*value);
  }
}

Status CheckRequired(const Child& child) {
  if (child.name.empty()) return InvalidField("name", "required");
  if (child.gender.empty()) return InvalidField("gender", "required");
  if (child.status.empty()) return InvalidField("status", "required");
  if (child.status != "in_care" && child.status_reason.empty()) return InvalidField("status_reason", "required");
  return Status::Ok();
}

}  // namespace

std::span<const ChildTextField> ChildTextFields() { return kTextFields; }

bool Holds(ChildDetail detail, const ChildTextField& field) {
  return detail == ChildDetail::kRecord || field.in_summary;
}

const ChildTextField* FindChildTextField(std::string_view name) {
  for (const ChildTextField& field : kTextFields) {
    if (name == field.name) return &field;
  }
  return nullptr;
}

const std::vector<std::string>& DefaultRequiredChildFields() {
  static const std::vector<std::string> kDefault = {"name",         "gender",           "id_number",
                                                    "birth_date",   "home_address",     "left_behind_type",
                                                    "care_arrangement", "grade"};
  return kDefault;
}

bool StillAtSchool(const Child& child) { return child.status == "in_care" || child.status == "no_longer_left_behind"; }

bool IsBuiltInChildField(std::string_view name) {
  return name == "grade" || name == "boarding" || FindChildTextField(name) != nullptr;
}

bool HasValue(const Child& child, std::string_view name) {
  if (name == "grade") return child.grade.has_value();
  if (name == "boarding") return child.boarding.has_value();
  const ChildTextField* field = FindChildTextField(name);
  return field && !(child.*field->member).empty();
}

Status ValidateChild(Child& child, year_month_day today) {
  NormaliseKeyedFields(child);
  for (const ChildTextField& field : kTextFields) {
    Status status = CheckTextField(child.*field.member, field.name, field.max_bytes, field.choices);
    if (!status.ok()) return status;
  }
  if (Status status = ReconcileIdNumber(child, today); !status.ok()) return status;
  if (Status status = CheckRequired(child); !status.ok()) return status;
  if (Status status = CheckBirthDate(child, today); !status.ok()) return status;
  if (child.grade && (*child.grade < 1 || *child.grade > 12)) return InvalidField("grade", "grade_out_of_range");
  auto status_date = CheckDate(child.status_date, "status_date", today);
  return status_date.status();
}

// OpenCC takes microseconds a name, and an imported row's name is simplified three times in a
// batch (its matching, the query's, its search keys): the last names are kept, more than a
// batch's (RosterImportService::kBatchRows). They are kept for every thread, as an import
// reads its rows on one thread and weighs them on another; kept per thread, each name was
// simplified once more (6% of an import's instructions).
std::string SimplifiedNameOf(const Child& child) {
  constexpr std::size_t kKeptNames = 8192;
  static std::mutex mutex;
  static std::unordered_map<std::string, std::string> kept;
  {
    std::lock_guard lock(mutex);
    if (const auto found = kept.find(child.name); found != kept.end()) return found->second;
  }
  std::string simplified = text::ToSimplified(child.name);
  std::lock_guard lock(mutex);
  if (kept.size() >= kKeptNames) kept.clear();
  kept.emplace(child.name, simplified);
  return simplified;
}

ChildSearchKeys SearchKeysOf(const Child& child) {
  ChildSearchKeys keys;
  keys.name_simplified = SimplifiedNameOf(child);
  const text::NamePinyin pinyin = text::PinyinOfName(keys.name_simplified);
  keys.name_sort = pinyin.syllables;
  keys.name_pinyin = pinyin.joined;
  keys.name_initials = pinyin.initials;
  keys.id_number_reversed.assign(child.id_number.rbegin(), child.id_number.rend());
  return keys;
}

std::string HistoryValue(const Child& child, const ChildTextField& field) {
  const std::string& value = child.*field.member;
  return field.member == &Child::id_number ? MaskIdNumber(value) : value;
}

}  // namespace sw::domain
