// SurveyRole: the worker role behind the "survey" service — the deputy's evaluation (测评) of a
// reply, and what follows it (docs/domain.md#the-satisfaction-survey,
// docs/domain.md#what-follows-an-evaluation):
//   - "request" (queued by the broker when a suggestion enters REPLIED): the evaluation request to
//     the lead deputy (a notice in the outbox "deputy:<id>"), and the timers survey.remind (the
//     evaluation_remind_working_days-th working day after the reply) and survey.overdue (the
//     evaluation_overdue_working_days-th);
//   - "remind": a reminder to the deputy; "overdue": the evaluation is marked overdue for staff,
//     and survey.chase then chases staff every evaluation_chase_working_days working days until the
//     evaluation comes — silence is never taken as satisfied;
//   - "conclude" (queued when a suggestion enters EVALUATED): an accepted level on a class whose
//     `after` is "close" -> CLOSED; on a "follow_up" class -> FOLLOW_UP (workers/followup/ tracks
//     the commitments); a level that is not accepted -> REHANDLING with a new deadline
//     (rehandling_months from the evaluation date), the lead unit's task back to IN_PROGRESS; at the
//     second not-accepted evaluation the item also goes to the directors' meeting agenda (timer
//     agenda.dissatisfied for the escalation role, kind "agenda", payload "dissatisfied_twice").
//
// Invariants a maintainer must keep:
//   - Timers carry the reply round they were set for (payload {"round": N}); a timer of an older
//     round, or one that fires after the evaluation came, is skipped, never sent.
//   - Notices go out in working hours on working days; a timer that fires outside them is moved
//     to the next working morning (the same timer).
//   - Only "conclude" changes the suggestion, so only it names the version it saw; the others say
//     kAnyVersion and never conflict with a staff action.
//
// Thread rules: lives on its worker's thread (see role.h); holds a reference to the Clock.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/notice_text.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "config/config.h"
#include "workers/runtime/role.h"
#include "workers/runtime/working_hours.h"

namespace duban::workers::survey {

inline constexpr std::string_view kServiceName = "survey";
inline constexpr std::string_view kRequestKind = "request";
inline constexpr std::string_view kRemindKind = "remind";
inline constexpr std::string_view kOverdueKind = "overdue";
inline constexpr std::string_view kChaseKind = "chase";
inline constexpr std::string_view kConcludeKind = "conclude";

// {"round": N} <-> N. InvalidArgument for anything else or N < 1.
std::string EncodeRoundPayload(std::int64_t round);
Result<std::int64_t> DecodeRoundPayload(std::string_view bytes);

class SurveyRole final : public Role {
 public:
  // InvalidArgument when the calendar or working hours are inconsistent.
  static Result<std::unique_ptr<SurveyRole>> Create(const config::Config& c, const Clock& clock);

  // InvalidArgument for an unknown kind, a task without a suggestion or with a bad payload;
  // FailedPrecondition for a calendar without working days (a broken file), or a result class or
  // level the config no longer knows (conclude).
  Result<protocol::Outcome> Handle(const protocol::TaskMessage& task) override;

 private:
  SurveyRole(WorkingHours hours, const config::Config& c, const Clock& clock)
      : hours_(std::move(hours)),
        jurisdiction_(c.jurisdiction),
        classes_(c.result_classes),
        levels_(c.satisfaction_levels),
        delivery_(c.delivery),
        texts_(config::NoticeTextsOf(c)),
        clock_(clock) {}

  Result<protocol::Outcome> Request(const protocol::TaskMessage& task,
                                    const protocol::Suggestion& s) const;
  Result<protocol::Outcome> Remind(const protocol::TaskMessage& task,
                                   const protocol::Suggestion& s) const;
  Result<protocol::Outcome> Conclude(const protocol::TaskMessage& task,
                                     const protocol::Suggestion& s) const;

  // The timer `name` of `kind` for `round`, at the start of working hours on the `days`-th working
  // day after `from`.
  Result<protocol::TimerSpec> TimerAfter(std::string_view name, std::string_view kind,
                                         std::int64_t round, Date from, std::int64_t days) const;

  using Handler = Result<protocol::Outcome> (SurveyRole::*)(const protocol::TaskMessage&,
                                                            const protocol::Suggestion&) const;
  struct KindHandler {
    std::string_view kind;
    Handler handle;
  };
  static const std::vector<KindHandler>& Handlers();

  WorkingHours hours_;
  config::Jurisdiction jurisdiction_;
  std::vector<config::ResultClass> classes_;
  std::vector<config::SatisfactionLevel> levels_;
  config::DeliveryConfig delivery_;  // the workbench link in the evaluation request
  NoticeTexts texts_;  // the wording of its notices (config notices)
  const Clock& clock_;
};

}  // namespace duban::workers::survey
