#include "workers/reminder/staff_decisions.h"
#include "workers/runtime/outcome_builders.h"

#include <optional>

#include "common/calendar.h"
#include "common/protocol/lifecycle.h"
#include "common/protocol/timer_names.h"
#include "config/config.h"

namespace duban::workers::reminder {
namespace {

constexpr Millis kDayMs = 24 * 3'600'000;
using protocol::DecisionPayload;

// Why the decision is no longer pending, or "" when it still is.
std::string Decided(const protocol::Suggestion& s, const DecisionPayload& p) {
  using protocol::SuggestionState;
  if (p.request == "review") {
    const bool waiting = s.state == SuggestionState::kSubmitted ||
                         s.state == SuggestionState::kInReview ||
                         s.state == SuggestionState::kAccepted;
    return waiting ? "" : "already " + std::string(protocol::StateName(s.state));
  }
  // Once the lead unit replied (or the item ended), a unit's request can no longer be decided.
  if (!protocol::AwaitsReply(s.state)) return "already " + std::string(protocol::StateName(s.state));
  const std::string pending = p.request == "return" ? "RETURN_PENDING" : "EXTENSION_PENDING";
  for (const auto& u : s.units) {
    if (u.unit == p.unit && u.state == pending) return "";
  }
  return "the " + p.request + " request of unit '" + p.unit + "' was decided";
}

// The notice template of the decision `p` waits for.
std::string_view OverdueTemplate(const DecisionPayload& p) {
  if (p.request == "review") return "review_overdue";
  return p.request == "return" ? "return_decision_overdue" : "extension_decision_overdue";
}

}  // namespace

Result<protocol::Outcome> StaffDecisionOutcome(const protocol::Suggestion& s,
                                               std::string_view payload, Millis now,
                                               std::int64_t days, const WorkingHours& hours,
                                               const NoticeTexts& texts) {
  DUBAN_ASSIGN_OR_RETURN(DecisionPayload p, protocol::DecodeDecisionPayload(payload));
  const protocol::TimerSpec again = protocol::DecisionTimerFor(p, now, days);
  if (std::string why = Decided(s, p); !why.empty()) {
    return NoChange("reminder_skipped", again.name + ": " + why);
  }
  const std::int64_t offset = hours.utc_offset_minutes();
  std::set<int> guessed;
  DUBAN_ASSIGN_OR_RETURN(std::optional<PlannedTime> later, DeferralFor(hours, now, &guessed));
  if (later) {
    protocol::Outcome out = NoChange("reminder_deferred", again.name + ": outside working hours; "
                                                                        "moved to " +
                                                                        FormatLocalTime(later->at, offset));
    protocol::TimerSpec moved = again;
    moved.due_ms = later->at;
    moved.plan = later->plan;
    out.timers.push_back(moved);
    return out;
  }
  const std::int64_t waited = (now - p.since_ms) / kDayMs;
  const std::string today = FormatDate(LocalDateOf(now, offset));
  protocol::Outcome out = NoChange(
      "decision_overdue", again.name + ": the " + p.request + " decision has waited " +
                              std::to_string(waited) + " days; staff told, again " +
                              FormatLocalTime(again.due_ms, offset));
  out.notices.push_back({"staff", "decision_overdue",
                         texts(OverdueTemplate(p),
                               {{"code", s.code},
                                {"title", s.draft.title},
                                {"unit", p.unit},
                                {"days", std::to_string(waited)},
                                {"since", FormatDate(LocalDateOf(p.since_ms, offset))}}),
                         again.name + ":" + today + "@staff"});
  out.timers.push_back(again);
  return out;
}

Result<protocol::Outcome> StaffDecisionOutcome(const protocol::Suggestion& s,
                                               std::string_view payload, Millis now,
                                               std::int64_t days, const WorkingHours& hours) {
  static const NoticeTexts kDefault(config::DefaultNotices());
  return StaffDecisionOutcome(s, payload, now, days, hours, kDefault);
}

}  // namespace duban::workers::reminder
