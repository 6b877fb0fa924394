// Calendar arithmetic behind every deadline: calendar months with month-end clamping, local dates
// at +08:00 across midnight, and strict date parsing.
#include "common/calendar.h"

#include <gtest/gtest.h>

#include <limits>

namespace duban {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

constexpr std::int64_t kBeijing = 480;

// Bug (signed overflow, seen with tests/fuzz/fuzz_monitor): LocalDateOf overflowed for instants
// near the ends of the range — `t + offset` near INT64_MAX, and the floor division's `-t` near
// INT64_MIN. It now saturates; under scripts/test --sanitize an overflow would abort this test.
TEST(LocalDateOfTest, ExtremeInstantsDoNotOverflow) {
  (void)LocalDateOf(std::numeric_limits<Millis>::max(), kBeijing);
  (void)LocalDateOf(std::numeric_limits<Millis>::min(), -720);
  (void)LocalDateOf(std::numeric_limits<Millis>::min(), 0);
  EXPECT_EQ(LocalDateOf(-1, 0), D(1969, 12, 31));  // floor division, not truncation
  EXPECT_EQ(LocalDateOf(-86'400'000, 0), D(1969, 12, 31));
  EXPECT_EQ(LocalDateOf(-86'400'001, 0), D(1969, 12, 30));
  EXPECT_EQ(LocalDateOf(253'402'300'799'999, 0), D(9999, 12, 31));
}

TEST(AddCalendarMonthsTest, ClampsToTheLastDayOfAShortMonth) {
  EXPECT_EQ(AddCalendarMonths(D(2026, 1, 31), 1), D(2026, 2, 28));
  EXPECT_EQ(AddCalendarMonths(D(2028, 1, 31), 1), D(2028, 2, 29));  // leap year
  EXPECT_EQ(AddCalendarMonths(D(2026, 3, 31), 3), D(2026, 6, 30));
}

TEST(AddCalendarMonthsTest, CrossesTheYearEnd) {
  EXPECT_EQ(AddCalendarMonths(D(2026, 11, 30), 3), D(2027, 2, 28));
  EXPECT_EQ(AddCalendarMonths(D(2027, 12, 31), 2), D(2028, 2, 29));
  EXPECT_EQ(AddCalendarMonths(D(2026, 10, 15), 3), D(2027, 1, 15));
}

// docs/domain.md#extensions: an extended reply is due at most 6 months from assignment; the month
// end clamps (docs/domain.md#dates-months-and-the-time-zone).
TEST(AddCalendarMonthsTest, SixMonthsFromAugustThirtyFirst) {
  EXPECT_EQ(AddCalendarMonths(D(2026, 8, 31), 6), D(2027, 2, 28));
  EXPECT_EQ(AddCalendarMonths(D(2027, 8, 31), 6), D(2028, 2, 29));  // into a leap February
  EXPECT_EQ(AddCalendarMonths(D(2026, 8, 30), 6), D(2027, 2, 28));
  EXPECT_EQ(AddCalendarMonths(D(2026, 8, 28), 6), D(2027, 2, 28));  // exists: no clamp needed
  EXPECT_EQ(AddCalendarMonths(D(2026, 8, 27), 6), D(2027, 2, 27));
}

TEST(AddCalendarMonthsTest, LeapDayPlusAYearIsTheLastDayOfFebruary) {
  EXPECT_EQ(AddCalendarMonths(D(2028, 2, 29), 12), D(2029, 2, 28));
  EXPECT_EQ(AddCalendarMonths(D(2028, 2, 29), 48), D(2032, 2, 29));  // leap to leap
  EXPECT_EQ(AddCalendarMonths(D(2028, 2, 29), 1), D(2028, 3, 29));   // not clamped to Mar 31
}

TEST(AddCalendarMonthsTest, EveryShortMonthEnd) {
  EXPECT_EQ(AddCalendarMonths(D(2026, 3, 31), 1), D(2026, 4, 30));
  EXPECT_EQ(AddCalendarMonths(D(2026, 5, 31), 1), D(2026, 6, 30));
  EXPECT_EQ(AddCalendarMonths(D(2026, 8, 31), 1), D(2026, 9, 30));
  EXPECT_EQ(AddCalendarMonths(D(2026, 10, 31), 1), D(2026, 11, 30));
  EXPECT_EQ(AddCalendarMonths(D(2026, 12, 31), 2), D(2027, 2, 28));
  EXPECT_EQ(AddCalendarMonths(D(2027, 3, 31), -1), D(2027, 2, 28));  // backwards across a year
  EXPECT_EQ(AddCalendarMonths(D(2027, 1, 31), -2), D(2026, 11, 30));
}

TEST(AddCalendarMonthsTest, KeepsTheDayWhenItExists) {
  EXPECT_EQ(AddCalendarMonths(D(2026, 1, 15), 3), D(2026, 4, 15));
  EXPECT_EQ(AddCalendarMonths(D(2026, 2, 28), 1), D(2026, 3, 28));  // not the month end
  EXPECT_EQ(AddCalendarMonths(D(2026, 5, 31), -1), D(2026, 4, 30));
  EXPECT_EQ(AddCalendarMonths(D(2026, 5, 31), 0), D(2026, 5, 31));
}

// Instant `hh:mm` UTC on 2026-01-31.
Millis Jan31Utc(int hh, int mm) {
  return StartOfLocalDay(D(2026, 1, 31), 0) + (hh * 60 + mm) * 60'000LL;
}

TEST(LocalDateOfTest, TheLocalDayStartsAtSixteenUtcInBeijing) {
  EXPECT_EQ(LocalDateOf(Jan31Utc(16, 30), kBeijing), D(2026, 2, 1));   // 00:30 local
  EXPECT_EQ(LocalDateOf(Jan31Utc(16, 0), kBeijing), D(2026, 2, 1));    // 00:00 local
  EXPECT_EQ(LocalDateOf(Jan31Utc(15, 59), kBeijing), D(2026, 1, 31));  // 23:59 local
  EXPECT_EQ(LocalDateOf(Jan31Utc(16, 30), 0), D(2026, 1, 31));
}

TEST(LocalDateOfTest, WorksBeforeTheEpochAndWithNegativeOffsets) {
  EXPECT_EQ(LocalDateOf(-1, 0), D(1969, 12, 31));
  EXPECT_EQ(LocalDateOf(0, -300), D(1969, 12, 31));
  EXPECT_EQ(LocalDateOf(0, kBeijing), D(1970, 1, 1));
}

TEST(LocalDayTest, StartAndEndBracketTheLocalDay) {
  Millis start = StartOfLocalDay(D(2026, 2, 1), kBeijing);
  Millis end = EndOfLocalDay(D(2026, 2, 1), kBeijing);
  EXPECT_EQ(start, StartOfLocalDay(D(2026, 1, 31), 0) + 16 * 3'600'000LL);  // 2026-01-31T16:00Z
  EXPECT_EQ(end - start, 24 * 3'600'000LL - 1);
  EXPECT_EQ(LocalDateOf(start, kBeijing), D(2026, 2, 1));
  EXPECT_EQ(LocalDateOf(end, kBeijing), D(2026, 2, 1));
  EXPECT_EQ(LocalDateOf(end + 1, kBeijing), D(2026, 2, 2));
  EXPECT_EQ(LocalDateOf(start - 1, kBeijing), D(2026, 1, 31));
}

TEST(AddDaysTest, CrossesMonthsAndLeapDays) {
  EXPECT_EQ(AddDays(D(2028, 2, 28), 1), D(2028, 2, 29));
  EXPECT_EQ(AddDays(D(2026, 2, 28), 1), D(2026, 3, 1));
  EXPECT_EQ(AddDays(D(2026, 1, 1), -1), D(2025, 12, 31));
}

TEST(FormatDateTest, PadsMonthAndDay) {
  EXPECT_EQ(FormatDate(D(2026, 3, 1)), "2026-03-01");
  EXPECT_EQ(FormatDate(D(2027, 12, 31)), "2027-12-31");
}

TEST(ParseDateTest, AcceptsRealDates) {
  Result<Date> d = ParseDate("2028-02-29");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(*d, D(2028, 2, 29));
  EXPECT_EQ(FormatDate(*ParseDate("2026-12-31")), "2026-12-31");
}

TEST(ParseDateTest, RejectsImpossibleDates) {
  for (const char* text : {"2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31"}) {
    Result<Date> d = ParseDate(text);
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument) << text;
  }
}

TEST(ParseDateTest, RejectsOtherShapes) {
  for (const char* text : {"2026-1-1", "2026-01-1", "2026-01-01x", "2026-01-01 ", "", "20260101",
                           "2026/01/01", "2026-01-0x"}) {
    Result<Date> d = ParseDate(text);
    ASSERT_FALSE(d.ok()) << "'" << text << "'";
    EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument) << text;
  }
}

}  // namespace
}  // namespace duban
