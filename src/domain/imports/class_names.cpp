#include "domain/imports/class_names.h"

#include <array>

#include "text/chinese.h"

namespace sw::domain {
namespace {

constexpr std::array<std::string_view, 10> kDigits = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

// A numeral written in Chinese (一 … 九十九) at the start of `text`, consumed; nullopt when
// there is none.
std::optional<std::int64_t> TakeChineseNumeral(std::string_view& text) {
  auto take_digit = [&]() -> std::optional<std::int64_t> {
    for (std::size_t digit = 1; digit < kDigits.size(); ++digit) {
      if (text.starts_with(kDigits[digit])) {
        text.remove_prefix(kDigits[digit].size());
        return static_cast<std::int64_t>(digit);
      }
    }
    return std::nullopt;
  };
  constexpr std::string_view kTen = "十";
  std::optional<std::int64_t> tens = take_digit();
  if (!text.starts_with(kTen)) return tens;
  text.remove_prefix(kTen.size());
  const std::int64_t value = tens.value_or(1) * 10;
  return value + take_digit().value_or(0);
}

std::optional<std::int64_t> TakeArabicNumeral(std::string_view& text) {
  std::int64_t value = 0;
  std::size_t used = 0;
  while (used < text.size() && used < 3 && text[used] >= '0' && text[used] <= '9') value = value * 10 + (text[used++] - '0');
  if (used == 0) return std::nullopt;
  text.remove_prefix(used);
  return value;
}

std::optional<std::int64_t> TakeNumeral(std::string_view& text) {
  if (auto arabic = TakeArabicNumeral(text)) return arabic;
  return TakeChineseNumeral(text);
}

bool TakePrefix(std::string_view& text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  return true;
}

// A grade at the start of `text` — 初一, 高二, 三年级, 3年级, 3 — consumed.
std::optional<std::int64_t> TakeGrade(std::string_view& text) {
  std::int64_t stage_start = 0;
  if (TakePrefix(text, "初")) stage_start = 6;
  else if (TakePrefix(text, "高")) stage_start = 9;
  auto grade = TakeNumeral(text);
  if (!grade) return std::nullopt;
  if (stage_start > 0 && *grade > 3) return std::nullopt;
  if (!TakePrefix(text, "年级")) TakePrefix(text, "年");
  const std::int64_t value = stage_start + *grade;
  if (value < 1 || value > 12) return std::nullopt;
  return value;
}

std::string Compact(std::string_view text) {
  std::string compact = text::NormaliseInput(text);  // full-width digits and brackets become ASCII
  std::erase_if(compact, [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
  return compact;
}

}  // namespace

std::optional<std::int64_t> ParseGrade(std::string_view text) {
  const std::string compact = Compact(text);
  std::string_view rest = compact;
  auto grade = TakeGrade(rest);
  if (!grade || !rest.empty()) return std::nullopt;
  return grade;
}

std::optional<ClassPlace> ParseClassName(std::string_view name) {
  const std::string compact = Compact(name);
  std::string_view rest = compact;
  auto grade = TakeGrade(rest);
  if (!grade) return std::nullopt;
  const bool bracketed = TakePrefix(rest, "(");
  if (!bracketed && !TakePrefix(rest, ".") && !TakePrefix(rest, "-")) TakePrefix(rest, "·");
  auto number = TakeNumeral(rest);
  if (!number || *number < 1) return std::nullopt;
  if (bracketed && !TakePrefix(rest, ")")) return std::nullopt;
  TakePrefix(rest, "班");
  if (!rest.empty()) return std::nullopt;
  return ClassPlace{*grade, *number};
}

std::string ClassNameOf(const ClassPlace& place) {
  static constexpr std::array<std::string_view, 13> kGrades = {
      "", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级", "高一", "高二", "高三"};
  return std::string(kGrades.at(static_cast<std::size_t>(place.grade))) + std::to_string(place.number) + "班";
}

std::string ComparableClassName(std::string_view name) { return Compact(name); }

}  // namespace sw::domain
