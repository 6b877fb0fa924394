// The assignment role when no rule routes a suggestion: besides IN_REVIEW, staff get a notice now
// (decision_needed) and the timer decision.review, due jurisdiction.staff_decision_days later, so
// the reminder role chases them if they have not assigned it by hand by then
// (workers/reminder/staff_decisions.h). A routed or skipped suggestion sets neither.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/calendar.h"
#include "common/protocol/staff_decision.h"
#include "tests/support/manual_clock.h"
#include "tests/support/role_test_support.h"
#include "workers/assignment/assignment_role.h"

namespace duban::workers::assignment {
namespace {

using duban::testing::kHourMs;
using duban::testing::LocalTime;
using protocol::SuggestionState;
using ::testing::IsEmpty;

constexpr Millis kDayMs = 24 * kHourMs;

config::Config TestConfig() {
  config::Config c = config::DefaultConfig();
  c.units = {{"jyj", "市教育局"}, {"czj", "市财政局"}};
  c.rules = {{"教育", {"教育"}, {"幼儿园"}, "jyj", {"czj"}}};
  return c;
}

protocol::TaskMessage AssignTask(std::string category, SuggestionState state) {
  protocol::Suggestion s;
  s.code = "S2026-00043";
  s.draft.title = "关于加强代表履职培训的建议";
  s.draft.content = "建议每年组织两次集中培训。";
  s.draft.category = std::move(category);
  s.draft.deputy = {"D002", "李明", "13800000002"};
  s.draft.session = "2026";
  s.state = state;
  s.version = 3;
  protocol::TaskMessage t;
  t.task_id = "T5";
  t.service = "assignment";
  t.kind = "assign";
  t.suggestion = s;
  return t;
}

class AssignmentStaffDecisionTest : public ::testing::Test {
 protected:
  void SetUp() override { Build(TestConfig()); }

  void Build(const config::Config& c) {
    auto role = AssignmentRole::Create(c, clock_);
    ASSERT_TRUE(role.ok()) << role.status().ToString();
    role_ = std::move(role).value();
  }

  duban::testing::ManualClock clock_{LocalTime("2026-09-29", 10)};
  std::unique_ptr<AssignmentRole> role_;
};

TEST_F(AssignmentStaffDecisionTest, NoMatchTellsStaffAndSetsTheReviewTimer) {
  const Millis now = LocalTime("2026-09-29", 10);
  Result<protocol::Outcome> out = role_->Handle(AssignTask("代表工作", SuggestionState::kSubmitted));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "awaiting_staff");
  EXPECT_EQ(out->to_state, "IN_REVIEW");
  EXPECT_EQ(out->expect_version, 3);

  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].recipient, "staff");
  EXPECT_EQ(out->notices[0].kind, "decision_needed");
  EXPECT_EQ(out->notices[0].text,
            "【待人工交办】建议 S2026-00043《关于加强代表履职培训的建议》未匹配交办规则，"
            "请人工交办（dubanctl assign）。");
  EXPECT_FALSE(out->notices[0].dedup_key.empty());

  ASSERT_EQ(out->timers.size(), 1u);
  const protocol::TimerSpec& t = out->timers[0];
  EXPECT_EQ(t.name, "decision.review");
  EXPECT_EQ(t.service, "reminder");
  EXPECT_EQ(t.kind, "staff_decision");
  // 7 calendar days, whatever the holidays (10-01..10-07 are off): the reminder role defers it
  // to working hours when it fires.
  EXPECT_EQ(t.due_ms, now + 7 * kDayMs);
  EXPECT_EQ(t.due_ms, LocalTime("2026-10-06", 10));
  Result<protocol::DecisionPayload> p = protocol::DecodeDecisionPayload(t.payload);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->request, "review");
  EXPECT_EQ(p->unit, "");
  EXPECT_EQ(p->since_ms, now);
  EXPECT_THAT(out->cancel_timers, IsEmpty());
}

TEST_F(AssignmentStaffDecisionTest, AnInReviewSuggestionThatStillMatchesNothingIsTheSame) {
  Result<protocol::Outcome> out = role_->Handle(AssignTask("代表工作", SuggestionState::kInReview));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "awaiting_staff");
  ASSERT_EQ(out->timers.size(), 1u);
  EXPECT_EQ(out->timers[0].name, "decision.review");
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].kind, "decision_needed");
}

TEST_F(AssignmentStaffDecisionTest, ThePeriodComesFromTheJurisdiction) {
  config::Config c = TestConfig();
  c.jurisdiction.staff_decision_days = 2;
  Build(c);
  clock_.Set(LocalTime("2026-11-02", 15));
  Result<protocol::Outcome> out = role_->Handle(AssignTask("代表工作", SuggestionState::kSubmitted));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->timers.size(), 1u);
  EXPECT_EQ(out->timers[0].due_ms, LocalTime("2026-11-04", 15));
  Result<protocol::DecisionPayload> p = protocol::DecodeDecisionPayload(out->timers[0].payload);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->since_ms, LocalTime("2026-11-02", 15));
}

TEST_F(AssignmentStaffDecisionTest, ARoutedSuggestionNeedsNoStaffDecision) {
  Result<protocol::Outcome> out = role_->Handle(AssignTask("教育", SuggestionState::kSubmitted));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "assigned");
  EXPECT_THAT(out->timers, IsEmpty());
  EXPECT_THAT(out->notices, IsEmpty());
}

TEST_F(AssignmentStaffDecisionTest, ASkippedTaskSetsNothing) {
  Result<protocol::Outcome> out = role_->Handle(AssignTask("代表工作", SuggestionState::kAssigned));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "assignment_skipped");
  EXPECT_THAT(out->timers, IsEmpty());
  EXPECT_THAT(out->notices, IsEmpty());
}

}  // namespace
}  // namespace duban::workers::assignment
