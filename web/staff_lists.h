// StaffLists: what the staff's pages (代表工委) list, worked out from the suggestions and timelines
// the broker returned — pure functions, so the pages never ask the broker twice and the tests
// need no broker:
//   - pending decisions: each unit task RETURN_PENDING or EXTENSION_PENDING, with what was asked
//     (the reason, the date asked for), since when (the timeline entry of the request) and when
//     staff are due to decide (staff_decision_days calendar days later, as the broker's
//     decision.<request>.<unit> timer counts);
//   - deadlines by unit: each unit that still owes its part (not replied, no opinion sent, not
//     reassigned away) on a suggestion still awaiting a reply, overdue (the reply deadline's date
//     has passed) or due within kDueSoonDays days;
//   - the review queue's note: why a suggestion waits for staff (no routing rule matched: the
//     assignment role's `awaiting_staff` entry).
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/calendar.h"
#include "common/clock.h"
#include "common/protocol/messages.h"

namespace duban::web {

struct PendingDecision {
  std::string code;
  std::string title;
  std::string unit;
  bool lead = false;          // the lead unit's request (a return then needs a new unit)
  std::string request;        // "return" | "extension"
  std::string reason;         // the note of the request's timeline entry ("" when not found)
  std::string until;          // extension: the deadline asked for
  std::string deadline;       // the suggestion's reply deadline now
  Millis since_ms = 0;        // the request's timeline entry (0 when not on the page read)
  std::string decide_by;      // since + staff_decision_days, YYYY-MM-DD ("" when since unknown)
};

// Every pending request on `got`, in the order of its units.
std::vector<PendingDecision> PendingDecisionsOf(const protocol::GetReply& got,
                                                std::int64_t staff_decision_days,
                                                std::int64_t utc_offset_minutes);

struct DeadlineItem {
  std::string code;
  std::string title;
  std::string unit_state;
  bool lead = false;
  std::string deadline;
  std::int64_t days_left = 0;  // negative: days overdue
};

struct UnitDeadlines {
  std::vector<DeadlineItem> overdue;   // most overdue first
  std::vector<DeadlineItem> due_soon;  // soonest first
};

// Unit id -> its overdue and soon-due tasks on `suggestions` at local date `today`.
std::map<std::string, UnitDeadlines> DeadlinesByUnit(
    const std::vector<protocol::Suggestion>& suggestions, Date today);

// Why a suggestion waits for staff: the assignment role's last `awaiting_staff` entry on the page
// of timeline read (no routing rule matched), its note and time; no_rule_matched false when the
// page holds none (accepted by staff, or an entry older than the page).
struct ReviewNote {
  bool no_rule_matched = false;
  std::string note;
  Millis since_ms = 0;
};
ReviewNote ReviewNoteOf(const std::vector<protocol::AuditEntry>& timeline);

}  // namespace duban::web
