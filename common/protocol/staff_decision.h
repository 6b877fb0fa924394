// The staff-decision timer (docs/domain.md#staff-decisions-that-wait: staff decide within 7
// days), shared by whoever sets it — the broker on a unit's return or extension request, the
// assignment role when no rule routes a suggestion — and the reminder role that serves it
// (workers/reminder/staff_decisions.h). Its payload says what waits for staff.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/result.h"

namespace duban::protocol {

struct DecisionPayload {
  std::string request;  // review | return | extension
  std::string unit;     // return, extension: the unit that asked; review: ""
  Millis since_ms = 0;  // when the decision became due to be made (the request, or the review)
};
std::string EncodeDecisionPayload(const DecisionPayload& p);
// InvalidArgument for bytes that are not such a map, an unknown request, or no unit for a
// return or extension.
Result<DecisionPayload> DecodeDecisionPayload(std::string_view bytes);

// The timer for `p` (decision.review or decision.<request>.<unit>, service reminder, kind
// staff_decision), due `days` calendar days after `now`.
TimerSpec DecisionTimerFor(const DecisionPayload& p, Millis now, std::int64_t days);

}  // namespace duban::protocol
