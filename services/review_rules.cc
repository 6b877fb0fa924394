#include "services/review_rules.h"

#include <algorithm>

#include "common/protocol/labels.h"
#include "common/protocol/lifecycle.h"

namespace duban::services {
namespace {

using protocol::SuggestionState;

Status NotNow(const protocol::Suggestion& s, const std::string& outcome, const char* allowed,
              const std::string& what_zh) {
  return FailedPrecondition(s.code + " is " + std::string(protocol::StateName(s.state)) + "; " +
                            outcome + " is for a suggestion " + allowed)
      .WithZh("建议当前为“" + std::string(protocol::StateLabel(s.state)) + "”，不能" + what_zh);
}

// The notice to the lead deputy; one per outcome and version, so a retry sends nothing twice.
protocol::Notice ToDeputy(const protocol::Suggestion& s, const char* name, const std::string& text) {
  return {"deputy:" + s.draft.deputy.id, "review", text,
          std::string(name) + ":" + std::to_string(s.version), ""};
}

}  // namespace

bool MergeDone(const protocol::Suggestion& s, const protocol::ReviewRequest& r) {
  return r.outcome == "merge" && s.state == SuggestionState::kMerged &&
         s.record.merged_into == r.into;
}

namespace {

// Suggestions merged into s are handled as s: it cannot leave handling while they wait on it.
Status NothingMergedInto(const protocol::Suggestion& s, const char* done, const char* zh) {
  if (s.record.merged.empty()) return Status::Ok();
  return FailedPrecondition(std::to_string(s.record.merged.size()) +
                            " suggestions were merged into " + s.code + " (" +
                            s.record.merged.front() + (s.record.merged.size() > 1 ? ", ..." : "") +
                            "); it cannot be " + done + " while they are handled with it")
      .WithZh("已有建议并入本件（" + s.record.merged.front() + "），不能" + zh);
}

}  // namespace

Result<UnitChange> ApplyReview(const protocol::Suggestion& s, const protocol::ReviewRequest& r,
                               const protocol::Suggestion* into, const NoticeTexts& notices) {
  UnitChange c = ChangeFrom(s);
  c.record->review_reason = r.reason;
  auto told = [&](const char* name) {
    return ToDeputy(s, name, notices(name, {{"code", s.code},
                                                {"title", s.draft.title},
                                                {"into", r.into},
                                                {"reason", r.reason}}));
  };
  if (r.outcome == "accept") {
    if (s.state != SuggestionState::kSubmitted && s.state != SuggestionState::kInReview) {
      return NotNow(s, "accept", "SUBMITTED or IN_REVIEW", "立案");
    }
    c.to_state = "ACCEPTED";
    c.action = "accepted";
    c.note = r.reason.empty() ? "审核立案" : "审核立案：" + r.reason;
    c.notices.push_back(told("review_accepted"));
  } else if (r.outcome == "merge") {
    if (r.into == s.code) {
      return InvalidArgument("a suggestion cannot be merged into itself")
          .WithZh("不能并入建议本身");
    }
    if (s.state != SuggestionState::kInReview) return NotNow(s, "merge", "IN_REVIEW", "并案");
    DUBAN_RETURN_IF_ERROR(NothingMergedInto(s, "merged", "并入其他建议"));
    if (into == nullptr) return NotFound("suggestion " + r.into + " does not exist");
    if (into->draft.session != s.draft.session) {
      return InvalidArgument(r.into + " is of session " + into->draft.session + ", " + s.code +
                             " of " + s.draft.session +
                             "; a suggestion is merged into one of its own session")
          .WithZh("不能并入其他届次的建议 " + r.into);
    }
    if (protocol::IsFinished(into->state) ||
        into->state == SuggestionState::kReturnedForRework) {
      return FailedPrecondition(r.into + " is " + std::string(protocol::StateName(into->state)) +
                                "; a suggestion is merged into one that is not finished nor "
                                "returned to its deputy")
          .WithZh("建议 " + r.into + " 当前为“" +
                  std::string(protocol::StateLabel(into->state)) + "”，不能并入");
    }
    c.to_state = "MERGED";
    c.action = "merged";
    c.note = "并入 " + r.into + "：" + r.reason;
    c.record->merged_into = r.into;
    c.notices.push_back(told("review_merged"));
  } else if (r.outcome == "return") {
    if (s.state != SuggestionState::kInReview) return NotNow(s, "return", "IN_REVIEW", "退回修改");
    DUBAN_RETURN_IF_ERROR(NothingMergedInto(s, "returned", "退回"));
    c.to_state = "RETURNED_FOR_REWORK";
    c.action = "returned_for_rework";
    c.note = "退回代表修改：" + r.reason;
    c.notices.push_back(told("review_returned"));
  } else if (r.outcome == "withdraw") {
    if (s.state != SuggestionState::kInReview) return NotNow(s, "withdraw", "IN_REVIEW", "撤回");
    DUBAN_RETURN_IF_ERROR(NothingMergedInto(s, "withdrawn", "撤回"));
    c.to_state = "WITHDRAWN";
    c.action = "withdrawn";
    c.note = "按代表要求撤回：" + r.reason;
    c.notices.push_back(told("review_withdrawn"));
  } else {
    return InvalidArgument("outcome '" + r.outcome + "' is not decided by ApplyReview");
  }
  return c;
}

std::optional<UnitChange> MergeTarget(const protocol::Suggestion& into, const std::string& code,
                                      const std::string& reason) {
  const auto& merged = into.record.merged;
  if (std::find(merged.begin(), merged.end(), code) != merged.end()) return std::nullopt;
  UnitChange c = ChangeFrom(into);
  c.record->merged.push_back(code);
  c.action = "merge_received";
  c.note = code + " 并入本件：" + reason;
  return c;
}

Result<protocol::SuggestionDraft> Resubmitted(const protocol::Suggestion& s,
                                              const protocol::ReviewRequest& r) {
  if (s.state != SuggestionState::kReturnedForRework) {
    return NotNow(s, "resubmit", "RETURNED_FOR_REWORK", "重新提交");
  }
  protocol::SuggestionDraft d = s.draft;
  if (!r.title.empty()) d.title = r.title;
  if (!r.content.empty()) d.content = r.content;
  return d;
}

}  // namespace duban::services
