#include "services/unit_tasks.h"

#include <algorithm>

#include "common/calendar.h"
#include "common/protocol/labels.h"
#include "common/protocol/timer_names.h"
#include "common/protocol/staff_decision.h"

namespace duban::services {
namespace {

using protocol::SuggestionState;
using protocol::UnitAssignment;
using protocol::UnitRole;

bool InHandling(SuggestionState s) {
  return s == SuggestionState::kAssigned || s == SuggestionState::kInHandling ||
         s == SuggestionState::kRehandling;
}

Result<std::size_t> FindUnit(const protocol::Suggestion& s, const std::string& unit) {
  for (std::size_t i = 0; i < s.units.size(); ++i) {
    if (s.units[i].unit == unit && s.units[i].state != "REASSIGNED") return i;
  }
  return NotFound("unit '" + unit + "' has no task on " + s.code)
      .WithZh("本单位在建议 " + s.code + " 上没有承办任务");
}

// The Chinese words a clerk reads when the task's state does not allow `what_zh` (签收, 办理...).
std::string TaskStateZh(const std::string& state, const std::string& what_zh) {
  if (state == "ISSUED") return "请先签收，再" + what_zh;
  if (state == "RETURN_PENDING") return "退回申请正在等待代表工委决定，暂不能" + what_zh;
  if (state == "EXTENSION_PENDING") return "延期申请正在等待代表工委决定，暂不能" + what_zh;
  const std::string_view label = protocol::UnitTaskStateLabel(state);
  return "本单位的任务当前为“" + (label.empty() ? state : std::string(label)) + "”，不能" + what_zh;
}

Status NeedState(const UnitAssignment& u, std::initializer_list<const char*> allowed,
                 const std::string& what, const std::string& what_zh) {
  for (const char* a : allowed) {
    if (u.state == a) return Status::Ok();
  }
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return FailedPrecondition("cannot " + what + ": the task of unit '" + u.unit + "' is " + u.state +
                            " (allowed: " + list + ")")
      .WithZh(TaskStateZh(u.state, what_zh));
}

std::string LeadOf(const std::vector<UnitAssignment>& units) {
  for (const auto& u : units) {
    if (u.role == UnitRole::kLead && u.state != "REASSIGNED") return u.unit;
  }
  return "";
}

// The timer that tells staff when a unit's `request` (return | extension) waits too long for
// their decision; the reminder role re-arms it until they decide (duban.decide cancels it).
protocol::TimerSpec DecisionTimer(const std::string& request, const std::string& unit, Millis now,
                                  const UnitRules& rules) {
  return protocol::DecisionTimerFor({request, unit, now}, now, rules.staff_decision_days);
}

UnitChange Start(const protocol::Suggestion& s, std::size_t i) {
  UnitChange c;
  c.units = s.units;
  c.unit_state = c.units[i].state;
  return c;
}

}  // namespace

UnitChange ChangeFrom(const protocol::Suggestion& s) {
  UnitChange c;
  c.units = s.units;
  c.record = s.record;
  return c;
}

Result<UnitChange> ApplyUnitAction(const protocol::Suggestion& s, const UnitAction& a, Millis now,
                                   const UnitRules& rules, const WorkingCalendar& calendar) {
  if (!InHandling(s.state)) {
    return FailedPrecondition(s.code + " is " + std::string(protocol::StateName(s.state)) +
                              "; unit actions are for assigned suggestions being handled")
        .WithZh("建议当前为“" + std::string(protocol::StateLabel(s.state)) +
                "”，不在办理阶段，承办单位不能操作");
  }
  DUBAN_ASSIGN_OR_RETURN(std::size_t i, FindUnit(s, a.unit));
  UnitChange c = Start(s, i);
  UnitAssignment& u = c.units[i];
  const std::string who = "unit '" + a.unit + "'";
  if (a.action == "sign") {
    DUBAN_RETURN_IF_ERROR(NeedState(u, {"ISSUED"}, "sign for it", "重复签收"));
    u.state = "SIGNED";
    c.action = "signed";
    c.note = who + " signed for its task (签收)";
    c.cancel_timers = {"sign.remind." + a.unit, "sign.overdue." + a.unit};
  } else if (a.action == "start") {
    DUBAN_RETURN_IF_ERROR(NeedState(u, {"SIGNED"}, "start handling", "开始办理"));
    u.state = "IN_PROGRESS";
    c.action = "handling_started";
    c.note = who + " started handling";
    if (s.state == SuggestionState::kAssigned) c.to_state = "IN_HANDLING";
  } else if (a.action == "return") {
    DUBAN_RETURN_IF_ERROR(NeedState(u, {"ISSUED", "SIGNED"}, "ask to return it", "申请退回"));
    if (a.reason.empty()) {
      return InvalidArgument("a return request needs a reason").WithZh("请填写申请退回的理由");
    }
    if (s.assigned_ms == 0) return FailedPrecondition(s.code + " has no assignment date");
    Date assigned = LocalDateOf(s.assigned_ms, rules.utc_offset_minutes);
    DUBAN_ASSIGN_OR_RETURN(
        Date last, calendar.AddWorkingDays(assigned, static_cast<int>(rules.return_window_working_days)));
    Date today = LocalDateOf(now, rules.utc_offset_minutes);
    if (std::chrono::sys_days{today} > std::chrono::sys_days{last}) {
      return FailedPrecondition("the return window closed on " + FormatDate(last) + " (" +
                                std::to_string(rules.return_window_working_days) +
                                " working days from assignment on " + FormatDate(assigned) + ")")
          .WithZh("申请退回的期限已于 " + FormatDate(last) + " 截止（交办后 " +
                  std::to_string(rules.return_window_working_days) + " 个工作日内）");
    }
    u.state = "RETURN_PENDING";
    c.timers.push_back(DecisionTimer("return", a.unit, now, rules));
    c.action = "return_requested";
    c.note = who + " asks to return the task (退回): " + a.reason;
    c.notices.push_back({"staff", "decision_needed",
                         rules.notices("return_requested", {{"code", s.code},
                                                            {"title", s.draft.title},
                                                            {"unit", a.unit},
                                                            {"reason", a.reason}}),
                         ""});
  } else if (a.action == "extend") {
    DUBAN_RETURN_IF_ERROR(NeedState(u, {"SIGNED", "IN_PROGRESS", "EXTENDED"}, "ask for an extension",
                                    "申请延期"));
    if (s.state == SuggestionState::kRehandling) {
      return FailedPrecondition(s.code + " is being handled again (重新办理) with its own one-month "
                                "deadline; extensions are for the first handling")
          .WithZh("重新办理期间不能申请延期");
    }
    if (a.reason.empty()) {
      return InvalidArgument("an extension request needs a reason").WithZh("请填写申请延期的理由");
    }
    DUBAN_ASSIGN_OR_RETURN(Date until, ParseDate(a.until));
    if (!s.deadline) return FailedPrecondition(s.code + " has no reply deadline to extend");
    DUBAN_ASSIGN_OR_RETURN(Date current, ParseDate(s.deadline->date));
    Date limit = AddCalendarMonths(LocalDateOf(s.assigned_ms, rules.utc_offset_minutes),
                                   static_cast<int>(rules.extension_max_months));
    if (std::chrono::sys_days{until} <= std::chrono::sys_days{current}) {
      return InvalidArgument("the new deadline " + a.until + " is not after the current one " +
                             s.deadline->date)
          .WithZh("申请的新期限须晚于现在的办理期限 " + s.deadline->date);
    }
    if (std::chrono::sys_days{until} > std::chrono::sys_days{limit}) {
      return InvalidArgument("the new deadline " + a.until + " is beyond the limit " +
                             FormatDate(limit) + " (" + std::to_string(rules.extension_max_months) +
                             " months from assignment)")
          .WithZh("申请的新期限超过了最长期限 " + FormatDate(limit) + "（交办后 " +
                  std::to_string(rules.extension_max_months) + " 个月）");
    }
    u.before = u.state;
    u.state = "EXTENSION_PENDING";
    u.pending_until = a.until;
    c.timers.push_back(DecisionTimer("extension", a.unit, now, rules));
    c.action = "extension_requested";
    c.note = who + " asks to extend the reply deadline to " + a.until + " (延期): " + a.reason;
    c.notices.push_back({"staff", "decision_needed",
                         rules.notices("extension_requested", {{"code", s.code},
                                                               {"title", s.draft.title},
                                                               {"unit", a.unit},
                                                               {"until", a.until},
                                                               {"reason", a.reason}}),
                         ""});
  } else if (a.action == "contact") {
    if (a.phase != "before" && a.phase != "during" && a.phase != "after") {
      return InvalidArgument("contact phase must be before, during or after (三见面)")
          .WithZh("请选择沟通阶段：办前、办中或答复后（三见面）");
    }
    if (a.reason.empty()) {
      return InvalidArgument("a contact record needs a note").WithZh("请填写沟通情况");
    }
    c.action = "contact_" + a.phase;
    c.note = who + " met the deputy (" + a.phase + " handling): " + a.reason;
    c.record = s.record;
    c.record->notes.push_back({a.unit, "contact", a.phase, a.reason, now});
  } else if (a.action == "opinion") {
    if (u.role != UnitRole::kCo) {
      return FailedPrecondition(who + " is the lead unit; only co-handlers (协办) send opinions")
          .WithZh("主办单位直接答复代表，协办意见由协办单位送出");
    }
    DUBAN_RETURN_IF_ERROR(NeedState(u, {"SIGNED", "IN_PROGRESS"}, "send an opinion", "送协办意见"));
    if (a.reason.empty()) {
      return InvalidArgument("an opinion needs its text").WithZh("请填写协办意见");
    }
    u.state = "OPINION_SENT";
    c.action = "opinion_sent";
    c.note = who + " sent its opinion to the lead unit: " + a.reason;
    c.record = s.record;
    c.record->notes.push_back({a.unit, "opinion", "", a.reason, now});
    c.cancel_timers = {"opinion.remind7." + a.unit, "opinion.remind2." + a.unit,
                       "opinion.overdue." + a.unit};
    c.notices.push_back({"unit:" + LeadOf(s.units), "opinion",
                         rules.notices("opinion_sent", {{"code", s.code},
                                                        {"title", s.draft.title},
                                                        {"unit", a.unit},
                                                        {"reason", a.reason}}),
                         "opinion:" + a.unit});
  } else if (a.action == "progress") {
    // A key item's monthly progress report (重点督办): only recorded; the escalation role's
    // monthly check looks for it in the audit trail (action "progress_reported").
    if (a.reason.empty()) {
      return InvalidArgument("a progress report needs its text").WithZh("请填写办理进展");
    }
    c.action = "progress_reported";
    c.note = who + " reported progress: " + a.reason;
  } else {
    return InvalidArgument("unknown unit action '" + a.action + "'");
  }
  c.unit_state = u.state;
  return c;
}

Result<UnitChange> ApplyUnitDecision(const protocol::Suggestion& s, const UnitDecision& d,
                                     Millis now, const UnitRules& rules,
                                     const std::set<std::string>& known_units) {
  if (!InHandling(s.state)) {
    return FailedPrecondition(s.code + " is " + std::string(protocol::StateName(s.state)) +
                              "; returns and extensions are decided while it is being handled")
        .WithZh("建议当前为“" + std::string(protocol::StateLabel(s.state)) +
                "”，不在办理阶段，不能审批退回或延期");
  }
  DUBAN_ASSIGN_OR_RETURN(std::size_t i, FindUnit(s, d.unit));
  UnitChange c = Start(s, i);
  UnitAssignment& u = c.units[i];
  const std::string who = "unit '" + d.unit + "'";
  if (d.request == "return" || d.request == "extension") {
    c.cancel_timers.push_back(protocol::DecisionTimer(d.request, d.unit));
  }
  if (d.request == "return") {
    DUBAN_RETURN_IF_ERROR(NeedState(u, {"RETURN_PENDING"}, "decide a return", "审批退回（没有待审批的退回申请）"));
    if (!d.approve) {
      u.state = "SIGNED";
      c.action = "return_rejected";
      c.note = "return by " + who + " rejected; it keeps the task" +
               (d.note.empty() ? "" : ": " + d.note);
      c.notices.push_back({"unit:" + d.unit, "decision",
                           rules.notices("return_refused", {{"code", s.code},
                                                            {"title", s.draft.title},
                                                            {"note", d.note}}),
                           ""});
    } else {
      if (u.role == UnitRole::kLead && d.new_unit.empty()) {
        return InvalidArgument("approving the lead unit's return needs new_unit (调整交办)");
      }
      u.state = "REASSIGNED";
      c.action = "return_approved";
      c.note = "return by " + who + " approved";
      if (!d.new_unit.empty()) {
        if (known_units.count(d.new_unit) == 0) {
          return InvalidArgument("unknown unit '" + d.new_unit + "'");
        }
        for (const auto& other : c.units) {
          if (other.unit == d.new_unit && other.state != "REASSIGNED") {
            return InvalidArgument("unit '" + d.new_unit + "' already has a task on " + s.code);
          }
        }
        c.unit_state = u.state;  // before push_back: it may move the vector and `u` with it
        UnitRole role = u.role;
        UnitAssignment taker{d.new_unit, role, "ISSUED"};
        taker.issued_ms = now;
        c.units.push_back(taker);
        // Its own sign (and opinion) timers, counted from now: the reminder role plans them.
        c.timers.push_back({"reschedule", "reminder", "schedule", std::max<Millis>(now, 1), 0, ""});
        c.note += "; reassigned to '" + d.new_unit + "' (调整交办)";
        c.notices.push_back({"unit:" + d.new_unit, "assigned",
                             rules.notices("reassigned",
                                           {{"code", s.code}, {"title", s.draft.title}}),
                             "assigned:" + d.new_unit});
      }
      if (!d.note.empty()) c.note += ": " + d.note;
    }
  } else if (d.request == "extension") {
    DUBAN_RETURN_IF_ERROR(NeedState(u, {"EXTENSION_PENDING"}, "decide an extension",
                                    "审批延期（没有待审批的延期申请）"));
    if (!d.approve) {
      u.state = u.before.empty() ? "IN_PROGRESS" : u.before;  // back where it was
      u.before.clear();
      u.pending_until.clear();
      c.action = "extension_rejected";
      c.note = "extension for " + who + " rejected" + (d.note.empty() ? "" : ": " + d.note);
      c.notices.push_back({"unit:" + d.unit, "decision",
                           rules.notices("extension_refused", {{"code", s.code},
                                                               {"title", s.draft.title},
                                                               {"note", d.note}}),
                           ""});
    } else {
      DUBAN_ASSIGN_OR_RETURN(Date until, ParseDate(u.pending_until));
      std::string old = s.deadline ? s.deadline->date : "";
      u.state = "EXTENDED";
      u.before.clear();
      u.pending_until.clear();
      protocol::Deadline nd;
      nd.date = FormatDate(until);
      nd.rule = "reply (答复): extended (延期) from " + old + " to " + nd.date + " by " + d.actor;
      nd.due_ms = EndOfLocalDay(until, rules.utc_offset_minutes);
      c.deadline = nd;
      c.action = "extension_approved";
      c.note = "reply deadline of " + s.code + " extended to " + nd.date;
      // The reminder role re-plans its reminders for the new deadline at once.
      c.timers.push_back({"reschedule", "reminder", "schedule", std::max<Millis>(now, 1), 0, ""});
      c.notices.push_back({"unit:" + d.unit, "decision",
                           rules.notices("extension_approved", {{"code", s.code},
                                                                {"title", s.draft.title},
                                                                {"date", nd.date},
                                                                {"old_date", old}}),
                           "extension:" + nd.date});
    }
  } else {
    return InvalidArgument("request must be 'return' or 'extension'");
  }
  c.unit_state = c.units[i].state;
  return c;
}

}  // namespace duban::services
