// TimerPlans: the broker's side of timers counted in working days (common/timer_plan.h).
//
// When the broker applies an outcome (a role's, or its own decision's), every timer that carries
// a plan gets its due time computed again from the plan on the broker's calendar, and the years
// that computation read and assumed: the stored timer is then always the broker's reading of its
// rule, whatever calendar the worker that planned it had loaded (a worker not yet restarted after
// a new year was added), as the stored task — not the worker's word — is the authority over a
// reply. DecideReplan is the same computation at re-plan time (duban.calendar), for one timer as
// the store holds it.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "broker/loaded_calendar.h"
#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "common/store/calendar_store.h"
#include "common/working_calendar.h"

namespace duban::broker {

// Sets due_ms, plan_years and assumed_years of every timer with a plan. Returns how many due_ms
// changed (the sender's calendar differed). InvalidArgument naming the timer for a plan the codec
// should have refused; FailedPrecondition for a calendar without a working day in 60 days.
Result<int> ApplyTimerPlans(std::vector<protocol::TimerSpec>* timers,
                            const WorkingCalendar& calendar, std::int64_t utc_offset_minutes);

// What a re-plan of one year does with one pending planned timer of a suggestion of its index.
struct TimerReplan {
  enum class Kind {
    kOtherYear,   // its due time neither read nor reads the year: not this year's business
    kKeep,        // same due time, same years read and assumed: nothing to write
    kReindex,     // same due time, other years read or assumed: the indexes only
    kMove,        // a new due time (and indexes), with a timeline entry
    kUnreadable,  // its stored plan or due time cannot be read, or the walk failed: left alone
  };
  Kind kind = Kind::kKeep;
  protocol::TimerPlan plan;
  Millis old_due_ms = 0;
  Millis new_due_ms = 0;  // never before `now`: a date that has passed fires at once
  std::vector<std::int64_t> old_years;  // the years its stored due time read
  std::vector<std::int64_t> years, assumed;  // what the calendar reads now
  std::string problem;  // kUnreadable: why
};

// The re-plan of `row` for `year` on `calendar` at domain time `now`. A due time that moves but
// stays in the past (both the old and the new are <= now) is kept: the timer fires at the next
// pump anyway.
TimerReplan DecideReplan(const store::PlannedTimerRow& row, std::int64_t year,
                         const WorkingCalendar& calendar, std::int64_t utc_offset_minutes,
                         Millis now);

// The years a plan's walk read to reach `due_ms`: from the first date it judged (the base date;
// for working_days_after the day after) to the local date of `due_ms`.
std::vector<std::int64_t> YearsRead(const protocol::TimerPlan& plan, Millis due_ms,
                                    std::int64_t utc_offset_minutes);

// The timeline entry of a move: "reply.remind.5d: 2027-02-01 09:00 → 2027-02-02 09:00 (next
// working day from 2027-01-31; working calendar 2027: <notice>)".
std::string ReplanNote(const std::string& timer, const TimerReplan& r,
                       const LoadedCalendar& calendar, std::int64_t utc_offset_minutes);

// "2027-02-01 09:00", local time.
std::string FormatLocalMinute(Millis t, std::int64_t utc_offset_minutes);

}  // namespace duban::broker
