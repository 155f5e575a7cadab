// A child's parents and guardians (seed 003's contact card; 001 report 13's tables). Each is a
// record of its own under the child, read and changed with the child's scope. Fields travel by
// the names of FamilyTextFields, plus age and months_away.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sw::domain {

struct FamilyMember {
  std::string id;
  std::string child_id;
  // The child's county, stored beside the phone so that a search by its last digits seeks
  // within a county (migration 28); set with child_id (PrepareFamilyMember).
  std::string county_id;
  std::string kind;      // parent | guardian
  std::string name;
  std::string relation;  // father, mother, grandfather, …
  std::string phone;     // normalised: 11 digits, or area code - number
  std::optional<std::int64_t> age;
  std::string education;
  std::string health;
  // Parents away: where and how they work, and how they keep in touch.
  std::string work_city;
  std::string employer;
  std::string employer_address;
  std::string employer_phone;
  std::string work_kind;
  std::optional<std::int64_t> months_away;  // per year
  std::string contact_frequency;
  std::string hopes;
  // Guardians at home: how they live and care.
  std::string address;
  std::string occupation;
  std::string literacy;
  std::string discipline_style;  // 管教方式
  std::string capacity;          // an assessment of their capacity to care

  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

struct FamilyTextField {
  const char* name;
  std::string FamilyMember::*member;
  std::size_t max_bytes;
  std::span<const std::string_view> choices;  // empty: free text
};
std::span<const FamilyTextField> FamilyTextFields();
const FamilyTextField* FindFamilyTextField(std::string_view name);

// Checks every field and normalises the phones. InvalidArgument names the field at fault.
Status ValidateFamilyMember(FamilyMember& member);

}  // namespace sw::domain
