// The reminder role: an assigned suggestion's reply deadline becomes reminder timers at 09:00 on
// working days and escalation timers; a reminder that fires reaches the units still handling it,
// once, in working hours, and only while the reply is still awaited. All under a manual clock.
//
// The 2026 calendar is the shipped file (config/calendar/2026.toml). The 2027 one is made up for
// these tests (the notice for 2027 is not in the repository): a Spring Festival block 2027-02-06
// (Sat) to 2027-02-14 (Sun) and a make-up working Saturday 2027-02-20.
#include "workers/reminder/reminder_role.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/calendar.h"
#include "config/calendar_loader.h"
#include "tests/support/manual_clock.h"
#include "workers/reminder/reply_timers.h"
#include "workers/runtime/role.h"

namespace duban::workers::reminder {
namespace {

using protocol::SuggestionState;
using protocol::UnitRole;
using ::testing::HasSubstr;

constexpr std::int64_t kBeijing = 480;
constexpr Millis kMinuteMs = 60'000;
constexpr Millis kHourMs = 60 * kMinuteMs;

Date D(const char* ymd) {
  Result<Date> d = ParseDate(ymd);
  EXPECT_TRUE(d.ok()) << ymd;
  return d.ok() ? *d : Date{};
}

// The instant hour:minute local (+08:00) on `ymd`.
Millis LocalTime(const char* ymd, int hour, int minute = 0) {
  return StartOfLocalDay(D(ymd), kBeijing) + hour * kHourMs + minute * kMinuteMs;
}

config::CalendarYear Made2027() {
  config::CalendarYear y;
  y.year = 2027;
  y.source = "made up for tests, not the State Council notice";
  config::CalendarPeriod spring{"春节", {}};
  for (Date d = D("2027-02-06"); d <= D("2027-02-14"); d = AddDays(d, 1)) spring.dates.push_back(d);
  y.holidays = {spring};
  y.workdays = {{"春节调休", {D("2027-02-20")}}};
  return y;
}

config::Config TestConfig(bool with_2027 = true) {
  config::Config c = config::DefaultConfig();
  c.units = {{"jyj", "市教育局"}, {"czj", "市财政局"}, {"jtj", "市交通运输局"}};
  Result<config::CalendarYear> y2026 =
      config::LoadCalendarFile(std::string(DUBAN_SOURCE_DIR) + "/config/calendar/2026.toml");
  EXPECT_TRUE(y2026.ok()) << y2026.status().ToString();
  if (y2026.ok()) c.calendar.push_back(*y2026);
  if (with_2027) c.calendar.push_back(Made2027());
  return c;
}

protocol::Deadline ReplyDeadline(const char* ymd) {
  return {ymd, "reply: 3 calendar months from assignment (交办)", EndOfLocalDay(D(ymd), kBeijing)};
}

protocol::Suggestion Assigned(const char* deadline) {
  protocol::Suggestion s;
  s.code = "S2026-00001";
  s.draft.title = "关于加强校园周边交通安全的建议";
  s.draft.category = "教育";
  s.draft.deputy = {"D001", "王丽华", "13800000001"};
  s.state = SuggestionState::kAssigned;
  s.version = 3;
  s.units = {{"jyj", UnitRole::kLead, "SIGNED"}, {"czj", UnitRole::kCo, "ISSUED"}};
  s.deadline = ReplyDeadline(deadline);
  return s;
}

class ReminderRoleTest : public ::testing::Test {
 protected:
  void SetUp() override { Build(TestConfig()); }

  void Build(const config::Config& c) {
    auto role = ReminderRole::Create(c, clock_);
    ASSERT_TRUE(role.ok()) << role.status().ToString();
    role_ = std::move(role).value();
  }

  protocol::TaskMessage Task(std::string kind, protocol::Suggestion s, std::string payload = "") {
    protocol::TaskMessage t;
    t.task_id = "T42";
    t.service = "reminder";
    t.kind = std::move(kind);
    t.now_ms = clock_.NowMs();
    t.suggestion = std::move(s);
    t.payload = std::move(payload);
    return t;
  }
  // The task a reply.remind.<days>d timer set for `deadline` fires.
  protocol::TaskMessage RemindTask(std::int64_t days, protocol::Suggestion s) {
    std::string deadline = s.deadline->date;
    return Task("remind", std::move(s),
                EncodeReminderPayload({"reply", days, std::move(deadline)}));
  }

