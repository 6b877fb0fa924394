// Calendar: civil-date arithmetic for deadlines. Dates are local dates of the jurisdiction's time
// zone, given as a fixed UTC offset in minutes (exact for Asia/Shanghai, which has no DST).
//
// "N months" adds calendar months and clamps to the month's last day (Jan 31 + 1 month = Feb 28,
// or Feb 29 in a leap year), as docs/domain.md#dates-months-and-the-time-zone says.
//
// Thread rules: pure functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"

namespace duban {

using Date = std::chrono::year_month_day;

// The local date of instant `t`. Defined for every `t`: beyond the ends of the Millis range the
// local instant saturates instead of overflowing (such a date is meaningless, but no UB).
Date LocalDateOf(Millis t, std::int64_t utc_offset_minutes);
// The first and last millisecond of a local date, as instants.
Millis StartOfLocalDay(Date d, std::int64_t utc_offset_minutes);
Millis EndOfLocalDay(Date d, std::int64_t utc_offset_minutes);
// Same day of month `months` later (may be negative), clamped to that month's last day.
Date AddCalendarMonths(Date d, int months);
Date AddDays(Date d, int days);
// "2026-03-31".
std::string FormatDate(Date d);
// Parses YYYY-MM-DD; InvalidArgument for anything else or an impossible date (2026-02-30).
Result<Date> ParseDate(std::string_view text);

}  // namespace duban
