// What the deadline-logic tests share: Beijing local times written as dates and hours, and a
// config with two units and the shipped 2026 working calendar (config/calendar/2026.toml), so
// hand-checked holiday cases use the real State Council notice.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "common/calendar.h"
#include "common/clock.h"
#include "config/calendar_loader.h"
#include "config/config.h"

namespace duban::testing {

inline constexpr std::int64_t kBeijing = 480;  // UTC+08:00, minutes
inline constexpr Millis kMinuteMs = 60'000;
inline constexpr Millis kHourMs = 60 * kMinuteMs;

// The date `ymd` (YYYY-MM-DD); a test typo fails the test instead of crashing it.
inline Date D(const char* ymd) {
  Result<Date> d = ParseDate(ymd);
  EXPECT_TRUE(d.ok()) << ymd;
  return d.ok() ? *d : Date{};
}

// The instant hour:minute local (+08:00) on `ymd`.
inline Millis LocalTime(const char* ymd, int hour, int minute = 0) {
  return StartOfLocalDay(D(ymd), kBeijing) + hour * kHourMs + minute * kMinuteMs;
}

// Defaults, units jyj (市教育局) and czj (市财政局), and the 2026 calendar.
inline config::Config TestConfigWith2026() {
  config::Config c = config::DefaultConfig();
  c.units = {{"jyj", "市教育局"}, {"czj", "市财政局"}};
  Result<config::CalendarYear> y2026 =
      config::LoadCalendarFile(std::string(DUBAN_SOURCE_DIR) + "/config/calendar/2026.toml");
  EXPECT_TRUE(y2026.ok()) << y2026.status().ToString();
  if (y2026.ok()) c.calendar.push_back(*y2026);
  return c;
}

}  // namespace duban::testing
