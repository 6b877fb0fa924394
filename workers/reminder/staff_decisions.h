// StaffDecisions: a staff decision that waits too long (docs/domain.md#staff-decisions-that-wait:
// staff decide within 7 days). The timer decision.review (set by the assignment role when no rule
// routes a suggestion) or decision.<request>.<unit> (set by the broker on a unit's return or
// extension request) fires after jurisdiction.staff_decision_days; while the decision is still
// pending, staff get a notice and the same timer is set again one period later, so a pending
// decision is never left silent. Once decided, the timer is skipped (or was cancelled by name).
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/notice_text.h"
#include "common/protocol/messages.h"
#include "common/protocol/staff_decision.h"
#include "common/result.h"
#include "workers/runtime/working_hours.h"

namespace duban::workers::reminder {

// The outcome of a staff_decision task at `now`: "decision_overdue" (a notice to staff worded by
// `texts`, the timer again `days` later), "reminder_deferred" outside working hours, or
// "reminder_skipped" once decided. InvalidArgument for a bad payload.
Result<protocol::Outcome> StaffDecisionOutcome(const protocol::Suggestion& s,
                                               std::string_view payload, Millis now,
                                               std::int64_t days, const WorkingHours& hours,
                                               const NoticeTexts& texts);
// The same with the default wording (config/notices.toml as compiled in).
Result<protocol::Outcome> StaffDecisionOutcome(const protocol::Suggestion& s,
                                               std::string_view payload, Millis now,
                                               std::int64_t days, const WorkingHours& hours);

}  // namespace duban::workers::reminder
