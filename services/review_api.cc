// The review of a filed suggestion through the API: duban.review (review_rules.h decides;
// ApiHandlers::ApplyChange applies with a version check; a resubmission goes through the store's
// own "rework" script, which replaces the draft).
//
// A merge changes two suggestions, one versioned update each: first the one it joins (its
// `merged` list gains the code, once), then the merged one. A crash in between leaves the first
// naming a suggestion not merged yet; the same request again finds the mention there, adds
// nothing, and merges the second. A merge already made answers as made (the request again after
// its answer was lost).
#include "common/protocol/codec.h"
#include "common/store/stored_suggestion.h"
#include "services/api_handlers.h"
#include "services/review_rules.h"

namespace duban::services {

using namespace duban::protocol;

Result<Suggestion> ApiHandlers::Stored(const std::string& code) {
  DUBAN_ASSIGN_OR_RETURN(store::StoredSuggestion stored, store_.Get(code, /*with_audit=*/false));
  auto s = store::DecodeSuggestion(code, stored);
  if (!s.ok()) return Internal("stored suggestion is corrupt: " + s.status().message());
  return std::move(s).value();
}

Result<ReviewReply> ApiHandlers::ReviewCall(const ReviewRequest& req, Millis now) {
  const std::string actor =
      req.actor.rfind("deputy:", 0) == 0 ? req.actor : "staff:" + (req.actor.empty() ? "staff" : req.actor);
  if (req.outcome == "resubmit") return Resubmit(req, actor, now);
  const NoticeTexts notices = config::NoticeTextsOf(config_);
  std::optional<Suggestion> into;
  if (req.outcome == "merge") {
    DUBAN_ASSIGN_OR_RETURN(Suggestion self, Stored(req.code));
    if (MergeDone(self, req)) return ReviewReply{req.code, "MERGED", self.version, req.into};
    auto target = Stored(req.into);
    if (!target.ok() && target.status().code() == StatusCode::kNotFound) {
      return NotFound("suggestion " + req.into + " does not exist")
          .WithZh("要并入的建议 " + req.into + " 不存在");
    }
    if (!target.ok()) return target.status();
    // Checked on the suggestion as it is before the other one is touched.
    DUBAN_RETURN_IF_ERROR(ApplyReview(self, req, &*target, notices).status());
    if (MergeTarget(*target, req.code, req.reason)) {
      auto joined = ApplyChange(req.into, actor, now, [&](const Suggestion& t) -> Result<UnitChange> {
        // The target as it is now (another review may have moved it since it was read).
        DUBAN_RETURN_IF_ERROR(ApplyReview(self, req, &t, notices).status());
        if (std::optional<UnitChange> c = MergeTarget(t, req.code, req.reason)) return *c;
        return AlreadyExists("merged already");
      });
      if (!joined.ok() && joined.status().code() != StatusCode::kAlreadyExists) {
        return joined.status();
      }
    }
    DUBAN_ASSIGN_OR_RETURN(Suggestion joined_now, Stored(req.into));
    into = std::move(joined_now);
  }
  DUBAN_ASSIGN_OR_RETURN(Applied applied, ApplyChange(req.code, actor, now, [&](const Suggestion& s) {
                           return ApplyReview(s, req, into ? &*into : nullptr, notices);
                         }));
  return ReviewReply{req.code, applied.state, applied.version,
                     req.outcome == "merge" ? req.into : ""};
}

Result<ReviewReply> ApiHandlers::Resubmit(const ReviewRequest& req, const std::string& actor,
                                          Millis now) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    DUBAN_ASSIGN_OR_RETURN(Suggestion s, Stored(req.code));
    if (!req.deputy.empty() && req.deputy != s.draft.deputy.id) {
      // Said without the lead deputy's id: another deputy learns nothing of it.
      return PermissionDenied("only its lead deputy (领衔代表) resubmits " + s.code + ", and '" +
                              req.deputy + "' is not")
          .WithZh("只有领衔代表可以重新提交这件建议");
    }
    DUBAN_ASSIGN_OR_RETURN(SuggestionDraft draft, Resubmitted(s, req));
    DUBAN_RETURN_IF_ERROR(ValidateDraft(draft));
    const std::string note = req.reason.empty() ? "修改后重新提交" : "修改后重新提交：" + req.reason;
    DUBAN_ASSIGN_OR_RETURN(store::CompletionResult r,
                           store_.Rework(now, req.code, s.version, EncodeBare(draft), actor, note));
    if (r == store::CompletionResult::kSuperseded) continue;
    if (r != store::CompletionResult::kApplied) {
      return FailedPrecondition(req.code + " is no longer RETURNED_FOR_REWORK")
          .WithZh("建议已不在退回修改状态，不能重新提交");
    }
    counters_.Increment("api.resubmitted");
    submitted_work_ = true;  // the assignment task it queued
    return ReviewReply{req.code, "SUBMITTED", s.version + 1, ""};
  }
  return Unavailable("the suggestion kept changing; retry");
}

}  // namespace duban::services
