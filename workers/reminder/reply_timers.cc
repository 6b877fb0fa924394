#include "workers/reminder/reply_timers.h"

#include <algorithm>
#include <functional>
#include <set>

#include "common/protocol/timer_names.h"
#include "common/protocol/wire.h"

namespace duban::workers::reminder {

std::string ReminderTimerName(std::int64_t days) {
  return "reply.remind." + std::to_string(days) + "d";
}

std::string ReminderTimerName(std::string_view rule, std::int64_t days) {
  return rule == kRehandlingRule ? protocol::RehandleRemindTimer(days) : ReminderTimerName(days);
}

std::string EncodeReminderPayload(const ReminderPayload& p) {
  protocol::MapWriter w;
  w.Str("rule", p.rule).Int("days", p.days).Str("deadline", p.deadline);
  return w.Take();
}

Result<ReminderPayload> DecodeReminderPayload(std::string_view bytes) {
  auto bad = [](const std::string& why) { return InvalidArgument("reminder payload: " + why); };
  Result<protocol::MapReader> parsed = protocol::MapReader::Parse(bytes);
  if (!parsed.ok()) return bad(parsed.status().message());
  protocol::MapReader& r = *parsed;
  ReminderPayload p;
  for (Status s : {r.Str("rule", &p.rule), r.Int("days", &p.days), r.Str("deadline", &p.deadline),
                   r.Finish()}) {
    if (!s.ok()) return bad(s.message());
  }
  if (p.rule != kReplyRule && p.rule != kRehandlingRule) return bad("unknown rule '" + p.rule + "'");
  if (p.days < 0) return bad("days must not be negative (got " + std::to_string(p.days) + ")");
  if (Status s = ParseDate(p.deadline).status(); !s.ok()) return bad(s.message());
  return p;
}

protocol::TimerSpec ReminderTimer(const ReminderPayload& p, const PlannedTime& at,
                                  Millis deadline_due_ms) {
  return {ReminderTimerName(p.rule, p.days), std::string(kServiceName), std::string(kRemindKind),
          at.at,  deadline_due_ms, EncodeReminderPayload(p), at.plan};
}

std::string GuessedYearsNote(const std::set<int>& years) {
  if (years.empty()) return "";
  std::string list;
  for (int y : years) list += (list.empty() ? "" : ", ") + std::to_string(y);
  return "; no working calendar for " + list + ": Monday to Friday assumed";
}

namespace {

// The reminders of `rule` for `deadline` (see PlanReplyTimers); the escalations are the caller's.
Result<ReplyPlan> PlanReminders(std::string_view rule, const protocol::Deadline& deadline, Date date,
                                Millis now, const std::vector<std::int64_t>& reminder_days,
                                const WorkingHours& hours, std::set<int>& guessed) {
  const std::int64_t offset = hours.utc_offset_minutes();
  std::vector<std::int64_t> days = reminder_days;
  std::sort(days.begin(), days.end(), std::greater<>());

  ReplyPlan plan;
  std::string set, not_set;
  auto add = [](std::string& list, const std::string& item) {
    list += (list.empty() ? "" : ", ") + item;
  };
  Millis previous_at = 0;  // the last reminder set, 0 = none yet
  std::int64_t previous_days = 0;
  for (std::int64_t n : days) {
    const std::string name = ReminderTimerName(rule, n);
    const Date on = AddDays(date, -static_cast<int>(n));
    DUBAN_ASSIGN_OR_RETURN(PlannedTime planned, hours.OpeningPlan(on, &guessed));
    const Millis at = planned.at;
    std::string skipped;
    if (at <= now) {
      skipped = name + " (" + FormatLocalTime(at, offset) + " has passed)";
    } else if (at > deadline.due_ms) {
      skipped = name + " (no working day from " + FormatDate(on) + " to the deadline)";
    } else if (previous_at == at) {
      skipped = name + " (same morning as " + ReminderTimerName(rule, previous_days) + ")";
    }
    if (!skipped.empty()) {
      plan.cancel.push_back(name);
      add(not_set, skipped);
      continue;
    }
    ReminderPayload payload{std::string(rule), n, deadline.date};
    plan.timers.push_back(ReminderTimer(payload, planned, deadline.due_ms));
    previous_at = at;
    previous_days = n;
    const bool moved = LocalDateOf(at, offset) != on;
    add(set, name + " " + FormatLocalTime(at, offset) +
                 (moved ? " (moved from " + FormatDate(on) + ")" : ""));
  }

  plan.note = std::string(rule) + " deadline " + deadline.date + ": reminders " +
              (set.empty() ? "none" : set);
  if (!not_set.empty()) plan.note += "; not set: " + not_set;
  return plan;
}

}  // namespace

Result<ReplyPlan> PlanReplyTimers(const protocol::Deadline& deadline, Date date, Millis now,
                                  const std::vector<std::int64_t>& reminder_days,
                                  std::int64_t agenda_after_days, const WorkingHours& hours) {
  const std::int64_t offset = hours.utc_offset_minutes();
  std::set<int> guessed;
  DUBAN_ASSIGN_OR_RETURN(ReplyPlan plan, PlanReminders(kReplyRule, deadline, date, now,
                                                       reminder_days, hours, guessed));
  const Millis overdue_at = deadline.due_ms + 1;
  const Millis agenda_at = hours.StartOn(AddDays(date, static_cast<int>(agenda_after_days)));
  plan.timers.push_back({std::string(kOverdueTimer), std::string(kEscalationService),
                         std::string(kOverdueKind), overdue_at, deadline.due_ms, ""});
  plan.timers.push_back({std::string(kAgendaTimer), std::string(kEscalationService),
                         std::string(kAgendaKind), agenda_at, deadline.due_ms, ""});

  plan.note += "; " + std::string(kOverdueTimer) + " " + FormatLocalTime(overdue_at, offset) +
               ", " + std::string(kAgendaTimer) + " " + FormatLocalTime(agenda_at, offset) +
               GuessedYearsNote(guessed);
  return plan;
}

Result<ReplyPlan> PlanRehandlingTimers(const protocol::Deadline& deadline, Date date, Millis now,
                                       const std::vector<std::int64_t>& reminder_days,
                                       const WorkingHours& hours) {
  const std::int64_t offset = hours.utc_offset_minutes();
  std::set<int> guessed;
  DUBAN_ASSIGN_OR_RETURN(ReplyPlan plan, PlanReminders(kRehandlingRule, deadline, date, now,
                                                       reminder_days, hours, guessed));
  const Millis overdue_at = deadline.due_ms + 1;
  plan.timers.push_back({std::string(protocol::kRehandleOverdueTimer),
                         std::string(kEscalationService), std::string(kAgendaKind), overdue_at,
                         deadline.due_ms, std::string(kRehandlingOverduePayload)});
  plan.note += "; " + std::string(protocol::kRehandleOverdueTimer) + " (directors' meeting) " +
               FormatLocalTime(overdue_at, offset) + GuessedYearsNote(guessed);
  return plan;
}

}  // namespace duban::workers::reminder
