// The escalation role's agenda work (escalation_role.h): placing a suggestion on the directors'
// meeting agenda for each reason an "agenda" task names, and the monthly progress check of a key
// item (重点督办). The agenda itself lives in Redis; these outcomes carry agenda effects that the
// broker applies atomically with the audit entry and the notices (agenda_scripts.h).
#include <string>

#include "common/log.h"
#include "common/protocol/wire.h"
#include "workers/escalation/escalation_outcomes.h"
#include "workers/escalation/escalation_role.h"
#include "workers/runtime/task_checks.h"

namespace duban::workers::escalation {
namespace {

// The reason an "agenda" task's payload names: "" (the overdue reply), or a name given as plain
// bytes or as a msgpack map {"reason": NAME}.
Result<std::string> PayloadReason(const protocol::TaskMessage& task) {
  if (task.payload.empty()) return std::string();
  Result<protocol::MapReader> map = protocol::MapReader::Parse(task.payload);
  if (!map.ok()) return task.payload;
  std::string reason;
  DUBAN_RETURN_IF_ERROR(map->Str("reason", &reason));
  DUBAN_RETURN_IF_ERROR(map->Finish());
  return reason;
}

Status NeedSuggestion(const protocol::TaskMessage& task) {
  if (task.suggestion) return Status::Ok();
  return InvalidArgument("escalation: task " + task.task_id + " carries no suggestion");
}

}  // namespace

Millis EscalationRole::NextProgressCheck() const {
  const std::int64_t offset = jurisdiction_.utc_offset_minutes;
  const Date next =
      AddCalendarMonths(LocalDateOf(clock_.NowMs(), offset), protocol::kAgendaProgressMonths);
  return StartOfLocalDay(next, offset) + jurisdiction_.work_start_minute * 60'000;
}

protocol::Outcome EscalationRole::Placed(const protocol::Suggestion& s, const std::string& key,
                                         const std::string& reason,
                                         const std::string& agenda_text,
                                         const std::string& staff_text, const std::string& dedup,
                                         std::string note) const {
  protocol::Outcome out = NoChange("placed_on_agenda", std::move(note));
  out.agenda.push_back({"place", key, reason, "", NextProgressCheck()});
  out.notices.push_back(NoticeTo(kDirectorsAgenda, "agenda", agenda_text, dedup));
  out.notices.push_back(NoticeTo(kStaff, "agenda", staff_text, dedup));
  AlsoToCommittee(s, "agenda", staff_text, dedup, &out);
  Logger("worker.escalation")->debug("{}: {}", s.code, out.note);
  return out;
}

Result<protocol::Outcome> EscalationRole::Agenda(const protocol::TaskMessage& task) const {
  DUBAN_ASSIGN_OR_RETURN(std::string reason, PayloadReason(task));
  if (reason.empty() || reason == kRehandlingOverdue) {
    DUBAN_ASSIGN_OR_RETURN(SuggestionDeadline sd, TaskSuggestionDeadline("escalation", task));
    return reason.empty() ? ReplyOverdueAgenda(*sd.suggestion, sd.deadline)
                          : RehandlingOverdueAgenda(*sd.suggestion);
  }
  if (reason == kDissatisfiedTwice) {
    DUBAN_RETURN_IF_ERROR(NeedSuggestion(task));
    return DissatisfiedTwiceAgenda(*task.suggestion);
  }
  return InvalidArgument("escalation: task " + task.task_id + " has agenda reason '" + reason +
                         "', expected none, '" + std::string(kRehandlingOverdue) + "' or '" +
                         std::string(kDissatisfiedTwice) + "'");
}

Result<protocol::Outcome> EscalationRole::RehandlingOverdueAgenda(
    const protocol::Suggestion& s) const {
  const std::string& date = s.deadline->date;
  if (s.state != protocol::SuggestionState::kRehandling) {
    return Skipped("agenda rehandling_overdue: " + s.code + " is " +
                   std::string(protocol::StateName(s.state)) + ", not REHANDLING");
  }
  if (clock_.NowMs() <= s.deadline->due_ms) {
    return Skipped("agenda rehandling_overdue: not overdue; the deadline is now " + date);
  }
  const std::string reason = texts_("agenda_reason_rehandling_overdue", {});
  return Placed(
      s, "rehandling_overdue:" + date, reason,
      AgendaText("agenda_rehandling_overdue", s, reason, date),
      AgendaText("agenda_rehandling_overdue_staff", s, reason),
      "agenda.rehandling-overdue:" + date,
      "re-handling deadline " + date +
          " passed without a new reply; placed on the directors' meeting agenda; "
          "notified " +
          std::string(kDirectorsAgenda) + ", " + std::string(kStaff));
}

Result<protocol::Outcome> EscalationRole::DissatisfiedTwiceAgenda(
    const protocol::Suggestion& s) const {
  const std::string reason = texts_("agenda_reason_dissatisfied_twice", {});
  return Placed(s, std::string(kDissatisfiedTwice), reason,
                AgendaText("agenda_dissatisfied_twice", s, reason),
                AgendaText("agenda_dissatisfied_twice_staff", s, reason),
                "agenda.dissatisfied-twice",
                "the deputy was dissatisfied twice; placed on the directors' meeting agenda; "
                "notified " +
                    std::string(kDirectorsAgenda) + ", " + std::string(kStaff));
}

Result<protocol::Outcome> EscalationRole::Progress(const protocol::TaskMessage& task) const {
  DUBAN_RETURN_IF_ERROR(NeedSuggestion(task));
  const std::string& item = task.payload;
  if (item.empty() || item.size() > 64 || item.find_first_of("{}:| ") != std::string::npos) {
    return InvalidArgument("escalation: progress task " + task.task_id +
                           " must carry an agenda item id as its payload");
  }
  const protocol::Suggestion& s = *task.suggestion;
  const Millis next = NextProgressCheck();
  protocol::Outcome out =
      NoChange("progress_checked",
               "monthly progress check of agenda item " + item + " (重点督办); next check " +
                   FormatDate(LocalDateOf(next, jurisdiction_.utc_offset_minutes)));
  out.agenda.push_back({"progress_check", "",
                        texts_("agenda_progress_check", {{"code", s.code},
                                                         {"title", s.draft.title},
                                                         {"item", item},
                                                         {"lead_units", LeadUnits(s)}}),
                        item, next});
  return out;
}

}  // namespace duban::workers::escalation
