#include "workers/reminder/unit_timers.h"

#include <algorithm>
#include <array>
#include <functional>
#include <set>

#include "common/protocol/wire.h"
#include "workers/reminder/reply_timers.h"

namespace duban::workers::reminder {
namespace {

constexpr std::int64_t kMaxDays = 366;     // as config::Validate: figures stay within a year
constexpr std::int64_t kMaxMonths = 120;   // as config::Validate
constexpr std::size_t kMaxTimerName = 64;  // TimerSpec::name is [A-Za-z0-9._-]{1,64}
// The slots of the opinion reminders: the names the broker cancels (services/unit_tasks.cc).
constexpr std::array<std::string_view, 2> kOpinionRemindSlots = {"opinion.remind7.",
                                                                 "opinion.remind2."};

bool IsTimerNamePart(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '_' || ch == '-';
  });
}

void Add(std::string& list, const std::string& item) { list += (list.empty() ? "" : ", ") + item; }

}  // namespace

std::string SignRemindTimerName(std::string_view unit) {
  return "sign.remind." + std::string(unit);
}
std::string SignOverdueTimerName(std::string_view unit) {
  return "sign.overdue." + std::string(unit);
}
std::string OpinionRemindTimerName(std::size_t slot, std::string_view unit) {
  return std::string(kOpinionRemindSlots.at(slot)) + std::string(unit);
}
std::string OpinionOverdueTimerName(std::string_view unit) {
  return "opinion.overdue." + std::string(unit);
}

bool UnitPartDone(std::string_view state) {
  static constexpr std::array<std::string_view, 4> kDone = {"REPLIED", "OPINION_SENT", "DONE",
                                                            "REASSIGNED"};
  return std::find(kDone.begin(), kDone.end(), state) != kDone.end();
}

const protocol::UnitAssignment* ActiveUnit(const protocol::Suggestion& s, std::string_view unit) {
  for (const protocol::UnitAssignment& u : s.units) {
    if (u.unit == unit && u.state != "REASSIGNED") return &u;
  }
  return nullptr;
}

Result<UnitTimerRules> UnitTimerRules::FromJurisdiction(const config::Jurisdiction& j) {
  auto bad = [](const std::string& why) { return InvalidArgument("jurisdiction." + why); };
  if (j.sign_remind_working_days < 1 || j.sign_remind_working_days >= j.sign_overdue_working_days ||
      j.sign_overdue_working_days > kMaxDays) {
    return bad("sign_remind_working_days (" + std::to_string(j.sign_remind_working_days) +
               ") and sign_overdue_working_days (" + std::to_string(j.sign_overdue_working_days) +
               ") must satisfy 1 <= remind < overdue <= " + std::to_string(kMaxDays));
  }
  if (j.opinion_months < 1 || j.opinion_months > kMaxMonths) {
    return bad("opinion_months (" + std::to_string(j.opinion_months) + ") must be 1.." +
               std::to_string(kMaxMonths));
  }
  if (j.opinion_reminder_days.size() > kOpinionRemindSlots.size()) {
    return bad("opinion_reminder_days holds " + std::to_string(j.opinion_reminder_days.size()) +
               " values; at most 2 (their timers have two fixed names)");
  }
  UnitTimerRules r;
  r.sign_remind_working_days = static_cast<int>(j.sign_remind_working_days);
  r.sign_overdue_working_days = static_cast<int>(j.sign_overdue_working_days);
  r.opinion_months = static_cast<int>(j.opinion_months);
  r.opinion_reminder_days.clear();
  for (std::int64_t d : j.opinion_reminder_days) {
    if (d < 1 || d > kMaxDays) {
      return bad("opinion_reminder_days: " + std::to_string(d) + " must be between 1 and " +
                 std::to_string(kMaxDays));
    }
    r.opinion_reminder_days.push_back(static_cast<int>(d));
  }
  std::sort(r.opinion_reminder_days.begin(), r.opinion_reminder_days.end(), std::greater<>());
  if (std::adjacent_find(r.opinion_reminder_days.begin(), r.opinion_reminder_days.end()) !=
      r.opinion_reminder_days.end()) {
    return bad("opinion_reminder_days lists " + std::to_string(r.opinion_reminder_days[0]) +
               " twice");
  }
  return r;
}

std::string EncodeUnitTimerPayload(const UnitTimerPayload& p) {
  protocol::MapWriter w;
  w.Str("timer", p.timer).Str("unit", p.unit).Int("days", p.days).Str("date", p.date);
  return w.Take();
}

