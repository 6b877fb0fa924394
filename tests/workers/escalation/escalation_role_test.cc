// The escalation role: a reply deadline that passes without a reply goes to the supervision office
// and the staff; 15 days later it goes on the directors' meeting agenda. A suggestion replied
// meanwhile, or whose deadline was extended, is never escalated. All under a manual clock.
#include "workers/escalation/escalation_role.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/calendar.h"
#include "tests/support/manual_clock.h"
#include "workers/runtime/role.h"

namespace duban::workers::escalation {
namespace {

using protocol::SuggestionState;
using protocol::UnitRole;
using ::testing::HasSubstr;

constexpr std::int64_t kBeijing = 480;
constexpr Millis kHourMs = 3'600'000;

Date D(const char* ymd) {
  Result<Date> d = ParseDate(ymd);
  EXPECT_TRUE(d.ok()) << ymd;
  return d.ok() ? *d : Date{};
}

Millis LocalTime(const char* ymd, int hour) {
  return StartOfLocalDay(D(ymd), kBeijing) + hour * kHourMs;
}

config::Config TestConfig() {
  config::Config c = config::DefaultConfig();
  c.units = {{"jyj", "市教育局"}, {"czj", "市财政局"}, {"jtj", "市交通运输局"}};
  return c;
}

protocol::Suggestion Assigned(const char* deadline) {
  protocol::Suggestion s;
  s.code = "S2026-00001";
  s.draft.title = "关于加强校园周边交通安全的建议";
  s.state = SuggestionState::kInHandling;
  s.version = 5;
  s.units = {{"czj", UnitRole::kCo, "SIGNED"}, {"jyj", UnitRole::kLead, "IN_PROGRESS"}};
  s.deadline = protocol::Deadline{deadline, "reply: 3 calendar months from assignment (交办)",
                                  EndOfLocalDay(D(deadline), kBeijing)};
  return s;
}

class EscalationRoleTest : public ::testing::Test {
 protected:
  void SetUp() override { Build(TestConfig()); }

  void Build(const config::Config& c) {
    auto role = EscalationRole::Create(c, clock_);
    ASSERT_TRUE(role.ok()) << role.status().ToString();
    role_ = std::move(role).value();
  }

  Result<protocol::Outcome> Run(std::string kind, protocol::Suggestion s, Millis now) {
    clock_.Set(now);
    protocol::TaskMessage t;
    t.task_id = "T7";
    t.service = "escalation";
    t.kind = std::move(kind);
    t.now_ms = now;
    t.suggestion = std::move(s);
    return role_->Handle(t);
  }