  Result<protocol::Outcome> Schedule(const char* deadline, Millis now) {
    clock_.Set(now);
    return role_->Handle(Task("schedule", Assigned(deadline)));
  }

  duban::testing::ManualClock clock_;
  std::unique_ptr<ReminderRole> role_;
};

// ---- schedule ------------------------------------------------------------------------------

TEST_F(ReminderRoleTest, SchedulesFourRemindersAndTwoEscalationsAtWorkingMornings) {
  Result<protocol::Outcome> out = Schedule("2027-02-27", LocalTime("2026-11-27", 10));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
  EXPECT_EQ(out->to_state, "");
  EXPECT_TRUE(out->units.empty());
  EXPECT_FALSE(out->deadline.has_value());
  EXPECT_TRUE(out->notices.empty());
  EXPECT_TRUE(out->cancel_timers.empty());
  EXPECT_EQ(out->action, "reminders_scheduled");
  EXPECT_EQ(out->note,
            "reply deadline 2027-02-27: reminders reply.remind.30d 2027-01-28 09:00, "
            "reply.remind.15d 2027-02-15 09:00 (moved from 2027-02-12), "
            "reply.remind.5d 2027-02-22 09:00, reply.remind.1d 2027-02-26 09:00; "
            "reply.overdue 2027-02-28 00:00, reply.overdue15 2027-03-14 09:00; "
            "sign and opinion timers: none (no assignment date)");

  const Millis due = 1'803'743'999'999;  // 2027-02-27 23:59:59.999 +08:00
  ASSERT_EQ(out->timers.size(), 6u);
  struct Want {
    const char* name;
    const char* service;
    const char* kind;
    Millis due_ms;
  };
  const Want want[] = {
      {"reply.remind.30d", "reminder", "remind", 1'801'098'000'000},   // Thu 2027-01-28 09:00
      {"reply.remind.15d", "reminder", "remind", 1'802'653'200'000},   // Mon 2027-02-15 09:00
      {"reply.remind.5d", "reminder", "remind", 1'803'258'000'000},    // Mon 2027-02-22 09:00
      {"reply.remind.1d", "reminder", "remind", 1'803'603'600'000},    // Fri 2027-02-26 09:00
      {"reply.overdue", "escalation", "overdue", due + 1},             // Sun 2027-02-28 00:00
      {"reply.overdue15", "escalation", "agenda", 1'804'986'000'000},  // Sun 2027-03-14 09:00
  };
  for (std::size_t i = 0; i < 6; ++i) {
    SCOPED_TRACE(want[i].name);
    EXPECT_EQ(out->timers[i].name, want[i].name);
    EXPECT_EQ(out->timers[i].service, want[i].service);
    EXPECT_EQ(out->timers[i].kind, want[i].kind);
    EXPECT_EQ(out->timers[i].due_ms, want[i].due_ms);
    EXPECT_EQ(out->timers[i].priority_ms, due) << "earliest deadline first";
  }
  // The literals above are the helper's instants too.
  EXPECT_EQ(out->timers[1].due_ms, LocalTime("2027-02-15", 9));

  Result<ReminderPayload> p = DecodeReminderPayload(out->timers[0].payload);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->rule, "reply");
  EXPECT_EQ(p->days, 30);
  EXPECT_EQ(p->deadline, "2027-02-27");
  EXPECT_EQ(DecodeReminderPayload(out->timers[3].payload)->days, 1);
  EXPECT_EQ(out->timers[4].payload, "");
}

TEST_F(ReminderRoleTest, ADeadlineTenDaysAwaySetsOnlyTheFiveAndOneDayReminders) {
  // Deadline Mon 2026-12-07: 30d and 15d are past; 1d falls on Sunday and moves to the Monday.
  Result<protocol::Outcome> out = Schedule("2026-12-07", LocalTime("2026-11-27", 10));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->timers.size(), 4u);
  EXPECT_EQ(out->timers[0].name, "reply.remind.5d");
  EXPECT_EQ(out->timers[0].due_ms, LocalTime("2026-12-02", 9));
  EXPECT_EQ(out->timers[1].name, "reply.remind.1d");
  EXPECT_EQ(out->timers[1].due_ms, LocalTime("2026-12-07", 9));
  EXPECT_EQ(out->timers[2].name, "reply.overdue");
  EXPECT_EQ(out->timers[3].name, "reply.overdue15");
  EXPECT_EQ(out->timers[3].due_ms, LocalTime("2026-12-22", 9));
  // An older plan's reminders (a deadline before an extension) must not survive.
  EXPECT_THAT(out->cancel_timers, ::testing::ElementsAre("reply.remind.30d", "reply.remind.15d"));
  EXPECT_THAT(out->note, HasSubstr("reply.remind.1d 2026-12-07 09:00 (moved from 2026-12-06)"));
  EXPECT_THAT(out->note, HasSubstr("not set: reply.remind.30d (2026-11-09 09:00 has passed), "
                                   "reply.remind.15d (2026-11-23 09:00 has passed)"));
}

