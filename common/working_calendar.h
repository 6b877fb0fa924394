// WorkingCalendar: which local dates are working days (工作日) of a jurisdiction, so that the
// "N working days" rules (sign for a task, the return window, the deputy's evaluation:
// docs/domain.md#working-days-and-the-calendar) can be counted. Each year comes from that year's
// State Council notice on holidays (国务院办公厅关于…年部分节假日安排的通知): its days off
// (放假, the weekend days inside a holiday block included) and its make-up working days (调休上班,
// a Saturday or Sunday worked in exchange).
// The files and their parsing live in config/ (calendar_loader.h); this class takes plain dates.
//
// A date of a loaded year is a working day when it is a make-up working day, else when it is not a
// holiday and falls Monday to Friday. A date of a year that was not loaded is never guessed: the
// notice for next year comes out around November, and a deadline counted as if next year had no
// holidays would be silently wrong for the Spring Festival. Every query that needs such a date
// returns FailedPrecondition naming the year instead.
//
// Thread rules: immutable after Create(); safe to read from several threads.
// Invariants (Create() refuses anything else): each year appears once; every holiday and make-up
// working day lies in the year it is filed under; no date is both; a make-up working day is a
// Saturday or a Sunday (on a weekday it would mean nothing, so it is a typo).
#pragma once

#include <chrono>
#include <map>
#include <set>
#include <vector>

#include "common/calendar.h"
#include "common/result.h"

namespace duban {

// One year of a calendar, as the notice gives it.
struct WorkingYear {
  int year = 0;
  std::vector<Date> holidays;  // every day off, weekend days inside a holiday block included
  std::vector<Date> workdays;  // make-up working days (调休上班): Saturdays or Sundays
};

class WorkingCalendar {
 public:
  // A calendar that knows no year: every query answers FailedPrecondition.
  WorkingCalendar() = default;

  // InvalidArgument naming the date for: a year given twice, a date outside its year, a date both
  // a holiday and a make-up working day, a make-up working day on Monday to Friday.
  static Result<WorkingCalendar> Create(const std::vector<WorkingYear>& years);

  bool HasYear(int year) const { return years_.count(year) != 0; }
  // The loaded years, ascending.
  std::vector<int> Years() const;

  // Whether `d` is a working day; FailedPrecondition when d's year is not loaded.
  Result<bool> IsWorkingDay(Date d) const;

  // The n-th working day strictly after `d` (n >= 1): AddWorkingDays(Friday, 1) is the next
  // working day, not the Friday. n = 0 returns `d` itself, working day or not. InvalidArgument for
  // n < 0; FailedPrecondition naming the year when the walk reaches a year that is not loaded (the
  // year of `d` itself needs no data: only the days counted do).
  Result<Date> AddWorkingDays(Date d, int n) const;

  // `d` when it is a working day, else the first working day after it; FailedPrecondition as above.
  Result<Date> NextWorkingDayOnOrAfter(Date d) const;

 private:
  struct Year {
    std::set<std::chrono::sys_days> holidays;
    std::set<std::chrono::sys_days> workdays;
  };

  Status MissingYear(int year) const;

  std::map<int, Year> years_;
};

}  // namespace duban
