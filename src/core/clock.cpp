#include "core/clock.h"

#include <cctype>
#include <cstdio>
#include <ctime>

namespace sw {

std::string FormatUtc(TimePoint time) {
  const auto millis_total = std::chrono::floor<std::chrono::milliseconds>(time);
  const auto seconds = std::chrono::floor<std::chrono::seconds>(millis_total);
  const auto millis = (millis_total - seconds).count();
  const std::time_t t = std::chrono::system_clock::to_time_t(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return text;
}

namespace {

// The number that `count` digits at text[from] write, or nullopt when one of them is not a digit.
std::optional<int> DigitsAt(std::string_view text, std::size_t from, std::size_t count) {
  if (from + count > text.size()) return std::nullopt;
  int number = 0;
  for (char c : text.substr(from, count)) {
    if (c < '0' || c > '9') return std::nullopt;
    number = number * 10 + (c - '0');
  }
  return number;
}

// "YYYY-MM-DDTHH:MM" at the start of `text` (16 characters), as a time.
std::optional<TimePoint> ReadToTheMinute(std::string_view text) {
  const auto year = DigitsAt(text, 0, 4), month = DigitsAt(text, 5, 2), day = DigitsAt(text, 8, 2);
  const auto hour = DigitsAt(text, 11, 2), minute = DigitsAt(text, 14, 2);
  if (!year || !month || !day || !hour || !minute || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':') {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok() || *hour > 23 || *minute > 59) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(*hour) + std::chrono::minutes(*minute);
}

}  // namespace

// Read by position rather than with sscanf: every signed-in request parses two of these, and
// sscanf was 2% of a list request's instructions.
std::optional<TimePoint> ParseUtc(std::string_view text) {
  const bool with_millis = text.size() == 24;
  if (!with_millis && text.size() != 20) return std::nullopt;
  const auto minute = ReadToTheMinute(text);
  const auto second = DigitsAt(text, 17, 2);
  const auto millis = with_millis ? DigitsAt(text, 20, 3) : std::optional<int>(0);
  if (!minute || !second || !millis || text[16] != ':' || *second > 60 || text.back() != 'Z' ||
      (with_millis && text[19] != '.')) {
    return std::nullopt;
  }
  return *minute + std::chrono::seconds(*second) + std::chrono::milliseconds(*millis);
}

std::string NowUtcIso8601() { return FormatUtc(std::chrono::system_clock::now()); }

std::chrono::year_month_day ChinaDate(TimePoint time) {
  return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(time + kChinaOffset));
}

std::chrono::year_month_day Clock::Today() const { return ChinaDate(Now()); }

std::optional<TimePoint> ParseIso8601(std::string_view text) {
  // std::chrono::parse is missing from g++ 12's library, so the few shapes are read by hand.
  const auto to_the_minute = ReadToTheMinute(text);
  if (!to_the_minute) return std::nullopt;
  std::string_view rest = text.substr(16);
  std::chrono::milliseconds fraction{0};
  std::chrono::seconds seconds{0};
  if (!rest.empty() && rest[0] == ':') {
    const auto second = DigitsAt(rest, 1, 2);
    if (!second || *second > 59) return std::nullopt;
    seconds = std::chrono::seconds(*second);
    rest.remove_prefix(3);
    if (!rest.empty() && rest[0] == '.') {
      rest.remove_prefix(1);
      int digits = 0, millis = 0;
      while (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest[0]))) {
        if (digits < 3) millis = millis * 10 + (rest[0] - '0');
        ++digits;
        rest.remove_prefix(1);
      }
      if (digits == 0) return std::nullopt;
      for (int padded = digits; padded < 3; ++padded) millis *= 10;
      fraction = std::chrono::milliseconds(millis);
    }
  }
  std::chrono::minutes offset = kChinaOffset;
  if (rest == "Z") {
    offset = std::chrono::minutes(0);
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    const auto offset_hours = DigitsAt(rest, 1, 2), offset_minutes = DigitsAt(rest, 4, 2);
    if (!offset_hours || !offset_minutes || *offset_hours > 14 || *offset_minutes > 59) return std::nullopt;
    offset = std::chrono::hours(*offset_hours) + std::chrono::minutes(*offset_minutes);
    if (rest[0] == '-') offset = -offset;
  } else if (!rest.empty()) {
    return std::nullopt;
  }
  return *to_the_minute + seconds + fraction - offset;
}

}  // namespace sw
