#include "workers/reminder/reminder_role.h"
#include "workers/runtime/outcome_builders.h"

#include "workers/runtime/task_checks.h"

#include <chrono>
#include <set>
#include <string>

#include "common/log.h"
#include "common/protocol/lifecycle.h"
#include "workers/reminder/reply_timers.h"
#include "workers/reminder/staff_decisions.h"
#include "workers/reminder/unit_notices.h"
#include "common/protocol/timer_names.h"

namespace duban::workers::reminder {
namespace {

using protocol::SuggestionState;

using protocol::AwaitsReply;

protocol::Outcome Skipped(std::string note) {
  return NoChange("reminder_skipped", std::move(note));
}

// The reminder of `p`'s deadline: a reply or re-handling one, on its day or `days_left` before.
std::string ReminderText(const NoticeTexts& texts, const protocol::Suggestion& s,
                         const ReminderPayload& p, std::int64_t days_left) {
  const bool rehandling = p.rule == kRehandlingRule;
  if (days_left == 0) {
    return texts(rehandling ? "rehandling_reminder_today" : "reply_reminder_today",
                 {{"code", s.code}, {"title", s.draft.title}, {"deadline", p.deadline}});
  }
  return texts(rehandling ? "rehandling_reminder" : "reply_reminder",
               {{"code", s.code},
                {"title", s.draft.title},
                {"deadline", p.deadline},
                {"days_left", std::to_string(days_left)}});
}

}  // namespace

Result<std::unique_ptr<ReminderRole>> ReminderRole::Create(const config::Config& c,
                                                           const Clock& clock) {
  DUBAN_ASSIGN_OR_RETURN(WorkingHours hours, WorkingHours::Create(c));
  DUBAN_ASSIGN_OR_RETURN(UnitTimerRules unit_rules,
                         UnitTimerRules::FromJurisdiction(c.jurisdiction));
  return std::unique_ptr<ReminderRole>(new ReminderRole(
      std::move(hours), std::move(unit_rules), c.jurisdiction, config::NoticeTextsOf(c), clock));
}

const std::vector<ReminderRole::KindHandler>& ReminderRole::Handlers() {
  static const std::vector<KindHandler> kTable = {
      {kScheduleKind, &ReminderRole::Schedule},
      {kRemindKind, &ReminderRole::Remind},
      {kSignRemindKind, &ReminderRole::RemindUnit},
      {kSignOverdueKind, &ReminderRole::RemindUnit},
      {kOpinionRemindKind, &ReminderRole::RemindUnit},
      {kOpinionOverdueKind, &ReminderRole::RemindUnit},
  };
  return kTable;
}

Result<protocol::Outcome> ReminderRole::Handle(const protocol::TaskMessage& task) {
  if (task.kind == protocol::kStaffDecisionKind) {
    // A staff decision has no reply deadline (a suggestion waiting for assignment has none yet).
    if (!task.suggestion) {
      return InvalidArgument("reminder: task " + task.task_id + " carries no suggestion");
    }
    return StaffDecisionOutcome(*task.suggestion, task.payload, clock_.NowMs(),
                                jurisdiction_.staff_decision_days, hours_, texts_);
  }
  DUBAN_ASSIGN_OR_RETURN(const KindHandler* handler, FindKind("reminder", task, Handlers()));
  DUBAN_ASSIGN_OR_RETURN(SuggestionDeadline sd, TaskSuggestionDeadline("reminder", task));
  return (this->*(handler->handle))(task, *sd.suggestion, sd.deadline);
}

Result<protocol::Outcome> ReminderRole::Schedule(const protocol::TaskMessage& /*task*/,
                                                 const protocol::Suggestion& s,
                                                 Date deadline) const {
  if (!AwaitsReply(s.state)) {
    return NoChange("schedule_skipped", "already " + std::string(protocol::StateName(s.state)) +
                                            "; no reminders to set");
  }
  const Millis now = clock_.NowMs();
  if (s.state == SuggestionState::kRehandling) {
    // Re-handling (重新办理): its own reminders and the agenda escalation; the unit steps (sign,
    // opinion) belong to the first handling.
    DUBAN_ASSIGN_OR_RETURN(ReplyPlan plan,
                           PlanRehandlingTimers(*s.deadline, deadline, now,
                                                jurisdiction_.rehandling_reminder_days, hours_));
    protocol::Outcome out = NoChange("reminders_scheduled", plan.note);
    out.timers = std::move(plan.timers);
    out.cancel_timers = std::move(plan.cancel);
    return out;
  }
  DUBAN_ASSIGN_OR_RETURN(
      ReplyPlan plan, PlanReplyTimers(*s.deadline, deadline, now, jurisdiction_.reply_reminder_days,
                                      jurisdiction_.agenda_after_overdue_days, hours_));
  // Only units that still owe a step get its timers: after an extension ("reschedule") a unit
  // that signed or sent its opinion gets none again.
  DUBAN_ASSIGN_OR_RETURN(UnitPlan units, PlanUnitTimers(s, now, unit_rules_, hours_));
  protocol::Outcome out = NoChange("reminders_scheduled", plan.note + "; " + units.note);
  out.timers = std::move(plan.timers);
  out.timers.insert(out.timers.end(), units.timers.begin(), units.timers.end());
  out.cancel_timers = std::move(plan.cancel);
  Logger("worker.reminder")->debug("{}: {}", s.code, out.note);
  return out;
}

Result<protocol::Outcome> ReminderRole::Remind(const protocol::TaskMessage& task,
                                               const protocol::Suggestion& s, Date deadline) const {
  Result<ReminderPayload> payload = DecodeReminderPayload(task.payload);
  if (!payload.ok()) {
    return InvalidArgument("reminder: task " + task.task_id + " for " + s.code + ": " +
                           payload.status().message());
  }
  const ReminderPayload& p = *payload;
  const std::string name = ReminderTimerName(p.rule, p.days);
  // A reply reminder belongs to the first handling, a re-handling one to REHANDLING.
  const bool rehandling = s.state == SuggestionState::kRehandling;
  if (!AwaitsReply(s.state) || rehandling != (p.rule == kRehandlingRule)) {
    return Skipped(name + ": already " + std::string(protocol::StateName(s.state)));
  }
  if (p.deadline != s.deadline->date) {
    // Set for a deadline that has since moved (an extension); the new one has its own timers.
    return Skipped(name + ": set for the deadline " + p.deadline + ", which is now " +
                   s.deadline->date);
  }

  const Millis now = clock_.NowMs();
  const std::int64_t offset = jurisdiction_.utc_offset_minutes;
  std::set<int> guessed;
  if (!hours_.IsOpen(now, &guessed)) {
    // The timer fired at night or on a day off (or the broker was down at its time).
    DUBAN_ASSIGN_OR_RETURN(PlannedTime planned, hours_.NextOpeningPlan(now, &guessed));
    const Millis next = planned.at;
    if (next > s.deadline->due_ms) {
      return Skipped(name + ": fired outside working hours (" + FormatLocalTime(now, offset) +
                     ") and no working morning is left before the deadline " + p.deadline +
                     GuessedYearsNote(guessed));
    }
    protocol::Outcome out =
        NoChange("reminder_deferred",
                 name + ": fired outside working hours (" + FormatLocalTime(now, offset) +
                     "); moved to " + FormatLocalTime(next, offset) + GuessedYearsNote(guessed));
    out.timers.push_back(ReminderTimer(p, planned, s.deadline->due_ms));
    return out;
  }

  const std::int64_t days_left =
      (std::chrono::sys_days{deadline} - std::chrono::sys_days{LocalDateOf(now, offset)}).count();
  if (days_left < 0) {
    return Skipped(name + ": the deadline " + p.deadline +
                   " has passed; the overdue escalation takes over");
  }
  const std::string text = ReminderText(texts_, s, p, days_left);
  const std::string key = name + ":" + p.deadline;
  protocol::Outcome out = NoChange("reminded", "");
  std::string recipients;
  // Lead units first, so the list reads 主办 then 协办 whatever order the units were stored in.
  for (protocol::UnitRole role : {protocol::UnitRole::kLead, protocol::UnitRole::kCo}) {
    for (const protocol::UnitAssignment& u : s.units) {
      if (u.role != role || UnitPartDone(u.state)) continue;
      const std::string to = "unit:" + u.unit;
      out.notices.push_back({to, "reminder", text, key + "@" + to});
      recipients += (recipients.empty() ? "" : ", ") + to;
    }
  }
  if (out.notices.empty()) return Skipped(name + ": no unit is still handling it");
  out.note = name + " (deadline " + p.deadline + ", " + std::to_string(days_left) +
             " days left) to " + recipients;
  Logger("worker.reminder")->debug("{}: {}", s.code, out.note);
  return out;
}

Result<protocol::Outcome> ReminderRole::RemindUnit(const protocol::TaskMessage& task,
                                                   const protocol::Suggestion& s,
                                                   Date /*deadline*/) const {
  const UnitStep* step = FindUnitStep(task.kind);
  if (step == nullptr) {  // Handlers() routes only unit step kinds here
    return Internal("reminder: no unit step for kind '" + task.kind + "'");
  }
  Result<UnitTimerPayload> payload = DecodeUnitTimerPayload(task.payload);
  if (!payload.ok()) {
    return InvalidArgument("reminder: task " + task.task_id + " (" + task.kind + ") for " + s.code +
                           ": " + payload.status().message());
  }
  const UnitTimerPayload& p = *payload;
  const std::string& name = p.timer;
  if (!AwaitsReply(s.state)) {
    return Skipped(name + ": already " + std::string(protocol::StateName(s.state)));
  }
  const protocol::UnitAssignment* unit = ActiveUnit(s, p.unit);
  if (unit == nullptr) return Skipped(name + ": unit '" + p.unit + "' has no task on " + s.code);
  if (!step->owed(*unit)) {
    return Skipped(name + ": unit '" + p.unit + "' (" +
                   std::string(protocol::RoleName(unit->role)) + ") is " + unit->state);
  }

  const Millis now = clock_.NowMs();
  const std::int64_t offset = jurisdiction_.utc_offset_minutes;
  const Date date = *ParseDate(p.date);  // checked by DecodeUnitTimerPayload
  const Millis deadline_end = EndOfLocalDay(date, offset);
  std::set<int> guessed;
  if (!hours_.IsOpen(now, &guessed)) {
    DUBAN_ASSIGN_OR_RETURN(PlannedTime planned, hours_.NextOpeningPlan(now, &guessed));
    const Millis next = planned.at;
    if (step->before_deadline && next > deadline_end) {
      return Skipped(name + ": fired outside working hours (" + FormatLocalTime(now, offset) +
                     ") and no working morning is left before the deadline " + p.date +
                     GuessedYearsNote(guessed));
    }
    protocol::Outcome out =
        NoChange("reminder_deferred",
                 name + ": fired outside working hours (" + FormatLocalTime(now, offset) +
                     "); moved to " + FormatLocalTime(next, offset) + GuessedYearsNote(guessed));
    out.timers.push_back(UnitTimer(task.kind, p, next, step->date_is_deadline ? deadline_end : 0,
                                   planned.plan));
    return out;
  }

  const Date today = LocalDateOf(now, offset);
  if (step->before_deadline && std::chrono::sys_days{today} > std::chrono::sys_days{date}) {
    return Skipped(name + ": the deadline " + p.date + " has passed; " +
                   OpinionOverdueTimerName(p.unit) + " takes over");
  }
  UnitNotices n = step->notices(s, p, today, texts_);
  std::string recipients;
  for (const protocol::Notice& notice : n.notices) {
    recipients += (recipients.empty() ? "" : ", ") + notice.recipient;
  }
  protocol::Outcome out =
      NoChange(std::string(step->action), name + " (" + n.detail + ") to " + recipients);
  out.notices = std::move(n.notices);
  Logger("worker.reminder")->debug("{}: {}", s.code, out.note);
  return out;
}

// Links the role into duban-worker --role reminder (the library is linked whole, see
// workers/CMakeLists.txt).
static const RoleRegistration kRegistration(
    std::string(kServiceName),
    [](const config::Config& c, const Clock& clock) -> Result<std::unique_ptr<Role>> {
      DUBAN_ASSIGN_OR_RETURN(std::unique_ptr<ReminderRole> role, ReminderRole::Create(c, clock));
      return std::unique_ptr<Role>(std::move(role));
    });

}  // namespace duban::workers::reminder
