// The one function that turns a working-day rule into an instant (common/timer_plan.h): on a loaded
// year it agrees with WorkingCalendar; on a missing year it judges Monday to Friday and says so;
// the years it read are reported so a new or corrected year finds its timers; bad plans are
// refused with the field named; the stored form round-trips and refuses anything else.
// Issue 9, hole 9 ("Deadlines stay right when the calendar changes").
#include "common/timer_plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/calendar.h"

namespace duban {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr std::int64_t kOffset = 480;  // UTC+8
constexpr std::int64_t kNine = 540;    // 09:00

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }
Millis At(Date d, std::int64_t minute) { return StartOfLocalDay(d, kOffset) + minute * 60'000; }

// 2030 (invented): 2030-12-31 (Tue) off; 2030-05-01..05 off, made up on Sat 2030-04-27.
WorkingCalendar Cal2030() {
  WorkingYear y{2030,
                {D(2030, 5, 1), D(2030, 5, 2), D(2030, 5, 3), D(2030, 5, 4), D(2030, 5, 5),
                 D(2030, 12, 31)},
                {D(2030, 4, 27)}};
  auto cal = WorkingCalendar::Create({y});
  EXPECT_TRUE(cal.ok());
  return cal.ok() ? *cal : WorkingCalendar{};
}

protocol::TimerPlan Next(const std::string& base, std::int64_t minute = kNine) {
  return {std::string(kNextWorkingDay), base, 0, minute};
}
protocol::TimerPlan After(const std::string& base, std::int64_t n, std::int64_t minute = kNine) {
  return {std::string(kWorkingDaysAfter), base, n, minute};
}

PlannedDue Ok(const Result<PlannedDue>& r) {
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : PlannedDue{};
}

TEST(TimerPlanTest, NextWorkingDayOnALoadedYear) {
  const WorkingCalendar cal = Cal2030();
  PlannedDue d = Ok(ComputePlannedDue(Next("2030-04-30"), cal, kOffset));  // Tue, working
  EXPECT_EQ(d.due_ms, At(D(2030, 4, 30), kNine));
  EXPECT_THAT(d.years, ElementsAre(2030));
  EXPECT_TRUE(d.assumed.empty());
  // Wed 05-01 is a holiday: the block ends Sun 05-05, so Mon 05-06.
  EXPECT_EQ(Ok(ComputePlannedDue(Next("2030-05-01"), cal, kOffset)).due_ms,
            At(D(2030, 5, 6), kNine));
  // A make-up Saturday is a working day.
  EXPECT_EQ(Ok(ComputePlannedDue(Next("2030-04-27", 600), cal, kOffset)).due_ms,
            At(D(2030, 4, 27), 600));
}

TEST(TimerPlanTest, WorkingDaysAfterAgreesWithTheCalendar) {
  const WorkingCalendar cal = Cal2030();
  for (int n = 1; n <= 30; ++n) {
    const Date from = D(2030, 4, 20);
    Result<Date> want = cal.AddWorkingDays(from, n);
    ASSERT_TRUE(want.ok());
    EXPECT_EQ(Ok(ComputePlannedDue(After("2030-04-20", n), cal, kOffset)).due_ms,
              At(*want, kNine))
        << n;
  }
}

// The year the count runs into is not loaded: its days are judged Monday to Friday, and the
// result says that 2031 was assumed (and that both years were read).
TEST(TimerPlanTest, AMissingYearIsAssumedMondayToFridayAndReported) {
  const WorkingCalendar cal = Cal2030();
  // From Mon 2030-12-30: Tue 12-31 is off (loaded), Wed 2031-01-01 is judged a working day.
  PlannedDue d = Ok(ComputePlannedDue(After("2030-12-30", 1), cal, kOffset));
  EXPECT_EQ(d.due_ms, At(D(2031, 1, 1), kNine));
  EXPECT_THAT(d.years, ElementsAre(2030, 2031));
  EXPECT_THAT(d.assumed, ElementsAre(2031));
  // Sat 2031-01-04 -> Mon 2031-01-06, only 2031 read.
  d = Ok(ComputePlannedDue(Next("2031-01-04"), cal, kOffset));
  EXPECT_EQ(d.due_ms, At(D(2031, 1, 6), kNine));
  EXPECT_THAT(d.years, ElementsAre(2031));
  EXPECT_THAT(d.assumed, ElementsAre(2031));
  // working_days_after does not read its base date: from 2030-12-31 the walk reads only 2031.
  d = Ok(ComputePlannedDue(After("2030-12-31", 2), cal, kOffset));
  EXPECT_EQ(d.due_ms, At(D(2031, 1, 2), kNine));
  EXPECT_THAT(d.years, ElementsAre(2031));
}

// When the missing year arrives the same plan gives the real date: the whole point of storing it.
TEST(TimerPlanTest, TheSamePlanMovesWhenTheYearArrives) {
  const protocol::TimerPlan plan = Next("2031-01-01");
  const WorkingCalendar before = Cal2030();
  EXPECT_EQ(Ok(ComputePlannedDue(plan, before, kOffset)).due_ms, At(D(2031, 1, 1), kNine));
  WorkingYear y2031{2031, {D(2031, 1, 1), D(2031, 1, 2), D(2031, 1, 3)}, {}};
  WorkingYear y2030{2030, {D(2030, 12, 31)}, {}};
  auto after = WorkingCalendar::Create({y2030, y2031});
  ASSERT_TRUE(after.ok());
  PlannedDue d = Ok(ComputePlannedDue(plan, *after, kOffset));
  EXPECT_EQ(d.due_ms, At(D(2031, 1, 6), kNine));  // Wed..Fri off, then the weekend
  EXPECT_TRUE(d.assumed.empty());
}

TEST(TimerPlanTest, ACalendarWithMonthsOffIsRefused) {
  std::vector<Date> off;
  for (Date d = D(2030, 3, 1); d != D(2030, 6, 1); d = AddDays(d, 1)) off.push_back(d);
  auto cal = WorkingCalendar::Create({WorkingYear{2030, off, {}}});
  ASSERT_TRUE(cal.ok());
  Result<PlannedDue> r = ComputePlannedDue(Next("2030-03-02"), *cal, kOffset);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), HasSubstr("no working day"));
  r = ComputePlannedDue(After("2030-02-27", 5), *cal, kOffset);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
}

