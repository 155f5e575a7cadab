// Citizen ID numbers (居民身份证号码, GB 11643-1999) and Chinese phone numbers: validation,
// what an ID number says about its holder, and the masked forms shown in lists.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sw {

enum class Gender { kMale, kFemale };

// What an 18-character ID number encodes.
struct IdNumberFacts {
  std::string region_code;  // the six-digit GB/T 2260 code of the place of registration
  std::chrono::year_month_day birth_date;
  Gender gender = Gender::kMale;  // the 17th digit: odd for men, even for women
};

// Upper-cases a final x. Does not validate.
std::string NormaliseIdNumber(std::string_view text);

// 18 characters: 17 digits and a check character (0–9 or X) per ISO 7064 MOD 11-2, a real
// birth date not after `today`. InvalidArgument(field) with reason id_number_length,
// id_number_characters, id_number_birth_date or id_number_check_digit. A 15-digit number
// (the pre-1999 form) is refused with id_number_length: children all hold 18-digit ones.
Result<IdNumberFacts> ParseIdNumber(std::string_view id_number, std::chrono::year_month_day today,
                                    const char* field = "id_number");

// The check character for the first 17 digits (for generating test and demo data).
char IdNumberCheckCharacter(std::string_view first_seventeen);

// Mainland mobile numbers (11 digits starting 1[3-9]) and landlines with an area code
// ("0550-1234567", "05501234567"); spaces and dashes are dropped. InvalidArgument(field, reason
// "invalid_phone") otherwise. Returns the digits (and the dash of a landline).
Result<std::string> NormalisePhone(std::string_view text, const char* field = "phone");

// "341122201503041234" → "3411**********1234"; "13812345678" → "138****5678". Numbers too
// short to mask keep nothing but their last two characters.
std::string MaskIdNumber(std::string_view id_number);
std::string MaskPhone(std::string_view phone);

}  // namespace sw
