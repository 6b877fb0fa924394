// Shared by the unit step tests (unit_timers_test.cc, unit_notices_test.cc): the reminder role
// with the shipped 2026 calendar (config/calendar/2026.toml, read with config's calendar loader),
// a manual clock, instants at +08:00, and a suggestion assigned on Friday 2026-02-13 at 16:30,
// the day before the Spring Festival make-up Saturday (02-14) and holiday block (02-15..02-23),
// with lead unit jyj and co-handler czj, both still ISSUED.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "common/calendar.h"
#include "config/calendar_loader.h"
#include "tests/support/manual_clock.h"
#include "workers/reminder/reminder_role.h"
#include "workers/reminder/unit_timers.h"

namespace duban::workers::reminder::unit_step_test {

constexpr std::int64_t kBeijing = 480;
constexpr Millis kMinuteMs = 60'000;
constexpr Millis kHourMs = 60 * kMinuteMs;

inline Date D(const char* ymd) {
  Result<Date> d = ParseDate(ymd);
  EXPECT_TRUE(d.ok()) << ymd;
  return d.ok() ? *d : Date{};
}

// The instant hour:minute local (+08:00) on `ymd`.
inline Millis LocalTime(const char* ymd, int hour, int minute = 0) {
  return StartOfLocalDay(D(ymd), kBeijing) + hour * kHourMs + minute * kMinuteMs;
}

// Default figures; only the shipped 2026 calendar (2027 is not loaded).
inline config::Config TestConfig() {
  config::Config c = config::DefaultConfig();
  c.units = {{"jyj", "市教育局"}, {"czj", "市财政局"}, {"jtj", "市交通运输局"}};
  Result<config::CalendarYear> y2026 =
      config::LoadCalendarFile(std::string(DUBAN_SOURCE_DIR) + "/config/calendar/2026.toml");
  EXPECT_TRUE(y2026.ok()) << y2026.status().ToString();
  if (y2026.ok()) c.calendar.push_back(*y2026);
  return c;
}

// Assigned (交办) at `assigned_ms`, reply due 3 months later on `reply_deadline`.
inline protocol::Suggestion AssignedAt(Millis assigned_ms, const char* reply_deadline) {
  protocol::Suggestion s;
  s.code = "S2026-00007";
  s.draft.title = "关于增设社区养老服务站的建议";
  s.draft.category = "民政";
  s.draft.deputy = {"D007", "李建国", "13800000007"};
  s.state = protocol::SuggestionState::kAssigned;
  s.version = 4;
  s.assigned_ms = assigned_ms;
  s.units = {{"jyj", protocol::UnitRole::kLead, "ISSUED"},
             {"czj", protocol::UnitRole::kCo, "ISSUED"}};
  s.deadline = protocol::Deadline{reply_deadline, "reply: 3 calendar months from assignment (交办)",
                                  EndOfLocalDay(D(reply_deadline), kBeijing)};
  return s;
}

// Friday 2026-02-13 16:30: opinion due 2026-03-13, reply due 2026-05-13.
inline protocol::Suggestion AssignedFriday() {
  return AssignedAt(LocalTime("2026-02-13", 16, 30), "2026-05-13");
}

class UnitStepTest : public ::testing::Test {
 protected:
  void SetUp() override { Build(TestConfig()); }

  void Build(const config::Config& c) {
    auto role = ReminderRole::Create(c, clock_);
    ASSERT_TRUE(role.ok()) << role.status().ToString();
    role_ = std::move(role).value();
  }

  protocol::TaskMessage Task(std::string kind, protocol::Suggestion s, std::string payload = "") {
    protocol::TaskMessage t;
    t.task_id = "T77";
    t.service = "reminder";
    t.kind = std::move(kind);
    t.now_ms = clock_.NowMs();
    t.suggestion = std::move(s);
    t.payload = std::move(payload);
    return t;
  }

  // "schedule" for `s` at `now`.
  Result<protocol::Outcome> Schedule(const protocol::Suggestion& s, Millis now) {
    clock_.Set(now);
    return role_->Handle(Task("schedule", s));
  }

  // The task the unit timer `timer` (with its payload) queues, handled at `now`.
  Result<protocol::Outcome> Fire(const char* kind, const UnitTimerPayload& p,
                                 const protocol::Suggestion& s, Millis now) {
    clock_.Set(now);
    return role_->Handle(Task(kind, s, EncodeUnitTimerPayload(p)));
  }

  duban::testing::ManualClock clock_;
  std::unique_ptr<ReminderRole> role_;
};

}  // namespace duban::workers::reminder::unit_step_test
