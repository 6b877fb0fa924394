// Staff decisions that wait (workers/reminder/staff_decisions.h): while a suggestion waits for
// assignment by hand (decision.review) or a unit's return or extension request waits for staff
// (decision.<request>.<unit>), the timer tells staff in working hours and sets itself again one
// period later; outside working hours it moves to the next working morning; once decided it is
// skipped. Directly and through ReminderRole::Handle (kind "staff_decision"), under a manual clock.
//
// Dates hand-checked against the shipped 2026 calendar (config/calendar/2026.toml):
//   中秋节 Fri 09-25 .. Sun 09-27 off; 国庆节 Thu 10-01 .. Wed 10-07 off;
//   make-up working days (调休上班) Sun 09-20 and Sat 10-10.
#include "workers/reminder/staff_decisions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/protocol/staff_decision.h"
#include "tests/support/manual_clock.h"
#include "tests/support/role_test_support.h"
#include "workers/reminder/reminder_role.h"

namespace duban::workers::reminder {
namespace {

using duban::testing::D;
using duban::testing::kBeijing;
using duban::testing::kHourMs;
using duban::testing::LocalTime;
using duban::testing::TestConfigWith2026;
using protocol::DecisionPayload;
using protocol::SuggestionState;
using protocol::UnitRole;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr Millis kDayMs = 24 * kHourMs;

// A suggestion no rule routed: IN_REVIEW, no units, no deadline.
protocol::Suggestion InReview() {
  protocol::Suggestion s;
  s.code = "S2026-00031";
  s.draft.title = "关于完善人大代表联络站建设的建议";
  s.draft.category = "代表工作";
  s.draft.deputy = {"D031", "张明", "13800000031"};
  s.state = SuggestionState::kInReview;
  s.version = 2;
  return s;
}

// An assigned suggestion whose lead jyj and co-handler czj are in the given task states.
protocol::Suggestion Handling(const char* jyj_state, const char* czj_state = "SIGNED") {
  protocol::Suggestion s = InReview();
  s.code = "S2026-00032";
  s.draft.title = "关于增加城区公办幼儿园学位供给的建议";
  s.state = SuggestionState::kInHandling;
  s.version = 6;
  s.assigned_ms = LocalTime("2026-09-01", 10);
  s.units = {{"jyj", UnitRole::kLead, jyj_state}, {"czj", UnitRole::kCo, czj_state}};
  s.deadline = protocol::Deadline{"2026-12-01", "reply: 3 calendar months from assignment (交办)",
                                  EndOfLocalDay(D("2026-12-01"), kBeijing)};
  return s;
}

std::string Payload(const char* request, const char* unit, Millis since) {
  return protocol::EncodeDecisionPayload({request, unit, since});
}

class StaffDecisionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<WorkingHours> h = WorkingHours::Create(TestConfigWith2026());
    ASSERT_TRUE(h.ok()) << h.status().ToString();
    hours_.emplace(std::move(h).value());
  }

  Result<protocol::Outcome> Outcome(const protocol::Suggestion& s, const std::string& payload,
                                    Millis now, std::int64_t days = 7) {
    return StaffDecisionOutcome(s, payload, now, days, *hours_);
  }

  std::optional<WorkingHours> hours_;
};

// ---- pending: staff are told, and the timer is set again ---------------------------------------

