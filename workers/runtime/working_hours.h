// WorkingHours: when a reminder may go out: in working hours on working days
// (docs/domain.md#working-hours) — a working day of the jurisdiction's calendar
// (common/working_calendar.h), from work_start_minute to work_end_minute local time
// (config::Jurisdiction, 09:00–18:00 by default).
//
// A date of a year the calendar has not loaded is judged Monday to Friday. WorkingCalendar refuses
// to guess because a deadline counted wrongly takes a right away from someone; a reminder sent a
// day off around an unknown holiday takes nothing away, and no reminder at all would be worse.
// Every query that guessed adds the year to `guessed_years`, so the role says so in its note; the
// *Plan queries also return the rule, which the role puts on the timer so that the broker can move
// it when the year's calendar arrives (`dubanctl calendar replan`).
//
// Thread rules: immutable after Create(); the queries are pure.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "common/calendar.h"
#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "common/timer_plan.h"
#include "common/working_calendar.h"
#include "config/config.h"

namespace duban::workers {

// A working-day instant and the rule it comes from: what a timer set for it carries as its plan
// (protocol::TimerSpec::plan), so the broker can compute it again when the calendar changes.
struct PlannedTime {
  Millis at = 0;
  protocol::TimerPlan plan;
};

class WorkingHours {
 public:
  // The hours and calendar of `c`. InvalidArgument when the calendar years are inconsistent (see
  // config::BuildWorkingCalendar) or the hours are not 0 <= start < end <= 24:00.
  static Result<WorkingHours> Create(const config::Config& c);

  // Whether `d` is a working day; a year the calendar lacks is judged Monday to Friday and added
  // to *guessed_years (when not null).
  bool IsWorkingDay(Date d, std::set<int>* guessed_years) const;

  // Whether `t` falls in working hours ([start, end) local) of a working day.
  bool IsOpen(Millis t, std::set<int>* guessed_years) const;

  // The start of working hours on `d` if it is a working day, else on the first working day after
  // it. FailedPrecondition if the calendar shows no working day within kMaxDaysOff days (possible
  // only for a calendar file that marks months as holidays by mistake).
  Result<Millis> OpeningOnOrAfter(Date d, std::set<int>* guessed_years) const;

  // The first start of working hours at or after `t`: today's when `t` is on a working day before
  // it, else that of the next working day. Errors as OpeningOnOrAfter.
  Result<Millis> NextOpening(Millis t, std::set<int>* guessed_years) const;

  // The n-th working day strictly after `d` (n >= 1; n = 0 is `d`), counted by
  // WorkingCalendar::AddWorkingDays when the calendar has every year the count reaches; otherwise
  // the days of a missing year are judged Monday to Friday and that year is added to
  // *guessed_years. InvalidArgument for n < 0; FailedPrecondition when a walk finds no working day
  // within kMaxDaysOff days (a broken calendar file).
  Result<Date> AddWorkingDays(Date d, int n, std::set<int>* guessed_years) const;

  // The same instants with their rule, computed by common/timer_plan.h (ComputePlannedDue) —
  // the function the broker uses too: OpeningOnOrAfter as next_working_day from `d`;
  // AddWorkingDays then the opening as working_days_after `d` (n = 0: next_working_day from `d`);
  // NextOpening as next_working_day from today (before today's opening) or tomorrow. A year the
  // calendar lacks is judged Monday to Friday and added to *guessed_years. Errors as above.
  Result<PlannedTime> OpeningPlan(Date d, std::set<int>* guessed_years) const;
  Result<PlannedTime> WorkingDaysPlan(Date d, int n, std::set<int>* guessed_years) const;
  Result<PlannedTime> NextOpeningPlan(Millis t, std::set<int>* guessed_years) const;

  // The start of working hours on `d`, working day or not (the agenda timer's instant).
  Millis StartOn(Date d) const;

  std::int64_t utc_offset_minutes() const { return utc_offset_minutes_; }

  // A run of days off longer than any real one (the Spring Festival and National Day blocks are
  // 7–9 days), so a walk over the calendar always ends.
  static constexpr int kMaxDaysOff = kMaxPlanDaysOff;

 private:
  WorkingHours(WorkingCalendar calendar, std::int64_t utc_offset_minutes, std::int64_t start_minute,
               std::int64_t end_minute)
      : calendar_(std::move(calendar)),
        utc_offset_minutes_(utc_offset_minutes),
        start_minute_(start_minute),
        end_minute_(end_minute) {}

  WorkingCalendar calendar_;
  std::int64_t utc_offset_minutes_;
  std::int64_t start_minute_;  // minutes after local midnight
  std::int64_t end_minute_;
};

// "2027-01-28 09:00", local time, for notes people read.
std::string FormatLocalTime(Millis t, std::int64_t utc_offset_minutes);

// A notice due at `now` outside working hours waits: the next working morning to move its timer
// to (with its rule, for the timer's plan), or nullopt when `now` is in working hours. Errors as
// WorkingHours::NextOpening.
Result<std::optional<PlannedTime>> DeferralFor(const WorkingHours& hours, Millis now,
                                               std::set<int>* guessed_years);

}  // namespace duban::workers
