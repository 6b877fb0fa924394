// FollowupRole: the worker role behind the "followup" service — the follow-up (回头看) of a B or C
// reply evaluated at least 基本满意 (docs/domain.md#follow-up-and-close-out): each commitment
// (承诺事项) is tracked until staff close it out (销号, duban.closeout), and look-back rounds come
// due periodically.
//   - "plan" (queued by the broker when a suggestion enters FOLLOW_UP): for each open commitment,
//     commit.remind.<id> at the start of working hours commitment_remind_days before its due date
//     (when that is still ahead) and commit.overdue.<id> just after the due date ends; and the
//     look-back timer, lookback_months calendar months ahead;
//   - "commitment_remind": a notice to the lead unit; "commitment_overdue": to the supervisor
//     (staff) and the lead unit;
//   - "lookback": a look-back round is due (notice to staff and the lead unit), and the timer is
//     set again for the next period while the item is in FOLLOW_UP — so a follow-up is never left
//     without a pending timer until it is closed out.
// A timer for a commitment already met, or after the item left FOLLOW_UP, is skipped. Notices go
// out in working hours; a timer firing outside them is moved to the next working morning. Outcomes
// never change the suggestion (kAnyVersion).
//
// Thread rules: lives on its worker's thread (see role.h); holds a reference to the Clock.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/notice_text.h"
#include "common/protocol/messages.h"
#include "common/protocol/timer_names.h"
#include "common/result.h"
#include "config/config.h"
#include "workers/runtime/role.h"
#include "workers/runtime/working_hours.h"

namespace duban::workers::followup {

inline constexpr std::string_view kServiceName = "followup";
inline constexpr std::string_view kPlanKind = "plan";
inline constexpr std::string_view kCommitmentRemindKind = protocol::kCommitmentRemindKind;
inline constexpr std::string_view kCommitmentOverdueKind = protocol::kCommitmentOverdueKind;
inline constexpr std::string_view kLookbackKind = "lookback";

class FollowupRole final : public Role {
 public:
  static Result<std::unique_ptr<FollowupRole>> Create(const config::Config& c, const Clock& clock);

  // InvalidArgument for an unknown kind, a task without a suggestion, a commitment timer naming
  // no commitment; FailedPrecondition for a calendar without working days.
  Result<protocol::Outcome> Handle(const protocol::TaskMessage& task) override;

 private:
  FollowupRole(WorkingHours hours, config::Jurisdiction j, NoticeTexts texts, const Clock& clock)
      : hours_(std::move(hours)),
        jurisdiction_(std::move(j)),
        texts_(std::move(texts)),
        clock_(clock) {}

  Result<protocol::Outcome> Plan(const protocol::TaskMessage& task,
                                 const protocol::Suggestion& s) const;
  Result<protocol::Outcome> Commitment(const protocol::TaskMessage& task,
                                       const protocol::Suggestion& s) const;
  Result<protocol::Outcome> Lookback(const protocol::TaskMessage& task,
                                     const protocol::Suggestion& s) const;
  Result<protocol::TimerSpec> LookbackTimer(Millis now) const;

  using Handler = Result<protocol::Outcome> (FollowupRole::*)(const protocol::TaskMessage&,
                                                              const protocol::Suggestion&) const;
  struct KindHandler {
    std::string_view kind;
    Handler handle;
  };
  static const std::vector<KindHandler>& Handlers();

  WorkingHours hours_;
  config::Jurisdiction jurisdiction_;
  NoticeTexts texts_;  // the wording of its notices (config notices)
  const Clock& clock_;
};

}  // namespace duban::workers::followup
