// Stories of the review of a filed suggestion (审核, duban.review) told to the real broker loop in
// this process (stories_fixture.h): staff return one to its deputy, who resubmits it and it is
// routed again; staff merge a duplicate, accept another, and a deputy lists its own suggestions.
// StoriesCover in stories_test.cc reads this file too.
#include <gtest/gtest.h>

#include <string>

#include "tests/services/stories_fixture.h"

namespace duban::testing {
namespace {

class ReviewStories : public Stories {
 protected:
  // A suggestion no rule routed: the assignment role's outcome, as its worker would answer.
  std::string InReview(const std::string& title) {
    const std::string code = Submit(title);
    store::Completion c;
    c.code = code;
    c.expect_version = 1;
    c.to_state = "IN_REVIEW";
    c.action = "awaiting_staff";
    c.actor = "worker:assignment";
    auto r = store_->Update(clock_.NowMs(), c);
    EXPECT_TRUE(r.ok() && *r == store::CompletionResult::kApplied) << code;
    return code;
  }
  ReviewRequest Review(const std::string& code, const std::string& outcome,
                       const std::string& reason = "") {
    ReviewRequest r;
    r.code = code;
    r.outcome = outcome;
    r.reason = reason;
    r.actor = "wang";
    return r;
  }
};

TEST_F(ReviewStories, StaffReturnASuggestionForReworkAndTheDeputyResubmitsIt) {
  const std::string code = InReview("关于一件待补充事项的建议");
  ReviewReply returned = Must<svc::Review>(Review(code, "return", "请补充具体地点"));
  EXPECT_EQ(returned.state, "RETURNED_FOR_REWORK");
  GetReply got = Get(code);
  EXPECT_EQ(got.timeline.back().action, "returned_for_rework");
  EXPECT_EQ(got.suggestion.record.review_reason, "请补充具体地点");
  InboxReply inbox = Must<svc::Inbox>(InboxRequest{"deputy:D2026001", 10});
  ASSERT_FALSE(inbox.notices.empty());
  EXPECT_EQ(inbox.notices.front().kind, "review");
  EXPECT_NE(inbox.notices.front().text.find("请补充具体地点"), std::string::npos);

  // Returned again, or accepted now: not from RETURNED_FOR_REWORK; the words say why.
  auto again = Tell<svc::Review>(Review(code, "return", "再次退回"));
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(again.status().zh(), "建议当前为“退回修改”，不能退回修改");

  ReviewRequest resubmit = Review(code, "resubmit");
  resubmit.content = "请在人民路小学门前增设人行横道。";
  ReviewReply back = Must<svc::Review>(resubmit);
  EXPECT_EQ(back.state, "SUBMITTED");
  got = Get(code);
  EXPECT_EQ(got.suggestion.draft.content, "请在人民路小学门前增设人行横道。");
  EXPECT_EQ(got.suggestion.draft.title, "关于一件待补充事项的建议");
  EXPECT_EQ(got.timeline.back().action, "resubmitted");
  QueuesReply q = Must<svc::Queues>(QueuesRequest{});
  std::int64_t queued = 0;
  for (const auto& s : q.services) queued += s.name == "assignment" ? s.queued : 0;
  EXPECT_EQ(queued, 2) << "the task of its first submit, and the routing of the resubmission";
}

TEST_F(ReviewStories, StaffMergeADuplicateAcceptAnotherAndADeputyListsItsOwn) {
  const std::string keep = InReview("关于修缮排水管网的建议");
  const std::string dup = InReview("关于修缮排水管网问题的建议");
  ReviewRequest merge = Review(dup, "merge", "内容相同");
  merge.into = keep;
  ReviewReply merged = Must<svc::Review>(merge);
  EXPECT_EQ(merged.state, "MERGED");
  EXPECT_EQ(merged.into, keep);
  EXPECT_EQ(Get(keep).suggestion.record.merged, std::vector<std::string>{dup});
  EXPECT_EQ(Get(keep).timeline.back().action, "merge_received");
  const auto versions = std::make_pair(Get(keep).suggestion.version, Get(dup).suggestion.version);
  EXPECT_EQ(Must<svc::Review>(merge).state, "MERGED") << "the same merge again: as made";
  EXPECT_EQ(std::make_pair(Get(keep).suggestion.version, Get(dup).suggestion.version), versions);

  const std::string accepted = Submit("关于一件立案事项的建议");
  EXPECT_EQ(Must<svc::Review>(Review(accepted, "accept")).state, "ACCEPTED");
  EXPECT_EQ(Get(accepted).timeline.back().action, "accepted");

  ListRequest mine;
  mine.deputy = "D2026001";
  ListReply listed = Must<svc::List>(mine);
  EXPECT_EQ(listed.total, 3);
  mine.deputy = "D2026999";
  EXPECT_EQ(Must<svc::List>(mine).total, 0);
}

}  // namespace
}  // namespace duban::testing
