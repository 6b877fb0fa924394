// UnitTasks: the life of one handling unit's task on a suggestion (docs/domain.md#unit-tasks):
//   ISSUED -> SIGNED (签收) -> IN_PROGRESS -> (EXTENSION_PENDING -> EXTENDED)* -> REPLIED | OPINION_SENT
//   ISSUED/SIGNED -> RETURN_PENDING (退回/调整交办) -> REASSIGNED | (rejected) SIGNED
// as pure functions: given the suggestion as stored and a request, they return the change to apply
// (units, deadline, suggestion state, audit words, timers, notices) or a clear error. The API
// handlers apply it with a version check, so two actions on one suggestion never interleave.
//
// Rules: a return request is accepted only within `return_window_working_days` working days of
// the assignment (later ones are refused: FailedPrecondition naming the last day); an extension
// never goes beyond `extension_max_months` calendar months from the assignment; only a co-handler
// (协办) sends an opinion, and only to its lead unit.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/notice_text.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "common/working_calendar.h"
#include "config/config.h"

namespace duban::services {

struct UnitRules {
  std::int64_t utc_offset_minutes = 480;
  std::int64_t return_window_working_days = 7;
  std::int64_t extension_max_months = 6;
  std::int64_t staff_decision_days = 7;  // a return or extension request waits at most this long
  NoticeTexts notices{config::DefaultNotices()};  // the wording of the notices (config)
};

// A unit's request. action: sign | start | return | extend | contact | opinion | progress.
struct UnitAction {
  std::string action;
  std::string unit;
  std::string actor;
  std::string reason;  // return, extend: why; contact: what was discussed; opinion: the opinion;
                       // progress: the progress report (重点督办)
  std::string phase;   // contact: before | during | after (三见面)
  std::string until;   // extend: the requested new deadline, YYYY-MM-DD
};

// A staff decision on a pending return or extension.
struct UnitDecision {
  std::string request;  // return | extension
  std::string unit;
  bool approve = false;
  std::string new_unit;  // return approved: the unit that takes over (required for the lead)
  std::string actor;
  std::string note;
};

struct UnitChange {
  std::vector<protocol::UnitAssignment> units;
  std::optional<protocol::Deadline> deadline;
  std::string to_state;  // suggestion state change, "" for none
  std::string action, note;
  std::string unit_state;  // the unit's task state afterwards
  std::vector<protocol::TimerSpec> timers;
  std::vector<std::string> cancel_timers;
  std::vector<protocol::Notice> notices;
  std::optional<protocol::HandlingRecord> record;  // the new handling record, when it changes
  std::string committee;  // the supervising committee to set, "" to keep
  std::vector<std::string> warnings;  // said to the caller; the change is applied all the same
};

// A change that starts from the suggestion as it is: its units and its handling record, to be
// edited by the rules that decide it (closing_rules.cc, session_rules.cc).
UnitChange ChangeFrom(const protocol::Suggestion& s);

// NotFound: the unit has no task on this suggestion. FailedPrecondition: the unit's task or the
// suggestion is not in a state that allows it, or the return window closed. InvalidArgument: a
// bad phase, date or missing reason. Unknown years in the calendar: FailedPrecondition.
Result<UnitChange> ApplyUnitAction(const protocol::Suggestion& s, const UnitAction& a, Millis now,
                                   const UnitRules& rules, const WorkingCalendar& calendar);
// known_units: ids a return may hand the task to.
Result<UnitChange> ApplyUnitDecision(const protocol::Suggestion& s, const UnitDecision& d,
                                     Millis now, const UnitRules& rules,
                                     const std::set<std::string>& known_units);

}  // namespace duban::services
