// EscalationRole: the worker role behind the "escalation" service. When a reply deadline passes
// without a reply it tells the people who can push
// (docs/domain.md#reminder-and-escalation-steps):
//   - "overdue" (the reply.overdue timer, just after the deadline): the government supervision
//     office (政府督查室) and the deputy-affairs staff;
//   - "agenda": the directors' meeting agenda (主任会议议程). The payload names the reason:
//       empty (the reply.overdue15 timer the reminder role sets, agenda_after_overdue_days after
//       the deadline): the reply is that many days overdue;
//       "rehandling_overdue": the suggestion is REHANDLING (重新办理) and its deadline passed;
//       "dissatisfied_twice": the deputy was dissatisfied twice (两次不满意), placed unconditionally.
//     (Plain bytes, or a msgpack map {"reason": NAME}.) The outcome carries an agenda effect
//     "place" — the broker puts the suggestion, or the bundle it belongs to, on the agenda in the
//     same script (once per reason key) — and notices to "agenda:directors" and the staff;
//   - "progress" (the monthly agenda.progress.a/.b timer of a key item, 重点督办; payload: the
//     agenda item id): an agenda effect "progress_check"; the broker's script sends the notice to
//     the leading director's office when no unit reported progress since the last check, and arms
//     the next check one calendar month later while the item is OPEN.
// Except for "progress", this role decides from the suggestion as it is when the timer fires and
// the clock alone.
//
// Invariants a maintainer must keep:
//   - Outcomes never change the state, units or deadline (expect_version kAnyVersion).
//   - It escalates only what is really late now: a suggestion no longer awaiting its reply, or
//     whose deadline moved (an extension) since the timer was set, is skipped, never escalated.
//   - Every notice's dedup key names the rule, the deadline date and the recipient (the broker
//     keeps dedup keys per suggestion, not per recipient), so each escalation reaches each
//     recipient once per deadline.
//
// Thread rules: lives on its worker's thread (see role.h). Holds a reference to the Clock, which
// must outlive it; the runtime sets it to the task's domain time (TaskMessage::now_ms).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/calendar.h"
#include "common/clock.h"
#include "common/notice_text.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "config/config.h"
#include "workers/runtime/role.h"

namespace duban::workers::escalation {

inline constexpr std::string_view kServiceName = "escalation";
inline constexpr std::string_view kOverdueKind = "overdue";
inline constexpr std::string_view kAgendaKind = "agenda";
inline constexpr std::string_view kProgressKind = "progress";
// Payloads of an "agenda" task naming its reason (the empty payload is the overdue reply).
inline constexpr std::string_view kRehandlingOverdue = "rehandling_overdue";
inline constexpr std::string_view kDissatisfiedTwice = "dissatisfied_twice";
// Recipients (outboxes) of escalations.
inline constexpr std::string_view kSupervisionOffice = "office:supervision";
inline constexpr std::string_view kStaff = "staff";
inline constexpr std::string_view kDirectorsAgenda = "agenda:directors";

class EscalationRole final : public Role {
 public:
  // The role for the jurisdiction, units and notice wording of `c` (unit names make the notices
  // readable).
  static Result<std::unique_ptr<EscalationRole>> Create(const config::Config& c,
                                                        const Clock& clock);

  // On success an Outcome with expect_version kAnyVersion and no state change:
  //   - "overdue": action "escalated_overdue" with notices (kind "escalation") to the supervision
  //     office and the staff, when the suggestion awaits its reply and the clock is past the
  //     deadline;
  //   - "agenda": action "placed_on_agenda" with an agenda effect "place" (first progress check
  //     one month later, at the start of working hours) and notices (kind "agenda") to the
  //     directors' agenda and the staff, when the payload's rule holds: empty — it awaits its
  //     reply and is at least agenda_after_overdue_days days overdue (local dates);
  //     rehandling_overdue — it is REHANDLING and past its deadline; dissatisfied_twice — always;
  //   - "progress": action "progress_checked" with an agenda effect "progress_check";
  //   - otherwise action "escalation_skipped", no notice, a note saying why.
  // InvalidArgument for another kind, a task without a suggestion, an unknown agenda payload, a
  // "progress" task without an item id, and (overdue, empty or rehandling_overdue agenda) a
  // suggestion without a reply deadline or with a malformed one.
  Result<protocol::Outcome> Handle(const protocol::TaskMessage& task) override;

 private:
  EscalationRole(config::Jurisdiction jurisdiction, std::map<std::string, std::string> unit_names,
                 NoticeTexts texts, const Clock& clock)
      : jurisdiction_(std::move(jurisdiction)),
        unit_names_(std::move(unit_names)),
        texts_(std::move(texts)),
        clock_(clock) {}

  Result<protocol::Outcome> Overdue(const protocol::TaskMessage& task) const;
  Result<protocol::Outcome> Agenda(const protocol::TaskMessage& task) const;
  Result<protocol::Outcome> ReplyOverdueAgenda(const protocol::Suggestion& s, Date deadline) const;
  Result<protocol::Outcome> RehandlingOverdueAgenda(const protocol::Suggestion& s) const;
  Result<protocol::Outcome> DissatisfiedTwiceAgenda(const protocol::Suggestion& s) const;
  Result<protocol::Outcome> Progress(const protocol::TaskMessage& task) const;
  // The committee that supervises `s` (分工督办) hears of an escalation of its field beside the
  // supervision office and staff: a notice to committee:<id>, named in the note.
  static void AlsoToCommittee(const protocol::Suggestion& s, const std::string& kind,
                              const std::string& text, const std::string& key,
                              protocol::Outcome* out);
  // "placed_on_agenda": the place effect (reason key and text), `agenda_text` to the directors'
  // agenda and `staff_text` to the staff, deduplicated by `dedup` per recipient.
  protocol::Outcome Placed(const protocol::Suggestion& s, const std::string& key,
                           const std::string& reason, const std::string& agenda_text,
                           const std::string& staff_text, const std::string& dedup,
                           std::string note) const;
  // The agenda template `name` for `s` placed for `reason`: {code}, {title}, {lead_units},
  // {reason}, and {date} and {overdue_days} for the templates that give them.
  std::string AgendaText(std::string_view name, const protocol::Suggestion& s,
                         const std::string& reason, const std::string& date = "",
                         const std::string& overdue_days = "") const;
  // The start of working hours, kAgendaProgressMonths calendar months after today (local date).
  Millis NextProgressCheck() const;

  // The unit's name from the config, or its id when the config does not know it (a unit removed
  // from the file after assignment is still named somehow).
  std::string UnitName(const std::string& id) const;
  // Every unit, leads first, as the templates unit_list_lead and unit_list_co word them, joined
  // by unit_list_separator: "市教育局（主办）、市财政局（协办）"; unit_list_none ("未指定") when
  // there is none.
  std::string UnitList(const protocol::Suggestion& s) const;
  // The lead units' names joined the same way ("市教育局"), or unit_list_none.
  std::string LeadUnits(const protocol::Suggestion& s) const;

  // Task kinds and their handlers, as data (docs/style.md#tables-over-if-ladders).
  using Handler = Result<protocol::Outcome> (EscalationRole::*)(const protocol::TaskMessage&) const;
  struct KindHandler {
    std::string_view kind;
    Handler handle;
  };
  static const std::vector<KindHandler>& Handlers();

  config::Jurisdiction jurisdiction_;
  std::map<std::string, std::string> unit_names_;  // unit id -> name
  NoticeTexts texts_;                              // the wording of its notices (config notices)
  const Clock& clock_;
};

}  // namespace duban::workers::escalation
