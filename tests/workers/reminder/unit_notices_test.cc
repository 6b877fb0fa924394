// The unit steps when their timers fire: sign_remind and sign_overdue while the unit is still
// ISSUED, opinion_remind and opinion_overdue while the co-handler has not sent its opinion; each
// sends its notices once (dedup key per unit and recipient) in working hours, is deferred to the
// next working morning outside them, and is skipped once the step is done. Manual clock, +08:00.
#include "workers/reminder/unit_notices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/workers/reminder/unit_step_fixture.h"

namespace duban::workers::reminder::unit_step_test {
namespace {

using ::testing::HasSubstr;

const std::string kHead = "建议 S2026-00007《关于增设社区养老服务站的建议》";

// The payloads "schedule" gives the timers of AssignedFriday() (unit_timers_test.cc checks them).
const UnitTimerPayload kSignRemind{"sign.remind.czj", "czj", 2, "2026-02-13"};
const UnitTimerPayload kSignOverdue{"sign.overdue.czj", "czj", 3, "2026-02-13"};
const UnitTimerPayload kOpinionRemind7{"opinion.remind7.czj", "czj", 7, "2026-03-13"};
const UnitTimerPayload kOpinionRemind2{"opinion.remind2.czj", "czj", 2, "2026-03-13"};
const UnitTimerPayload kOpinionOverdue{"opinion.overdue.czj", "czj", 0, "2026-03-13"};
const Millis kOpinionDue = 1'773'417'599'999;  // 2026-03-13 23:59:59.999 +08:00

// No state, unit or deadline change, and no version to match: a reminder never conflicts.
void ExpectNoChange(const protocol::Outcome& out) {
  EXPECT_EQ(out.expect_version, protocol::kAnyVersion);
  EXPECT_EQ(out.to_state, "");
  EXPECT_TRUE(out.units.empty());
  EXPECT_FALSE(out.deadline.has_value());
  EXPECT_TRUE(out.cancel_timers.empty());
}

void ExpectSkipped(const Result<protocol::Outcome>& out, const std::string& note) {
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ExpectNoChange(*out);
  EXPECT_EQ(out->action, "reminder_skipped");
  EXPECT_TRUE(out->notices.empty());
  EXPECT_TRUE(out->timers.empty());
  EXPECT_EQ(out->note, note);
}

using UnitNoticesTest = UnitStepTest;

// ---- sign_remind / sign_overdue ---------------------------------------------------------------

TEST_F(UnitNoticesTest, AUnitStillIssuedOnTheSecondWorkingDayIsReminded) {
  Result<protocol::Outcome> out =
      Fire("sign_remind", kSignRemind, AssignedFriday(), LocalTime("2026-02-24", 9));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ExpectNoChange(*out);
  EXPECT_EQ(out->action, "sign_reminded");
  EXPECT_TRUE(out->timers.empty());
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].recipient, "unit:czj");
  EXPECT_EQ(out->notices[0].kind, "reminder");
  EXPECT_EQ(out->notices[0].text, "【签收提醒】" + kHead + "已交办 2 个工作日，请及时签收。");
  EXPECT_EQ(out->notices[0].dedup_key, "sign.remind.czj:2026-02-13@unit:czj");
  EXPECT_EQ(out->note, "sign.remind.czj (assigned 2026-02-13, 2 working days) to unit:czj");

  // The lead's own reminder has its own key: the broker's per-suggestion dedup keeps both.
  out = Fire("sign_remind", {"sign.remind.jyj", "jyj", 2, "2026-02-13"}, AssignedFriday(),
             LocalTime("2026-02-24", 9));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].recipient, "unit:jyj");
  EXPECT_EQ(out->notices[0].dedup_key, "sign.remind.jyj:2026-02-13@unit:jyj");
}

TEST_F(UnitNoticesTest, AUnitStillIssuedOnTheThirdWorkingDayIsReportedToTheStaff) {
  Result<protocol::Outcome> out =
      Fire("sign_overdue", kSignOverdue, AssignedFriday(), LocalTime("2026-02-25", 9));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ExpectNoChange(*out);
  EXPECT_EQ(out->action, "sign_overdue_escalated");
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].recipient, "staff");
  EXPECT_EQ(out->notices[0].kind, "escalation");
  EXPECT_EQ(out->notices[0].text,
            "【逾期未签收】" + kHead + "承办单位 市财政局 交办 3 个工作日仍未签收。");
  EXPECT_EQ(out->notices[0].dedup_key, "sign.overdue.czj:2026-02-13@staff");
  EXPECT_EQ(out->note, "sign.overdue.czj (assigned 2026-02-13, 3 working days) to staff");
}

