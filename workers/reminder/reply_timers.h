// ReplyTimers: the timers that watch one reply deadline
// (docs/domain.md#reminder-and-escalation-steps):
//   - reply.remind.<N>d for each N of Jurisdiction::reply_reminder_days (30, 15, 5, 1): a "remind"
//     task for this role at the start of working hours N days before the deadline date, moved to
//     the next working day when that date is not one;
//   - reply.overdue: an "overdue" task for the escalation role 1 ms after the deadline;
//   - reply.overdue15: an "agenda" task for the escalation role at the start of working hours
//     agenda_after_overdue_days (15) days after the deadline date. The name stays the same whatever
//     that figure is, so code that cancels the reply's timers names them once.
// Names are per suggestion: setting them again (a new deadline after an extension) moves them.
// Every timer's priority is the deadline, so once due the earliest deadline is served first.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/calendar.h"
#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "workers/runtime/working_hours.h"

namespace duban::workers::reminder {

inline constexpr std::string_view kServiceName = "reminder";  // this role's service
inline constexpr std::string_view kReplyRule = "reply";       // the deadline a reminder is about
// A re-handling's deadline (重新办理): reminders rehandle.remind.<N>d, and rehandle.overdue puts
// the item on the directors' meeting agenda (escalation kind "agenda", payload
// "rehandling_overdue") instead of the reply's two escalations.
inline constexpr std::string_view kRehandlingRule = "rehandling";
inline constexpr std::string_view kRehandlingOverduePayload = "rehandling_overdue";
inline constexpr std::string_view kRemindKind = "remind";
inline constexpr std::string_view kOverdueTimer = "reply.overdue";
inline constexpr std::string_view kAgendaTimer = "reply.overdue15";
// Served by workers/escalation/ (roles do not include each other; these names are the contract).
inline constexpr std::string_view kEscalationService = "escalation";
inline constexpr std::string_view kOverdueKind = "overdue";
inline constexpr std::string_view kAgendaKind = "agenda";

// "reply.remind.30d".
std::string ReminderTimerName(std::int64_t days);
// "reply.remind.30d" or, for the rehandling rule, "rehandle.remind.10d".
std::string ReminderTimerName(std::string_view rule, std::int64_t days);

// What a reminder timer hands back to its "remind" task, as a small msgpack map
// {"rule": "reply", "days": 30, "deadline": "2027-02-27"}.
struct ReminderPayload {
  std::string rule{kReplyRule};
  std::int64_t days = 0;
  std::string deadline;  // the deadline date (YYYY-MM-DD) the reminder was set for
};
std::string EncodeReminderPayload(const ReminderPayload& p);
// InvalidArgument naming the problem for bytes that are not such a map, an unknown rule, days
// below 0 or a deadline that is not a date.
Result<ReminderPayload> DecodeReminderPayload(std::string_view bytes);

// The reminder timer for `p`, due at `at` (with its working-day rule), queued by
// `deadline_due_ms` once due.
protocol::TimerSpec ReminderTimer(const ReminderPayload& p, const PlannedTime& at,
                                  Millis deadline_due_ms);

struct ReplyPlan {
  std::vector<protocol::TimerSpec> timers;  // reminders (latest N first), then the escalations
  std::vector<std::string> cancel;          // reminders not set this time (an older plan's go)
  std::string note;                         // what was set and what not, for the timeline
};

// The timers for `deadline` (its date parsed as `date`) planned at `now`. A reminder is not set
// when its instant is not after `now`, when the next working morning lies beyond the deadline,
// or when it falls on the same morning as the reminder before it (after a long holiday two would
// otherwise arrive together). The escalation timers are always set. FailedPrecondition as
// WorkingHours::OpeningOnOrAfter.
Result<ReplyPlan> PlanReplyTimers(const protocol::Deadline& deadline, Date date, Millis now,
                                  const std::vector<std::int64_t>& reminder_days,
                                  std::int64_t agenda_after_days, const WorkingHours& hours);
// The same for a re-handling deadline (kRehandlingRule): its reminders, and rehandle.overdue.
Result<ReplyPlan> PlanRehandlingTimers(const protocol::Deadline& deadline, Date date, Millis now,
                                       const std::vector<std::int64_t>& reminder_days,
                                       const WorkingHours& hours);

// "; no working calendar for 2027: Monday to Friday assumed", or "" when nothing was guessed.
std::string GuessedYearsNote(const std::set<int>& years);

}  // namespace duban::workers::reminder
