// DeadlinePolicy: the reply deadline (docs/domain.md#the-reply-deadline) — N calendar months from
// the local date of assignment (交办), clamped to the month's last day, due at the end of that
// local day. Each deadline carries the rule that produced it, in words staff can check by hand.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>

#include "common/clock.h"
#include "common/protocol/messages.h"

namespace duban {

// assigned_at: the instant of assignment; months: the reply period; utc_offset_minutes: the
// jurisdiction's time zone.
protocol::Deadline ReplyDeadline(Millis assigned_at, std::int64_t months,
                                 std::int64_t utc_offset_minutes);

}  // namespace duban
