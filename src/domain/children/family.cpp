#include "domain/children/family.h"

#include <algorithm>
#include <array>

#include "core/identity_numbers.h"
#include "domain/children/field_rules.h"
#include "text/chinese.h"

namespace sw::domain {
namespace {

using namespace std::string_view_literals;

constexpr std::size_t kShort = 100;
constexpr std::size_t kLong = 300;
constexpr std::size_t kNote = 2000;

constexpr std::array kKinds = {"parent"sv, "guardian"sv};
constexpr std::array kRelations = {"father"sv,      "mother"sv,    "grandfather"sv, "grandmother"sv,
                                   "maternal_grandfather"sv, "maternal_grandmother"sv, "uncle"sv, "aunt"sv,
                                   "sibling"sv,     "other"sv};
constexpr std::array kEducation = {"none"sv, "primary"sv, "junior"sv, "senior"sv, "college"sv};
constexpr std::array kContact = {"daily"sv, "weekly"sv, "monthly"sv, "rarely"sv, "never"sv};
constexpr std::array kLiteracy = {"literate"sv, "partly"sv, "illiterate"sv};
constexpr std::array kCapacity = {"good"sv, "fair"sv, "poor"sv};

const FamilyTextField kFields[] = {
    {"kind", &FamilyMember::kind, kShort, kKinds},
    {"name", &FamilyMember::name, 150, {}},
    {"relation", &FamilyMember::relation, kShort, kRelations},
    {"phone", &FamilyMember::phone, 32, {}},
    {"education", &FamilyMember::education, kShort, kEducation},
    {"health", &FamilyMember::health, kNote, {}},
    {"work_city", &FamilyMember::work_city, kShort, {}},
    {"employer", &FamilyMember::employer, kLong, {}},
    {"employer_address", &FamilyMember::employer_address, kLong, {}},
    {"employer_phone", &FamilyMember::employer_phone, 32, {}},
    {"work_kind", &FamilyMember::work_kind, kShort, {}},
    {"contact_frequency", &FamilyMember::contact_frequency, kShort, kContact},
    {"hopes", &FamilyMember::hopes, kNote, {}},
    {"address", &FamilyMember::address, kLong, {}},
    {"occupation", &FamilyMember::occupation, kShort, {}},
    {"literacy", &FamilyMember::literacy, kShort, kLiteracy},
    {"discipline_style", &FamilyMember::discipline_style, kNote, {}},
    {"capacity", &FamilyMember::capacity, kShort, kCapacity},
};

Status NormalisePhoneField(std::string& phone, const char* field) {
  phone = text::NormaliseInput(phone);
  if (phone.empty()) return Status::Ok();
  auto normalised = NormalisePhone(phone, field);
  if (!normalised.ok()) return normalised.status();
  phone = *normalised;
  return Status::Ok();
}

}  // namespace

std::span<const FamilyTextField> FamilyTextFields() { return kFields; }

const FamilyTextField* FindFamilyTextField(std::string_view name) {
  for (const FamilyTextField& field : kFields) {
    if (name == field.name) return &field;
  }
  return nullptr;
}

Status ValidateFamilyMember(FamilyMember& member) {
  member.name = text::NormaliseInput(member.name);
  for (const FamilyTextField& field : kFields) {
    Status status = CheckTextField(member.*field.member, field.name, field.max_bytes, field.choices);
    if (!status.ok()) return status;
  }
  if (member.kind.empty()) return InvalidField("kind", "required");
  if (member.name.empty()) return InvalidField("name", "required");
  if (member.relation.empty()) return InvalidField("relation", "required");
  if (Status status = NormalisePhoneField(member.phone, "phone"); !status.ok()) return status;
  if (Status status = NormalisePhoneField(member.employer_phone, "employer_phone"); !status.ok()) return status;
  if (member.age && (*member.age < 10 || *member.age > 120)) return InvalidField("age", "out_of_range");
  if (member.months_away && (*member.months_away < 0 || *member.months_away > 12)) {
    return InvalidField("months_away", "out_of_range");
  }
  return Status::Ok();
}

}  // namespace sw::domain
