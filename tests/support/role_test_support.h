// What the deadline-logic tests share: Beijing local times written as dates and hours, and a
// config with two units and the shipped 2026 working calendar (config/calendar/2026.toml), so
// hand-checked holiday cases use the real State Council notice.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>

#include "common/calendar.h"
#include "common/clock.h"
#include "config/calendar_loader.h"
#include "config/config.h"
#include "common/protocol/messages.h"
#include "tests/support/manual_clock.h"

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

// A role under test on a manual clock. SetUp builds it from Config() (TestConfigWith2026 unless a
// test overrides it); Run hands it one task of `kind` for `s`, with the clock set to `now`.
template <typename RoleT>
class RoleTest : public ::testing::Test {
 protected:
  explicit RoleTest(std::string service) : service_(std::move(service)) {}
  virtual config::Config Config() { return TestConfigWith2026(); }
  void SetUp() override {
    auto role = RoleT::Create(Config(), clock_);
    ASSERT_TRUE(role.ok()) << role.status().ToString();
    role_ = std::move(role).value();
  }
  Result<protocol::Outcome> Run(std::string kind, protocol::Suggestion s, Millis now,
                                std::string payload = "") {
    clock_.Set(now);
    protocol::TaskMessage t;
    t.task_id = "T-" + service_;
    t.service = service_;
    t.kind = std::move(kind);
    t.now_ms = now;
    t.suggestion = std::move(s);
    t.payload = std::move(payload);
    return role_->Handle(t);
  }

  std::string service_;
  ManualClock clock_;
  std::unique_ptr<RoleT> role_;
};

}  // namespace duban::testing
