// The working calendar behind "N working days" deadlines: make-up working days count, holidays do
// not, the rest is Monday to Friday; a year that is not loaded is never guessed. First on a small
// invented calendar, then on the shipped 2026 file. Every expected date of the 2026 tests was
// checked by hand against the notice (国办发明电〔2025〕7号) and a printed 2026 calendar; the
// weekday of each date is in the comments.
#include "common/working_calendar.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "config/calendar_loader.h"

namespace duban {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using ::testing::HasSubstr;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

// Unwraps a Result in a test: a failure shows the status.
template <typename T>
T Ok(const Result<T>& r) {
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : T{};
}

bool Working(const WorkingCalendar& cal, Date d) { return Ok(cal.IsWorkingDay(d)); }

void ExpectFailedPrecondition(const Result<Date>& r, const std::string& year) {
  ASSERT_FALSE(r.ok()) << "got " << FormatDate(*r);
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition) << r.status().ToString();
  EXPECT_THAT(r.status().message(), HasSubstr("no data for " + year));
}

// ---- a small invented calendar ------------------------------------------------------------------

// 2030 (invented, not a real notice): 2030-01-01 (Tue) off; 2030-05-01 (Wed) to 05-05 (Sun) off,
// made up on Saturday 2030-04-27.
WorkingCalendar Invented() {
  WorkingYear y{
      2030,
      {D(2030, 1, 1), D(2030, 5, 1), D(2030, 5, 2), D(2030, 5, 3), D(2030, 5, 4), D(2030, 5, 5)},
      {D(2030, 4, 27)}};
  Result<WorkingCalendar> cal = WorkingCalendar::Create({y});
  EXPECT_TRUE(cal.ok()) << cal.status().ToString();
  return cal.ok() ? *cal : WorkingCalendar{};
}

TEST(WorkingCalendarTest, MakeUpDaysWorkHolidaysDoNotTheRestIsMondayToFriday) {
  WorkingCalendar cal = Invented();
  EXPECT_TRUE(Working(cal, D(2030, 4, 26)));   // Fri
  EXPECT_TRUE(Working(cal, D(2030, 4, 27)));   // Sat, make-up working day
  EXPECT_FALSE(Working(cal, D(2030, 4, 28)));  // Sun
  EXPECT_TRUE(Working(cal, D(2030, 4, 30)));   // Tue
  EXPECT_FALSE(Working(cal, D(2030, 5, 1)));   // Wed, holiday
  EXPECT_FALSE(Working(cal, D(2030, 5, 3)));   // Fri, holiday
  EXPECT_FALSE(Working(cal, D(2030, 5, 4)));   // Sat inside the holiday block
  EXPECT_TRUE(Working(cal, D(2030, 5, 6)));    // Mon
  EXPECT_FALSE(Working(cal, D(2030, 5, 11)));  // an ordinary Sat
  EXPECT_FALSE(Working(cal, D(2030, 1, 1)));   // Tue, holiday
}

TEST(WorkingCalendarTest, AddWorkingDaysCountsStrictlyAfterTheStart) {
  WorkingCalendar cal = Invented();
  EXPECT_EQ(Ok(cal.AddWorkingDays(D(2030, 4, 29), 1)), D(2030, 4, 30));  // Mon -> Tue
  EXPECT_EQ(Ok(cal.AddWorkingDays(D(2030, 4, 26), 1)), D(2030, 4, 27));  // Fri -> make-up Sat
  EXPECT_EQ(Ok(cal.AddWorkingDays(D(2030, 4, 27), 1)), D(2030, 4, 29));  // skips Sun 04-28
  EXPECT_EQ(Ok(cal.AddWorkingDays(D(2030, 4, 30), 1)), D(2030, 5, 6));   // over the block
  EXPECT_EQ(Ok(cal.AddWorkingDays(D(2030, 4, 29), 2)), D(2030, 5, 6));   // across the month end
  EXPECT_EQ(Ok(cal.AddWorkingDays(D(2030, 5, 2), 1)), D(2030, 5, 6));    // from inside the block
}

TEST(WorkingCalendarTest, ZeroWorkingDaysIsTheStartItselfEvenOnAHoliday) {
  WorkingCalendar cal = Invented();
  EXPECT_EQ(Ok(cal.AddWorkingDays(D(2030, 4, 30), 0)), D(2030, 4, 30));
  EXPECT_EQ(Ok(cal.AddWorkingDays(D(2030, 5, 1), 0)), D(2030, 5, 1));
  EXPECT_EQ(Ok(cal.AddWorkingDays(D(2031, 6, 1), 0)), D(2031, 6, 1));  // no data needed
}

