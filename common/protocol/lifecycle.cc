#include "common/protocol/lifecycle.h"

#include <algorithm>

namespace duban::protocol {

const std::vector<std::pair<SuggestionState, SuggestionState>>& AllowedTransitions() {
  using S = SuggestionState;
  static const std::vector<std::pair<S, S>> kTable = {
      {S::kSubmitted, S::kInReview},        {S::kSubmitted, S::kAccepted},
      {S::kSubmitted, S::kAssigned},  // routed by rule: accepted and assigned in one step
      {S::kInReview, S::kWithdrawn},        {S::kInReview, S::kMerged},
      {S::kInReview, S::kReturnedForRework}, {S::kInReview, S::kAccepted},
      {S::kInReview, S::kAssigned},  // staff assign by hand
      {S::kReturnedForRework, S::kSubmitted},
      {S::kAccepted, S::kAssigned},         {S::kAssigned, S::kInHandling},
      {S::kAssigned, S::kReplied},          {S::kInHandling, S::kReplied},
      {S::kReplied, S::kEvaluated},         {S::kEvaluated, S::kClosed},
      {S::kEvaluated, S::kRehandling},      {S::kEvaluated, S::kFollowUp},
      {S::kRehandling, S::kReplied},        {S::kFollowUp, S::kClosed},
  };
  return kTable;
}

const std::vector<StateEntryTask>& StateEntryTasks() {
  static const std::vector<StateEntryTask> kTable = {
      // A suggestion resubmitted after rework is routed again (a new one is queued by submit).
      {SuggestionState::kSubmitted, "assignment", "assign"},
      // The reminder role turns the reply deadline into reminder and escalation timers.
      {SuggestionState::kAssigned, "reminder", "schedule"},
      // A re-handling has a new deadline: the reminder role plans its reminders the same way.
      {SuggestionState::kRehandling, "reminder", "schedule"},
      // A reply asks the lead deputy for an evaluation (workers/survey/).
      {SuggestionState::kReplied, "survey", "request"},
      // An evaluation decides what follows: close, re-handle or follow up (workers/survey/).
      {SuggestionState::kEvaluated, "survey", "conclude"},
      // A follow-up tracks each commitment and the look-back rounds (workers/followup/).
      {SuggestionState::kFollowUp, "followup", "plan"},
  };
  return kTable;
}

bool AwaitsReply(SuggestionState s) {
  return s == SuggestionState::kAssigned || s == SuggestionState::kInHandling ||
         s == SuggestionState::kRehandling;
}

bool IsFinished(SuggestionState s) {
  return s == SuggestionState::kClosed || s == SuggestionState::kWithdrawn ||
         s == SuggestionState::kMerged;
}

bool IsAllowedTransition(SuggestionState from, SuggestionState to) {
  if (from == to) return true;
  const auto& t = AllowedTransitions();
  return std::find(t.begin(), t.end(), std::make_pair(from, to)) != t.end();
}

}  // namespace duban::protocol