TEST_F(ReminderRoleTest, AReminderAtThisVeryMorningIsPastOnceNineOClockIsPast) {
  // 5d before Wed 2026-12-09 is Fri 2026-12-04 09:00.
  Result<protocol::Outcome> early = Schedule("2026-12-09", LocalTime("2026-12-04", 8, 59));
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->timers[0].name, "reply.remind.5d");
  Result<protocol::Outcome> late = Schedule("2026-12-09", LocalTime("2026-12-04", 9));
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->timers[0].name, "reply.remind.1d");
}

TEST_F(ReminderRoleTest, NationalDayMovesAReminderAndTwoOnOneMorningBecomeOne) {
  // The shipped 2026 calendar: 10-01..10-07 off. 5d before Fri 10-09 is Sun 10-04, moved to Thu
  // 10-08, where the 1d reminder falls too: only one is set.
  Result<protocol::Outcome> out = Schedule("2026-10-09", LocalTime("2026-08-03", 10));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->timers.size(), 5u);
  EXPECT_EQ(out->timers[0].due_ms, LocalTime("2026-09-09", 9));
  EXPECT_EQ(out->timers[1].due_ms, LocalTime("2026-09-24", 9));
  EXPECT_EQ(out->timers[2].name, "reply.remind.5d");
  EXPECT_EQ(out->timers[2].due_ms, LocalTime("2026-10-08", 9));
  EXPECT_EQ(out->timers[3].name, "reply.overdue");
  EXPECT_THAT(out->cancel_timers, ::testing::ElementsAre("reply.remind.1d"));
  EXPECT_THAT(out->note, HasSubstr("reply.remind.1d (same morning as reply.remind.5d)"));
}

TEST_F(ReminderRoleTest, AMakeUpWorkingSaturdayKeepsItsReminder) {
  // 5d before Thu 2027-02-25 is Sat 2027-02-20, a make-up working day (调休上班).
  Result<protocol::Outcome> out = Schedule("2027-02-25", LocalTime("2026-11-27", 10));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_GE(out->timers.size(), 3u);
  EXPECT_EQ(out->timers[2].name, "reply.remind.5d");
  EXPECT_EQ(out->timers[2].due_ms, LocalTime("2027-02-20", 9));
}

TEST_F(ReminderRoleTest, AYearWithoutACalendarFallsBackToMondayToFridayAndSaysSo) {
  Build(TestConfig(/*with_2027=*/false));
  Result<protocol::Outcome> out = Schedule("2027-02-27", LocalTime("2026-11-27", 10));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->timers[1].name, "reply.remind.15d");
  EXPECT_EQ(out->timers[1].due_ms, LocalTime("2027-02-12", 9)) << "a Friday, unknown holiday";
  EXPECT_THAT(out->note, HasSubstr("; no working calendar for 2027: Monday to Friday assumed"));
}