TEST(WorkingCalendarTest, NegativeCountIsRefused) {
  Result<Date> r = Invented().AddWorkingDays(D(2030, 4, 30), -1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(WorkingCalendarTest, WalkIntoAYearNotLoadedFailsNamingIt) {
  WorkingCalendar cal = Invented();
  EXPECT_EQ(Ok(cal.AddWorkingDays(D(2030, 12, 30), 1)), D(2030, 12, 31));  // Mon -> Tue
  ExpectFailedPrecondition(cal.AddWorkingDays(D(2030, 12, 30), 2), "2031");
  ExpectFailedPrecondition(cal.AddWorkingDays(D(2030, 12, 31), 1), "2031");
  Result<bool> in_2031 = cal.IsWorkingDay(D(2031, 3, 3));
  ASSERT_FALSE(in_2031.ok());
  EXPECT_EQ(in_2031.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(in_2031.status().message(), HasSubstr("loaded: 2030"));
}

TEST(WorkingCalendarTest, TheStartDateNeedsNoDataOnlyTheDaysCounted) {
  // 2029 is not loaded, but only 2030 days are counted: 01-01 is a holiday, 01-02 a Wednesday.
  EXPECT_EQ(Ok(Invented().AddWorkingDays(D(2029, 12, 31), 1)), D(2030, 1, 2));
}

TEST(WorkingCalendarTest, TwoYearsLetTheWalkCrossTheYearEnd) {
  auto cal =
      WorkingCalendar::Create({WorkingYear{2031, {D(2031, 1, 1)}, {}}, WorkingYear{2030, {}, {}}});
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  EXPECT_EQ(cal->Years(), (std::vector<int>{2030, 2031}));
  EXPECT_TRUE(cal->HasYear(2031));
  EXPECT_FALSE(cal->HasYear(2029));
  // 2030-12-31 Tue (1), 2031-01-01 Wed is a holiday, 2031-01-02 Thu (2).
  EXPECT_EQ(Ok(cal->AddWorkingDays(D(2030, 12, 30), 2)), D(2031, 1, 2));
}

TEST(WorkingCalendarTest, NextWorkingDayOnOrAfter) {
  WorkingCalendar cal = Invented();
  EXPECT_EQ(Ok(cal.NextWorkingDayOnOrAfter(D(2030, 4, 30))), D(2030, 4, 30));  // itself
  EXPECT_EQ(Ok(cal.NextWorkingDayOnOrAfter(D(2030, 4, 27))), D(2030, 4, 27));  // make-up Sat
  EXPECT_EQ(Ok(cal.NextWorkingDayOnOrAfter(D(2030, 4, 28))), D(2030, 4, 29));  // Sun -> Mon
  EXPECT_EQ(Ok(cal.NextWorkingDayOnOrAfter(D(2030, 5, 1))), D(2030, 5, 6));
  EXPECT_EQ(Ok(cal.NextWorkingDayOnOrAfter(D(2030, 12, 28))), D(2030, 12, 30));  // Sat -> Mon
  ExpectFailedPrecondition(cal.NextWorkingDayOnOrAfter(D(2031, 1, 1)), "2031");

  auto short_year =
      WorkingCalendar::Create({WorkingYear{2030, {D(2030, 12, 30), D(2030, 12, 31)}, {}}});
  ASSERT_TRUE(short_year.ok()) << short_year.status().ToString();
  ExpectFailedPrecondition(short_year->NextWorkingDayOnOrAfter(D(2030, 12, 28)), "2031");
}

TEST(WorkingCalendarTest, AnEmptyCalendarAnswersNothing) {
  WorkingCalendar cal;
  ExpectFailedPrecondition(cal.AddWorkingDays(D(2026, 3, 2), 1), "2026");
  Result<bool> r = cal.IsWorkingDay(D(2026, 3, 2));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("loaded: none"));
}

TEST(WorkingCalendarTest, CreateRefusesBrokenYears) {
  auto expect_invalid = [](const std::vector<WorkingYear>& years, const std::string& text) {
    Result<WorkingCalendar> r = WorkingCalendar::Create(years);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr(text));
  };
  expect_invalid({WorkingYear{2030, {}, {}}, WorkingYear{2030, {}, {}}}, "given twice");
  expect_invalid({WorkingYear{2030, {D(2031, 1, 1)}, {}}}, "2031-01-01 is not in 2030");
  expect_invalid({WorkingYear{2030, {}, {D(2029, 12, 29)}}}, "2029-12-29 is not in 2030");
  expect_invalid({WorkingYear{2030, {D(2030, 4, 27)}, {D(2030, 4, 27)}}},
                 "both a holiday and a make-up working day");
  expect_invalid({WorkingYear{2030, {}, {D(2030, 4, 30)}}}, "falls Monday to Friday");  // Tue
}

// ---- the shipped 2026 calendar ------------------------------------------------------------------

class Shipped2026Test : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = std::string(DUBAN_SOURCE_DIR) + "/config/calendar/2026.toml";
    Result<config::CalendarYear> year = config::LoadCalendarFile(path);
    ASSERT_TRUE(year.ok()) << year.status().ToString();
    Result<WorkingCalendar> cal = config::BuildWorkingCalendar({*year});
    ASSERT_TRUE(cal.ok()) << cal.status().ToString();
    cal_ = *cal;
  }
  bool Working(Date d) const { return duban::Working(cal_, d); }
  Date Add(Date d, int n) const { return Ok(cal_.AddWorkingDays(d, n)); }

  WorkingCalendar cal_;
};