TEST_F(StaffDecisionsTest, AReviewWaitingAWeekTellsStaffAndComesBackAWeekLater) {
  // Waiting since Tue 09-01 10:00; the timer fires Tue 09-08 10:00, a working morning.
  const Millis since = LocalTime("2026-09-01", 10);
  const Millis now = LocalTime("2026-09-08", 10);
  Result<protocol::Outcome> out = Outcome(InReview(), Payload("review", "", since), now);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "decision_overdue");
  EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
  EXPECT_EQ(out->to_state, "");
  EXPECT_THAT(out->units, IsEmpty());
  EXPECT_FALSE(out->deadline.has_value());
  EXPECT_THAT(out->cancel_timers, IsEmpty());
  EXPECT_EQ(out->note,
            "decision.review: the review decision has waited 7 days; staff told, again "
            "2026-09-15 10:00");

  ASSERT_EQ(out->notices.size(), 1u);
  const protocol::Notice& n = out->notices[0];
  EXPECT_EQ(n.recipient, "staff");
  EXPECT_EQ(n.kind, "decision_overdue");
  EXPECT_EQ(n.text,
            "【待决定逾期】建议 S2026-00031《关于完善人大代表联络站建设的建议》的人工交办已等待 7 "
            "天（自 2026-09-01），请尽快决定。");
  EXPECT_EQ(n.dedup_key, "decision.review:2026-09-08@staff");

  ASSERT_EQ(out->timers.size(), 1u);
  const protocol::TimerSpec& t = out->timers[0];
  EXPECT_EQ(t.name, "decision.review");
  EXPECT_EQ(t.service, "reminder");
  EXPECT_EQ(t.kind, "staff_decision");
  EXPECT_EQ(t.due_ms, now + 7 * kDayMs);
  EXPECT_EQ(t.due_ms, LocalTime("2026-09-15", 10));
  Result<DecisionPayload> p = protocol::DecodeDecisionPayload(t.payload);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->request, "review");
  EXPECT_EQ(p->since_ms, since) << "the wait is still counted from the start";
}

TEST_F(StaffDecisionsTest, EachStateBeforeAssignmentIsStillWaitingForReview) {
  const Millis now = LocalTime("2026-09-08", 10);
  for (SuggestionState st :
       {SuggestionState::kSubmitted, SuggestionState::kInReview, SuggestionState::kAccepted}) {
    SCOPED_TRACE(std::string(protocol::StateName(st)));
    protocol::Suggestion s = InReview();
    s.state = st;
    Result<protocol::Outcome> out =
        Outcome(s, Payload("review", "", LocalTime("2026-09-01", 10)), now);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_EQ(out->action, "decision_overdue");
    EXPECT_EQ(out->notices.size(), 1u);
    EXPECT_EQ(out->timers.size(), 1u);
  }
}

TEST_F(StaffDecisionsTest, ASecondRoundCountsTheWholeWaitAndHasItsOwnDedupKey) {
  const Millis since = LocalTime("2026-09-01", 10);
  Result<protocol::Outcome> first =
      Outcome(InReview(), Payload("review", "", since), LocalTime("2026-09-08", 10));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->timers.size(), 1u);
  // The timer it set fires a week later with the same payload.
  const Millis again = first->timers[0].due_ms;
  Result<protocol::Outcome> second = Outcome(InReview(), first->timers[0].payload, again);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->action, "decision_overdue");
  ASSERT_EQ(second->notices.size(), 1u);
  EXPECT_THAT(second->notices[0].text, HasSubstr("已等待 14 天（自 2026-09-01）"));
  EXPECT_EQ(second->notices[0].dedup_key, "decision.review:2026-09-15@staff");
  EXPECT_NE(second->notices[0].dedup_key, first->notices[0].dedup_key)
      << "the broker would drop a second notice with the same key";
  ASSERT_EQ(second->timers.size(), 1u);
  EXPECT_EQ(second->timers[0].due_ms, LocalTime("2026-09-22", 10));
}

TEST_F(StaffDecisionsTest, APendingReturnTellsStaffWhichUnitAsked) {
  const Millis since = LocalTime("2026-09-02", 15);
  const Millis now = LocalTime("2026-09-09", 15);  // Wed, in working hours
  Result<protocol::Outcome> out =
      Outcome(Handling("RETURN_PENDING"), Payload("return", "jyj", since), now);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "decision_overdue");
  EXPECT_EQ(out->note,
            "decision.return.jyj: the return decision has waited 7 days; staff told, again "
            "2026-09-16 15:00");
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].recipient, "staff");
  EXPECT_EQ(out->notices[0].kind, "decision_overdue");
  EXPECT_EQ(out->notices[0].text,
            "【待决定逾期】建议 S2026-00032《关于增加城区公办幼儿园学位供给的建议》的退回申请（jyj）"
            "已等待 7 天（自 2026-09-02），请尽快决定。");
  EXPECT_EQ(out->notices[0].dedup_key, "decision.return.jyj:2026-09-09@staff");
  ASSERT_EQ(out->timers.size(), 1u);
  EXPECT_EQ(out->timers[0].name, "decision.return.jyj");
  EXPECT_EQ(out->timers[0].service, "reminder");
  EXPECT_EQ(out->timers[0].kind, "staff_decision");
  EXPECT_EQ(out->timers[0].due_ms, LocalTime("2026-09-16", 15));
  Result<DecisionPayload> p = protocol::DecodeDecisionPayload(out->timers[0].payload);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->request, "return");
  EXPECT_EQ(p->unit, "jyj");
  EXPECT_EQ(p->since_ms, since);
}

