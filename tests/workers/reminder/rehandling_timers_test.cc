// Re-handling (重新办理) after a 不满意 evaluation: the new reply deadline gets its own reminders,
// rehandle.remind.10d and rehandle.remind.3d, at the start of working hours (moved to the next
// working day), and rehandle.overdue puts the item on the directors' meeting agenda (escalation
// kind "agenda", payload "rehandling_overdue") instead of the reply's two escalations. A reply
// reminder left from the first handling is skipped in REHANDLING; a re-handling reminder reaches
// the lead unit. All under a manual clock with the shipped calendar config/calendar/2026.toml.
//
// S2026-00042 was evaluated 不满意 on Tue 2026-09-15; its new reply is due Thu 2026-10-15.
// Counted by hand against the 2026 notice:
//   10 days before = Mon 10-05, inside National Day (10-01 … 10-07) -> Thu 2026-10-08 09:00;
//   3 days before  = Mon 10-12, a working day                     -> Mon 2026-10-12 09:00;
//   overdue: just after 2026-10-15 ends                           -> Fri 2026-10-16 00:00.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/calendar.h"
#include "config/calendar_loader.h"
#include "tests/support/manual_clock.h"
#include "tests/support/role_test_support.h"
#include "workers/reminder/reminder_role.h"
#include "workers/reminder/reply_timers.h"
#include "workers/runtime/working_hours.h"

namespace duban::workers::reminder {
namespace {

using duban::testing::D;
using duban::testing::kBeijing;
using duban::testing::kHourMs;
using duban::testing::kMinuteMs;
using duban::testing::LocalTime;
using protocol::SuggestionState;
using protocol::UnitRole;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

config::Config TestConfig() { return duban::testing::TestConfigWith2026(); }

protocol::Deadline RehandlingDeadline(const char* ymd) {
  return {ymd, "rehandling (重新办理): 1 calendar month(s) from the evaluation",
          EndOfLocalDay(D(ymd), kBeijing)};
}

// Re-handled after round 1 was rated 不满意; the co-handler never sent its opinion.
protocol::Suggestion Rehandling(const char* deadline = "2026-10-15") {
  protocol::Suggestion s;
  s.code = "S2026-00042";
  s.draft.title = "关于增加城区公办幼儿园学位供给的建议";
  s.draft.deputy = {"D2026001", "王丽华", "13800000000"};
  s.state = SuggestionState::kRehandling;
  s.version = 10;
  s.assigned_ms = LocalTime("2026-06-15", 10);
  s.units = {{"czj", UnitRole::kCo, "OPINION_SENT"}, {"jyj", UnitRole::kLead, "IN_PROGRESS"}};
  s.deadline = RehandlingDeadline(deadline);
  protocol::ReplyRound r;
  r.unit = "jyj";
  r.result_class = "B";
  r.satisfaction = "dissatisfied";
  s.record.rounds = {r};
  return s;
}

struct Want {
  const char* name;
  const char* service;
  const char* kind;
  Millis due_ms;
};

void ExpectTimers(const std::vector<protocol::TimerSpec>& got, const std::vector<Want>& want,
                  Millis deadline_due) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].name);
    EXPECT_EQ(got[i].name, want[i].name);
    EXPECT_EQ(got[i].service, want[i].service);
    EXPECT_EQ(got[i].kind, want[i].kind);
    EXPECT_EQ(got[i].due_ms, want[i].due_ms);
    EXPECT_EQ(got[i].priority_ms, deadline_due) << "earliest deadline first";
  }
}

class RehandlingTimersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<WorkingHours> hours = WorkingHours::Create(TestConfig());
    ASSERT_TRUE(hours.ok()) << hours.status().ToString();
    hours_ = std::make_unique<WorkingHours>(std::move(*hours));
    auto role = ReminderRole::Create(TestConfig(), clock_);
    ASSERT_TRUE(role.ok()) << role.status().ToString();
    role_ = std::move(role).value();
  }

  Result<ReplyPlan> Plan(const char* deadline, Millis now) {
    return PlanRehandlingTimers(RehandlingDeadline(deadline), D(deadline), now, {10, 3}, *hours_);
  }

  Result<protocol::Outcome> Run(std::string kind, protocol::Suggestion s, Millis now,
                                std::string payload = "") {
    clock_.Set(now);
    protocol::TaskMessage t;
    t.task_id = "T3";
    t.service = "reminder";
    t.kind = std::move(kind);
    t.now_ms = now;
    t.suggestion = std::move(s);
    t.payload = std::move(payload);
    return role_->Handle(t);
  }

  std::unique_ptr<WorkingHours> hours_;
  duban::testing::ManualClock clock_;
  std::unique_ptr<ReminderRole> role_;
};

