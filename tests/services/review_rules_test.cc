// The review of a filed suggestion (services/review_rules.h): each outcome from the states it is
// for, its state, timeline words, handling record and notice to the lead deputy by value; every
// outcome refused from the states it is not for, with Chinese words; a merge's two sides, each
// once; a resubmission's revised draft.
#include "services/review_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/protocol/lifecycle.h"
#include "config/config.h"

namespace duban::services {
namespace {

using protocol::ReviewRequest;
using protocol::Suggestion;
using protocol::SuggestionState;
using ::testing::HasSubstr;

Suggestion InReview(const std::string& code = "S2026-00007") {
  Suggestion s;
  s.code = code;
  s.draft.title = "关于在老旧小区加装电梯的建议";
  s.draft.content = "建议简化审批流程。";
  s.draft.deputy = {"D2026001", "王丽华", ""};
  s.draft.session = "2026";
  s.state = SuggestionState::kInReview;
  s.version = 2;
  return s;
}

ReviewRequest Req(const std::string& outcome, const std::string& reason = "") {
  ReviewRequest r;
  r.code = "S2026-00007";
  r.outcome = outcome;
  r.reason = reason;
  r.actor = "wang";
  return r;
}

const NoticeTexts& Notices() {
  static const NoticeTexts texts(config::DefaultNotices());
  return texts;
}

TEST(ReviewRules, ReturnForReworkTellsTheDeputyWhy) {
  auto c = ApplyReview(InReview(), Req("return", "请补充具体小区名称"), nullptr, Notices());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->to_state, "RETURNED_FOR_REWORK");
  EXPECT_EQ(c->action, "returned_for_rework");
  EXPECT_EQ(c->note, "退回代表修改：请补充具体小区名称");
  ASSERT_TRUE(c->record.has_value());
  EXPECT_EQ(c->record->review_reason, "请补充具体小区名称");
  ASSERT_EQ(c->notices.size(), 1u);
  EXPECT_EQ(c->notices[0].recipient, "deputy:D2026001");
  EXPECT_EQ(c->notices[0].kind, "review");
  EXPECT_EQ(c->notices[0].text,
            "【退回修改】建议 S2026-00007《关于在老旧小区加装电梯的建议》经审核退回，请修改后重新提交。"
            "理由：请补充具体小区名称");
  EXPECT_EQ(c->notices[0].dedup_key, "review_returned:2") << "one per outcome and version";
}

TEST(ReviewRules, AcceptWithdrawAndTheirStates) {
  auto accepted = ApplyReview(InReview(), Req("accept"), nullptr, Notices());
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted->to_state, "ACCEPTED");
  EXPECT_EQ(accepted->action, "accepted");
  EXPECT_EQ(accepted->note, "审核立案");
  Suggestion submitted = InReview();
  submitted.state = SuggestionState::kSubmitted;
  EXPECT_TRUE(ApplyReview(submitted, Req("accept"), nullptr, Notices()).ok())
      << "a suggestion not routed yet may be accepted (SUBMITTED → ACCEPTED)";

  auto withdrawn = ApplyReview(InReview(), Req("withdraw", "代表来函要求撤回"), nullptr, Notices());
  ASSERT_TRUE(withdrawn.ok());
  EXPECT_EQ(withdrawn->to_state, "WITHDRAWN");
  EXPECT_EQ(withdrawn->note, "按代表要求撤回：代表来函要求撤回");
  EXPECT_THAT(withdrawn->notices[0].text, HasSubstr("已按代表要求撤回"));

  // Every outcome's change is in the lifecycle table.
  for (const auto* c : {&*accepted, &*withdrawn}) {
    EXPECT_TRUE(protocol::IsAllowedTransition(SuggestionState::kInReview,
                                            *protocol::ParseState(c->to_state)))
        << c->to_state;
  }
}

TEST(ReviewRules, OutcomesAreRefusedOutsideTheirStatesWithChineseWords) {
  for (SuggestionState st : {SuggestionState::kAssigned, SuggestionState::kClosed,
                             SuggestionState::kWithdrawn, SuggestionState::kAccepted}) {
    Suggestion s = InReview();
    s.state = st;
    for (const char* outcome : {"merge", "return", "withdraw"}) {
      Suggestion into = InReview("S2026-00003");
      ReviewRequest r = Req(outcome, "理由");
      r.into = "S2026-00003";
      auto c = ApplyReview(s, r, &into, Notices());
      ASSERT_FALSE(c.ok()) << outcome << " from " << protocol::StateName(st);
      EXPECT_EQ(c.status().code(), StatusCode::kFailedPrecondition);
      EXPECT_THAT(c.status().zh(), HasSubstr("不能")) << c.status().zh();
    }
  }
  Suggestion assigned = InReview();
  assigned.state = SuggestionState::kAssigned;
  auto c = ApplyReview(assigned, Req("accept"), nullptr, Notices());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().zh(), "建议当前为“已交办”，不能立案");
}