TEST_F(StaffDecisionsTest, APendingExtensionOfACoHandlerTellsStaffToo) {
  const Millis since = LocalTime("2026-11-02", 9);
  const Millis now = LocalTime("2026-11-09", 9);  // Mon
  Result<protocol::Outcome> out = Outcome(Handling("IN_PROGRESS", "EXTENSION_PENDING"),
                                          Payload("extension", "czj", since), now);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "decision_overdue");
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_THAT(out->notices[0].text, HasSubstr("的延期申请（czj）已等待 7 天（自 2026-11-02）"));
  EXPECT_EQ(out->notices[0].dedup_key, "decision.extension.czj:2026-11-09@staff");
  ASSERT_EQ(out->timers.size(), 1u);
  EXPECT_EQ(out->timers[0].name, "decision.extension.czj");
  EXPECT_EQ(out->timers[0].due_ms, LocalTime("2026-11-16", 9));
}

TEST_F(StaffDecisionsTest, ThePeriodIsTheCallersFigure) {
  const Millis now = LocalTime("2026-09-08", 10);
  Result<protocol::Outcome> out =
      Outcome(InReview(), Payload("review", "", LocalTime("2026-09-05", 10)), now, /*days=*/3);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->timers.size(), 1u);
  EXPECT_EQ(out->timers[0].due_ms, now + 3 * kDayMs);
  EXPECT_THAT(out->notices[0].text, HasSubstr("已等待 3 天"));
}

TEST_F(StaffDecisionsTest, AMakeUpWorkingSundayIsAWorkingDay) {
  // Sun 2026-09-20 is a make-up working day (国庆节调休).
  Result<protocol::Outcome> out = Outcome(
      InReview(), Payload("review", "", LocalTime("2026-09-13", 11)), LocalTime("2026-09-20", 11));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "decision_overdue");
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].dedup_key, "decision.review:2026-09-20@staff");
}

// ---- outside working hours -------------------------------------------------------------------

TEST_F(StaffDecisionsTest, AtNightBeforeNationalDayTheTimerMovesToTheFirstMorningAfterIt) {
  // Requested Wed 09-23 20:00, fired Wed 09-30 20:00: 10-01..10-07 are off, so Thu 10-08 09:00.
  const Millis since = LocalTime("2026-09-23", 20);
  Result<protocol::Outcome> out = Outcome(Handling("RETURN_PENDING"),
                                          Payload("return", "jyj", since),
                                          LocalTime("2026-09-30", 20));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "reminder_deferred");
  EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
  EXPECT_THAT(out->notices, IsEmpty());
  EXPECT_EQ(out->note, "decision.return.jyj: outside working hours; moved to 2026-10-08 09:00");
  ASSERT_EQ(out->timers.size(), 1u);
  const protocol::TimerSpec& t = out->timers[0];
  EXPECT_EQ(t.name, "decision.return.jyj");
  EXPECT_EQ(t.service, "reminder");
  EXPECT_EQ(t.kind, "staff_decision");
  EXPECT_EQ(t.due_ms, LocalTime("2026-10-08", 9));
  Result<DecisionPayload> p = protocol::DecodeDecisionPayload(t.payload);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->since_ms, since);

  // When the moved timer fires, the notice counts the whole wait: 09-23 20:00 to 10-08 09:00 is
  // 14 days and 13 hours, 14 whole days.
  Result<protocol::Outcome> later =
      Outcome(Handling("RETURN_PENDING"), t.payload, LocalTime("2026-10-08", 9));
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  EXPECT_EQ(later->action, "decision_overdue");
  ASSERT_EQ(later->notices.size(), 1u);
  EXPECT_THAT(later->notices[0].text, HasSubstr("已等待 14 天（自 2026-09-23）"));
  ASSERT_EQ(later->timers.size(), 1u);
  EXPECT_EQ(later->timers[0].due_ms, LocalTime("2026-10-15", 9));
}

