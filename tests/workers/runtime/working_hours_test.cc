// WorkingHours: 09:00–18:00 on working days of the calendar; a year without a calendar is judged
// Monday to Friday and reported; a calendar with months of days off stops the walk.
#include "workers/runtime/working_hours.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

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
  EXPECT_THAT(at.status().message(), ::testing::HasSubstr("no working day from 2026-03-01"));
}

TEST(WorkingHoursTest, FormatsLocalTime) {
  EXPECT_EQ(FormatLocalTime(At("2027-01-28", 9), kBeijing), "2027-01-28 09:00");
  EXPECT_EQ(FormatLocalTime(At("2027-01-28", 23, 59), kBeijing), "2027-01-28 23:59");
}

}  // namespace
}  // namespace duban::workers