  duban::testing::ManualClock clock_;
  std::unique_ptr<EscalationRole> role_;
};

TEST_F(EscalationRoleTest, TheSupervisingCommitteeHearsOfAnOverdueReplyOfItsField) {
  protocol::Suggestion s = Assigned("2027-02-27");
  s.committee = "jkww";
  Result<protocol::Outcome> out =
      Run("overdue", s, EndOfLocalDay(D("2027-02-27"), kBeijing) + 1);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  std::vector<std::string> to;
  for (const auto& n : out->notices) to.push_back(n.recipient);
  EXPECT_THAT(to, ::testing::ElementsAre("office:supervision", "staff", "committee:jkww"));
  EXPECT_THAT(out->note, HasSubstr("committee:jkww"));
  // None without a committee.
  out = Run("overdue", Assigned("2027-02-27"), EndOfLocalDay(D("2027-02-27"), kBeijing) + 1);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->notices.size(), 2u);
}

TEST_F(EscalationRoleTest, OverdueGoesToTheSupervisionOfficeAndTheStaff) {
  // The reply.overdue timer fires 1 ms after 2027-02-27 ends.
  Result<protocol::Outcome> out =
      Run("overdue", Assigned("2027-02-27"), EndOfLocalDay(D("2027-02-27"), kBeijing) + 1);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
  EXPECT_EQ(out->to_state, "");
  EXPECT_TRUE(out->units.empty());
  EXPECT_FALSE(out->deadline.has_value());
  EXPECT_TRUE(out->timers.empty());
  EXPECT_EQ(out->action, "escalated_overdue");
  const std::string text =
      "【逾期督办】建议 S2026-00001《关于加强校园周边交通安全的建议》已超过答复期限 2027-02-27 "
      "尚未答复，承办单位：市教育局（主办）、市财政局（协办）。";
  ASSERT_EQ(out->notices.size(), 2u);
  EXPECT_EQ(out->notices[0].recipient, "office:supervision");
  EXPECT_EQ(out->notices[0].kind, "escalation");
  EXPECT_EQ(out->notices[0].text, text);
  EXPECT_EQ(out->notices[0].dedup_key, "reply.overdue:2027-02-27@office:supervision");
  EXPECT_EQ(out->notices[1].recipient, "staff");
  EXPECT_EQ(out->notices[1].kind, "escalation");
  EXPECT_EQ(out->notices[1].text, text);
  EXPECT_EQ(out->notices[1].dedup_key, "reply.overdue:2027-02-27@staff");
  EXPECT_EQ(out->note,
            "reply deadline 2027-02-27 passed without a reply; notified office:supervision, staff");
}

TEST_F(EscalationRoleTest, OverdueIsSkippedOnceReplied) {
  for (SuggestionState state :
       {SuggestionState::kReplied, SuggestionState::kEvaluated, SuggestionState::kClosed,
        SuggestionState::kRehandling, SuggestionState::kFollowUp, SuggestionState::kWithdrawn,
        SuggestionState::kMerged}) {
    SCOPED_TRACE(std::string(protocol::StateName(state)));
    protocol::Suggestion s = Assigned("2027-02-27");
    s.state = state;
    Result<protocol::Outcome> out = Run("overdue", s, LocalTime("2027-02-28", 0));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_EQ(out->action, "escalation_skipped");
    EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
    EXPECT_TRUE(out->notices.empty());
  }
}

TEST_F(EscalationRoleTest, OverdueIsSkippedWhenTheDeadlineWasExtended) {
  // The timer was set for 2027-02-27; the deadline is now 2027-05-27.
  Result<protocol::Outcome> out =
      Run("overdue", Assigned("2027-05-27"), LocalTime("2027-02-28", 0));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "escalation_skipped");
  EXPECT_TRUE(out->notices.empty());
  EXPECT_EQ(out->note, "reply.overdue: not overdue; the deadline is now 2027-05-27");
}

TEST_F(EscalationRoleTest, FifteenDaysOverduePutsItOnTheDirectorsAgenda) {
  Result<protocol::Outcome> out = Run("agenda", Assigned("2027-02-27"), LocalTime("2027-03-14", 9));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
  EXPECT_EQ(out->to_state, "");
  EXPECT_EQ(out->action, "placed_on_agenda");
  ASSERT_EQ(out->notices.size(), 2u);
  EXPECT_EQ(out->notices[0].recipient, "agenda:directors");
  EXPECT_EQ(out->notices[0].kind, "agenda");
  EXPECT_EQ(
      out->notices[0].text,
      "【主任会议议程】建议 S2026-00001《关于加强校园周边交通安全的建议》，主办单位：市教育局，"
      "答复期限 2027-02-27，已逾期 15 日。列入事由：逾期15日未答复。");
  EXPECT_EQ(out->notices[0].dedup_key, "agenda.reply-overdue:2027-02-27@agenda:directors");
  EXPECT_EQ(out->notices[1].recipient, "staff");
  EXPECT_EQ(out->notices[1].kind, "agenda");
  EXPECT_EQ(out->notices[1].text,
            "【逾期督办】建议 S2026-00001《关于加强校园周边交通安全的建议》逾期15日未答复，"
            "已列入主任会议议程，主办单位：市教育局。");
  EXPECT_EQ(out->notices[1].dedup_key, "agenda.reply-overdue:2027-02-27@staff");
  EXPECT_EQ(out->note,
            "reply 15 days overdue (deadline 2027-02-27); placed on the directors' meeting agenda; "
            "notified agenda:directors, staff");
}

