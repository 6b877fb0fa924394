#include "workers/followup/followup_role.h"
#include "workers/runtime/outcome_builders.h"

#include <chrono>
#include <set>
#include <utility>

#include "common/calendar.h"
#include "common/protocol/timer_names.h"
#include "workers/runtime/task_checks.h"

namespace duban::workers::followup {
namespace {

using protocol::SuggestionState;

// The commitment `id` of a reply round, or of a face-to-face session (then `session` is set).
const protocol::Commitment* FindCommitment(const protocol::Suggestion& s, const std::string& id,
                                           const protocol::SessionOutcome** session) {
  *session = nullptr;
  for (const auto& r : s.record.rounds) {
    for (const auto& c : r.commitments) {
      if (c.id == id) return &c;
    }
  }
  for (const auto& o : s.record.sessions) {
    for (const auto& c : o.commitments) {
      if (c.id != id) continue;
      *session = &o;
      return &c;
    }
  }
  return nullptr;
}

}  // namespace

Result<std::unique_ptr<FollowupRole>> FollowupRole::Create(const config::Config& c,
                                                           const Clock& clock) {
  DUBAN_ASSIGN_OR_RETURN(WorkingHours hours, WorkingHours::Create(c));
  return std::unique_ptr<FollowupRole>(
      new FollowupRole(std::move(hours), c.jurisdiction, config::NoticeTextsOf(c), clock));
}

const std::vector<FollowupRole::KindHandler>& FollowupRole::Handlers() {
  static const std::vector<KindHandler> kTable = {
      {kPlanKind, &FollowupRole::Plan},
      {kCommitmentRemindKind, &FollowupRole::Commitment},
      {kCommitmentOverdueKind, &FollowupRole::Commitment},
      {kLookbackKind, &FollowupRole::Lookback},
  };
  return kTable;
}

Result<protocol::Outcome> FollowupRole::Handle(const protocol::TaskMessage& task) {
  DUBAN_ASSIGN_OR_RETURN(const KindHandler* handler, FindKind("followup", task, Handlers()));
  if (!task.suggestion) {
    return InvalidArgument("followup: task " + task.task_id + " carries no suggestion");
  }
  return (this->*(handler->handle))(task, *task.suggestion);
}

Result<protocol::TimerSpec> FollowupRole::LookbackTimer(Millis now) const {
  const Date today = LocalDateOf(now, jurisdiction_.utc_offset_minutes);
  const Date on = AddCalendarMonths(today, static_cast<int>(jurisdiction_.lookback_months));
  std::set<int> guessed;
  DUBAN_ASSIGN_OR_RETURN(PlannedTime at, hours_.OpeningPlan(on, &guessed));
  return protocol::TimerSpec{std::string(protocol::kLookbackTimer), std::string(kServiceName),
                             std::string(kLookbackKind), at.at, 0, "", at.plan};
}

Result<protocol::Outcome> FollowupRole::Plan(const protocol::TaskMessage& /*task*/,
                                             const protocol::Suggestion& s) const {
  if (s.state != SuggestionState::kFollowUp) {
    return NoChange("followup_skipped",
                    "plan: already " + std::string(protocol::StateName(s.state)));
  }
  const Millis now = clock_.NowMs();
  const std::int64_t offset = jurisdiction_.utc_offset_minutes;
  protocol::Outcome out = NoChange("followup_planned", "");
  std::string set;
  for (const auto& round : s.record.rounds) {
    for (const auto& c : round.commitments) {
      if (c.state != "OPEN") continue;
      DUBAN_ASSIGN_OR_RETURN(Date due, ParseDate(c.due));
      const Millis due_end = EndOfLocalDay(due, offset);
      std::set<int> guessed;
      const Date remind_on = AddDays(due, -static_cast<int>(jurisdiction_.commitment_remind_days));
      DUBAN_ASSIGN_OR_RETURN(PlannedTime remind, hours_.OpeningPlan(remind_on, &guessed));
      const Millis remind_at = remind.at;
      if (remind_at > now && remind_at <= due_end) {
        out.timers.push_back({protocol::CommitmentRemindTimer(c.id), std::string(kServiceName),
                              std::string(kCommitmentRemindKind), remind_at, due_end, c.id,
                              remind.plan});
        set += (set.empty() ? "" : ", ") + c.id + " remind " + FormatLocalTime(remind_at, offset);
      }
      out.timers.push_back({protocol::CommitmentOverdueTimer(c.id), std::string(kServiceName),
                            std::string(kCommitmentOverdueKind), std::max(due_end + 1, now), due_end,
                            c.id});
      set += (set.empty() ? "" : ", ") + c.id + " due " + c.due;
    }
  }
  DUBAN_ASSIGN_OR_RETURN(protocol::TimerSpec lookback, LookbackTimer(now));
  out.timers.push_back(lookback);
  out.note = "follow-up (回头看): " + (set.empty() ? "no open commitment" : set) +
             "; look-back round due " + FormatLocalTime(lookback.due_ms, offset);
  return out;
}

Result<protocol::Outcome> FollowupRole::Commitment(const protocol::TaskMessage& task,
                                                   const protocol::Suggestion& s) const {
  const bool overdue = task.kind == kCommitmentOverdueKind;
  const std::string name = overdue ? protocol::CommitmentOverdueTimer(task.payload)
                                   : protocol::CommitmentRemindTimer(task.payload);
  const protocol::SessionOutcome* session = nullptr;
  const protocol::Commitment* c = FindCommitment(s, task.payload, &session);
  // A reply's commitments are followed in FOLLOW_UP; a session's until closed out, whatever the
  // suggestion's handling, unless it was withdrawn or merged.
  const bool followed = session != nullptr ? s.state != SuggestionState::kWithdrawn &&
                                                 s.state != SuggestionState::kMerged
                                           : s.state == SuggestionState::kFollowUp;
  if (!followed) {
    return NoChange("followup_skipped",
                    name + ": already " + std::string(protocol::StateName(s.state)));
  }
  if (c == nullptr) {
    return InvalidArgument("followup: task " + task.task_id + " names commitment '" +
                           task.payload + "', which " + s.code + " does not have");
  }
  if (c->state != "OPEN") return NoChange("followup_skipped", name + ": " + c->id + " is met");
  const Millis now = clock_.NowMs();
  const std::int64_t offset = jurisdiction_.utc_offset_minutes;
  std::set<int> guessed;
  DUBAN_ASSIGN_OR_RETURN(std::optional<PlannedTime> later, DeferralFor(hours_, now, &guessed));
  if (later) {
    protocol::Outcome out = NoChange("followup_deferred", name + ": fired outside working hours (" +
                                                              FormatLocalTime(now, offset) +
                                                              "); moved to " +
                                                              FormatLocalTime(later->at, offset));
    out.timers.push_back(
        {name, std::string(kServiceName), task.kind, later->at, 0, task.payload, later->plan});
    return out;
  }
  const std::string lead =
      "unit:" + (session != nullptr && !session->unit.empty() ? session->unit : LeadUnitOf(s));
  const std::string text =
      texts_(overdue ? "commitment_overdue" : "commitment_reminder",
             {{"code", s.code}, {"title", s.draft.title}, {"id", c->id}, {"text", c->text},
              {"due", c->due}});
  protocol::Outcome out = NoChange(overdue ? "commitment_overdue" : "commitment_reminded", "");
  if (overdue) {
    out.notices.push_back({"staff", "commitment_overdue", text, name + "@staff"});
    out.notices.push_back({lead, "commitment_overdue", text, name + "@" + lead});
    out.note = name + ": " + c->id + " due " + c->due + " not met; staff and " + lead + " told";
  } else {
    out.notices.push_back({lead, "commitment_reminder", text, name + "@" + lead});
    out.note = name + ": " + lead + " reminded of " + c->id + " due " + c->due;
  }
  return out;
}

Result<protocol::Outcome> FollowupRole::Lookback(const protocol::TaskMessage& /*task*/,
                                                 const protocol::Suggestion& s) const {
  const std::string name(protocol::kLookbackTimer);
  if (s.state != SuggestionState::kFollowUp) {
    return NoChange("followup_skipped",
                    name + ": already " + std::string(protocol::StateName(s.state)));
  }
  const Millis now = clock_.NowMs();
  const std::int64_t offset = jurisdiction_.utc_offset_minutes;
  std::set<int> guessed;
  DUBAN_ASSIGN_OR_RETURN(std::optional<PlannedTime> later, DeferralFor(hours_, now, &guessed));
  if (later) {
    protocol::Outcome out = NoChange("followup_deferred", name + ": fired outside working hours; "
                                                              "moved to " +
                                                              FormatLocalTime(later->at, offset));
    out.timers.push_back({name, std::string(kServiceName), std::string(kLookbackKind), later->at,
                          0, "", later->plan});
    return out;
  }
  const std::string today = FormatDate(LocalDateOf(now, offset));
  const std::string lead = "unit:" + LeadUnitOf(s);
  const std::string text =
      texts_("lookback_due", {{"code", s.code},
                              {"title", s.draft.title},
                              {"lookbacks", std::to_string(s.record.lookbacks)}});
  protocol::Outcome out = NoChange("lookback_due", "");
  out.notices.push_back({"staff", "lookback", text, name + ":" + today + "@staff"});
  out.notices.push_back({lead, "lookback", text, name + ":" + today + "@" + lead});
  DUBAN_ASSIGN_OR_RETURN(protocol::TimerSpec next, LookbackTimer(now));
  out.timers.push_back(next);
  out.note = "look-back round (回头看) due; staff and " + lead + " told; next " +
             FormatLocalTime(next.due_ms, offset);
  return out;
}

static const RoleRegistration kRegistration(
    std::string(kServiceName),
    [](const config::Config& c, const Clock& clock) -> Result<std::unique_ptr<Role>> {
      DUBAN_ASSIGN_OR_RETURN(std::unique_ptr<FollowupRole> role, FollowupRole::Create(c, clock));
      return std::unique_ptr<Role>(std::move(role));
    });

}  // namespace duban::workers::followup
