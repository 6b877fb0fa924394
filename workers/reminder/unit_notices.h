// UnitNotices: what each unit step's task says when its timer fires (unit_timers.h), as data: one
// UnitStep per task kind, with the test of whether the unit still owes the step and the notices.
//   - "sign_remind": a unit still ISSUED → "unit:<unit>", kind "reminder";
//   - "sign_overdue": still ISSUED → "staff", kind "escalation";
//   - "opinion_remind": a co-handler that has not sent its opinion → "unit:<co>", kind "reminder",
//     with the days left and the deadline;
//   - "opinion_overdue": not sent → the lead unit ("unit:<lead>") and "staff" (who supervise it),
//     kind "escalation".
// The role (reminder_role.h) does what is common to them: the payload, the suggestion's state,
// the unit's, and working hours.
//
// Invariant: every dedup key is "<timer>:<date>@<recipient>" (date: the assignment date for sign
// steps, the opinion deadline for opinion steps). The broker keeps dedup keys per suggestion, so
// the recipient and the unit (in the timer name) must both be in it, or the first unit reminded
// would silence the others.
//
// Thread rules: constant data and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/calendar.h"
#include "common/notice_text.h"
#include "common/protocol/messages.h"
#include "workers/reminder/unit_timers.h"

namespace duban::workers::reminder {

struct UnitNotices {
  std::vector<protocol::Notice> notices;
  std::string detail;  // for the note: "assigned 2026-02-13, 2 working days"
};

struct UnitStep {
  std::string_view kind;    // the task kind its timer queues
  std::string_view action;  // the audit action when the notices go out
  // Whether `u` still owes the step (otherwise the task is skipped).
  bool (*owed)(const protocol::UnitAssignment& u);
  // The payload's date is the opinion deadline: its end is the timers' priority.
  bool date_is_deadline;
  // A reminder before that deadline: skipped once it has passed, or when the next working morning
  // lies beyond it.
  bool before_deadline;
  // The notices for the unit of `p` on `s`, sent on local date `today`, worded by `texts`.
  UnitNotices (*notices)(const protocol::Suggestion& s, const UnitTimerPayload& p, Date today,
                         const NoticeTexts& texts);
};

// The step of task kind `kind`, or nullptr when it is not a unit step.
const UnitStep* FindUnitStep(std::string_view kind);
// Every unit step, in the order above.
const std::vector<UnitStep>& UnitSteps();

}  // namespace duban::workers::reminder