Result<UnitTimerPayload> DecodeUnitTimerPayload(std::string_view bytes) {
  auto bad = [](const std::string& why) { return InvalidArgument("unit timer payload: " + why); };
  Result<protocol::MapReader> parsed = protocol::MapReader::Parse(bytes);
  if (!parsed.ok()) return bad(parsed.status().message());
  protocol::MapReader& r = *parsed;
  UnitTimerPayload p;
  for (Status s : {r.Str("timer", &p.timer), r.Str("unit", &p.unit), r.Int("days", &p.days),
                   r.Str("date", &p.date), r.Finish()}) {
    if (!s.ok()) return bad(s.message());
  }
  if (p.unit.empty()) return bad("unit must not be empty");
  const std::string suffix = "." + p.unit;
  if (p.timer.size() <= suffix.size() ||
      p.timer.compare(p.timer.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return bad("timer '" + p.timer + "' is not one of unit '" + p.unit + "'");
  }
  if (p.days < 0) return bad("days must not be negative (got " + std::to_string(p.days) + ")");
  if (Status s = ParseDate(p.date).status(); !s.ok()) return bad(s.message());
  return p;
}

protocol::TimerSpec UnitTimer(std::string_view kind, const UnitTimerPayload& p, Millis due_ms,
                              Millis priority_ms, std::optional<protocol::TimerPlan> plan) {
  return {p.timer,     std::string(kServiceName),   std::string(kind), due_ms,
          priority_ms, EncodeUnitTimerPayload(p), std::move(plan)};
}

Date OpinionDeadline(Date assigned, const UnitTimerRules& rules) {
  return AddCalendarMonths(assigned, rules.opinion_months);
}

Result<UnitPlan> PlanUnitTimers(const protocol::Suggestion& s, Millis now,
                                const UnitTimerRules& rules, const WorkingHours& hours) {
  UnitPlan plan;
  if (s.assigned_ms == 0) {
    plan.note = "sign and opinion timers: none (no assignment date)";
    return plan;
  }
  const std::int64_t offset = hours.utc_offset_minutes();
  const Date assigned = LocalDateOf(s.assigned_ms, offset);
  const std::string assigned_text = FormatDate(assigned);
  std::set<int> guessed;
  std::string set, not_set;
  auto passed = [&](const std::string& name, Millis at) {
    Add(not_set, name + " (" + FormatLocalTime(at, offset) + " has passed)");
  };

  // Signing: the n-th working day after the date the unit got the task (the assignment, or a
  // later re-assignment to it: 调整交办), at the opening.
  auto sign = [&](std::string_view kind, const std::string& name, int n,
                  const protocol::UnitAssignment& u) -> Status {
    const Date from = u.issued_ms != 0 ? LocalDateOf(u.issued_ms, offset) : assigned;
    DUBAN_ASSIGN_OR_RETURN(PlannedTime planned, hours.WorkingDaysPlan(from, n, &guessed));
    const Millis at = planned.at;
    if (at <= now) {
      passed(name, at);
      return Status::Ok();
    }
    plan.timers.push_back(UnitTimer(kind, {name, u.unit, n, FormatDate(from)}, at, 0, planned.plan));
    Add(set, name + " " + FormatLocalTime(at, offset));
    return Status::Ok();
  };

  // The co-handler's opinion: reminders before its deadline, then the overdue step.
  auto opinion = [&](const std::string& unit) -> Status {
    const Date deadline = OpinionDeadline(assigned, rules);
    const std::string deadline_text = FormatDate(deadline);
    const Millis due = EndOfLocalDay(deadline, offset);
    Millis previous_at = 0;  // the last reminder set, 0 = none yet
    std::string previous_name;
    for (std::size_t slot = 0; slot < rules.opinion_reminder_days.size(); ++slot) {
      const int n = rules.opinion_reminder_days[slot];
      const std::string name = OpinionRemindTimerName(slot, unit);
      const Date on = AddDays(deadline, -n);
      DUBAN_ASSIGN_OR_RETURN(PlannedTime planned, hours.OpeningPlan(on, &guessed));
      const Millis at = planned.at;
      if (at <= now) {
        passed(name, at);
      } else if (at > due) {
        Add(not_set, name + " (no working day from " + FormatDate(on) + " to the deadline)");
      } else if (at == previous_at) {
        Add(not_set, name + " (same morning as " + previous_name + ")");
      } else {
        plan.timers.push_back(
            UnitTimer(kOpinionRemindKind, {name, unit, n, deadline_text}, at, due, planned.plan));
        previous_at = at;
        previous_name = name;
        const bool moved = LocalDateOf(at, offset) != on;
        Add(set, name + " " + FormatLocalTime(at, offset) +
                     (moved ? " (moved from " + FormatDate(on) + ")" : ""));
      }
    }
    const std::string name = OpinionOverdueTimerName(unit);
    if (due + 1 <= now) {
      passed(name, due + 1);
      return Status::Ok();
    }
    plan.timers.push_back(
        UnitTimer(kOpinionOverdueKind, {name, unit, 0, deadline_text}, due + 1, due));
    Add(set,
        name + " " + FormatLocalTime(due + 1, offset) + " (opinion due " + deadline_text + ")");
    return Status::Ok();
  };

  // Leads first, so the timers and the note read 主办 then 协办 whatever the stored order.
  for (protocol::UnitRole role : {protocol::UnitRole::kLead, protocol::UnitRole::kCo}) {
    for (const protocol::UnitAssignment& u : s.units) {
      if (u.role != role || u.state == "REASSIGNED") continue;
      const bool signs = u.state == "ISSUED";
      const bool owes_opinion = role == protocol::UnitRole::kCo && !UnitPartDone(u.state);
      if (!signs && !owes_opinion) continue;
      // The longest name must still be a timer name, or the broker refuses the whole outcome.
      if (!IsTimerNamePart(u.unit) || OpinionOverdueTimerName(u.unit).size() > kMaxTimerName) {
        Add(not_set, "unit '" + u.unit + "' (its id cannot be part of a timer name)");
        continue;
      }
      if (signs) {
        DUBAN_RETURN_IF_ERROR(sign(kSignRemindKind, SignRemindTimerName(u.unit),
                                   rules.sign_remind_working_days, u));
        DUBAN_RETURN_IF_ERROR(sign(kSignOverdueKind, SignOverdueTimerName(u.unit),
                                   rules.sign_overdue_working_days, u));
      }
      if (owes_opinion) DUBAN_RETURN_IF_ERROR(opinion(u.unit));
    }
  }

  plan.note = "unit timers (assigned " + assigned_text + "): " + (set.empty() ? "none" : set);
  if (!not_set.empty()) plan.note += "; not set: " + not_set;
  plan.note += GuessedYearsNote(guessed);
  return plan;
}

}  // namespace duban::workers::reminder
