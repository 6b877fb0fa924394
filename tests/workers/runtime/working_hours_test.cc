// WorkingHours: 09:00–18:00 on working days of the calendar; a year without a calendar is judged
// Monday to Friday and reported; a calendar with months of days off stops the walk.
#include "workers/runtime/working_hours.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "config/calendar_loader.h"

namespace duban::workers {
namespace {

constexpr std::int64_t kBeijing = 480;
constexpr Millis kMinuteMs = 60'000;

Date D(const char* ymd) {
  Result<Date> d = ParseDate(ymd);
  EXPECT_TRUE(d.ok()) << ymd;
  return d.ok() ? *d : Date{};
}

Millis At(const char* ymd, int hour, int minute = 0) {
  return StartOfLocalDay(D(ymd), kBeijing) + (hour * 60 + minute) * kMinuteMs;
}

// 2026 with the National Day block only (enough for these tests).
config::Config With2026() {
  config::Config c = config::DefaultConfig();
  config::CalendarYear y;
  y.year = 2026;
  config::CalendarPeriod national{"国庆节", {}};
  for (Date d = D("2026-10-01"); d <= D("2026-10-07"); d = AddDays(d, 1)) {
    national.dates.push_back(d);
  }
  y.holidays = {national};
  y.workdays = {{"国庆节调休", {D("2026-10-10")}}};
  c.calendar = {y};
  return c;
}

TEST(WorkingHoursTest, OpenFromStartUntilBeforeEndOnWorkingDays) {
  Result<WorkingHours> h = WorkingHours::Create(With2026());
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  std::set<int> guessed;
  EXPECT_FALSE(h->IsOpen(At("2026-09-30", 8, 59), &guessed));
  EXPECT_TRUE(h->IsOpen(At("2026-09-30", 9), &guessed));
  EXPECT_TRUE(h->IsOpen(At("2026-09-30", 17, 59), &guessed));
  EXPECT_FALSE(h->IsOpen(At("2026-09-30", 18), &guessed));
  EXPECT_FALSE(h->IsOpen(At("2026-10-02", 10), &guessed)) << "National Day";
  EXPECT_TRUE(h->IsOpen(At("2026-10-10", 10), &guessed)) << "make-up working Saturday";
  EXPECT_FALSE(h->IsOpen(At("2026-10-11", 10), &guessed)) << "Sunday";
  EXPECT_TRUE(guessed.empty());
}

TEST(WorkingHoursTest, NextOpening) {
  Result<WorkingHours> h = WorkingHours::Create(With2026());
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(*h->NextOpening(At("2026-09-29", 7), nullptr), At("2026-09-29", 9));
  EXPECT_EQ(*h->NextOpening(At("2026-09-29", 9), nullptr), At("2026-09-29", 9));
  EXPECT_EQ(*h->NextOpening(At("2026-09-29", 9, 1), nullptr), At("2026-09-30", 9));
  EXPECT_EQ(*h->NextOpening(At("2026-09-30", 20), nullptr), At("2026-10-08", 9));
  EXPECT_EQ(*h->NextOpening(At("2026-10-09", 20), nullptr), At("2026-10-10", 9));
}

TEST(WorkingHoursTest, AYearWithoutCalendarIsMondayToFridayAndReported) {
  Result<WorkingHours> h = WorkingHours::Create(With2026());
  ASSERT_TRUE(h.ok());
  std::set<int> guessed;
  EXPECT_EQ(*h->OpeningOnOrAfter(D("2027-01-02"), &guessed), At("2027-01-04", 9));  // Sat -> Mon
  EXPECT_EQ(guessed, std::set<int>{2027});
}

TEST(WorkingHoursTest, MonthsOfDaysOffStopTheWalk) {
  config::Config c = config::DefaultConfig();
  config::CalendarYear y;
  y.year = 2026;
  config::CalendarPeriod all{"整年", {}};
  for (Date d = D("2026-01-01"); d <= D("2026-12-31"); d = AddDays(d, 1)) all.dates.push_back(d);
  y.holidays = {all};
  c.calendar = {y};
  Result<WorkingHours> h = WorkingHours::Create(c);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  Result<Millis> at = h->OpeningOnOrAfter(D("2026-03-01"), nullptr);
  ASSERT_FALSE(at.ok());
  EXPECT_EQ(at.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(at.status().message(), ::testing::HasSubstr("no working day in the 60 days from 2026-03-01"));
}

// Issue 9, hole 9: every working-day instant a role plans comes with the rule that produced it,
// and the rule gives the same instant through common/timer_plan.h, which the broker uses too.
TEST(WorkingHoursTest, PlansCarryTheirRuleAndAgreeWithTheInstants) {
  Result<WorkingHours> h = WorkingHours::Create(With2026());
  ASSERT_TRUE(h.ok());
  const WorkingCalendar cal = *config::BuildWorkingCalendar(With2026().calendar);
  std::set<int> guessed;
  Result<PlannedTime> open = h->OpeningPlan(D("2026-10-01"), &guessed);  // National Day block
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->at, At("2026-10-08", 9));
  EXPECT_EQ(open->plan.rule, kNextWorkingDay);
  EXPECT_EQ(open->plan.base, "2026-10-01");
  EXPECT_EQ(open->plan.n, 0);
  EXPECT_EQ(open->plan.minute, 540);
  EXPECT_EQ(ComputePlannedDue(open->plan, cal, kBeijing)->due_ms, open->at);

  Result<PlannedTime> sign = h->WorkingDaysPlan(D("2026-09-29"), 3, &guessed);
  ASSERT_TRUE(sign.ok());
  EXPECT_EQ(sign->plan.rule, kWorkingDaysAfter);
  EXPECT_EQ(sign->plan.n, 3);
  EXPECT_EQ(sign->at, h->StartOn(*h->AddWorkingDays(D("2026-09-29"), 3, nullptr)));
  EXPECT_TRUE(guessed.empty());

  // NextOpening: from today before the opening, else from tomorrow.
  Result<PlannedTime> early = h->NextOpeningPlan(At("2026-09-29", 7), nullptr);
  EXPECT_EQ(early->plan.base, "2026-09-29");
  EXPECT_EQ(early->at, At("2026-09-29", 9));
  Result<PlannedTime> late = h->NextOpeningPlan(At("2026-09-30", 20), nullptr);
  EXPECT_EQ(late->plan.base, "2026-10-01");
  EXPECT_EQ(late->at, At("2026-10-08", 9));

  // Into a year without a calendar: judged Monday to Friday, reported.
  Result<PlannedTime> next_year = h->WorkingDaysPlan(D("2026-12-30"), 3, &guessed);
  ASSERT_TRUE(next_year.ok());
  EXPECT_EQ(next_year->at, At("2027-01-04", 9));  // Thu 12-31, Fri 01-01, Mon 01-04
  EXPECT_EQ(guessed, std::set<int>{2027});
}

TEST(WorkingHoursTest, FormatsLocalTime) {
  EXPECT_EQ(FormatLocalTime(At("2027-01-28", 9), kBeijing), "2027-01-28 09:00");
  EXPECT_EQ(FormatLocalTime(At("2027-01-28", 23, 59), kBeijing), "2027-01-28 23:59");
}

}  // namespace
}  // namespace duban::workers