TEST_F(UnitNoticesTest, SignStepsAreSkippedOnceTheUnitSignedOrLeft) {
  for (const char* kind : {"sign_remind", "sign_overdue"}) {
    SCOPED_TRACE(kind);
    const UnitTimerPayload& p = std::string(kind) == "sign_remind" ? kSignRemind : kSignOverdue;
    for (const char* state : {"SIGNED", "IN_PROGRESS", "RETURN_PENDING", "OPINION_SENT"}) {
      protocol::Suggestion s = AssignedFriday();
      s.units[1].state = state;
      ExpectSkipped(Fire(kind, p, s, LocalTime("2026-02-25", 9)),
                    p.timer + ": unit 'czj' (co) is " + state);
    }
    // Returned and re-assigned to another unit (调整交办).
    protocol::Suggestion s = AssignedFriday();
    s.units[1].state = "REASSIGNED";
    s.units.push_back({"jtj", protocol::UnitRole::kCo, "ISSUED"});
    ExpectSkipped(Fire(kind, p, s, LocalTime("2026-02-25", 9)),
                  p.timer + ": unit 'czj' has no task on S2026-00007");
    // Withdrawn (or replied, merged...): nothing is chased any more.
    s = AssignedFriday();
    s.state = protocol::SuggestionState::kWithdrawn;
    ExpectSkipped(Fire(kind, p, s, LocalTime("2026-02-25", 9)), p.timer + ": already WITHDRAWN");
  }
}

// ---- opinion_remind -----------------------------------------------------------------------------

TEST_F(UnitNoticesTest, ACoHandlerIsRemindedWithTheDaysLeftAndTheDate) {
  protocol::Suggestion s = AssignedFriday();
  s.units[1].state = "IN_PROGRESS";
  Result<protocol::Outcome> out =
      Fire("opinion_remind", kOpinionRemind7, s, LocalTime("2026-03-06", 9));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ExpectNoChange(*out);
  EXPECT_EQ(out->action, "opinion_reminded");
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].recipient, "unit:czj");
  EXPECT_EQ(out->notices[0].kind, "reminder");
  EXPECT_EQ(out->notices[0].text, "【协办意见提醒】" + kHead +
                                      "距协办意见期限 2026-03-13 还有 7 天，请及时向主办单位提出"
                                      "协办意见。");
  EXPECT_EQ(out->notices[0].dedup_key, "opinion.remind7.czj:2026-03-13@unit:czj");
  EXPECT_EQ(out->note, "opinion.remind7.czj (opinion due 2026-03-13, 7 days left) to unit:czj");

  out = Fire("opinion_remind", kOpinionRemind2, s, LocalTime("2026-03-11", 9));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_THAT(out->notices[0].text, HasSubstr("距协办意见期限 2026-03-13 还有 2 天"));
  EXPECT_EQ(out->notices[0].dedup_key, "opinion.remind2.czj:2026-03-13@unit:czj");

  // A co-handler that has not even signed owes the opinion all the same.
  out = Fire("opinion_remind", kOpinionRemind2, AssignedFriday(), LocalTime("2026-03-11", 9));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "opinion_reminded");
}

TEST_F(UnitNoticesTest, AReminderMovedOntoTheDeadlineDaySaysToday) {
  // The National Day case: opinion due Thu 2026-10-08, remind7 moved there from 10-01.
  protocol::Suggestion s = AssignedAt(LocalTime("2026-09-08", 10), "2026-12-08");
  Result<protocol::Outcome> out =
      Fire("opinion_remind", {"opinion.remind7.czj", "czj", 7, "2026-10-08"}, s,
           LocalTime("2026-10-08", 9));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].text, "【协办意见提醒】" + kHead +
                                      "今天（2026-10-08）为协办意见期限，请及时向主办单位提出"
                                      "协办意见。");
  EXPECT_EQ(out->note, "opinion.remind7.czj (opinion due 2026-10-08, 0 days left) to unit:czj");
}

