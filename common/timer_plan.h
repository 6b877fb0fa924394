// TimerPlan: the due instant of a timer counted in working days, computed from the rule that
// produced it (protocol::TimerPlan: the rule, the local base date, the count, the minute of the
// day) and a working calendar. This is the ONE place that turns a working-day rule into an
// instant: the roles plan their timers through it (workers/runtime/working_hours.h), the broker
// computes every planned timer's due time again through it when it applies an outcome, and
// again when a calendar year arrives or is corrected (`dubanctl calendar replan`), so worker
// and broker agree by construction and a stored timer can always be re-planned from its rule.
//
// Two rules:
//   - next_working_day (n = 0): `base` if it is a working day, else the first working day after;
//   - working_days_after (n >= 1): the n-th working day strictly after `base`
//     (WorkingCalendar::AddWorkingDays: from a Friday, 1 is the next working day, not Friday);
// then `minute` minutes after that day's local midnight.
//
// A date of a year the calendar lacks is judged Monday to Friday — a reminder on an unknown
// holiday takes nothing away from anyone, no reminder at all would be worse — and the result
// says which years were assumed, so the timer can be found and moved when the year arrives.
// WorkingCalendar itself still never guesses (deadlines that take a right away are refused).
//
// Thread rules: pure functions.
// Invariants: PlannedDue::years holds the year of every date the walk judged (contiguous,
// ascending); assumed ⊆ years; the walk is bounded (n <= kMaxPlanWorkingDays, and a run of more
// than kMaxPlanDaysOff days off is refused as a broken calendar file).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "common/working_calendar.h"

namespace duban {

inline constexpr std::string_view kNextWorkingDay = "next_working_day";
inline constexpr std::string_view kWorkingDaysAfter = "working_days_after";
// As config::Validate bounds the working-day figures: a year.
inline constexpr std::int64_t kMaxPlanWorkingDays = 366;
// A run of days off longer than any real one (the longest blocks are 7–9 days): a calendar file
// that marks months as holidays is refused instead of walked for ever.
inline constexpr int kMaxPlanDaysOff = 60;
// Base dates outside these years are refused (due_ms must be a positive instant; calendar files
// span 1949..2999 at most).
inline constexpr int kMinPlanYear = 1971;
inline constexpr int kMaxPlanYear = 2999;

struct PlannedDue {
  Millis due_ms = 0;
  std::vector<std::int64_t> years;    // every year whose days the walk judged, ascending
  std::vector<std::int64_t> assumed;  // of those, the years the calendar lacks (Mon–Fri)
};

// InvalidArgument naming the field for: an unknown rule, a base that is not a YYYY-MM-DD date
// between kMinPlanYear and kMaxPlanYear, n not 0 for next_working_day or not 1..366 for
// working_days_after, a minute outside 0..1439.
Status ValidateTimerPlan(const protocol::TimerPlan& plan);

// The due instant of `plan` on `calendar` in a zone of `utc_offset_minutes`. InvalidArgument as
// ValidateTimerPlan; FailedPrecondition when the walk meets more than kMaxPlanDaysOff days off
// in a row (a broken calendar file).
Result<PlannedDue> ComputePlannedDue(const protocol::TimerPlan& plan,
                                     const WorkingCalendar& calendar,
                                     std::int64_t utc_offset_minutes);

// The compact stored form, kept with a pending timer in Redis: "N|2026-12-28|0|540"
// (next_working_day) or "W|2026-12-28|3|540" (working_days_after).
std::string EncodeStoredPlan(const protocol::TimerPlan& plan);
// InvalidArgument for text that is not such a form of a valid plan.
Result<protocol::TimerPlan> DecodeStoredPlan(std::string_view text);

// For notes people read: "next working day from 2027-01-28" or "3rd working day after
// 2026-12-30".
std::string DescribeTimerPlan(const protocol::TimerPlan& plan);

}  // namespace duban