// 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
TEST_F(Shipped2026Test, NewYear) {
  EXPECT_FALSE(Working(D(2026, 1, 1)));  // Thu
  EXPECT_FALSE(Working(D(2026, 1, 2)));  // Fri
  EXPECT_FALSE(Working(D(2026, 1, 3)));  // Sat
  EXPECT_TRUE(Working(D(2026, 1, 4)));   // Sun, make-up
  EXPECT_TRUE(Working(D(2026, 1, 5)));   // Mon
  // From 2025-12-31 (2025 not loaded; only 2026 days are counted): the first is Sunday 01-04.
  EXPECT_EQ(Add(D(2025, 12, 31), 1), D(2026, 1, 4));
}

// 二、春节：2月15日（周日）至23日（周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
TEST_F(Shipped2026Test, SpringFestivalWeekAndItsMakeUpSaturdays) {
  EXPECT_TRUE(Working(D(2026, 2, 13)));  // Fri
  EXPECT_TRUE(Working(D(2026, 2, 14)));  // Sat, make-up
  for (unsigned d = 15; d <= 23; ++d) EXPECT_FALSE(Working(D(2026, 2, d))) << "02-" << d;
  EXPECT_TRUE(Working(D(2026, 2, 24)));  // Tue
  EXPECT_TRUE(Working(D(2026, 2, 28)));  // Sat, make-up
  EXPECT_FALSE(Working(D(2026, 3, 1)));  // an ordinary Sun
  EXPECT_EQ(Ok(cal_.NextWorkingDayOnOrAfter(D(2026, 2, 15))), D(2026, 2, 24));

  EXPECT_EQ(Add(D(2026, 2, 13), 1), D(2026, 2, 14));  // Fri -> the make-up Sat
  EXPECT_EQ(Add(D(2026, 2, 13), 2), D(2026, 2, 24));  // then over the whole block
  // Across the month end: 02-27 Fri (1), 02-28 make-up Sat (2), 03-02 Mon (3).
  EXPECT_EQ(Add(D(2026, 2, 26), 2), D(2026, 2, 28));
  EXPECT_EQ(Add(D(2026, 2, 26), 3), D(2026, 3, 2));
}

// docs/domain.md#every-deadline-and-its-default: sign for a task (签收) — 2 working days
// remind, 3 working days overdue.
TEST_F(Shipped2026Test, SignForReminderAndOverdueAroundTheSpringFestival) {
  // Assigned Thu 02-12: 02-13 Fri (1), 02-14 make-up Sat (2), block, 02-24 Tue (3).
  EXPECT_EQ(Add(D(2026, 2, 12), 2), D(2026, 2, 14));
  EXPECT_EQ(Add(D(2026, 2, 12), 3), D(2026, 2, 24));
  // Assigned on the make-up Sat 02-14: 02-24 (1), 02-25 (2), 02-26 (3).
  EXPECT_EQ(Add(D(2026, 2, 14), 2), D(2026, 2, 25));
  EXPECT_EQ(Add(D(2026, 2, 14), 3), D(2026, 2, 26));
}