// ---- PlanRehandlingTimers ------------------------------------------------------------------

TEST_F(RehandlingTimersTest, TwoRemindersAndTheAgendaEscalation) {
  Result<ReplyPlan> plan = Plan("2026-10-15", LocalTime("2026-09-15", 10));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const Millis due = EndOfLocalDay(D("2026-10-15"), kBeijing);
  ExpectTimers(plan->timers,
               {{"rehandle.remind.10d", "reminder", "remind", LocalTime("2026-10-08", 9)},
                {"rehandle.remind.3d", "reminder", "remind", LocalTime("2026-10-12", 9)},
                {"rehandle.overdue", "escalation", "agenda", LocalTime("2026-10-16", 0)}},
               due);
  EXPECT_EQ(plan->timers[2].due_ms, due + 1);
  EXPECT_EQ(plan->timers[2].payload, "rehandling_overdue");
  Result<ReminderPayload> p = DecodeReminderPayload(plan->timers[0].payload);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->rule, "rehandling");
  EXPECT_EQ(p->days, 10);
  EXPECT_EQ(p->deadline, "2026-10-15");
  EXPECT_EQ(DecodeReminderPayload(plan->timers[1].payload)->days, 3);
  EXPECT_THAT(plan->cancel, IsEmpty());
  EXPECT_EQ(plan->note,
            "rehandling deadline 2026-10-15: reminders rehandle.remind.10d 2026-10-08 09:00 (moved "
            "from 2026-10-05), rehandle.remind.3d 2026-10-12 09:00; rehandle.overdue (directors' "
            "meeting) 2026-10-16 00:00");
}

TEST_F(RehandlingTimersTest, APastReminderIsCancelledAndTwoOnOneMorningBecomeOne) {
  Result<ReplyPlan> late = Plan("2026-10-15", LocalTime("2026-10-09", 10));
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  ASSERT_EQ(late->timers.size(), 2u);
  EXPECT_EQ(late->timers[0].name, "rehandle.remind.3d");
  EXPECT_EQ(late->timers[1].name, "rehandle.overdue");
  EXPECT_THAT(late->cancel, ElementsAre("rehandle.remind.10d"));
  EXPECT_THAT(late->note, HasSubstr("rehandle.remind.10d (2026-10-08 09:00 has passed)"));

  // Deadline Sun 10-11: 10 days before (10-01) and 3 days before (10-08) both land on Thu 10-08.
  Result<ReplyPlan> same = Plan("2026-10-11", LocalTime("2026-09-15", 10));
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  ASSERT_EQ(same->timers.size(), 2u);
  EXPECT_EQ(same->timers[0].name, "rehandle.remind.10d");
  EXPECT_EQ(same->timers[0].due_ms, LocalTime("2026-10-08", 9));
  EXPECT_THAT(same->cancel, ElementsAre("rehandle.remind.3d"));
  EXPECT_THAT(same->note, HasSubstr("rehandle.remind.3d (same morning as rehandle.remind.10d)"));
}

// ---- the reminder role in REHANDLING -------------------------------------------------------

TEST_F(RehandlingTimersTest, ScheduleInRehandlingSetsOnlyTheRehandlingTimers) {
  protocol::Suggestion s = Rehandling();
  s.units[0].state = "SIGNED";  // a co-handler that still owes its opinion gets no timer again
  Result<protocol::Outcome> out = Run("schedule", s, LocalTime("2026-09-15", 10));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
  EXPECT_EQ(out->to_state, "");
  EXPECT_EQ(out->action, "reminders_scheduled");
  EXPECT_THAT(out->notices, IsEmpty());
  ExpectTimers(out->timers,
               {{"rehandle.remind.10d", "reminder", "remind", LocalTime("2026-10-08", 9)},
                {"rehandle.remind.3d", "reminder", "remind", LocalTime("2026-10-12", 9)},
                {"rehandle.overdue", "escalation", "agenda", LocalTime("2026-10-16", 0)}},
               EndOfLocalDay(D("2026-10-15"), kBeijing));
  EXPECT_EQ(out->timers[2].payload, "rehandling_overdue");
  EXPECT_THAT(out->note, HasSubstr("rehandling deadline 2026-10-15"));
  EXPECT_THAT(out->note, ::testing::Not(HasSubstr("sign and opinion")));
}

