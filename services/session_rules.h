// Session rules: what a 代表·局长面对面 session (docs/domain.md#face-to-face-sessions) does to a
// suggestion it discusses, decided on a snapshot of the suggestion (ApiHandlers::ApplyChange then
// applies it with a version check). Scheduling records the session in the suggestion's handling
// record and on its timeline; an outcome — resolved on the spot, a commitment with a due date
// (followed up by the followup role like a reply's commitments, closed out with duban.closeout),
// or referred on — is recorded once and never rewritten.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "services/unit_tasks.h"

namespace duban::services {

struct SessionRules {
  std::int64_t utc_offset_minutes = 480;
  std::int64_t commitment_remind_days = 7;  // jurisdiction.commitment_remind_days
  std::int64_t work_start_minute = 9 * 60;
  std::map<std::string, std::string> unit_names;  // id -> name, for the timeline's words
};

// "f<n>c1" for session "F000n": the id of the commitment a session's outcome makes.
std::string SessionCommitmentId(const std::string& session_id);

// The session's mention on a discussed suggestion. AlreadyExists: the suggestion has it (nothing
// to do); FailedPrecondition: the suggestion was withdrawn or merged.
Result<UnitChange> ApplySessionScheduled(const protocol::Suggestion& s,
                                         const protocol::Session& session,
                                         const SessionRules& rules);

// The outcome `r` of `session` for the suggestion. AlreadyExists: the same outcome is recorded
// (a retry); FailedPrecondition: another outcome is recorded, or the suggestion was withdrawn or
// merged; InvalidArgument: a missing note, due date or referral, a due date before the session,
// a unit that did not attend.
Result<UnitChange> ApplySessionOutcome(const protocol::Suggestion& s,
                                       const protocol::Session& session,
                                       const protocol::SessionRequest& r, Millis now,
                                       const SessionRules& rules);

}  // namespace duban::services
