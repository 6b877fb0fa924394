#include "common/calendar.h"

#include <cstdio>
#include <limits>
#include <string>

namespace duban {
namespace {
constexpr Millis kDayMs = 24LL * 3600 * 1000;

// For b > 0 and every a: -a and -a + b - 1 overflowed for instants near INT64_MIN.
Millis FloorDiv(Millis a, Millis b) { return a / b - ((a % b != 0) && (a < 0)); }
}  // namespace

Date LocalDateOf(Millis t, std::int64_t utc_offset_minutes) {
  // Saturates instead of overflowing for a corrupt instant near the ends of the range (seen while
  // writing tests/fuzz/fuzz_monitor); the date is then meaningless but well defined.
  Millis local = 0;
  if (__builtin_add_overflow(t, utc_offset_minutes * 60 * 1000, &local)) {
    local = t > 0 ? std::numeric_limits<Millis>::max() : std::numeric_limits<Millis>::min();
  }
  std::chrono::sys_days days{std::chrono::days{FloorDiv(local, kDayMs)}};
  return Date{days};
}

Millis StartOfLocalDay(Date d, std::int64_t utc_offset_minutes) {
  Millis days = std::chrono::sys_days{d}.time_since_epoch().count();
  return days * kDayMs - utc_offset_minutes * 60 * 1000;
}

Millis EndOfLocalDay(Date d, std::int64_t utc_offset_minutes) {
  return StartOfLocalDay(d, utc_offset_minutes) + kDayMs - 1;
}

Date AddCalendarMonths(Date d, int months) {
  std::chrono::year_month ym = std::chrono::year_month{d.year(), d.month()} +
                               std::chrono::months{months};
  auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}};
  std::chrono::day day = d.day() > last.day() ? last.day() : d.day();
  return Date{ym.year(), ym.month(), day};
}

Date AddDays(Date d, int days) {
  return Date{std::chrono::sys_days{d} + std::chrono::days{days}};
}

std::string FormatDate(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

Result<Date> ParseDate(std::string_view text) {
  std::string s(text);
  bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-';
  for (std::size_t i = 0; shape && i < s.size(); ++i) {
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) shape = false;
  }
  if (!shape) return InvalidArgument("date '" + s + "' is not YYYY-MM-DD");
  int y = std::stoi(s.substr(0, 4));
  unsigned m = static_cast<unsigned>(std::stoi(s.substr(5, 2)));
  unsigned dd = static_cast<unsigned>(std::stoi(s.substr(8, 2)));
  Date d{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{dd}};
  if (!d.ok()) return InvalidArgument("date '" + s + "' does not exist");
  return d;
}

}  // namespace duban
