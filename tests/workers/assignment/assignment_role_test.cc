// The assignment role: a submitted suggestion is routed to its units with a reply deadline counted
// from the local date of assignment; an unroutable one waits for staff; wrong tasks are refused.
#include "workers/assignment/assignment_role.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/calendar.h"
#include "tests/support/manual_clock.h"

namespace duban::workers::assignment {
namespace {

using protocol::SuggestionState;
using protocol::UnitRole;

constexpr std::int64_t kBeijing = 480;
constexpr Millis kHourMs = 3'600'000;

// The instant `hour`:00 local (+08:00) on the date `ymd`.
Millis LocalTime(const char* ymd, int hour) {
  Result<Date> d = ParseDate(ymd);
  EXPECT_TRUE(d.ok()) << ymd;
  return StartOfLocalDay(*d, kBeijing) + hour * kHourMs;
}

config::Config TestConfig() {
  config::Config c = config::DefaultConfig();
  c.units = {
      {"jyj", "市教育局"}, {"czj", "市财政局"}, {"jtj", "市交通运输局"}, {"gaj", "市公安局"}};
  c.rules = {
      {"教育", {"教育"}, {"幼儿园"}, "jyj", {"czj"}},
      {"交通", {"交通"}, {"停车"}, "jtj", {"gaj"}},
  };
  return c;
}

protocol::TaskMessage AssignTask(std::string category, std::string content = "请研究办理。") {
  protocol::Suggestion s;
  s.code = "S2026-00042";
  s.draft.title = "关于民生问题的建议";
  s.draft.content = std::move(content);
  s.draft.category = std::move(category);
  s.draft.deputy = {"D001", "王丽华", "13800000001"};
  s.draft.session = "2026";
  s.state = SuggestionState::kSubmitted;
  s.version = 7;
  protocol::TaskMessage t;
  t.task_id = "T1";
  t.service = "assignment";
  t.kind = "assign";
  t.suggestion = s;
  return t;
}

class AssignmentRoleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.Set(LocalTime("2026-03-10", 10));
    auto role = AssignmentRole::Create(TestConfig(), clock_);
    ASSERT_TRUE(role.ok()) << role.status().ToString();
    role_ = std::move(role).value();
  }

  duban::testing::ManualClock clock_;
  std::unique_ptr<AssignmentRole> role_;
};

TEST_F(AssignmentRoleTest, RoutesByCategoryToLeadAndCoUnits) {
  Result<protocol::Outcome> out = role_->Handle(AssignTask("教育"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->expect_version, 7);
  EXPECT_EQ(out->to_state, "ASSIGNED");
  ASSERT_EQ(out->units.size(), 2u);
  EXPECT_EQ(out->units[0].unit, "jyj");
  EXPECT_EQ(out->units[0].role, UnitRole::kLead);
  EXPECT_EQ(out->units[0].state, "ISSUED");
  EXPECT_EQ(out->units[1].unit, "czj");
  EXPECT_EQ(out->units[1].role, UnitRole::kCo);
  EXPECT_EQ(out->units[1].state, "ISSUED");
  EXPECT_EQ(out->action, "assigned");
  EXPECT_EQ(out->note, "rule 教育: lead 市教育局");
  ASSERT_TRUE(out->deadline.has_value());
  EXPECT_EQ(out->deadline->date, "2026-06-10");
  EXPECT_THAT(out->deadline->rule,
              ::testing::HasSubstr("3 calendar months from assignment (交办) on 2026-03-10"));
  EXPECT_EQ(out->deadline->due_ms, EndOfLocalDay(*ParseDate("2026-06-10"), kBeijing));
}

TEST_F(AssignmentRoleTest, TheCommitteeOfItsFieldSupervisesItFromTheAssignment) {
  config::Config c = TestConfig();
  c.committees = {{"jkww", "教育科学文化卫生委员会", {"教育"}, {}, false},
                  {"dbgw", "代表工作委员会", {}, {}, true}};
  auto role = AssignmentRole::Create(c, clock_);
  ASSERT_TRUE(role.ok());
  Result<protocol::Outcome> out = (*role)->Handle(AssignTask("教育"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->committee, "jkww");
  EXPECT_EQ(out->note, "rule 教育: lead 市教育局; 分工督办 教育科学文化卫生委员会 (category 教育)");
  out = (*role)->Handle(AssignTask("交通"));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->committee, "dbgw");
  // One staff chose before the assignment stays.
  protocol::TaskMessage chosen = AssignTask("教育");
  chosen.suggestion->committee = "dbgw";
  out = (*role)->Handle(chosen);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->committee, "");
  EXPECT_THAT(out->note, ::testing::HasSubstr("分工督办 dbgw (set by staff)"));
  // Without committees in the config: none, and the note as before.
  out = role_->Handle(AssignTask("教育"));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->committee, "");
}