// Issue 9, hole 9: each working-day timer carries the rule its date comes from, so that the
// broker can move it when the calendar changes; the escalations (calendar days) carry none.
TEST_F(ReminderRoleTest, WorkingDayTimersCarryTheirRule) {
  Build(TestConfig(/*with_2027=*/false));
  Result<protocol::Outcome> out = Schedule("2027-02-27", LocalTime("2026-11-27", 10));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->timers.size(), 6u);
  const protocol::TimerSpec& r15 = out->timers[1];
  ASSERT_TRUE(r15.plan.has_value());
  EXPECT_EQ(r15.plan->rule, "next_working_day");
  EXPECT_EQ(r15.plan->base, "2027-02-12");  // 15 days before the deadline
  EXPECT_EQ(r15.plan->minute, 540);
  EXPECT_FALSE(out->timers[4].plan.has_value()) << "reply.overdue is not counted in working days";
  EXPECT_FALSE(out->timers[5].plan.has_value()) << "reply.overdue15 is 15 calendar days";
  // A deferred reminder carries the rule of its new morning.
  clock_.Set(LocalTime("2027-01-28", 23));
  Result<protocol::Outcome> later = role_->Handle(RemindTask(30, Assigned("2027-02-27")));
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->timers.size(), 1u);
  ASSERT_TRUE(later->timers[0].plan.has_value());
  EXPECT_EQ(later->timers[0].plan->base, "2027-01-29");
}

TEST_F(ReminderRoleTest, TheFiguresAndHoursComeFromTheJurisdiction) {
  config::Config c = TestConfig();
  c.jurisdiction.reply_reminder_days = {1, 10};
  c.jurisdiction.agenda_after_overdue_days = 20;
  c.jurisdiction.work_start_minute = 8 * 60 + 30;
  Build(c);
  Result<protocol::Outcome> out = Schedule("2027-02-27", LocalTime("2026-11-27", 10));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->timers.size(), 4u);
  EXPECT_EQ(out->timers[0].name, "reply.remind.10d");
  EXPECT_EQ(out->timers[0].due_ms, LocalTime("2027-02-17", 8, 30));
  EXPECT_EQ(out->timers[1].name, "reply.remind.1d");
  EXPECT_EQ(out->timers[3].name, "reply.overdue15") << "the name is fixed";
  EXPECT_EQ(out->timers[3].due_ms, LocalTime("2027-03-19", 8, 30));
}

TEST_F(ReminderRoleTest, NoScheduleOnceReplied) {
  clock_.Set(LocalTime("2026-11-27", 10));
  protocol::Suggestion s = Assigned("2027-02-27");
  s.state = SuggestionState::kReplied;
  Result<protocol::Outcome> out = role_->Handle(Task("schedule", s));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "schedule_skipped");
  EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
  EXPECT_TRUE(out->timers.empty());
}

// ---- remind --------------------------------------------------------------------------------

TEST_F(ReminderRoleTest, RemindsTheLeadAndCoUnitsInWorkingHours) {
  clock_.Set(LocalTime("2027-01-28", 9));
  Result<protocol::Outcome> out = role_->Handle(RemindTask(30, Assigned("2027-02-27")));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
  EXPECT_EQ(out->to_state, "");
  EXPECT_EQ(out->action, "reminded");
  EXPECT_TRUE(out->timers.empty());
  const std::string text =
      "【督办提醒】建议 S2026-00001《关于加强校园周边交通安全的建议》距答复期限 2027-02-27 "
      "还有 30 天，请按时答复。";
  ASSERT_EQ(out->notices.size(), 2u);
  EXPECT_EQ(out->notices[0].recipient, "unit:jyj");
  EXPECT_EQ(out->notices[0].kind, "reminder");
  EXPECT_EQ(out->notices[0].text, text);
  EXPECT_EQ(out->notices[0].dedup_key, "reply.remind.30d:2027-02-27@unit:jyj");
  EXPECT_EQ(out->notices[1].recipient, "unit:czj");
  EXPECT_EQ(out->notices[1].text, text);
  EXPECT_EQ(out->notices[1].dedup_key, "reply.remind.30d:2027-02-27@unit:czj");
  EXPECT_EQ(out->note,
            "reply.remind.30d (deadline 2027-02-27, 30 days left) to unit:jyj, unit:czj");
}

