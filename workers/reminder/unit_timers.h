// UnitTimers: the timers that watch each handling unit's own steps
// (docs/domain.md#reminder-and-escalation-steps), set by "schedule" next to the reply's
// (reply_timers.h), all counted from the local date of the assignment (交办,
// Suggestion::assigned_ms):
//   - a unit task still ISSUED (not signed for, 签收): sign.remind.<unit>, a "sign_remind" task at
//     the start of working hours on the sign_remind_working_days-th (2nd) working day after the
//     assignment date, and sign.overdue.<unit>, a "sign_overdue" task on the
//     sign_overdue_working_days-th (3rd);
//   - a co-handler (协办) that has not sent its opinion (协办意见): the opinion is due
//     opinion_months (1) calendar months after the assignment date, clamped like the reply;
//     opinion.remind7.<unit> and opinion.remind2.<unit>, "opinion_remind" tasks at the start of
//     working hours opinion_reminder_days (7 and 2) days before it, moved to the next working day;
//     opinion.overdue.<unit>, an "opinion_overdue" task 1 ms after the deadline day.
//
// Invariants a maintainer must keep:
//   - The names are fixed whatever the figures: the broker cancels exactly these names when a unit
//     signs or sends its opinion (services/unit_tasks.cc). The larger opinion figure always takes
//     the remind7 name and the smaller the remind2 name.
//   - A timer whose instant is not after now is not set, and nothing is cancelled: "schedule" runs
//     again after an extension, and must neither fire a step that already fired nor drop one that
//     was deferred to the next working morning under the same name.
//   - Each payload names its timer, so a deferred step is set again under the same name (and the
//     broker can still cancel it).
//
// Thread rules: pure functions and plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/calendar.h"
#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "config/config.h"
#include "workers/runtime/working_hours.h"

namespace duban::workers::reminder {

inline constexpr std::string_view kSignRemindKind = "sign_remind";
inline constexpr std::string_view kSignOverdueKind = "sign_overdue";
inline constexpr std::string_view kOpinionRemindKind = "opinion_remind";
inline constexpr std::string_view kOpinionOverdueKind = "opinion_overdue";

// "sign.remind.jyj", "sign.overdue.jyj", "opinion.remind7.czj" (slot 0, the larger figure) or
// "opinion.remind2.czj" (slot 1), "opinion.overdue.czj".
std::string SignRemindTimerName(std::string_view unit);
std::string SignOverdueTimerName(std::string_view unit);
std::string OpinionRemindTimerName(std::size_t slot, std::string_view unit);
std::string OpinionOverdueTimerName(std::string_view unit);

// Unit task states whose part is over: a co-handler that sent its opinion, a lead that replied,
// a unit the suggestion was re-assigned away from.
bool UnitPartDone(std::string_view state);

// The task of `unit` on `s` that is not REASSIGNED (a unit re-assigned away and back has a live
// entry and a REASSIGNED one), or nullptr.
const protocol::UnitAssignment* ActiveUnit(const protocol::Suggestion& s, std::string_view unit);

// The figures of the jurisdiction, checked once.
struct UnitTimerRules {
  int sign_remind_working_days = 2;
  int sign_overdue_working_days = 3;
  int opinion_months = 1;
  std::vector<int> opinion_reminder_days = {7, 2};  // descending: slot 0 is remind7

  // InvalidArgument for figures config::Validate refuses too (a Config built in code is not
  // always validated): sign days not 1 <= remind < overdue <= 366, opinion_months not 1..120,
  // more than two opinion reminders, or one outside 1..366 or given twice.
  static Result<UnitTimerRules> FromJurisdiction(const config::Jurisdiction& j);
};

// What a unit timer hands back to its task, as a small msgpack map
// {"timer": "sign.remind.jyj", "unit": "jyj", "days": 2, "date": "2026-02-13"}.
struct UnitTimerPayload {
  std::string timer;      // the timer's own name, to set it again when deferred
  std::string unit;       // the unit whose step it watches
  std::int64_t days = 0;  // sign: working days after assignment; opinion: days before (0: overdue)
  std::string date;       // sign: the assignment date; opinion: its deadline (YYYY-MM-DD)
};
std::string EncodeUnitTimerPayload(const UnitTimerPayload& p);
// InvalidArgument naming the problem for bytes that are not such a map, an empty unit, a timer
// name that does not end in ".<unit>", days below 0 or a date that is not a date.
Result<UnitTimerPayload> DecodeUnitTimerPayload(std::string_view bytes);

// The timer of `kind` ("sign_remind", ...) for `p`, due at `due_ms`, queued by `priority_ms`
// once due (0 = due_ms); `plan`: the working-day rule of due_ms, when it has one.
protocol::TimerSpec UnitTimer(std::string_view kind, const UnitTimerPayload& p, Millis due_ms,
                              Millis priority_ms,
                              std::optional<protocol::TimerPlan> plan = std::nullopt);

// The opinion deadline (the last day) of a suggestion assigned on `assigned`.
Date OpinionDeadline(Date assigned, const UnitTimerRules& rules);

struct UnitPlan {
  std::vector<protocol::TimerSpec> timers;  // per unit, leads first: sign, then opinion timers
  std::string note;                         // what was set and what not, for the timeline
};

// The unit timers of `s` planned at `now`. No timers, and a note saying so, when s has no
// assignment date (assigned_ms 0: a suggestion stored before the date was kept). An opinion
// reminder is not set when its instant has passed, when no working morning is left before the
// deadline, or when it falls on the same morning as the one before it; a unit whose id is too
// long for a timer name gets none (the note says so). FailedPrecondition as
// WorkingHours::AddWorkingDays and OpeningOnOrAfter.
Result<UnitPlan> PlanUnitTimers(const protocol::Suggestion& s, Millis now,
                                const UnitTimerRules& rules, const WorkingHours& hours);

}  // namespace duban::workers::reminder
