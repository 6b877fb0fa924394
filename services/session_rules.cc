#include "services/session_rules.h"

#include <algorithm>

#include "common/calendar.h"
#include "common/protocol/timer_names.h"
#include "services/report.h"

namespace duban::services {

using protocol::SuggestionState;

namespace {

Status Open(const protocol::Suggestion& s) {
  if (s.state == SuggestionState::kWithdrawn || s.state == SuggestionState::kMerged) {
    return FailedPrecondition(s.code + " is " + std::string(protocol::StateName(s.state)) +
                              ": a session does not discuss it");
  }
  return Status::Ok();
}

protocol::SessionOutcome* Mention(protocol::HandlingRecord& r, const std::string& id) {
  for (auto& o : r.sessions) {
    if (o.session == id) return &o;
  }
  return nullptr;
}

std::string UnitName(const SessionRules& rules, const std::string& id) {
  auto it = rules.unit_names.find(id);
  return it == rules.unit_names.end() ? id : it->second;
}

bool Attended(const protocol::Session& session, const std::string& unit) {
  return std::any_of(session.units.begin(), session.units.end(),
                     [&](const protocol::SessionUnit& u) { return u.unit == unit; });
}

}  // namespace

std::string SessionCommitmentId(const std::string& session_id) {
  std::size_t i = 1;
  while (i + 1 < session_id.size() && session_id[i] == '0') ++i;
  return "f" + session_id.substr(std::min(i, session_id.size())) + "c1";
}

Result<UnitChange> ApplySessionScheduled(const protocol::Suggestion& s,
                                         const protocol::Session& session,
                                         const SessionRules& rules) {
  DUBAN_RETURN_IF_ERROR(Open(s));
  UnitChange c = ChangeFrom(s);
  if (Mention(*c.record, session.id) != nullptr) {
    return AlreadyExists(s.code + " has session " + session.id + " already");
  }
  protocol::SessionOutcome o;
  o.session = session.id;
  o.date = session.date;
  c.record->sessions.push_back(o);
  std::string units;
  for (const auto& u : session.units) {
    units += (units.empty() ? "" : "、") + UnitName(rules, u.unit) +
             (u.head.empty() ? "" : "（" + u.head + "）");
  }
  c.action = "session_scheduled";
  c.note = "代表·局长面对面 " + session.id + "：" + session.date + "，" + session.place +
           (session.topic.empty() ? "" : "，" + session.topic) + "；单位 " + units + "；代表 " +
           std::to_string(session.deputies.size()) + " 人";
  return c;
}

Result<UnitChange> ApplySessionOutcome(const protocol::Suggestion& s,
                                       const protocol::Session& session,
                                       const protocol::SessionRequest& r, Millis now,
                                       const SessionRules& rules) {
  DUBAN_RETURN_IF_ERROR(Open(s));
  if (r.note.empty()) {
    return InvalidArgument("note is empty: say what was resolved, promised or referred");
  }
  UnitChange c = ChangeFrom(s);
  protocol::SessionOutcome* o = Mention(*c.record, session.id);
  if (o == nullptr) {  // scheduled, but the mention was not written yet (a crash in between)
    c.record->sessions.push_back({session.id, session.date});
    o = &c.record->sessions.back();
  }
  std::string unit = r.unit;
  if (r.outcome == "commitment") {
    if (unit.empty()) unit = LeadUnitOf(s);  // the lead now, not one a return replaced
    if (unit.empty()) {
      return InvalidArgument(s.code + " has no lead unit: name the unit that commits (--unit)");
    }
    if (!Attended(session, unit)) {
      return InvalidArgument("unit '" + unit + "' did not attend session " + session.id);
    }
    if (r.due.empty()) return InvalidArgument("a commitment needs its due date (due)");
    if (r.due < session.date) {
      return InvalidArgument("due " + r.due + " is before the session (" + session.date + ")");
    }
  } else if (r.outcome == "referred") {
    if (r.referred_to.empty()) return InvalidArgument("referred_to is empty: say to whom");
  } else if (r.outcome != "resolved") {
    return InvalidArgument("outcome must be resolved, commitment or referred, not '" + r.outcome +
                           "'");
  }
  if (!o->outcome.empty()) {
    const bool same = o->outcome == r.outcome && o->note == r.note &&
                      o->referred_to == r.referred_to && o->unit == unit &&
                      (o->commitments.empty() ? r.due.empty() : o->commitments[0].due == r.due);
    if (same) return AlreadyExists(s.code + ": this outcome of " + session.id + " is recorded");
    return FailedPrecondition(s.code + ": session " + session.id + " has its outcome (" +
                              o->outcome + ") already; an outcome is not rewritten");
  }
  o->outcome = r.outcome;
  o->note = r.note;
  o->referred_to = r.referred_to;
  o->unit = r.outcome == "commitment" ? unit : "";
  o->recorded_by = "staff:" + r.actor;
  o->recorded_ms = now;
  c.action = "session_outcome";
  const std::string head = "代表·局长面对面 " + session.id + " ";
  if (r.outcome == "resolved") {
    c.note = head + "当场解决：" + r.note;
  } else if (r.outcome == "referred") {
    c.note = head + "转办 " + r.referred_to + "：" + r.note;
  } else {
    protocol::Commitment cm;
    cm.id = SessionCommitmentId(session.id);
    cm.text = r.note;
    cm.due = r.due;
    o->commitments.push_back(cm);
    DUBAN_ASSIGN_OR_RETURN(Date due, ParseDate(r.due));
    const Millis due_end = EndOfLocalDay(due, rules.utc_offset_minutes);
    const Millis remind_at =
        StartOfLocalDay(AddDays(due, -static_cast<int>(rules.commitment_remind_days)),
                        rules.utc_offset_minutes) +
        rules.work_start_minute * 60'000;
    if (remind_at > now && remind_at <= due_end) {
      c.timers.push_back({protocol::CommitmentRemindTimer(cm.id), "followup",
                          std::string(protocol::kCommitmentRemindKind), remind_at, due_end, cm.id});
    }
    c.timers.push_back({protocol::CommitmentOverdueTimer(cm.id), "followup",
                        std::string(protocol::kCommitmentOverdueKind), std::max(due_end + 1, now),
                        due_end, cm.id});
    c.note = head + "承诺 " + cm.id + "（" + UnitName(rules, unit) + "，期限 " + r.due + "）：" +
             r.note;
  }
  return c;
}

}  // namespace duban::services
