// ReminderRole: the worker role behind the "reminder" service. It turns a suggestion's deadlines
// into timers, and reminds the handling units (承办单位) when one fires:
//   - "schedule" (queued by the broker whenever a suggestion enters ASSIGNED, by hand or by rule;
//     common/protocol/lifecycle.h; and again by the "reschedule" timer after an extension): sets
//     the reminder and escalation timers of reply_timers.h, and the sign and opinion timers of
//     unit_timers.h for the units that still owe those steps;
//   - "remind" (from a reply.remind.<N>d timer): notices to the units still handling it, in working
//     hours on a working day; outside them, the same timer is moved to the next working morning;
//   - "sign_remind", "sign_overdue", "opinion_remind", "opinion_overdue" (from the unit timers):
//     the notices of unit_notices.h while the unit still owes the step, under the same working
//     hours rule.
//
// Invariants a maintainer must keep:
//   - Outcomes never change the state, units or deadline, so they say kAnyVersion: a reminder
//     never conflicts with a staff action, and one decided on a slightly old snapshot is harmless.
//   - The same reminder is never sent twice (docs/domain.md#never-twice-never-pointless): every
//     notice's dedup key names the rule, N, the deadline date and the recipient. The broker keeps
//     dedup keys per suggestion, not per recipient, so without the recipient only the first unit
//     of a suggestion would be reminded.
//     A new deadline (an extension) gives new keys, so it is reminded again.
//   - A reminder is decided on the suggestion as it is when the timer fires: once it is replied
//     (or withdrawn, merged...) or its deadline moved, the reminder is skipped, never sent; a
//     unit step is skipped once the unit signed (or sent its opinion, or was re-assigned away).
//
// Thread rules: lives on its worker's thread (see role.h). Holds a reference to the Clock, which
// must outlive it; the runtime sets it to the task's domain time (TaskMessage::now_ms).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/calendar.h"
#include "common/clock.h"
#include "common/notice_text.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "config/config.h"
#include "workers/reminder/reply_timers.h"
#include "workers/reminder/unit_timers.h"
#include "workers/runtime/working_hours.h"
#include "workers/runtime/role.h"

namespace duban::workers::reminder {

inline constexpr std::string_view kScheduleKind = "schedule";

class ReminderRole final : public Role {
 public:
  // The role for the jurisdiction, calendar and notice wording of `c`. InvalidArgument when the calendar or the
  // working hours are inconsistent (WorkingHours::Create) or the sign and opinion figures are
  // out of range (UnitTimerRules::FromJurisdiction).
  static Result<std::unique_ptr<ReminderRole>> Create(const config::Config& c, const Clock& clock);

  // On success an Outcome with expect_version kAnyVersion and no state change:
  //   - "schedule": action "reminders_scheduled", the timers of PlanReplyTimers counted from the
  //     clock's now followed by those of PlanUnitTimers, the reply reminders not set among
  //     cancel_timers, a note listing all; action "schedule_skipped" with no timers when the
  //     suggestion no longer awaits its reply.
  //   - "remind": action "reminded" with one notice (kind "reminder") per unit still handling the
  //     suggestion; "reminder_deferred" with the same timer moved to the next working morning
  //     when now is outside working hours or not a working day; "reminder_skipped" with nothing
  //     else when the suggestion no longer awaits its reply, the deadline changed since the timer
  //     was set, the deadline has passed, or no unit is left to remind.
  //   - a unit step ("sign_remind", ...): its UnitStep's action with its notices; the same
  //     "reminder_deferred" outside working hours (the same timer, name and payload, at the next
  //     working morning); "reminder_skipped" when the suggestion no longer awaits its reply, the
  //     unit has no live task or no longer owes the step, or (opinion reminders) the opinion
  //     deadline has passed or no working morning is left before it.
  // InvalidArgument for another kind, a task without a suggestion, a suggestion without a reply
  // deadline or with a malformed one, and a "remind" or unit step task whose payload is not one
  // of its timer's.
  // FailedPrecondition when the calendar shows no working day for months (a broken file).
  Result<protocol::Outcome> Handle(const protocol::TaskMessage& task) override;

 private:
  ReminderRole(WorkingHours hours, UnitTimerRules unit_rules, config::Jurisdiction jurisdiction,
               NoticeTexts texts, const Clock& clock)
      : hours_(std::move(hours)),
        unit_rules_(std::move(unit_rules)),
        jurisdiction_(std::move(jurisdiction)),
        texts_(std::move(texts)),
        clock_(clock) {}

  Result<protocol::Outcome> Schedule(const protocol::TaskMessage& task,
                                     const protocol::Suggestion& s, Date deadline) const;
  Result<protocol::Outcome> Remind(const protocol::TaskMessage& task, const protocol::Suggestion& s,
                                   Date deadline) const;
  // Every unit step kind (unit_notices.h); the step is found by task.kind.
  Result<protocol::Outcome> RemindUnit(const protocol::TaskMessage& task,
                                       const protocol::Suggestion& s, Date deadline) const;

  // Task kinds and their handlers, as data (docs/style.md#tables-over-if-ladders).
  using Handler = Result<protocol::Outcome> (ReminderRole::*)(const protocol::TaskMessage&,
                                                              const protocol::Suggestion&,
                                                              Date) const;
  struct KindHandler {
    std::string_view kind;
    Handler handle;
  };
  static const std::vector<KindHandler>& Handlers();

  WorkingHours hours_;
  UnitTimerRules unit_rules_;
  config::Jurisdiction jurisdiction_;
  NoticeTexts texts_;  // the wording of its notices (config notices)
  const Clock& clock_;
};

}  // namespace duban::workers::reminder