TEST_F(RehandlingTimersTest, AReplyReminderLeftFromTheFirstHandlingIsSkipped) {
  const std::string payload = EncodeReminderPayload({"reply", 5, "2026-10-15"});
  Result<protocol::Outcome> out = Run("remind", Rehandling(), LocalTime("2026-10-12", 9), payload);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "reminder_skipped");
  EXPECT_EQ(out->note, "reply.remind.5d: already REHANDLING");
  EXPECT_THAT(out->notices, IsEmpty());
  EXPECT_THAT(out->timers, IsEmpty());
}

TEST_F(RehandlingTimersTest, ARehandlingReminderReachesTheLeadUnit) {
  const std::string payload = EncodeReminderPayload({"rehandling", 10, "2026-10-15"});
  Result<protocol::Outcome> out = Run("remind", Rehandling(), LocalTime("2026-10-08", 9), payload);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
  EXPECT_EQ(out->action, "reminded");
  ASSERT_EQ(out->notices.size(), 1u) << "the co-handler sent its opinion: not reminded";
  EXPECT_EQ(out->notices[0].recipient, "unit:jyj");
  EXPECT_EQ(out->notices[0].kind, "reminder");
  EXPECT_EQ(out->notices[0].dedup_key, "rehandle.remind.10d:2026-10-15@unit:jyj");
  EXPECT_EQ(
      out->notices[0].text,
      "【督办提醒】建议 S2026-00042《关于增加城区公办幼儿园学位供给的建议》距重新办理答复期限 "
      "2026-10-15 还有 7 天，请按时答复。");
  EXPECT_EQ(out->note, "rehandle.remind.10d (deadline 2026-10-15, 7 days left) to unit:jyj");

  // On the deadline day itself.
  const std::string last = EncodeReminderPayload({"rehandling", 0, "2026-10-15"});
  Result<protocol::Outcome> today = Run("remind", Rehandling(), LocalTime("2026-10-15", 9), last);
  ASSERT_TRUE(today.ok()) << today.status().ToString();
  ASSERT_EQ(today->notices.size(), 1u);
  EXPECT_THAT(today->notices[0].text,
              HasSubstr("今天（2026-10-15）为重新办理答复期限，请按时答复。"));
}

TEST_F(RehandlingTimersTest, ARehandlingReminderIsSkippedOutsideRehandling) {
  const std::string payload = EncodeReminderPayload({"rehandling", 3, "2026-10-15"});
  for (SuggestionState st : {SuggestionState::kInHandling, SuggestionState::kReplied,
                             SuggestionState::kEvaluated, SuggestionState::kClosed}) {
    SCOPED_TRACE(std::string(protocol::StateName(st)));
    protocol::Suggestion s = Rehandling();
    s.state = st;
    Result<protocol::Outcome> out = Run("remind", s, LocalTime("2026-10-12", 9), payload);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_EQ(out->action, "reminder_skipped");
    EXPECT_EQ(out->note, "rehandle.remind.3d: already " + std::string(protocol::StateName(st)));
    EXPECT_THAT(out->notices, IsEmpty());
  }
  // Set for a re-handling deadline that has since changed (a third round): skipped.
  Result<protocol::Outcome> moved =
      Run("remind", Rehandling("2026-11-30"), LocalTime("2026-10-12", 9), payload);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->action, "reminder_skipped");
  EXPECT_THAT(moved->note, HasSubstr("set for the deadline 2026-10-15, which is now 2026-11-30"));
}

TEST_F(RehandlingTimersTest, ARehandlingReminderAfterHoursWaitsForTheNextWorkingMorning) {
  // Sat 10-10 is a make-up working day; at 19:00 it is closed; Sun 10-11 is off -> Mon 10-12 09:00.
  const std::string payload = EncodeReminderPayload({"rehandling", 10, "2026-10-15"});
  Result<protocol::Outcome> out = Run("remind", Rehandling(), LocalTime("2026-10-10", 19), payload);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "reminder_deferred");
  EXPECT_THAT(out->notices, IsEmpty());
  ASSERT_EQ(out->timers.size(), 1u);
  EXPECT_EQ(out->timers[0].name, "rehandle.remind.10d");
  EXPECT_EQ(out->timers[0].service, "reminder");
  EXPECT_EQ(out->timers[0].due_ms, LocalTime("2026-10-12", 9));
  EXPECT_EQ(out->timers[0].payload, payload);
}

}  // namespace
}  // namespace duban::workers::reminder
