#include "workers/escalation/escalation_role.h"

#include "workers/escalation/escalation_outcomes.h"
#include "workers/runtime/task_checks.h"

#include <chrono>
#include <utility>

#include "common/log.h"

namespace duban::workers::escalation {
namespace {

using protocol::SuggestionState;

// ASSIGNED and IN_HANDLING await the reply; REPLIED and later (EVALUATED, CLOSED, REHANDLING,
// FOLLOW_UP) have it, and WITHDRAWN or MERGED will never get one. (The reminder role keeps the
// same rule; it belongs in common/protocol/lifecycle.h once a third user appears.)
bool AwaitsReply(SuggestionState s) {
  return s == SuggestionState::kAssigned || s == SuggestionState::kInHandling;
}

}  // namespace

Result<std::unique_ptr<EscalationRole>> EscalationRole::Create(const config::Config& c,
                                                               const Clock& clock) {
  std::map<std::string, std::string> names;
  for (const config::Unit& u : c.units) names[u.id] = u.name;
  return std::unique_ptr<EscalationRole>(
      new EscalationRole(c.jurisdiction, std::move(names), config::NoticeTextsOf(c), clock));
}

const std::vector<EscalationRole::KindHandler>& EscalationRole::Handlers() {
  static const std::vector<KindHandler> kTable = {
      {kOverdueKind, &EscalationRole::Overdue},
      {kAgendaKind, &EscalationRole::Agenda},
      {kProgressKind, &EscalationRole::Progress},
  };
  return kTable;
}

Result<protocol::Outcome> EscalationRole::Handle(const protocol::TaskMessage& task) {
  DUBAN_ASSIGN_OR_RETURN(const KindHandler* handler, FindKind("escalation", task, Handlers()));
  return (this->*(handler->handle))(task);
}

Result<protocol::Outcome> EscalationRole::Overdue(const protocol::TaskMessage& task) const {
  DUBAN_ASSIGN_OR_RETURN(SuggestionDeadline sd, TaskSuggestionDeadline("escalation", task));
  const protocol::Suggestion& s = *sd.suggestion;
  const std::string& date = s.deadline->date;
  if (!AwaitsReply(s.state)) {
    return Skipped("reply.overdue: already " + std::string(protocol::StateName(s.state)));
  }
  if (clock_.NowMs() <= s.deadline->due_ms) {
    // The timer was set for an earlier deadline that has since been extended.
    return Skipped("reply.overdue: not overdue; the deadline is now " + date);
  }
  const std::string text = texts_(
      "reply_overdue",
      {{"code", s.code}, {"title", s.draft.title}, {"date", date}, {"units", UnitList(s)}});
  const std::string key = "reply.overdue:" + date;
  protocol::Outcome out = NoChange(
      "escalated_overdue", "reply deadline " + date + " passed without a reply; notified " +
                               std::string(kSupervisionOffice) + ", " + std::string(kStaff));
  out.notices.push_back(NoticeTo(kSupervisionOffice, "escalation", text, key));
  out.notices.push_back(NoticeTo(kStaff, "escalation", text, key));
  AlsoToCommittee(s, "escalation", text, key, &out);
  Logger("worker.escalation")->debug("{}: {}", s.code, out.note);
  return out;
}

void EscalationRole::AlsoToCommittee(const protocol::Suggestion& s, const std::string& kind,
                                     const std::string& text, const std::string& key,
                                     protocol::Outcome* out) {
  if (s.committee.empty()) return;
  const std::string to = "committee:" + s.committee;
  out->notices.push_back(NoticeTo(to, kind, text, key));
  out->note += ", " + to;
}

Result<protocol::Outcome> EscalationRole::ReplyOverdueAgenda(const protocol::Suggestion& s,
                                                             Date deadline) const {
  const std::string& date = s.deadline->date;
  if (!AwaitsReply(s.state)) {
    return Skipped("reply.overdue15: already " + std::string(protocol::StateName(s.state)));
  }
  const std::int64_t after = jurisdiction_.agenda_after_overdue_days;
  const Date today = LocalDateOf(clock_.NowMs(), jurisdiction_.utc_offset_minutes);
  const std::int64_t overdue_days =
      (std::chrono::sys_days{today} - std::chrono::sys_days{deadline}).count();
  if (overdue_days < after) {
    return Skipped("reply.overdue15: " + std::to_string(overdue_days) +
                   " days after the deadline " + date + ", fewer than " + std::to_string(after));
  }
  // The reason names the rule's days, the notice the true count (a task that ran late).
  const std::string reason =
      texts_("agenda_reason_reply_overdue", {{"days", std::to_string(after)}});
  return Placed(s, "reply_overdue:" + date, reason,
                AgendaText("agenda_reply_overdue", s, reason, date, std::to_string(overdue_days)),
                AgendaText("agenda_reply_overdue_staff", s, reason),
                "agenda.reply-overdue:" + date,
                "reply " + std::to_string(overdue_days) + " days overdue (deadline " + date +
                    "); placed on the directors' meeting agenda; notified " +
                    std::string(kDirectorsAgenda) + ", " + std::string(kStaff));
}

std::string EscalationRole::UnitName(const std::string& id) const {
  auto it = unit_names_.find(id);
  return it == unit_names_.end() ? id : it->second;
}

std::string EscalationRole::UnitList(const protocol::Suggestion& s) const {
  std::string list;
  for (protocol::UnitRole role : {protocol::UnitRole::kLead, protocol::UnitRole::kCo}) {
    for (const protocol::UnitAssignment& u : s.units) {
      if (u.role != role) continue;
      if (!list.empty()) list += texts_("unit_list_separator", {});
      list += texts_(role == protocol::UnitRole::kLead ? "unit_list_lead" : "unit_list_co",
                     {{"unit", UnitName(u.unit)}});
    }
  }
  return list.empty() ? texts_("unit_list_none", {}) : list;
}

std::string EscalationRole::LeadUnits(const protocol::Suggestion& s) const {
  std::string list;
  for (const protocol::UnitAssignment& u : s.units) {
    if (u.role != protocol::UnitRole::kLead) continue;
    if (!list.empty()) list += texts_("unit_list_separator", {});
    list += UnitName(u.unit);
  }
  return list.empty() ? texts_("unit_list_none", {}) : list;
}

std::string EscalationRole::AgendaText(std::string_view name, const protocol::Suggestion& s,
                                       const std::string& reason, const std::string& date,
                                       const std::string& overdue_days) const {
  return texts_(name, {{"code", s.code},
                       {"title", s.draft.title},
                       {"lead_units", LeadUnits(s)},
                       {"reason", reason},
                       {"date", date},
                       {"overdue_days", overdue_days}});
}

// Links the role into duban-worker --role escalation (the library is linked whole, see
// workers/CMakeLists.txt).
static const RoleRegistration kRegistration(
    std::string(kServiceName),
    [](const config::Config& c, const Clock& clock) -> Result<std::unique_ptr<Role>> {
      DUBAN_ASSIGN_OR_RETURN(std::unique_ptr<EscalationRole> role,
                             EscalationRole::Create(c, clock));
      return std::unique_ptr<Role>(std::move(role));
    });

}  // namespace duban::workers::escalation