TEST_F(ReminderRoleTest, AMovedReminderCountsTheDaysReallyLeftAndAnExtensionRemindsAgain) {
  // The 15d reminder moved from Fri 02-12 to Mon 02-15 by the holiday: 12 days are left.
  clock_.Set(LocalTime("2027-02-15", 9));
  Result<protocol::Outcome> out = role_->Handle(RemindTask(15, Assigned("2027-02-27")));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_FALSE(out->notices.empty());
  EXPECT_THAT(out->notices[0].text, HasSubstr("距答复期限 2027-02-27 还有 12 天"));
  EXPECT_EQ(out->notices[0].dedup_key, "reply.remind.15d:2027-02-27@unit:jyj");
  // After an extension the same rule has a new key, so the broker sends it again.
  Result<protocol::Outcome> extended = role_->Handle(RemindTask(15, Assigned("2027-05-27")));
  ASSERT_TRUE(extended.ok());
  ASSERT_FALSE(extended->notices.empty());
  EXPECT_EQ(extended->notices[0].dedup_key, "reply.remind.15d:2027-05-27@unit:jyj");
}

TEST_F(ReminderRoleTest, OnTheDeadlineDayTheTextSaysToday) {
  clock_.Set(LocalTime("2026-12-07", 9));
  Result<protocol::Outcome> out = role_->Handle(RemindTask(1, Assigned("2026-12-07")));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_FALSE(out->notices.empty());
  EXPECT_EQ(out->notices[0].text,
            "【督办提醒】建议 S2026-00001《关于加强校园周边交通安全的建议》今天（2026-12-07）"
            "为答复期限，请按时答复。");
}

TEST_F(ReminderRoleTest, TheWordingComesFromTheConfigsNotices) {
  // A jurisdiction that words its reminders its own way ([notices] in duban.toml): the template
  // it replaces is used; the ones it leaves alone keep the default wording (config/notices.toml).
  config::Config c = TestConfig();
  c.notices["reply_reminder"] = "请注意：{code}「{title}」{days_left} 天后（{deadline}）到期。";
  ASSERT_TRUE(CheckNoticeTemplate("reply_reminder", c.notices["reply_reminder"]).ok());
  Build(c);

  clock_.Set(LocalTime("2027-01-28", 9));
  Result<protocol::Outcome> out = role_->Handle(RemindTask(30, Assigned("2027-02-27")));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->notices.size(), 2u);
  EXPECT_EQ(out->notices[0].text,
            "请注意：S2026-00001「关于加强校园周边交通安全的建议」30 天后（2027-02-27）到期。");
  EXPECT_EQ(out->notices[1].text, out->notices[0].text);
  EXPECT_EQ(out->notices[0].dedup_key, "reply.remind.30d:2027-02-27@unit:jyj")
      << "the wording is not part of the dedup key";

  clock_.Set(LocalTime("2026-12-07", 9));
  Result<protocol::Outcome> today = role_->Handle(RemindTask(1, Assigned("2026-12-07")));
  ASSERT_TRUE(today.ok()) << today.status().ToString();
  ASSERT_FALSE(today->notices.empty());
  EXPECT_EQ(today->notices[0].text,
            "【督办提醒】建议 S2026-00001《关于加强校园周边交通安全的建议》今天（2026-12-07）"
            "为答复期限，请按时答复。");
}

TEST_F(ReminderRoleTest, UnitsWhosePartIsDoneAreNotReminded) {
  clock_.Set(LocalTime("2027-01-28", 9));
  protocol::Suggestion s = Assigned("2027-02-27");
  s.units = {{"czj", UnitRole::kCo, "OPINION_SENT"},
             {"jtj", UnitRole::kCo, "SIGNED"},
             {"jyj", UnitRole::kLead, "IN_PROGRESS"}};
  Result<protocol::Outcome> out = role_->Handle(RemindTask(30, s));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->notices.size(), 2u);
  EXPECT_EQ(out->notices[0].recipient, "unit:jyj") << "the lead first";
  EXPECT_EQ(out->notices[1].recipient, "unit:jtj");
}