TEST_F(UnitNoticesTest, OpinionRemindersAreSkippedOnceSentOrTooLate) {
  protocol::Suggestion sent = AssignedFriday();
  sent.units[1].state = "OPINION_SENT";
  ExpectSkipped(Fire("opinion_remind", kOpinionRemind7, sent, LocalTime("2026-03-06", 9)),
                "opinion.remind7.czj: unit 'czj' (co) is OPINION_SENT");
  // A reminder that reaches a lead unit's task is not one it owes.
  ExpectSkipped(Fire("opinion_remind", {"opinion.remind7.jyj", "jyj", 7, "2026-03-13"},
                     AssignedFriday(), LocalTime("2026-03-06", 9)),
                "opinion.remind7.jyj: unit 'jyj' (lead) is ISSUED");
  // The broker was down past the deadline: the overdue step takes over.
  ExpectSkipped(
      Fire("opinion_remind", kOpinionRemind2, AssignedFriday(), LocalTime("2026-03-16", 10)),
      "opinion.remind2.czj: the deadline 2026-03-13 has passed; opinion.overdue.czj "
      "takes over");
  // Fired on the deadline evening: the next working morning (Mon 03-16) is too late.
  ExpectSkipped(
      Fire("opinion_remind", kOpinionRemind2, AssignedFriday(), LocalTime("2026-03-13", 19)),
      "opinion.remind2.czj: fired outside working hours (2026-03-13 19:00) and no "
      "working morning is left before the deadline 2026-03-13");
}

// ---- opinion_overdue ----------------------------------------------------------------------------

TEST_F(UnitNoticesTest, AnOpinionNotSentByItsDeadlineGoesToTheLeadUnitAndTheStaff) {
  protocol::Suggestion s = AssignedFriday();
  s.state = protocol::SuggestionState::kInHandling;
  s.units = {{"czj", protocol::UnitRole::kCo, "IN_PROGRESS"},
             {"jyj", protocol::UnitRole::kLead, "IN_PROGRESS"},
             {"jtj", protocol::UnitRole::kCo, "OPINION_SENT"}};
  Result<protocol::Outcome> out =
      Fire("opinion_overdue", kOpinionOverdue, s, LocalTime("2026-03-16", 9));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ExpectNoChange(*out);
  EXPECT_EQ(out->action, "opinion_overdue_escalated");
  EXPECT_TRUE(out->timers.empty());
  const std::string text = "【协办意见逾期】" + kHead +
                           "协办单位 市财政局 的协办意见期限 2026-03-13 已过，尚未向主办单位提出协办"
                           "意见。";
  ASSERT_EQ(out->notices.size(), 2u);
  EXPECT_EQ(out->notices[0].recipient, "unit:jyj");
  EXPECT_EQ(out->notices[0].kind, "escalation");
  EXPECT_EQ(out->notices[0].text, text);
  EXPECT_EQ(out->notices[0].dedup_key, "opinion.overdue.czj:2026-03-13@unit:jyj");
  EXPECT_EQ(out->notices[1].recipient, "staff");
  EXPECT_EQ(out->notices[1].kind, "escalation");
  EXPECT_EQ(out->notices[1].text, text);
  EXPECT_EQ(out->notices[1].dedup_key, "opinion.overdue.czj:2026-03-13@staff");
  EXPECT_EQ(out->note, "opinion.overdue.czj (opinion due 2026-03-13) to unit:jyj, staff");

  s.units[0].state = "OPINION_SENT";
  ExpectSkipped(Fire("opinion_overdue", kOpinionOverdue, s, LocalTime("2026-03-16", 9)),
                "opinion.overdue.czj: unit 'czj' (co) is OPINION_SENT");
  s.units[0].state = "IN_PROGRESS";
  s.state = protocol::SuggestionState::kReplied;  // the lead replied without it
  ExpectSkipped(Fire("opinion_overdue", kOpinionOverdue, s, LocalTime("2026-03-16", 9)),
                "opinion.overdue.czj: already REPLIED");
}

// ---- working hours ------------------------------------------------------------------------------