// 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
TEST_F(Shipped2026Test, LabourDay) {
  EXPECT_TRUE(Working(D(2026, 4, 30)));   // Thu
  EXPECT_FALSE(Working(D(2026, 5, 1)));   // Fri
  EXPECT_FALSE(Working(D(2026, 5, 4)));   // Mon
  EXPECT_FALSE(Working(D(2026, 5, 5)));   // Tue
  EXPECT_TRUE(Working(D(2026, 5, 6)));    // Wed
  EXPECT_TRUE(Working(D(2026, 5, 9)));    // Sat, make-up
  EXPECT_FALSE(Working(D(2026, 5, 10)));  // Sun
  // Across the April/May month end: 04-30 (1), 05-06 (2).
  EXPECT_EQ(Add(D(2026, 4, 29), 2), D(2026, 5, 6));
  EXPECT_EQ(Add(D(2026, 4, 30), 3), D(2026, 5, 8));
  EXPECT_EQ(Add(D(2026, 5, 8), 1), D(2026, 5, 9));
}

// 三、清明节：4月4日（周六）至6日（周一）；五、端午节：6月19日（周五）至21日（周日）。
TEST_F(Shipped2026Test, QingmingAndDragonBoat) {
  EXPECT_FALSE(Working(D(2026, 4, 6)));               // Mon
  EXPECT_TRUE(Working(D(2026, 4, 7)));                // Tue
  EXPECT_FALSE(Working(D(2026, 6, 19)));              // Fri
  EXPECT_EQ(Add(D(2026, 6, 18), 1), D(2026, 6, 22));  // Thu -> Mon
}

// 六、中秋节：9月25日（周五）至27日（周日）；七、国庆节：10月1日（周四）至7日（周三）放假调休，
// 共7天。9月20日（周日）、10月10日（周六）上班。
TEST_F(Shipped2026Test, MidAutumnAndNationalDayWeek) {
  EXPECT_TRUE(Working(D(2026, 9, 20)));   // Sun, make-up
  EXPECT_FALSE(Working(D(2026, 9, 25)));  // Fri, 中秋节
  EXPECT_TRUE(Working(D(2026, 9, 30)));   // Wed
  for (unsigned d = 1; d <= 7; ++d) EXPECT_FALSE(Working(D(2026, 10, d))) << "10-0" << d;
  EXPECT_TRUE(Working(D(2026, 10, 8)));    // Thu
  EXPECT_TRUE(Working(D(2026, 10, 10)));   // Sat, make-up
  EXPECT_FALSE(Working(D(2026, 10, 11)));  // Sun
  // Sign for, assigned Tue 09-29: 09-30 (1), 10-08 (2), 10-09 (3).
  EXPECT_EQ(Add(D(2026, 9, 29), 2), D(2026, 10, 8));
  EXPECT_EQ(Add(D(2026, 9, 29), 3), D(2026, 10, 9));
  // Assigned Wed 09-30: 10-08 (1), 10-09 (2), 10-10 make-up Sat (3).
  EXPECT_EQ(Add(D(2026, 9, 30), 2), D(2026, 10, 9));
  EXPECT_EQ(Add(D(2026, 9, 30), 3), D(2026, 10, 10));
}

// docs/domain.md#the-satisfaction-survey: the deputy's evaluation is due 20 working days after
// the reply.
TEST_F(Shipped2026Test, TwentyWorkingDaysAcrossTheNationalDayHoliday) {
  // From Mon 09-28: 09-29, 09-30, 10-08, 10-09, 10-10 (make-up), then 10-12..10-30 on weekdays.
  EXPECT_EQ(Add(D(2026, 9, 28), 20), D(2026, 10, 30));
  // From Fri 09-18 the make-up Sunday 09-20 is the first; the 20th is Thu 10-22.
  EXPECT_EQ(Add(D(2026, 9, 18), 20), D(2026, 10, 22));
}

TEST_F(Shipped2026Test, TheYearHas248WorkingDays) {
  // 365 days - 104 weekend days - 19 holidays on Monday to Friday + 6 make-up days.
  int working = 0;
  for (Date d = D(2026, 1, 1); d != D(2027, 1, 1); d = AddDays(d, 1)) working += Working(d) ? 1 : 0;
  EXPECT_EQ(working, 248);
}

TEST_F(Shipped2026Test, TheYearEndRunsIntoTheUnloaded2027) {
  EXPECT_EQ(Add(D(2026, 12, 18), 7), D(2026, 12, 29));  // Fri + 7 over two weekends
  EXPECT_EQ(Add(D(2026, 12, 30), 1), D(2026, 12, 31));
  ExpectFailedPrecondition(cal_.AddWorkingDays(D(2026, 12, 30), 2), "2027");
  ExpectFailedPrecondition(cal_.AddWorkingDays(D(2026, 12, 10), 20), "2027");
}

}  // namespace
}  // namespace duban
