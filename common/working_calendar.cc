#include "common/working_calendar.h"

#include <cassert>
#include <string>

namespace duban {
namespace {

using std::chrono::sys_days;

bool IsWeekend(sys_days day) {
  std::chrono::weekday wd{day};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

}  // namespace

Result<WorkingCalendar> WorkingCalendar::Create(const std::vector<WorkingYear>& years) {
  WorkingCalendar cal;
  for (const WorkingYear& wy : years) {
    const std::string name = std::to_string(wy.year);
    auto [it, inserted] = cal.years_.try_emplace(wy.year);
    if (!inserted) return InvalidArgument("working calendar: year " + name + " is given twice");
    Year& y = it->second;
    auto check = [&](Date d, const char* what) -> Status {
      if (!d.ok()) return InvalidArgument("working calendar " + name + ": an invalid " + what);
      if (static_cast<int>(d.year()) != wy.year) {
        return InvalidArgument("working calendar " + name + ": " + what + " " + FormatDate(d) +
                               " is not in " + name);
      }
      return Status::Ok();
    };
    for (Date d : wy.holidays) {
      DUBAN_RETURN_IF_ERROR(check(d, "holiday"));
      y.holidays.insert(sys_days{d});
    }
    for (Date d : wy.workdays) {
      DUBAN_RETURN_IF_ERROR(check(d, "make-up working day"));
      if (!IsWeekend(sys_days{d})) {
        return InvalidArgument("working calendar " + name + ": make-up working day " +
                               FormatDate(d) +
                               " falls Monday to Friday; make-up days are Saturdays or Sundays");
      }
      if (y.holidays.count(sys_days{d}) != 0) {
        return InvalidArgument("working calendar " + name + ": " + FormatDate(d) +
                               " is both a holiday and a make-up working day");
      }
      y.workdays.insert(sys_days{d});
    }
  }
  return cal;
}

std::vector<int> WorkingCalendar::Years() const {
  std::vector<int> out;
  for (const auto& [year, unused] : years_) out.push_back(year);
  return out;
}

Status WorkingCalendar::MissingYear(int year) const {
  std::string loaded;
  for (int y : Years()) loaded += (loaded.empty() ? "" : ", ") + std::to_string(y);
  const std::string name = std::to_string(year);
  return FailedPrecondition("the working calendar has no data for " + name + " (loaded: " +
                            (loaded.empty() ? "none" : loaded) + "): working days in " + name +
                            " cannot be counted until that year's holiday notice is added to the "
                            "calendar files (see config/calendar/README.md)");
}

Result<bool> WorkingCalendar::IsWorkingDay(Date d) const {
  assert(d.ok());
  auto it = years_.find(static_cast<int>(d.year()));
  if (it == years_.end()) return MissingYear(static_cast<int>(d.year()));
  const sys_days day{d};
  if (it->second.workdays.count(day) != 0) return true;
  if (it->second.holidays.count(day) != 0) return false;
  return !IsWeekend(day);
}

Result<Date> WorkingCalendar::AddWorkingDays(Date d, int n) const {
  assert(d.ok());
  if (n < 0)
    return InvalidArgument("working days to add must not be negative (got " + std::to_string(n) +
                           ")");
  // One day at a time: n is at most a few hundred in practice, and the walk stops at the first
  // year without data, so it is bounded by the loaded years whatever n is.
  Date at = d;
  for (int counted = 0; counted < n;) {
    at = AddDays(at, 1);
    DUBAN_ASSIGN_OR_RETURN(bool working, IsWorkingDay(at));
    if (working) ++counted;
  }
  return at;
}

Result<Date> WorkingCalendar::NextWorkingDayOnOrAfter(Date d) const {
  assert(d.ok());
  Date at = d;
  for (;;) {
    DUBAN_ASSIGN_OR_RETURN(bool working, IsWorkingDay(at));
    if (working) return at;
    at = AddDays(at, 1);
  }
}

}  // namespace duban
