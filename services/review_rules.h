// ReviewRules: the review of a filed suggestion (docs/domain.md#review), as pure functions like
// unit_tasks.h — given the suggestion as stored and a request, the change to apply or a clear
// error; the API handler (review_api.cc) applies it with a version check.
//
//   accept (立案):          SUBMITTED | IN_REVIEW -> ACCEPTED; staff then assign it by hand.
//   merge (并案):           IN_REVIEW -> MERGED into another suggestion that is not finished; the
//                           other one records it among its `merged` (MergeTarget).
//   return (退回修改):       IN_REVIEW -> RETURNED_FOR_REWORK, with the reason, told to the deputy.
//   withdraw (撤回):        IN_REVIEW -> WITHDRAWN at the deputy's request, with the reason.
//   resubmit (重新提交):     RETURNED_FOR_REWORK -> SUBMITTED with the revised title or text, by
//                           the lead deputy (or staff for them); the assignment role routes it
//                           again (its state-entry task).
// Each outcome is one timeline entry (accepted, merged, returned_for_rework, withdrawn,
// resubmitted; merge_received on the other suggestion) and a notice to the lead deputy.
//
// Thread rules: pure functions.
#pragma once

#include <string>

#include "common/clock.h"
#include "common/notice_text.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "config/config.h"
#include "services/unit_tasks.h"

namespace duban::services {

// FailedPrecondition: the state does not allow the outcome (a retry of a merge already made is
// not an error: MergeDone says so first). InvalidArgument: merging into itself. For `merge`,
// `into` is the other suggestion as stored (FailedPrecondition when it is finished).
Result<UnitChange> ApplyReview(const protocol::Suggestion& s, const protocol::ReviewRequest& r,
                               const protocol::Suggestion* into, const NoticeTexts& notices);

// True when `s` was merged into `r.into` already (a retry after the first answer was lost).
bool MergeDone(const protocol::Suggestion& s, const protocol::ReviewRequest& r);

// The change to the suggestion another (`code`) is merged into: `code` among its `merged`, one
// timeline entry. Nothing to do (nullopt) when it is there already, so a retry adds nothing.
std::optional<UnitChange> MergeTarget(const protocol::Suggestion& into, const std::string& code,
                                      const std::string& reason);

// The resubmitted draft: `s`'s with the revised title and text ("" keeps each).
// FailedPrecondition when `s` is not RETURNED_FOR_REWORK.
Result<protocol::SuggestionDraft> Resubmitted(const protocol::Suggestion& s,
                                              const protocol::ReviewRequest& r);

}  // namespace duban::services