TEST_F(EscalationRoleTest, AgendaCountsTheDaysReallyOverdue) {
  // The agenda task ran late (a backlog): the text gives the true count, the reason the rule.
  Result<protocol::Outcome> out =
      Run("agenda", Assigned("2027-02-27"), LocalTime("2027-03-17", 10));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_FALSE(out->notices.empty());
  EXPECT_THAT(out->notices[0].text, HasSubstr("已逾期 18 日。列入事由：逾期15日未答复。"));
  EXPECT_EQ(out->notices[0].dedup_key, "agenda.reply-overdue:2027-02-27@agenda:directors");
}

TEST_F(EscalationRoleTest, AgendaIsSkippedOnceRepliedOrExtended) {
  protocol::Suggestion replied = Assigned("2027-02-27");
  replied.state = SuggestionState::kReplied;
  Result<protocol::Outcome> out = Run("agenda", replied, LocalTime("2027-03-14", 9));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "escalation_skipped");
  EXPECT_TRUE(out->notices.empty());

  Result<protocol::Outcome> extended =
      Run("agenda", Assigned("2027-03-10"), LocalTime("2027-03-14", 9));
  ASSERT_TRUE(extended.ok()) << extended.status().ToString();
  EXPECT_EQ(extended->action, "escalation_skipped");
  EXPECT_TRUE(extended->notices.empty());
  EXPECT_EQ(extended->note, "reply.overdue15: 4 days after the deadline 2027-03-10, fewer than 15");
}

TEST_F(EscalationRoleTest, TheAgendaFigureComesFromTheJurisdiction) {
  config::Config c = TestConfig();
  c.jurisdiction.agenda_after_overdue_days = 20;
  Build(c);
  Result<protocol::Outcome> early =
      Run("agenda", Assigned("2027-02-27"), LocalTime("2027-03-14", 9));
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->action, "escalation_skipped");
  Result<protocol::Outcome> out = Run("agenda", Assigned("2027-02-27"), LocalTime("2027-03-19", 9));
  ASSERT_TRUE(out.ok());
  ASSERT_FALSE(out->notices.empty());
  EXPECT_THAT(out->notices[0].text, HasSubstr("已逾期 20 日。列入事由：逾期20日未答复。"));
}

TEST_F(EscalationRoleTest, AUnitMissingFromTheConfigIsNamedByItsId) {
  protocol::Suggestion s = Assigned("2027-02-27");
  s.units = {{"old-unit", UnitRole::kLead, "IN_PROGRESS"}};
  Result<protocol::Outcome> out = Run("overdue", s, LocalTime("2027-02-28", 0));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_FALSE(out->notices.empty());
  EXPECT_THAT(out->notices[0].text, HasSubstr("承办单位：old-unit（主办）。"));
}

TEST_F(EscalationRoleTest, RefusesWhatCanNeverSucceed) {
  auto expect_invalid = [&](Result<protocol::Outcome> out, const std::string& part) {
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument) << out.status().ToString();
    EXPECT_THAT(out.status().message(), HasSubstr(part));
  };
  const Millis now = LocalTime("2027-02-28", 0);
  expect_invalid(Run("remind", Assigned("2027-02-27"), now),
                 "has kind 'remind', expected one of 'overdue', 'agenda'");

  clock_.Set(now);
  protocol::TaskMessage none;
  none.task_id = "T8";
  none.kind = "overdue";
  expect_invalid(role_->Handle(none), "task T8 carries no suggestion");

  protocol::Suggestion no_deadline = Assigned("2027-02-27");
  no_deadline.deadline.reset();
  expect_invalid(Run("overdue", no_deadline, now), "has no reply deadline");
  expect_invalid(Run("agenda", no_deadline, now), "has no reply deadline");

  protocol::Suggestion bad_date = Assigned("2027-02-27");
  bad_date.deadline->date = "27/02/2027";
  expect_invalid(Run("agenda", bad_date, now), "malformed reply deadline");
}

TEST(EscalationRegistrationTest, TheWorkerFindsTheRoleByName) {
  Result<RoleFactory> factory = FindRole("escalation");
  ASSERT_TRUE(factory.ok()) << factory.status().ToString();
  duban::testing::ManualClock clock;
  auto role = (*factory)(config::DefaultConfig(), clock);
  EXPECT_TRUE(role.ok()) << role.status().ToString();
}

}  // namespace
}  // namespace duban::workers::escalation