TEST_F(UnitNoticesTest, TheOverdueOpinionFiresAtMidnightAndWaitsForMondayMorning) {
  // opinion.overdue.czj is due Sat 2026-03-14 00:00:00.000, a day off at night.
  Result<protocol::Outcome> out =
      Fire("opinion_overdue", kOpinionOverdue, AssignedFriday(), kOpinionDue + 1);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ExpectNoChange(*out);
  EXPECT_EQ(out->action, "reminder_deferred");
  EXPECT_TRUE(out->notices.empty());
  ASSERT_EQ(out->timers.size(), 1u);
  const protocol::TimerSpec& t = out->timers[0];
  EXPECT_EQ(t.name, "opinion.overdue.czj") << "the name the broker cancels";
  EXPECT_EQ(t.service, "reminder");
  EXPECT_EQ(t.kind, "opinion_overdue");
  EXPECT_EQ(t.due_ms, 1'773'622'800'000);  // Mon 2026-03-16 09:00
  EXPECT_EQ(t.due_ms, LocalTime("2026-03-16", 9));
  EXPECT_EQ(t.priority_ms, kOpinionDue);
  EXPECT_EQ(t.payload, EncodeUnitTimerPayload(kOpinionOverdue));
  EXPECT_EQ(out->note,
            "opinion.overdue.czj: fired outside working hours (2026-03-14 00:00); moved to "
            "2026-03-16 09:00");
}

TEST_F(UnitNoticesTest, EveryUnitStepFiredAtNightWaitsForTheNextWorkingMorning) {
  struct Case {
    const char* kind;
    const UnitTimerPayload* p;
    Millis now;
    Millis deferred_to;
    Millis priority;
  };
  const Case cases[] = {
      // The broker was down at 09:00 and came back at 23:00.
      {"sign_remind", &kSignRemind, LocalTime("2026-02-24", 23), LocalTime("2026-02-25", 9), 0},
      // Before opening on the day itself: today's opening.
      {"sign_overdue", &kSignOverdue, LocalTime("2026-02-25", 8, 59), LocalTime("2026-02-25", 9),
       0},
      // A Friday evening: the Monday.
      {"opinion_remind", &kOpinionRemind7, LocalTime("2026-03-06", 18), LocalTime("2026-03-09", 9),
       kOpinionDue},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.p->timer);
    Result<protocol::Outcome> out = Fire(c.kind, *c.p, AssignedFriday(), c.now);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    ExpectNoChange(*out);
    EXPECT_EQ(out->action, "reminder_deferred");
    EXPECT_TRUE(out->notices.empty());
    ASSERT_EQ(out->timers.size(), 1u);
    EXPECT_EQ(out->timers[0].name, c.p->timer);
    EXPECT_EQ(out->timers[0].kind, c.kind);
    EXPECT_EQ(out->timers[0].due_ms, c.deferred_to);
    EXPECT_EQ(out->timers[0].priority_ms, c.priority);
    EXPECT_EQ(out->timers[0].payload, EncodeUnitTimerPayload(*c.p));
  }
  // The make-up working Saturday 2026-02-14 is a working day: sent, not deferred.
  Result<protocol::Outcome> saturday =
      Fire("sign_remind", {"sign.remind.czj", "czj", 1, "2026-02-13"}, AssignedFriday(),
           LocalTime("2026-02-14", 10));
  ASSERT_TRUE(saturday.ok()) << saturday.status().ToString();
  EXPECT_EQ(saturday->action, "sign_reminded");
}

// ---- refused tasks ------------------------------------------------------------------------------

TEST_F(UnitNoticesTest, APayloadThatIsNotAUnitTimersIsRefused) {
  clock_.Set(LocalTime("2026-02-24", 9));
  for (const char* kind : {"sign_remind", "sign_overdue", "opinion_remind", "opinion_overdue"}) {
    SCOPED_TRACE(kind);
    Result<protocol::Outcome> out = role_->Handle(Task(kind, AssignedFriday(), "not msgpack"));
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(out.status().message(), HasSubstr("unit timer payload"));
  }
  Result<protocol::Outcome> out = role_->Handle(Task("nudge", AssignedFriday()));
  ASSERT_FALSE(out.ok());
  EXPECT_THAT(out.status().message(),
              HasSubstr("expected one of 'schedule', 'remind', 'sign_remind', 'sign_overdue', "
                        "'opinion_remind', 'opinion_overdue'"));
}

TEST(UnitStepTableTest, EveryKindHasOneStep) {
  for (std::string_view kind :
       {kSignRemindKind, kSignOverdueKind, kOpinionRemindKind, kOpinionOverdueKind}) {
    const UnitStep* step = FindUnitStep(kind);
    ASSERT_NE(step, nullptr) << kind;
    EXPECT_EQ(step->kind, kind);
  }
  EXPECT_EQ(FindUnitStep("remind"), nullptr);
  EXPECT_EQ(UnitSteps().size(), 4u);
}

}  // namespace
}  // namespace duban::workers::reminder::unit_step_test
