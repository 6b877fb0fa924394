// CalendarLoader: reads one year of the working calendar from its TOML file (config/calendar/
// 2026.toml; the format is in config/calendar/README.md) and turns the loaded years into the
// WorkingCalendar that counts "N working days" (common/working_calendar.h).
//
// A calendar file is copied by hand from the State Council's notice once a year, so the loader is
// strict: a mistyped date must stop the process at start, not move a deadline months later.
//
// Thread rules: pure functions.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "common/working_calendar.h"
#include "config/config.h"

namespace duban::config {

// Years a calendar file may give. Far wider than any notice, narrow enough to catch "year = 26".
inline constexpr int kMinCalendarYear = 1949;
inline constexpr int kMaxCalendarYear = 2999;

// Loads `path`: `year`, `source`, [[holiday]] and [[workday]] entries, each {name, dates}.
// InvalidArgument with "file:line:column" and the problem for: an unreadable file or a TOML syntax
// error; a missing or wrong-typed key or an unknown key; a year out of range; no [[holiday]]; an
// entry without a name or dates; a date that is not a quoted YYYY-MM-DD or does not exist; a date
// outside the file's year; a date listed twice, or both as a holiday and as a make-up working
// day (both places are named); a make-up working day on Monday to Friday.
Result<CalendarYear> LoadCalendarFile(const std::string& path);

// The calendar of `years`. InvalidArgument naming both files when two give the same year, or when
// a year breaks WorkingCalendar's invariants (possible only for years built in code).
Result<WorkingCalendar> BuildWorkingCalendar(const std::vector<CalendarYear>& years);

}  // namespace duban::config
