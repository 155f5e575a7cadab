// Time. Stored as UTC text "2026-11-22T14:03:05.123Z" (DESIGN.md: store UTC, show
// Asia/Shanghai): fixed width, so text order is time order on every backend.
//
// Code that decides by time (session timeouts, lockouts, password age) takes a Clock, so tests
// can move time forward instead of sleeping.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sw {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
  // Today in China (ChinaDate): the day every check, record, plan and term counts in. A day
  // taken from Now() itself is UTC's, a day behind from 00:00 to 08:00 in China.
  std::chrono::year_month_day Today() const;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// A clock that stands still until a test moves it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start) {}
  TimePoint Now() const override { return now_.load(); }
  void Advance(std::chrono::system_clock::duration by) { now_ = now_.load() + by; }

 private:
  std::atomic<TimePoint> now_;
};

// "2026-11-22T14:03:05.123Z"
std::string FormatUtc(TimePoint time);
// Parses FormatUtc's output (and the same without milliseconds); nullopt for anything else.
std::optional<TimePoint> ParseUtc(std::string_view text);

// Now as FormatUtc text.
std::string NowUtcIso8601();

// China keeps one offset all year (UTC+8, no daylight saving): days, terms and due dates are
// China's, whatever the server's own zone.
constexpr std::chrono::hours kChinaOffset{8};

// The date in China at `time`.
std::chrono::year_month_day ChinaDate(TimePoint time);

// An ISO-8601 time as people and scripts write it: "2026-11-20T15:30:00Z", with an offset
// ("…+08:00"), with or without seconds and fractions; without a zone it is China time.
std::optional<TimePoint> ParseIso8601(std::string_view text);

}  // namespace sw