TEST_F(ReminderRoleTest, ARepliedOrClosedSuggestionIsNotReminded) {
  clock_.Set(LocalTime("2027-01-28", 9));
  for (SuggestionState state :
       {SuggestionState::kReplied, SuggestionState::kEvaluated, SuggestionState::kClosed,
        SuggestionState::kRehandling, SuggestionState::kFollowUp, SuggestionState::kWithdrawn,
        SuggestionState::kMerged}) {
    SCOPED_TRACE(std::string(protocol::StateName(state)));
    protocol::Suggestion s = Assigned("2027-02-27");
    s.state = state;
    Result<protocol::Outcome> out = role_->Handle(RemindTask(30, s));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_EQ(out->action, "reminder_skipped");
    EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
    EXPECT_TRUE(out->notices.empty());
    EXPECT_TRUE(out->timers.empty());
    EXPECT_THAT(out->note, HasSubstr("already " + std::string(protocol::StateName(state))));
  }
  protocol::Suggestion handling = Assigned("2027-02-27");
  handling.state = SuggestionState::kInHandling;
  EXPECT_EQ(role_->Handle(RemindTask(30, handling))->action, "reminded");
}

TEST_F(ReminderRoleTest, AReminderSetForAnEarlierDeadlineIsSkipped) {
  clock_.Set(LocalTime("2027-01-28", 9));
  protocol::TaskMessage t =
      Task("remind", Assigned("2027-05-27"), EncodeReminderPayload({"reply", 30, "2027-02-27"}));
  Result<protocol::Outcome> out = role_->Handle(t);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "reminder_skipped");
  EXPECT_TRUE(out->notices.empty());
  EXPECT_EQ(out->note,
            "reply.remind.30d: set for the deadline 2027-02-27, which is now 2027-05-27");
}

TEST_F(ReminderRoleTest, AtElevenAtNightTheReminderWaitsForTheNextWorkingMorning) {
  clock_.Set(LocalTime("2027-01-28", 23));  // Thursday
  Result<protocol::Outcome> out = role_->Handle(RemindTask(30, Assigned("2027-02-27")));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "reminder_deferred");
  EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
  EXPECT_TRUE(out->notices.empty());
  ASSERT_EQ(out->timers.size(), 1u);
  const protocol::TimerSpec& t = out->timers[0];
  EXPECT_EQ(t.name, "reply.remind.30d");
  EXPECT_EQ(t.service, "reminder");
  EXPECT_EQ(t.kind, "remind");
  EXPECT_EQ(t.due_ms, LocalTime("2027-01-29", 9));
  EXPECT_EQ(t.priority_ms, EndOfLocalDay(D("2027-02-27"), kBeijing));
  Result<ReminderPayload> p = DecodeReminderPayload(t.payload);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->days, 30);
  EXPECT_EQ(p->deadline, "2027-02-27");
  EXPECT_EQ(out->note,
            "reply.remind.30d: fired outside working hours (2027-01-28 23:00); moved to "
            "2027-01-29 09:00");
}

TEST_F(ReminderRoleTest, WorkingHoursAreNineToSixOnWorkingDays) {
  struct Case {
    Millis now;
    Millis deferred_to;  // 0 = sent now
  };
  const Case cases[] = {
      {LocalTime("2027-01-28", 8, 59), LocalTime("2027-01-28", 9)},  // before opening: today
      {LocalTime("2027-01-28", 9), 0},
      {LocalTime("2027-01-28", 17, 59), 0},
      {LocalTime("2027-01-28", 18), LocalTime("2027-01-29", 9)},  // closing time is closed
      {LocalTime("2027-01-30", 10), LocalTime("2027-02-01", 9)},  // Saturday -> Monday
      {LocalTime("2027-02-05", 23), LocalTime("2027-02-15", 9)},  // Friday night -> after 春节
      {LocalTime("2027-02-10", 10), LocalTime("2027-02-15", 9)},  // a weekday of 春节
      {LocalTime("2027-02-20", 10), 0},                           // make-up working Saturday
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(FormatLocalTime(c.now, kBeijing));
    clock_.Set(c.now);
    Result<protocol::Outcome> out = role_->Handle(RemindTask(5, Assigned("2027-02-27")));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    if (c.deferred_to == 0) {
      EXPECT_EQ(out->action, "reminded");
      EXPECT_FALSE(out->notices.empty());
    } else {
      EXPECT_EQ(out->action, "reminder_deferred");
      ASSERT_EQ(out->timers.size(), 1u);
      EXPECT_EQ(out->timers[0].due_ms, c.deferred_to);
    }
  }
}