TEST_F(StaffDecisionsTest, WorkingHoursDecideWhetherStaffAreToldNow) {
  struct Case {
    Millis now;
    Millis deferred_to;  // 0 = told now
  };
  const Case cases[] = {
      {LocalTime("2026-09-08", 8, 59), LocalTime("2026-09-08", 9)},  // before opening: same day
      {LocalTime("2026-09-08", 9), 0},
      {LocalTime("2026-09-08", 17, 59), 0},
      {LocalTime("2026-09-08", 18), LocalTime("2026-09-09", 9)},   // closing time is closed
      {LocalTime("2026-09-12", 10), LocalTime("2026-09-14", 9)},   // Saturday -> Monday
      {LocalTime("2026-09-25", 10), LocalTime("2026-09-28", 9)},   // 中秋节 Friday -> Monday
      {LocalTime("2026-10-04", 10), LocalTime("2026-10-08", 9)},   // 国庆节
      {LocalTime("2026-10-10", 10), 0},                            // make-up working Saturday
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(FormatLocalTime(c.now, kBeijing));
    Result<protocol::Outcome> out =
        Outcome(InReview(), Payload("review", "", LocalTime("2026-09-01", 10)), c.now);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    ASSERT_EQ(out->timers.size(), 1u);
    if (c.deferred_to == 0) {
      EXPECT_EQ(out->action, "decision_overdue");
      EXPECT_EQ(out->notices.size(), 1u);
      EXPECT_EQ(out->timers[0].due_ms, c.now + 7 * kDayMs);
    } else {
      EXPECT_EQ(out->action, "reminder_deferred");
      EXPECT_THAT(out->notices, IsEmpty());
      EXPECT_EQ(out->timers[0].due_ms, c.deferred_to);
    }
  }
}

// ---- decided: skipped, nothing set again -----------------------------------------------------

TEST_F(StaffDecisionsTest, AReviewIsDecidedOnceTheSuggestionMovedOn) {
  const Millis now = LocalTime("2026-09-08", 10);
  for (SuggestionState st :
       {SuggestionState::kAssigned, SuggestionState::kInHandling, SuggestionState::kWithdrawn,
        SuggestionState::kMerged, SuggestionState::kReturnedForRework, SuggestionState::kClosed}) {
    SCOPED_TRACE(std::string(protocol::StateName(st)));
    protocol::Suggestion s = InReview();
    s.state = st;
    Result<protocol::Outcome> out =
        Outcome(s, Payload("review", "", LocalTime("2026-09-01", 10)), now);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_EQ(out->action, "reminder_skipped");
    EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
    EXPECT_THAT(out->notices, IsEmpty());
    EXPECT_THAT(out->timers, IsEmpty());
    EXPECT_EQ(out->note, "decision.review: already " + std::string(protocol::StateName(st)));
  }
}

TEST_F(StaffDecisionsTest, AUnitRequestIsDecidedOnceTheUnitLeftItsPendingState) {
  const Millis now = LocalTime("2026-09-09", 15);
  struct Case {
    const char* request;
    const char* jyj_state;
  };
  const Case cases[] = {
      {"return", "SIGNED"},         // refused
      {"return", "REASSIGNED"},     // approved
      {"return", "EXTENSION_PENDING"},  // a different request is pending
      {"extension", "IN_PROGRESS"},     // refused
      {"extension", "EXTENDED"},        // approved
      {"extension", "RETURN_PENDING"},  // a different request is pending
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.request) + " with jyj " + c.jyj_state);
    Result<protocol::Outcome> out = Outcome(
        Handling(c.jyj_state), Payload(c.request, "jyj", LocalTime("2026-09-02", 15)), now);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_EQ(out->action, "reminder_skipped");
    EXPECT_THAT(out->notices, IsEmpty());
    EXPECT_THAT(out->timers, IsEmpty());
    EXPECT_EQ(out->note, "decision." + std::string(c.request) + ".jyj: the " + c.request +
                             " request of unit 'jyj' was decided");
  }
}

