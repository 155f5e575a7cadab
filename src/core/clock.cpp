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

std::optional<TimePoint> ParseUtc(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  const std::string copy(text);
  int consumed = 0;
  const bool with_millis = std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ%n", &year, &month,
                                       &day, &hour, &minute, &second, &millis, &consumed) == 7;
  if (!with_millis) {
    millis = 0;
    if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &year, &month, &day, &hour, &minute,
                    &second, &consumed) != 6) {
      return std::nullopt;
    }
  }
  if (static_cast<std::size_t>(consumed) != copy.size()) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second) + std::chrono::milliseconds(millis);
}

std::string NowUtcIso8601() { return FormatUtc(std::chrono::system_clock::now()); }

std::chrono::year_month_day ChinaDate(TimePoint time) {
  return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(time + kChinaOffset));
}

std::optional<TimePoint> ParseIso8601(std::string_view text) {
  // std::chrono::parse is missing from g++ 12's library, so the few shapes are read by hand.
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, consumed = 0;
  const std::string copy(text);
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &year, &month, &day, &hour, &minute, &consumed) != 5 ||
      consumed != 16) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(16);
  std::chrono::milliseconds fraction{0};
  int second = 0;
  if (!rest.empty() && rest[0] == ':') {
    if (rest.size() < 3 || !std::isdigit(static_cast<unsigned char>(rest[1])) ||
        !std::isdigit(static_cast<unsigned char>(rest[2]))) {
      return std::nullopt;
    }
    second = (rest[1] - '0') * 10 + (rest[2] - '0');
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
    int offset_hours = 0, offset_minutes = 0;
    const std::string zone(rest.substr(1));
    if (std::sscanf(zone.c_str(), "%2d:%2d", &offset_hours, &offset_minutes) != 2 || offset_hours > 14 ||
        offset_minutes > 59) {
      return std::nullopt;
    }
    offset = std::chrono::hours(offset_hours) + std::chrono::minutes(offset_minutes);
    if (rest[0] == '-') offset = -offset;
  } else if (!rest.empty()) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second) + fraction - offset;
}

}  // namespace sw
