#include "core/identity_numbers.h"

#include <algorithm>
#include <cctype>

namespace sw {
namespace {

using namespace std::chrono;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int Number(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// Keeps `keep_front` and `keep_back` characters and stars the rest.
std::string Mask(std::string_view text, std::size_t keep_front, std::size_t keep_back) {
  if (text.size() <= keep_front + keep_back) {
    const std::size_t tail = std::min<std::size_t>(2, text.size());
    return std::string(text.size() - tail, '*') + std::string(text.substr(text.size() - tail));
  }
  return std::string(text.substr(0, keep_front)) + std::string(text.size() - keep_front - keep_back, '*') +
         std::string(text.substr(text.size() - keep_back));
}

}  // namespace

std::string NormaliseIdNumber(std::string_view text) {
  std::string id(text);
  if (!id.empty() && id.back() == 'x') id.back() = 'X';
  return id;
}

char IdNumberCheckCharacter(std::string_view first_seventeen) {
  // ISO 7064 MOD 11-2: weights 2^(17-i) mod 11.
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first_seventeen[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

Result<IdNumberFacts> ParseIdNumber(std::string_view text, year_month_day today, const char* field) {
  const std::string id = NormaliseIdNumber(text);
  if (id.size() != 18) return Status::InvalidArgument(field, "18 characters").WithReason("id_number_length");
  const bool digits = std::all_of(id.begin(), id.begin() + 17, IsDigit) && (IsDigit(id[17]) || id[17] == 'X');
  if (!digits) return Status::InvalidArgument(field, "17 digits and 0-9 or X").WithReason("id_number_characters");
  const year_month_day birth{year{Number(id.substr(6, 4))}, month{static_cast<unsigned>(Number(id.substr(10, 2)))},
                             day{static_cast<unsigned>(Number(id.substr(12, 2)))}};
  if (!birth.ok() || sys_days(birth) > sys_days(today) || birth.year() < year{1900}) {
    return Status::InvalidArgument(field, "no such birth date").WithReason("id_number_birth_date");
  }
  if (IdNumberCheckCharacter(id) != id[17]) {
    return Status::InvalidArgument(field, "wrong check character").WithReason("id_number_check_digit");
  }
  return IdNumberFacts{id.substr(0, 6), birth, (id[16] - '0') % 2 == 1 ? Gender::kMale : Gender::kFemale};
}

Result<std::string> NormalisePhone(std::string_view text, const char* field) {
  std::string digits;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (!IsDigit(c)) return Status::InvalidArgument(field, "digits only").WithReason("invalid_phone");
    digits += c;
  }
  if (digits.size() == 11 && digits[0] == '1' && digits[1] >= '3') return digits;
  // Landlines: a 3- or 4-digit area code starting with 0, then 7 or 8 digits.
  if (digits.size() >= 10 && digits.size() <= 12 && digits[0] == '0') {
    const std::size_t area = (digits[1] == '1' || digits[1] == '2') ? 3 : 4;
    const std::size_t local = digits.size() - area;
    if (local == 7 || local == 8) return digits.substr(0, area) + "-" + digits.substr(area);
  }
  return Status::InvalidArgument(field, "a mobile or landline number").WithReason("invalid_phone");
}

std::string MaskIdNumber(std::string_view id_number) { return Mask(id_number, 4, 4); }

std::string MaskPhone(std::string_view phone) { return Mask(phone, 3, 4); }

}  // namespace sw