TEST(ReviewRules, AMergeNamesBothSidesOnceAndNeverAFinishedOrItself) {
  Suggestion into = InReview("S2026-00003");
  into.state = SuggestionState::kInHandling;
  ReviewRequest r = Req("merge", "与 S2026-00003 内容相同");
  r.into = "S2026-00003";
  auto c = ApplyReview(InReview(), r, &into, Notices());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->to_state, "MERGED");
  EXPECT_EQ(c->record->merged_into, "S2026-00003");
  EXPECT_EQ(c->note, "并入 S2026-00003：与 S2026-00003 内容相同");
  EXPECT_THAT(c->notices[0].text, HasSubstr("已并入建议 S2026-00003 一并办理"));

  auto joined = MergeTarget(into, "S2026-00007", "内容相同");
  ASSERT_TRUE(joined.has_value());
  EXPECT_EQ(joined->action, "merge_received");
  EXPECT_EQ(joined->to_state, "") << "the suggestion it joins keeps its state";
  EXPECT_THAT(joined->record->merged, ::testing::ElementsAre("S2026-00007"));
  into.record = *joined->record;
  EXPECT_FALSE(MergeTarget(into, "S2026-00007", "内容相同").has_value()) << "a retry adds nothing";

  Suggestion merged = InReview();
  merged.state = SuggestionState::kMerged;
  merged.record.merged_into = "S2026-00003";
  EXPECT_TRUE(MergeDone(merged, r));
  r.into = "S2026-00004";
  EXPECT_FALSE(MergeDone(merged, r)) << "merged into another one: not this request's merge";

  into.state = SuggestionState::kClosed;
  r.into = "S2026-00003";
  auto finished = ApplyReview(InReview(), r, &into, Notices());
  ASSERT_FALSE(finished.ok());
  EXPECT_EQ(finished.status().code(), StatusCode::kFailedPrecondition);
  r.into = "S2026-00007";
  auto itself = ApplyReview(InReview(), r, &into, Notices());
  ASSERT_FALSE(itself.ok());
  EXPECT_EQ(itself.status().code(), StatusCode::kInvalidArgument);
}

// A merge stays within a session and never joins a suggestion gone back to its deputy; one that
// others were merged into is neither withdrawn nor returned while they are handled with it.
TEST(ReviewRules, AMergeStaysInItsSessionAndItsTargetStays) {
  ReviewRequest r = Req("merge", "内容相同");
  r.into = "S2025-00003";
  Suggestion other_session = InReview("S2025-00003");
  other_session.draft.session = "2025";
  auto across = ApplyReview(InReview(), r, &other_session, Notices());
  ASSERT_FALSE(across.ok());
  EXPECT_EQ(across.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(across.status().message(), HasSubstr("of its own session"));

  r.into = "S2026-00003";
  Suggestion returned = InReview("S2026-00003");
  returned.state = SuggestionState::kReturnedForRework;
  auto to_returned = ApplyReview(InReview(), r, &returned, Notices());
  ASSERT_FALSE(to_returned.ok());
  EXPECT_EQ(to_returned.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(to_returned.status().zh(), HasSubstr("不能并入"));

  Suggestion joined = InReview("S2026-00003");
  joined.record.merged = {"S2026-00007"};
  for (const char* outcome : {"withdraw", "return"}) {
    ReviewRequest leave = Req(outcome, "代表要求");
    leave.code = "S2026-00003";
    auto refused = ApplyReview(joined, leave, nullptr, Notices());
    ASSERT_FALSE(refused.ok()) << outcome;
    EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition) << outcome;
    EXPECT_THAT(refused.status().message(), HasSubstr("S2026-00007")) << outcome;
  }
  // Nor merged in turn into a third: those merged into it would be left with no one handling them.
  ReviewRequest onward = Req("merge", "再并案");
  onward.code = "S2026-00003";
  onward.into = "S2026-00009";
  Suggestion third = InReview("S2026-00009");
  auto chained = ApplyReview(joined, onward, &third, Notices());
  ASSERT_FALSE(chained.ok());
  EXPECT_EQ(chained.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(chained.status().message(), HasSubstr("S2026-00007"));
  ReviewRequest accept = Req("accept");
  accept.code = "S2026-00003";
  EXPECT_TRUE(ApplyReview(joined, accept, nullptr, Notices()).ok()) << "accepting it is fine";
}

TEST(ReviewRules, AResubmissionKeepsWhatWasNotRevised) {
  Suggestion s = InReview();
  s.state = SuggestionState::kReturnedForRework;
  ReviewRequest r = Req("resubmit");
  r.content = "建议在解放路 12 号院等五个小区先行试点。";
  auto d = Resubmitted(s, r);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->title, "关于在老旧小区加装电梯的建议");
  EXPECT_EQ(d->content, "建议在解放路 12 号院等五个小区先行试点。");
  EXPECT_EQ(d->deputy.id, "D2026001");
  auto not_returned = Resubmitted(InReview(), r);
  ASSERT_FALSE(not_returned.ok());
  EXPECT_EQ(not_returned.status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace duban::services
