// Timer names shared by the broker (which cancels timers by name when a step makes them
// pointless) and the roles that set them. A name is unique per suggestion: setting it again moves
// the timer. Names of the reply deadline's timers live with the reminder role
// (workers/reminder/reply_timers.h) and the unit step timers with unit_timers.h; these are the
// ones of closing the loop (replies, evaluations, re-handling, follow-up).
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace duban::protocol {

// Re-handling (重新办理): reminders N days before the new deadline, and the overdue escalation.
inline std::string RehandleRemindTimer(std::int64_t days) {
  return "rehandle.remind." + std::to_string(days) + "d";
}
inline constexpr std::string_view kRehandleOverdueTimer = "rehandle.overdue";
// A second 不满意: the item goes to the directors' meeting agenda at once.
inline constexpr std::string_view kDissatisfiedAgendaTimer = "agenda.dissatisfied";

// The deputy's evaluation (测评) of reply round N: remind, overdue for staff, then a repeating
// chase of staff until it comes.
inline constexpr std::string_view kSurveyRemindTimer = "survey.remind";
inline constexpr std::string_view kSurveyOverdueTimer = "survey.overdue";
inline constexpr std::string_view kSurveyChaseTimer = "survey.chase";

// Follow-up (回头看): per commitment id ("r1c2"), and the periodic look-back round.
inline std::string CommitmentRemindTimer(std::string_view id) {
  return "commit.remind." + std::string(id);
}
inline std::string CommitmentOverdueTimer(std::string_view id) {
  return "commit.overdue." + std::string(id);
}
inline constexpr std::string_view kLookbackTimer = "lookback";
// The followup role's task kinds for a commitment's timers (a reply's, or a session's: those are
// set by duban.session, services/session_rules.h).
inline constexpr std::string_view kCommitmentRemindKind = "commitment_remind";
inline constexpr std::string_view kCommitmentOverdueKind = "commitment_overdue";

// A staff decision (7 days: docs/domain.md#staff-decisions-that-wait) that is still pending: a
// suggestion no rule routed and that waits for assignment by hand ("review"), or a unit's return
// or extension request. The reminder role tells staff when it is late, and again every period
// until it is decided.
inline constexpr std::string_view kDecisionReviewTimer = "decision.review";
inline std::string DecisionTimer(std::string_view request, std::string_view unit) {
  return "decision." + std::string(request) + "." + std::string(unit);  // request: return | extension
}
inline constexpr std::string_view kStaffDecisionKind = "staff_decision";  // reminder role

// The unit step timers the broker cancels when a unit signs, sends its opinion, or the lead unit
// replies (set by workers/reminder/unit_timers.h with these names).
inline std::string SignRemindTimer(std::string_view unit) { return "sign.remind." + std::string(unit); }
inline std::string SignOverdueTimer(std::string_view unit) { return "sign.overdue." + std::string(unit); }
inline std::string OpinionRemind7Timer(std::string_view unit) {
  return "opinion.remind7." + std::string(unit);
}
inline std::string OpinionRemind2Timer(std::string_view unit) {
  return "opinion.remind2." + std::string(unit);
}
inline std::string OpinionOverdueTimer(std::string_view unit) {
  return "opinion.overdue." + std::string(unit);
}

}  // namespace duban::protocol
