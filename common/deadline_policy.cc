#include "common/deadline_policy.h"

#include "common/calendar.h"

namespace duban {

protocol::Deadline ReplyDeadline(Millis assigned_at, std::int64_t months,
                                 std::int64_t utc_offset_minutes) {
  Date assigned = LocalDateOf(assigned_at, utc_offset_minutes);
  Date due = AddCalendarMonths(assigned, static_cast<int>(months));
  protocol::Deadline d;
  d.date = FormatDate(due);
  d.rule = "reply (答复): " + std::to_string(months) + " calendar months from assignment (交办) on " +
           FormatDate(assigned);
  d.due_ms = EndOfLocalDay(due, utc_offset_minutes);
  return d;
}

}  // namespace duban