TEST_F(StaffDecisionsTest, AnotherUnitsPendingRequestDoesNotKeepThisOneAlive) {
  // czj asks to return too; jyj's return was decided.
  Result<protocol::Outcome> out =
      Outcome(Handling("SIGNED", "RETURN_PENDING"),
              Payload("return", "jyj", LocalTime("2026-09-02", 15)), LocalTime("2026-09-09", 15));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "reminder_skipped");
  // A unit that is not on the suggestion at all.
  Result<protocol::Outcome> gone =
      Outcome(Handling("RETURN_PENDING"), Payload("return", "mzj", LocalTime("2026-09-02", 15)),
              LocalTime("2026-09-09", 15));
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  EXPECT_EQ(gone->action, "reminder_skipped");
}

TEST_F(StaffDecisionsTest, ADecidedRequestIsSkippedEvenOutsideWorkingHours) {
  // No point moving a timer nobody needs to the next morning.
  Result<protocol::Outcome> out =
      Outcome(Handling("SIGNED"), Payload("return", "jyj", LocalTime("2026-09-23", 20)),
              LocalTime("2026-09-30", 20));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "reminder_skipped");
  EXPECT_THAT(out->timers, IsEmpty());
}

// Bug (open when this test was written): a co-handler's return (or extension) request that is
// still pending when the lead unit replies stays RETURN_PENDING on a REPLIED (later CLOSED)
// suggestion. Staff can no longer decide it (ApplyUnitDecision refuses a suggestion that is not
// being handled), yet StaffDecisionOutcome looks only at the unit's state, so staff are told
// "请尽快决定" and the timer is set again every 7 days, for ever.
TEST_F(StaffDecisionsTest, AUnitRequestLeftPendingOnASuggestionNoLongerHandledIsSkipped) {
  for (SuggestionState st :
       {SuggestionState::kReplied, SuggestionState::kEvaluated, SuggestionState::kClosed,
        SuggestionState::kFollowUp}) {
    SCOPED_TRACE(std::string(protocol::StateName(st)));
    protocol::Suggestion s = Handling("REPLIED", "RETURN_PENDING");
    s.state = st;
    Result<protocol::Outcome> out =
        Outcome(s, Payload("return", "czj", LocalTime("2026-09-02", 15)),
                LocalTime("2026-09-09", 15));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_EQ(out->action, "reminder_skipped");
    EXPECT_THAT(out->notices, IsEmpty());
    EXPECT_THAT(out->timers, IsEmpty()) << "set again for ever";
  }
}

// ---- refused ---------------------------------------------------------------------------------

TEST_F(StaffDecisionsTest, ABadPayloadIsInvalidArgument) {
  const Millis now = LocalTime("2026-09-08", 10);
  for (const std::string& bad :
       {std::string(""), std::string("not msgpack"), Payload("merge", "", now),
        Payload("return", "", now), Payload("extension", "", now)}) {
    Result<protocol::Outcome> out = Outcome(InReview(), bad, now);
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument) << out.status().ToString();
    EXPECT_THAT(out.status().message(), HasSubstr("decision payload"));
  }
}

// ---- through the reminder role ---------------------------------------------------------------

class StaffDecisionRoleTest : public ::testing::Test {
 protected:
  void SetUp() override { Build(TestConfigWith2026()); }

  void Build(const config::Config& c) {
    auto role = ReminderRole::Create(c, clock_);
    ASSERT_TRUE(role.ok()) << role.status().ToString();
    role_ = std::move(role).value();
  }

  protocol::TaskMessage Task(std::optional<protocol::Suggestion> s, std::string payload) {
    protocol::TaskMessage t;
    t.task_id = "T9";
    t.service = "reminder";
    t.kind = "staff_decision";
    t.now_ms = clock_.NowMs();
    t.suggestion = std::move(s);
    t.payload = std::move(payload);
    return t;
  }

  duban::testing::ManualClock clock_;
  std::unique_ptr<ReminderRole> role_;
};