TEST_F(ReminderRoleTest, NoWorkingMorningLeftBeforeTheDeadlineSkipsTheReminder) {
  // The 1d reminder for Sat 2027-02-27 fires Friday evening (the broker was down at 09:00).
  clock_.Set(LocalTime("2027-02-26", 19));
  Result<protocol::Outcome> out = role_->Handle(RemindTask(1, Assigned("2027-02-27")));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "reminder_skipped");
  EXPECT_TRUE(out->timers.empty());
  EXPECT_TRUE(out->notices.empty());
}

TEST_F(ReminderRoleTest, APassedDeadlineLeavesItToTheEscalation) {
  clock_.Set(LocalTime("2027-03-01", 10));
  Result<protocol::Outcome> out = role_->Handle(RemindTask(1, Assigned("2027-02-27")));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "reminder_skipped");
  EXPECT_THAT(out->note, HasSubstr("the overdue escalation takes over"));
}

// ---- refused tasks ---------------------------------------------------------------------------

TEST_F(ReminderRoleTest, RefusesWhatCanNeverSucceed) {
  clock_.Set(LocalTime("2027-01-28", 9));
  auto expect_invalid = [&](const protocol::TaskMessage& t, const std::string& part) {
    Result<protocol::Outcome> out = role_->Handle(t);
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument) << out.status().ToString();
    EXPECT_THAT(out.status().message(), HasSubstr(part));
  };
  expect_invalid(Task("nudge", Assigned("2027-02-27")),
                 "has kind 'nudge', expected one of 'schedule', 'remind'");

  protocol::TaskMessage none = Task("schedule", Assigned("2027-02-27"));
  none.suggestion.reset();
  expect_invalid(none, "carries no suggestion");

  protocol::Suggestion no_deadline = Assigned("2027-02-27");
  no_deadline.deadline.reset();
  expect_invalid(Task("schedule", no_deadline), "has no reply deadline");
  expect_invalid(Task("remind", no_deadline, EncodeReminderPayload({"reply", 30, "2027-02-27"})),
                 "has no reply deadline");

  protocol::Suggestion bad_date = Assigned("2027-02-27");
  bad_date.deadline->date = "2027-02-30";
  expect_invalid(Task("schedule", bad_date), "malformed reply deadline");

  expect_invalid(Task("remind", Assigned("2027-02-27"), ""), "reminder payload");
  expect_invalid(Task("remind", Assigned("2027-02-27"), "not msgpack"), "reminder payload");
  expect_invalid(Task("remind", Assigned("2027-02-27"),
                      EncodeReminderPayload({"commitment", 30, "2027-02-27"})),
                 "unknown rule 'commitment'");
}

TEST(ReminderRegistrationTest, TheWorkerFindsTheRoleByName) {
  Result<RoleFactory> factory = FindRole("reminder");
  ASSERT_TRUE(factory.ok()) << factory.status().ToString();
  duban::testing::ManualClock clock;
  auto role = (*factory)(config::DefaultConfig(), clock);
  EXPECT_TRUE(role.ok()) << role.status().ToString();
}

TEST(ReminderCreateTest, RefusesWorkingHoursThatAreNotAnInterval) {
  config::Config c = config::DefaultConfig();
  c.jurisdiction.work_start_minute = 1080;
  c.jurisdiction.work_end_minute = 540;
  duban::testing::ManualClock clock;
  auto role = ReminderRole::Create(c, clock);
  ASSERT_FALSE(role.ok());
  EXPECT_EQ(role.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace duban::workers::reminder