TEST(TimerPlanTest, BadPlansAreRefusedNamingTheField) {
  struct Case {
    protocol::TimerPlan plan;
    const char* says;
  };
  const Case cases[] = {
      {{"next_day", "2030-01-02", 0, 540}, "rule"},
      {{"next_working_day", "2030-02-30", 0, 540}, "base"},
      {{"next_working_day", "30-01-02", 0, 540}, "base"},
      {{"next_working_day", "1969-12-31", 0, 540}, "outside"},
      {{"next_working_day", "3000-01-01", 0, 540}, "outside"},
      {{"next_working_day", "2030-01-02", 1, 540}, "n = 0"},
      {{"working_days_after", "2030-01-02", 0, 540}, "1..366"},
      {{"working_days_after", "2030-01-02", 367, 540}, "1..366"},
      {{"working_days_after", "2030-01-02", -1, 540}, "1..366"},
      {{"next_working_day", "2030-01-02", 0, 1440}, "minute"},
      {{"next_working_day", "2030-01-02", 0, -1}, "minute"},
  };
  for (const Case& c : cases) {
    Status s = ValidateTimerPlan(c.plan);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.says;
    EXPECT_THAT(s.message(), HasSubstr(c.says));
    EXPECT_FALSE(ComputePlannedDue(c.plan, WorkingCalendar{}, kOffset).ok());
  }
}

TEST(TimerPlanTest, StoredFormRoundTripsAndRefusesAnythingElse) {
  for (const protocol::TimerPlan& p : {Next("2026-12-28"), After("2027-01-05", 366, 1439)}) {
    const std::string stored = EncodeStoredPlan(p);
    Result<protocol::TimerPlan> back = DecodeStoredPlan(stored);
    ASSERT_TRUE(back.ok()) << stored << ": " << back.status().ToString();
    EXPECT_EQ(back->rule, p.rule);
    EXPECT_EQ(back->base, p.base);
    EXPECT_EQ(back->n, p.n);
    EXPECT_EQ(back->minute, p.minute);
  }
  EXPECT_EQ(EncodeStoredPlan(After("2026-12-28", 3)), "W|2026-12-28|3|540");
  for (const char* bad : {"", "N|2026-12-28|0", "X|2026-12-28|0|540", "N|2026-12-28|0|540|1",
                          "N|2026-13-28|0|540", "W|2026-12-28|0|540", "N|2026-12-28|0|99999",
                          "N|2026-12-28|-0|540", "N|2026-12-28||540"}) {
    EXPECT_FALSE(DecodeStoredPlan(bad).ok()) << bad;
  }
}

TEST(TimerPlanTest, DescribesTheRuleForPeople) {
  EXPECT_EQ(DescribeTimerPlan(Next("2027-01-28")), "next working day from 2027-01-28");
  EXPECT_EQ(DescribeTimerPlan(After("2026-12-30", 3)), "3rd working day after 2026-12-30");
  EXPECT_EQ(DescribeTimerPlan(After("2026-12-30", 11)), "11th working day after 2026-12-30");
  EXPECT_EQ(DescribeTimerPlan(After("2026-12-30", 22)), "22nd working day after 2026-12-30");
}

}  // namespace
}  // namespace duban