TEST_F(AssignmentRoleTest, RoutesByKeywordInContent) {
  Result<protocol::Outcome> out = role_->Handle(AssignTask("其他", "小区周边停车难问题突出。"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->to_state, "ASSIGNED");
  ASSERT_FALSE(out->units.empty());
  EXPECT_EQ(out->units[0].unit, "jtj");
  EXPECT_EQ(out->note, "rule 交通: lead 市交通运输局");
}

TEST_F(AssignmentRoleTest, NoMatchWaitsForStaff) {
  Result<protocol::Outcome> out = role_->Handle(AssignTask("代表工作", "加强代表履职培训。"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->expect_version, 7);
  EXPECT_EQ(out->to_state, "IN_REVIEW");
  EXPECT_TRUE(out->units.empty());
  EXPECT_FALSE(out->deadline.has_value());
  EXPECT_EQ(out->action, "awaiting_staff");
  EXPECT_EQ(out->note, "no routing rule matched; waits for staff assignment");
}

TEST_F(AssignmentRoleTest, InReviewSuggestionsCanBeAssigned) {
  protocol::TaskMessage t = AssignTask("交通");
  t.suggestion->state = SuggestionState::kInReview;
  Result<protocol::Outcome> out = role_->Handle(t);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->to_state, "ASSIGNED");
}

TEST_F(AssignmentRoleTest, DeadlineClampsAtTheMonthEndAcrossTheYear) {
  clock_.Set(LocalTime("2026-11-30", 9));
  Result<protocol::Outcome> out = role_->Handle(AssignTask("教育"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE(out->deadline.has_value());
  EXPECT_EQ(out->deadline->date, "2027-02-28");
  EXPECT_THAT(out->deadline->rule, ::testing::HasSubstr("on 2026-11-30"));
  EXPECT_EQ(out->deadline->due_ms, EndOfLocalDay(*ParseDate("2027-02-28"), kBeijing));
}

TEST_F(AssignmentRoleTest, DeadlineCountsFromTheLocalDate) {
  // 2026-01-31T16:30Z is already 2026-02-01 00:30 in Beijing.
  clock_.Set(StartOfLocalDay(*ParseDate("2026-01-31"), 0) + 16 * kHourMs + 30 * 60'000);
  Result<protocol::Outcome> out = role_->Handle(AssignTask("教育"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->deadline->date, "2026-05-01");
  EXPECT_NE(out->deadline->rule.find("on 2026-02-01"), std::string::npos);
}

TEST(AssignmentRoleZoneTest, DeadlineUsesTheJurisdictionsOffset) {
  // 2028-11-30T20:00Z is still Nov 30 in UTC, but Dec 1 in Beijing (which would give Mar 1).
  config::Config c = TestConfig();
  c.jurisdiction.timezone = "UTC";
  c.jurisdiction.utc_offset_minutes = 0;
  duban::testing::ManualClock clock(StartOfLocalDay(*ParseDate("2028-11-30"), 0) + 20 * kHourMs);
  auto role = AssignmentRole::Create(c, clock);
  ASSERT_TRUE(role.ok()) << role.status().ToString();
  Result<protocol::Outcome> out = (*role)->Handle(AssignTask("教育"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->deadline->date, "2029-02-28");
  EXPECT_EQ(out->deadline->due_ms, EndOfLocalDay(*ParseDate("2029-02-28"), 0));
}

TEST_F(AssignmentRoleTest, WrongKindIsInvalid) {
  protocol::TaskMessage t = AssignTask("教育");
  t.kind = "remind";
  Result<protocol::Outcome> out = role_->Handle(t);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(out.status().message().find("remind"), std::string::npos);
}

TEST_F(AssignmentRoleTest, MissingSuggestionIsInvalid) {
  protocol::TaskMessage t = AssignTask("教育");
  t.suggestion.reset();
  Result<protocol::Outcome> out = role_->Handle(t);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
}

// A staff assignment by hand can overtake the queued assignment task: the task then records that
// it had nothing to do instead of failing into the dead letters.
TEST_F(AssignmentRoleTest, OtherStatesAreSkippedWithoutAStateChange) {
  for (SuggestionState state : {SuggestionState::kAssigned, SuggestionState::kWithdrawn,
                                SuggestionState::kAccepted, SuggestionState::kClosed}) {
    protocol::TaskMessage t = AssignTask("教育");
    t.suggestion->state = state;
    Result<protocol::Outcome> out = role_->Handle(t);
    ASSERT_TRUE(out.ok()) << protocol::StateName(state);
    EXPECT_EQ(out->to_state, "");
    EXPECT_EQ(out->action, "assignment_skipped");
    EXPECT_TRUE(out->units.empty());
    EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
    EXPECT_NE(out->note.find(protocol::StateName(state)), std::string::npos);
  }
}

TEST(AssignmentRoleCreateTest, RefusesRulesNamingUnknownUnits) {
  duban::testing::ManualClock clock;
  config::Config c = TestConfig();
  c.rules.push_back({"审计", {"审计"}, {}, "sjj", {}});
  auto role = AssignmentRole::Create(c, clock);
  ASSERT_FALSE(role.ok());
  EXPECT_EQ(role.status().code(), StatusCode::kInvalidArgument);
}

TEST(AssignmentRoleRegistrationTest, IsRegisteredUnderItsServiceName) {
  Result<RoleFactory> factory = FindRole("assignment");
  ASSERT_TRUE(factory.ok()) << factory.status().ToString();
  duban::testing::ManualClock clock;
  Result<std::unique_ptr<Role>> role = (*factory)(TestConfig(), clock);
  ASSERT_TRUE(role.ok()) << role.status().ToString();
  Result<protocol::Outcome> out = (*role)->Handle(AssignTask("交通"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->to_state, "ASSIGNED");
}

}  // namespace
}  // namespace duban::workers::assignment
