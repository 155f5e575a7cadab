#include "domain/imports/cleaning.h"

#include <array>
#include <charconv>
#include <chrono>

#include "domain/terms/term.h"
#include "text/chinese.h"

namespace sw::domain {
namespace {

using namespace std::chrono;

// Excel's day 1 is 1900-01-01, and it counts a 29 February 1900 that never was, so from day 61
// on the serial is one more than the days since 1899-12-31.
constexpr sys_days kExcelEpoch = sys_days(year{1899} / December / 30);
constexpr std::int64_t kFirstSerialAfterTheMissingDay = 61;

std::optional<std::string> FromSerial(std::string_view text) {
  double serial = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), serial);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  const auto day = static_cast<std::int64_t>(serial);  // a time of day is dropped
  if (day < kFirstSerialAfterTheMissingDay || day > 2958465) return std::nullopt;  // up to 9999-12-31
  return FormatDate(year_month_day(kExcelEpoch + days(day)));
}

// Three numbers separated by any of - . / 年 月 (日 at the end), or eight digits.
std::optional<std::string> FromText(const std::string& text) {
  std::array<int, 3> parts{};
  std::size_t part = 0;
  std::size_t i = 0;
  const bool packed = text.size() == 8 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (packed) {
    parts = {std::stoi(text.substr(0, 4)), std::stoi(text.substr(4, 2)), std::stoi(text.substr(6, 2))};
  } else {
    while (i < text.size() && part < 3) {
      const char* start = text.data() + i;
      auto [end, error] = std::from_chars(start, text.data() + text.size(), parts[part]);
      if (error != std::errc()) return std::nullopt;
      i = static_cast<std::size_t>(end - text.data());
      ++part;
      std::string_view rest = std::string_view(text).substr(i);
      for (std::string_view separator : {"年", "月", "日", "-", ".", "/"}) {
        if (rest.starts_with(separator)) {
          i += separator.size();
          break;
        }
      }
    }
    if (part != 3 || i != text.size()) return std::nullopt;
  }
  const year_month_day day{year{parts[0]}, month{static_cast<unsigned>(parts[1])}, std::chrono::day{static_cast<unsigned>(parts[2])}};
  if (!day.ok() || parts[0] < 1900) return std::nullopt;
  return FormatDate(day);
}

}  // namespace

std::optional<std::string> CleanDate(const SheetCell& cell) {
  const std::string text = text::NormaliseInput(cell.text);
  if (cell.number) return text.size() == 8 ? FromText(text) : FromSerial(text);
  return FromText(text);
}

std::optional<std::string> CleanGender(std::string_view text) {
  const std::string cleaned = text::NormaliseInput(text);
  for (std::string_view male : {"男", "男性", "男生", "M", "m", "male", "Male"}) {
    if (cleaned == male) return "male";
  }
  for (std::string_view female : {"女", "女性", "女生", "F", "f", "female", "Female"}) {
    if (cleaned == female) return "female";
  }
  return std::nullopt;
}

std::optional<bool> CleanYesNo(std::string_view text) {
  const std::string cleaned = text::NormaliseInput(text);
  for (std::string_view yes : {"是", "寄宿", "住校", "Y", "y", "yes", "Yes", "1", "√"}) {
    if (cleaned == yes) return true;
  }
  for (std::string_view no : {"否", "走读", "不寄宿", "N", "n", "no", "No", "0", "×"}) {
    if (cleaned == no) return false;
  }
  return std::nullopt;
}

bool IdNumberLostDigits(const SheetCell& cell) {
  if (!cell.number) return false;
  // A number of 15 or more digits, or written with an exponent, is past Excel's precision.
  const std::string& text = cell.text;
  const bool exponent = text.find_first_of("Ee") != std::string::npos;
  const auto digits = std::count_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  return exponent || digits >= 15;
}

}  // namespace sw::domain