TEST_F(StaffDecisionRoleTest, ASuggestionWithoutADeadlineIsChasedWithTheJurisdictionsPeriod) {
  clock_.Set(LocalTime("2026-09-08", 10));
  protocol::Suggestion s = InReview();
  ASSERT_FALSE(s.deadline.has_value()) << "IN_REVIEW has no reply deadline yet";
  Result<protocol::Outcome> out =
      role_->Handle(Task(s, Payload("review", "", LocalTime("2026-09-01", 10))));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "decision_overdue");
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].recipient, "staff");
  EXPECT_EQ(out->notices[0].kind, "decision_overdue");
  EXPECT_EQ(out->notices[0].dedup_key, "decision.review:2026-09-08@staff");
  ASSERT_EQ(out->timers.size(), 1u);
  EXPECT_EQ(out->timers[0].name, "decision.review");
  EXPECT_EQ(out->timers[0].due_ms, LocalTime("2026-09-15", 10))
      << "jurisdiction.staff_decision_days defaults to 7";
}

TEST_F(StaffDecisionRoleTest, ThePeriodComesFromTheJurisdiction) {
  config::Config c = TestConfigWith2026();
  c.jurisdiction.staff_decision_days = 3;
  Build(c);
  clock_.Set(LocalTime("2026-09-09", 15));
  Result<protocol::Outcome> out = role_->Handle(
      Task(Handling("EXTENSION_PENDING"), Payload("extension", "jyj", LocalTime("2026-09-06", 15))));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "decision_overdue");
  ASSERT_EQ(out->timers.size(), 1u);
  EXPECT_EQ(out->timers[0].name, "decision.extension.jyj");
  EXPECT_EQ(out->timers[0].due_ms, LocalTime("2026-09-12", 15));
}

TEST_F(StaffDecisionRoleTest, TheRoleWordsTheNoticeWithItsConfigsTemplate) {
  config::Config c = TestConfigWith2026();
  c.notices["extension_decision_overdue"] = "{code}: extension of {unit} waiting {days} days";
  Build(c);
  clock_.Set(LocalTime("2026-09-08", 10));
  Result<protocol::Outcome> out = role_->Handle(
      Task(Handling("EXTENSION_PENDING"), Payload("extension", "jyj", LocalTime("2026-09-01", 10))));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].text, "S2026-00032: extension of 市教育局 waiting 7 days");
}

TEST_F(StaffDecisionRoleTest, TheRoleUsesItsClockAndItsWorkingHours) {
  // The clock says Sat 09-26 (中秋节), whatever the task's now_ms says.
  clock_.Set(LocalTime("2026-09-26", 10));
  protocol::TaskMessage t = Task(InReview(), Payload("review", "", LocalTime("2026-09-19", 10)));
  t.now_ms = LocalTime("2026-09-24", 10);
  Result<protocol::Outcome> out = role_->Handle(t);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "reminder_deferred");
  ASSERT_EQ(out->timers.size(), 1u);
  EXPECT_EQ(out->timers[0].due_ms, LocalTime("2026-09-28", 9));
}

TEST_F(StaffDecisionRoleTest, ADecidedReviewIsSkipped) {
  clock_.Set(LocalTime("2026-09-08", 10));
  Result<protocol::Outcome> out =
      role_->Handle(Task(Handling("SIGNED"), Payload("review", "", LocalTime("2026-09-01", 10))));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "reminder_skipped");
  EXPECT_EQ(out->note, "decision.review: already IN_HANDLING");
  EXPECT_THAT(out->timers, IsEmpty());
}

TEST_F(StaffDecisionRoleTest, RefusesATaskWithoutASuggestionOrWithABadPayload) {
  clock_.Set(LocalTime("2026-09-08", 10));
  Result<protocol::Outcome> none =
      role_->Handle(Task(std::nullopt, Payload("review", "", LocalTime("2026-09-01", 10))));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(none.status().message(), HasSubstr("carries no suggestion"));

  Result<protocol::Outcome> bad = role_->Handle(Task(InReview(), "not msgpack"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("decision payload"));
}

}  // namespace
}  // namespace duban::workers::reminder
