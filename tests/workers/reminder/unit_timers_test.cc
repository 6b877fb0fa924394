// The unit timers "schedule" sets: sign.remind/sign.overdue for units still ISSUED on the 2nd and
// 3rd working day after the assignment date, opinion.remind7/remind2/overdue for co-handlers that
// have not sent their opinion, 1 month after it. Dates hand-checked against the shipped 2026
// calendar (config/calendar/2026.toml) and instants in ms at +08:00.
#include "workers/reminder/unit_timers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/workers/reminder/unit_step_fixture.h"
#include "workers/reminder/reply_timers.h"

namespace duban::workers::reminder::unit_step_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The names of the timers, in order.
std::vector<std::string> Names(const std::vector<protocol::TimerSpec>& timers) {
  std::vector<std::string> names;
  for (const protocol::TimerSpec& t : timers) names.push_back(t.name);
  return names;
}

const protocol::TimerSpec* Find(const protocol::Outcome& out, const std::string& name) {
  for (const protocol::TimerSpec& t : out.timers) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

// The unit timers only: everything after the reply's reply.overdue15.
std::vector<protocol::TimerSpec> UnitTimers(const protocol::Outcome& out) {
  std::vector<protocol::TimerSpec> units;
  bool after_reply = false;
  for (const protocol::TimerSpec& t : out.timers) {
    if (after_reply) units.push_back(t);
    if (t.name == kAgendaTimer) after_reply = true;
  }
  return units;
}

using UnitTimersTest = UnitStepTest;

TEST_F(UnitTimersTest, AFridayBeforeTheSpringFestivalBlock) {
  // Fri 2026-02-13 16:30. Working days after it: Sat 02-14 (make-up, 春节调休) is the 1st;
  // 02-15..02-23 are off (春节); Tue 02-24 is the 2nd and Wed 02-25 the 3rd.
  // Opinion due 2026-03-13 (Fri): 7 days before is Fri 03-06, 2 days before Wed 03-11.
  Result<protocol::Outcome> out = Schedule(AssignedFriday(), LocalTime("2026-02-13", 16, 31));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "reminders_scheduled");
  EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
  EXPECT_EQ(out->to_state, "");
  EXPECT_TRUE(out->units.empty());
  EXPECT_TRUE(out->notices.empty());
  EXPECT_TRUE(out->cancel_timers.empty()) << "unit timers are never cancelled by schedule";
  EXPECT_THAT(Names(out->timers),
              ElementsAre("reply.remind.30d", "reply.remind.15d", "reply.remind.5d",
                          "reply.remind.1d", "reply.overdue", "reply.overdue15", "sign.remind.jyj",
                          "sign.overdue.jyj", "sign.remind.czj", "sign.overdue.czj",
                          "opinion.remind7.czj", "opinion.remind2.czj", "opinion.overdue.czj"));

  const Millis opinion_due = 1'773'417'599'999;  // 2026-03-13 23:59:59.999 +08:00
  struct Want {
    const char* name;
    const char* kind;
    Millis due_ms;
    Millis priority_ms;
    const char* unit;
    std::int64_t days;
    const char* date;
  };
  const Millis tue_0224_0900 = 1'771'894'800'000;
  const Millis wed_0225_0900 = 1'771'981'200'000;
  const Millis fri_0306_0900 = 1'772'758'800'000;
  const Millis wed_0311_0900 = 1'773'190'800'000;
  const Millis sat_0314_0000 = 1'773'417'600'000;
  const Want want[] = {
      {"sign.remind.jyj", "sign_remind", tue_0224_0900, 0, "jyj", 2, "2026-02-13"},
      {"sign.overdue.jyj", "sign_overdue", wed_0225_0900, 0, "jyj", 3, "2026-02-13"},
      {"sign.remind.czj", "sign_remind", tue_0224_0900, 0, "czj", 2, "2026-02-13"},
      {"sign.overdue.czj", "sign_overdue", wed_0225_0900, 0, "czj", 3, "2026-02-13"},
      {"opinion.remind7.czj", "opinion_remind", fri_0306_0900, opinion_due, "czj", 7, "2026-03-13"},
      {"opinion.remind2.czj", "opinion_remind", wed_0311_0900, opinion_due, "czj", 2, "2026-03-13"},
      {"opinion.overdue.czj", "opinion_overdue", sat_0314_0000, opinion_due, "czj", 0,
       "2026-03-13"},
  };
  std::vector<protocol::TimerSpec> units = UnitTimers(*out);
  ASSERT_EQ(units.size(), 7u);
  for (std::size_t i = 0; i < units.size(); ++i) {
    SCOPED_TRACE(want[i].name);
    EXPECT_EQ(units[i].name, want[i].name);
    EXPECT_EQ(units[i].service, "reminder");
    EXPECT_EQ(units[i].kind, want[i].kind);
    EXPECT_EQ(units[i].due_ms, want[i].due_ms);
    EXPECT_EQ(units[i].priority_ms, want[i].priority_ms);
    Result<UnitTimerPayload> p = DecodeUnitTimerPayload(units[i].payload);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_EQ(p->timer, want[i].name);
    EXPECT_EQ(p->unit, want[i].unit);
    EXPECT_EQ(p->days, want[i].days);
    EXPECT_EQ(p->date, want[i].date);
  }
  // The literals are the helper's instants too.
  EXPECT_EQ(units[0].due_ms, LocalTime("2026-02-24", 9));
  EXPECT_EQ(units[1].due_ms, LocalTime("2026-02-25", 9));
  EXPECT_EQ(units[4].due_ms, LocalTime("2026-03-06", 9));
  EXPECT_EQ(units[5].due_ms, LocalTime("2026-03-11", 9));
  EXPECT_EQ(units[6].due_ms, EndOfLocalDay(D("2026-03-13"), kBeijing) + 1);
  EXPECT_EQ(units[6].due_ms, LocalTime("2026-03-14", 0));

  EXPECT_THAT(out->note,
              HasSubstr("; unit timers (assigned 2026-02-13): sign.remind.jyj 2026-02-24 09:00, "
                        "sign.overdue.jyj 2026-02-25 09:00, sign.remind.czj 2026-02-24 09:00, "
                        "sign.overdue.czj 2026-02-25 09:00, opinion.remind7.czj 2026-03-06 09:00, "
                        "opinion.remind2.czj 2026-03-11 09:00, opinion.overdue.czj 2026-03-14 "
                        "00:00 (opinion due 2026-03-13)"));
  EXPECT_THAT(out->note, ::testing::StartsWith("reply deadline 2026-05-13: reminders "));
}

TEST_F(UnitTimersTest, AFridayBeforeQingmingCountsTheLocalDateOfALateNightAssignment) {
  // Fri 2026-04-03 00:30 +08:00 is still Thursday in UTC: the local date counts. 04-04..04-06
  // are off (清明节), so Tue 04-07 is the 1st working day, Wed 04-08 the 2nd, Thu 04-09 the 3rd.
  protocol::Suggestion s = AssignedAt(LocalTime("2026-04-03", 0, 30), "2026-07-03");
  Result<protocol::Outcome> out = Schedule(s, LocalTime("2026-04-03", 0, 31));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_NE(Find(*out, "sign.remind.jyj"), nullptr);
  EXPECT_EQ(Find(*out, "sign.remind.jyj")->due_ms, 1'775'610'000'000);  // Wed 04-08 09:00
  ASSERT_NE(Find(*out, "sign.overdue.jyj"), nullptr);
  EXPECT_EQ(Find(*out, "sign.overdue.jyj")->due_ms, 1'775'696'400'000);  // Thu 04-09 09:00
  EXPECT_EQ(Find(*out, "sign.overdue.jyj")->due_ms, LocalTime("2026-04-09", 9));
  // Opinion due Sun 05-03 (劳动节): 7 days before is Sun 04-26 → Mon 04-27; 2 before is Fri 05-01,
  // a holiday up to 05-05, past the deadline: not set.
  ASSERT_NE(Find(*out, "opinion.remind7.czj"), nullptr);
  EXPECT_EQ(Find(*out, "opinion.remind7.czj")->due_ms, LocalTime("2026-04-27", 9));
  EXPECT_EQ(Find(*out, "opinion.remind2.czj"), nullptr);
  EXPECT_THAT(out->note, HasSubstr("opinion.remind7.czj 2026-04-27 09:00 (moved from 2026-04-26)"));
  EXPECT_THAT(out->note,
              HasSubstr("not set: opinion.remind2.czj (no working day from 2026-05-01 to the "
                        "deadline)"));
  EXPECT_EQ(Find(*out, "opinion.overdue.czj")->due_ms, LocalTime("2026-05-04", 0));
  // Each working-day date carries its rule (issue 9, hole 9); the overdue step is calendar time.
  const protocol::TimerSpec* sign = Find(*out, "sign.overdue.jyj");
  ASSERT_TRUE(sign->plan.has_value());
  EXPECT_EQ(sign->plan->rule, "working_days_after");
  EXPECT_EQ(sign->plan->base, "2026-04-03");
  EXPECT_EQ(sign->plan->n, 3);
  const protocol::TimerSpec* opinion = Find(*out, "opinion.remind7.czj");
  ASSERT_TRUE(opinion->plan.has_value());
  EXPECT_EQ(opinion->plan->rule, "next_working_day");
  EXPECT_EQ(opinion->plan->base, "2026-04-26");
  EXPECT_FALSE(Find(*out, "opinion.overdue.czj")->plan.has_value());
}

TEST_F(UnitTimersTest, ASignedUnitGetsNoSignTimersAndASentOpinionNoOpinionTimers) {
  protocol::Suggestion s = AssignedFriday();
  s.units = {{"jyj", protocol::UnitRole::kLead, "SIGNED"},
             {"czj", protocol::UnitRole::kCo, "IN_PROGRESS"},
             {"jtj", protocol::UnitRole::kCo, "OPINION_SENT"},
             {"mzj", protocol::UnitRole::kCo, "REASSIGNED"}};
  Result<protocol::Outcome> out = Schedule(s, LocalTime("2026-02-13", 16, 31));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT(Names(UnitTimers(*out)),
              ElementsAre("opinion.remind7.czj", "opinion.remind2.czj", "opinion.overdue.czj"));

  s.units = {{"jyj", protocol::UnitRole::kLead, "IN_PROGRESS"},
             {"czj", protocol::UnitRole::kCo, "OPINION_SENT"}};
  out = Schedule(s, LocalTime("2026-02-13", 16, 31));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(UnitTimers(*out).empty());
  EXPECT_THAT(out->note, HasSubstr("; unit timers (assigned 2026-02-13): none"));

  // The unit the task was re-assigned to (调整交办) has to sign; the lead never owes an opinion.
  s.units = {{"jyj", protocol::UnitRole::kLead, "REASSIGNED"},
             {"jtj", protocol::UnitRole::kLead, "ISSUED"}};
  out = Schedule(s, LocalTime("2026-02-13", 16, 31));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT(Names(UnitTimers(*out)), ElementsAre("sign.remind.jtj", "sign.overdue.jtj"));
}

TEST_F(UnitTimersTest, RescheduledAfterAnExtensionOnlyFutureStepsAreSetAgain) {
  // The "reschedule" timer on Mon 2026-03-09 10:00: jyj signed long ago; czj is still ISSUED.
  // Its sign steps and opinion.remind7 (03-06) have fired already and must not fire again;
  // opinion.remind2 and opinion.overdue are still ahead. Nothing of the units is cancelled: a
  // step deferred to a working morning may be pending under its name.
  protocol::Suggestion s = AssignedFriday();
  s.state = protocol::SuggestionState::kInHandling;
  s.units[0].state = "IN_PROGRESS";
  s.deadline = protocol::Deadline{"2026-08-13", "extension approved",
                                  EndOfLocalDay(D("2026-08-13"), kBeijing)};
  Result<protocol::Outcome> out = Schedule(s, LocalTime("2026-03-09", 10));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT(Names(UnitTimers(*out)), ElementsAre("opinion.remind2.czj", "opinion.overdue.czj"));
  for (const std::string& name : out->cancel_timers) {
    EXPECT_EQ(name.rfind("reply.", 0), 0u) << name;
  }
  EXPECT_THAT(out->note, HasSubstr("not set: sign.remind.czj (2026-02-24 09:00 has passed), "
                                   "sign.overdue.czj (2026-02-25 09:00 has passed), "
                                   "opinion.remind7.czj (2026-03-06 09:00 has passed)"));
}

TEST_F(UnitTimersTest, NationalDayPutsBothOpinionRemindersOnOneMorningAndOnlyOneIsSet) {
  // Assigned Tue 2026-09-08: signs by Thu 09-10 (2nd working day) and Fri 09-11 (3rd). Opinion
  // due Thu 10-08: 7 days before is 10-01 and 2 days before 10-06, both in 国庆节 (10-01..10-07);
  // both move to Thu 10-08, so remind2 is not set.
  protocol::Suggestion s = AssignedAt(LocalTime("2026-09-08", 10), "2026-12-08");
  Result<protocol::Outcome> out = Schedule(s, LocalTime("2026-09-08", 10, 1));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(Find(*out, "sign.remind.czj")->due_ms, 1'789'002'000'000);   // Thu 09-10 09:00
  EXPECT_EQ(Find(*out, "sign.overdue.czj")->due_ms, 1'789'088'400'000);  // Fri 09-11 09:00
  ASSERT_NE(Find(*out, "opinion.remind7.czj"), nullptr);
  EXPECT_EQ(Find(*out, "opinion.remind7.czj")->due_ms, 1'791'421'200'000);  // Thu 10-08 09:00
  EXPECT_EQ(Find(*out, "opinion.remind2.czj"), nullptr);
  EXPECT_EQ(Find(*out, "opinion.overdue.czj")->due_ms, 1'791'475'200'000);  // Fri 10-09 00:00
  EXPECT_THAT(out->note, HasSubstr("opinion.remind7.czj 2026-10-08 09:00 (moved from 2026-10-01)"));
  EXPECT_THAT(out->note, HasSubstr("opinion.remind2.czj (same morning as opinion.remind7.czj)"));
}

TEST_F(UnitTimersTest, AMonthFromJanuaryThirtyFirstEndsOnTheLastDayOfFebruary) {
  // Assigned Sat 2026-01-31 (a weekend assignment still counts from its date): signs by Tue 02-03
  // (Mon 02-02 is the 1st working day) and Wed 02-04. Opinion due Sat 02-28 (clamped, a make-up
  // working day): 7 days before is Sat 02-21 in 春节 → Tue 02-24; 2 days before Thu 02-26.
  protocol::Suggestion s = AssignedAt(LocalTime("2026-01-31", 11), "2026-04-30");
  Result<protocol::Outcome> out = Schedule(s, LocalTime("2026-01-31", 11, 1));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(Find(*out, "sign.remind.jyj")->due_ms, 1'770'080'400'000);      // Tue 02-03 09:00
  EXPECT_EQ(Find(*out, "sign.overdue.jyj")->due_ms, 1'770'166'800'000);     // Wed 02-04 09:00
  EXPECT_EQ(Find(*out, "opinion.remind7.czj")->due_ms, 1'771'894'800'000);  // Tue 02-24 09:00
  EXPECT_EQ(Find(*out, "opinion.remind2.czj")->due_ms, 1'772'067'600'000);  // Thu 02-26 09:00
  EXPECT_EQ(Find(*out, "opinion.overdue.czj")->due_ms, 1'772'294'400'000);  // Sun 03-01 00:00
  EXPECT_EQ(DecodeUnitTimerPayload(Find(*out, "opinion.overdue.czj")->payload)->date, "2026-02-28");
}

TEST_F(UnitTimersTest, TheFiguresComeFromTheJurisdictionAndTheNamesStayFixed) {
  config::Config c = TestConfig();
  c.jurisdiction.sign_remind_working_days = 1;
  c.jurisdiction.sign_overdue_working_days = 4;
  c.jurisdiction.opinion_months = 2;
  c.jurisdiction.opinion_reminder_days = {3, 10};  // any order: the larger takes remind7
  Build(c);
  Result<protocol::Outcome> out = Schedule(AssignedFriday(), LocalTime("2026-02-13", 16, 31));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(Find(*out, "sign.remind.czj")->due_ms, LocalTime("2026-02-14", 9));   // 1st: Sat
  EXPECT_EQ(Find(*out, "sign.overdue.czj")->due_ms, LocalTime("2026-02-26", 9));  // 4th: Thu
  EXPECT_EQ(DecodeUnitTimerPayload(Find(*out, "sign.overdue.czj")->payload)->days, 4);
  // Opinion due Mon 2026-04-13: 10 days before Fri 04-03, 3 days before Fri 04-10.
  EXPECT_EQ(Find(*out, "opinion.remind7.czj")->due_ms, LocalTime("2026-04-03", 9));
  EXPECT_EQ(DecodeUnitTimerPayload(Find(*out, "opinion.remind7.czj")->payload)->days, 10);
  EXPECT_EQ(Find(*out, "opinion.remind2.czj")->due_ms, LocalTime("2026-04-10", 9));
  EXPECT_EQ(Find(*out, "opinion.overdue.czj")->due_ms, LocalTime("2026-04-14", 0));

  c.jurisdiction.opinion_reminder_days = {5};
  Build(c);
  out = Schedule(AssignedFriday(), LocalTime("2026-02-13", 16, 31));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(Find(*out, "opinion.remind7.czj")->due_ms, LocalTime("2026-04-08", 9));
  EXPECT_EQ(Find(*out, "opinion.remind2.czj"), nullptr);
}

TEST_F(UnitTimersTest, AYearWithoutACalendarIsCountedMondayToFridayAndSaysSo) {
  // Thu 2026-12-31: the 1st working day after it is in 2027, not loaded here: Fri 2027-01-01 is
  // assumed a working day (it will be 元旦), so the 2nd is Mon 01-04.
  protocol::Suggestion s = AssignedAt(LocalTime("2026-12-31", 10), "2027-03-31");
  Result<protocol::Outcome> out = Schedule(s, LocalTime("2026-12-31", 10, 1));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(Find(*out, "sign.remind.jyj")->due_ms, LocalTime("2027-01-04", 9));
  EXPECT_EQ(Find(*out, "sign.overdue.jyj")->due_ms, LocalTime("2027-01-05", 9));
  EXPECT_THAT(out->note, ::testing::EndsWith("; no working calendar for 2027: Monday to Friday "
                                             "assumed"));
}

TEST_F(UnitTimersTest, NoAssignmentDateSetsOnlyTheReplyTimers) {
  protocol::Suggestion s = AssignedFriday();
  s.assigned_ms = 0;  // stored before the assignment date was kept
  Result<protocol::Outcome> out = Schedule(s, LocalTime("2026-02-13", 16, 31));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->timers.size(), 6u);
  EXPECT_TRUE(UnitTimers(*out).empty());
  EXPECT_THAT(out->note, ::testing::EndsWith("; sign and opinion timers: none (no assignment "
                                             "date)"));
}

TEST_F(UnitTimersTest, AUnitIdTooLongForATimerNameGetsNoneAndTheOthersStillDo) {
  protocol::Suggestion s = AssignedFriday();
  const std::string long_id(49, 'x');  // "opinion.overdue." + 49 > 64 characters
  s.units.push_back({long_id, protocol::UnitRole::kCo, "ISSUED"});
  Result<protocol::Outcome> out = Schedule(s, LocalTime("2026-02-13", 16, 31));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(UnitTimers(*out).size(), 7u);
  EXPECT_THAT(out->note,
              HasSubstr("unit '" + long_id + "' (its id cannot be part of a timer name)"));
}

TEST_F(UnitTimersTest, NoUnitTimersOnceReplied) {
  protocol::Suggestion s = AssignedFriday();
  s.state = protocol::SuggestionState::kReplied;
  Result<protocol::Outcome> out = Schedule(s, LocalTime("2026-02-13", 16, 31));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "schedule_skipped");
  EXPECT_TRUE(out->timers.empty());
}

// ---- payload and rules ----------------------------------------------------------------------

TEST(UnitTimerPayloadTest, RoundTripsAndRefusesWhatIsNotOne) {
  const UnitTimerPayload p{"opinion.remind7.czj", "czj", 7, "2026-03-13"};
  Result<UnitTimerPayload> back = DecodeUnitTimerPayload(EncodeUnitTimerPayload(p));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->timer, p.timer);
  EXPECT_EQ(back->unit, p.unit);
  EXPECT_EQ(back->days, p.days);
  EXPECT_EQ(back->date, p.date);

  auto refused = [](const UnitTimerPayload& bad, const std::string& part) {
    Result<UnitTimerPayload> r = DecodeUnitTimerPayload(EncodeUnitTimerPayload(bad));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr(part));
  };
  refused({"sign.remind.", "", 2, "2026-02-13"}, "unit must not be empty");
  refused({"sign.remind.jyj", "czj", 2, "2026-02-13"}, "is not one of unit 'czj'");
  refused({"czj", "czj", 2, "2026-02-13"}, "is not one of unit 'czj'");
  refused({"sign.remind.czj", "czj", -1, "2026-02-13"}, "days must not be negative");
  refused({"sign.remind.czj", "czj", 2, "2026-02-30"}, "unit timer payload");
  for (const char* bytes : {"", "not msgpack"}) {
    EXPECT_FALSE(DecodeUnitTimerPayload(bytes).ok()) << bytes;
  }
  // A reply reminder's payload is not a unit timer's.
  EXPECT_FALSE(DecodeUnitTimerPayload(EncodeReminderPayload({"reply", 30, "2026-05-13"})).ok());
}

TEST(UnitTimerRulesTest, TheDefaultsAreTheDomainsAndBadFiguresAreRefused) {
  Result<UnitTimerRules> d = UnitTimerRules::FromJurisdiction(config::Jurisdiction{});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->sign_remind_working_days, 2);
  EXPECT_EQ(d->sign_overdue_working_days, 3);
  EXPECT_EQ(d->opinion_months, 1);
  EXPECT_EQ(d->opinion_reminder_days, (std::vector<int>{7, 2}));

  using J = config::Jurisdiction;
  struct Bad {
    void (*change)(J&);
    const char* part;
  };
  const Bad bads[] = {
      {[](J& j) { j.sign_remind_working_days = 0; }, "1 <= remind < overdue <= 366"},
      {[](J& j) { j.sign_remind_working_days = 3; }, "1 <= remind < overdue <= 366"},
      {[](J& j) { j.sign_overdue_working_days = 400; }, "1 <= remind < overdue <= 366"},
      {[](J& j) { j.opinion_months = 0; }, "opinion_months (0)"},
      {[](J& j) { j.opinion_reminder_days.assign(3, 5); }, "at most 2"},
      {[](J& j) { j.opinion_reminder_days.back() = 0; }, ": 0 must be between 1 and 366"},
      {[](J& j) { j.opinion_reminder_days.back() = 7; }, "opinion_reminder_days lists 7 twice"},
  };
  for (const Bad& bad : bads) {
    SCOPED_TRACE(bad.part);
    config::Config c = config::DefaultConfig();
    bad.change(c.jurisdiction);
    Result<UnitTimerRules> r = UnitTimerRules::FromJurisdiction(c.jurisdiction);
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(r.status().message(), HasSubstr(bad.part));
    // config::Validate refuses the same figures.
    EXPECT_EQ(config::Validate(c).code(), StatusCode::kInvalidArgument);
  }

  config::Config c = config::DefaultConfig();
  c.jurisdiction.sign_remind_working_days = 3;
  duban::testing::ManualClock clock;
  auto role = ReminderRole::Create(c, clock);
  ASSERT_FALSE(role.ok());
  EXPECT_EQ(role.status().code(), StatusCode::kInvalidArgument);
}

// The loader's side of the new jurisdiction figures (config/config.cc, config/duban.toml).
TEST(UnitTimerConfigTest, TheShippedFileRepeatsTheDefaultsAndAFileCanChangeThem) {
  Result<config::Config> shipped =
      config::LoadConfig(std::string(DUBAN_SOURCE_DIR) + "/config/duban.toml");
  ASSERT_TRUE(shipped.ok()) << shipped.status().ToString();
  const config::Jurisdiction& j = shipped->jurisdiction;
  const config::Jurisdiction d;
  EXPECT_EQ(j.sign_remind_working_days, d.sign_remind_working_days);
  EXPECT_EQ(j.sign_overdue_working_days, d.sign_overdue_working_days);
  EXPECT_EQ(j.opinion_months, d.opinion_months);
  EXPECT_EQ(j.opinion_reminder_days, d.opinion_reminder_days);

  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("duban_unit_timer_config_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto load = [&](const std::string& body) {
    std::ofstream(dir / "duban.toml") << body;
    return config::LoadConfig((dir / "duban.toml").string());
  };
  Result<config::Config> c = load(
      "[jurisdiction]\nsign_remind_working_days = 1\nsign_overdue_working_days = 5\n"
      "opinion_months = 2\nopinion_reminder_days = [10]\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->jurisdiction.sign_remind_working_days, 1);
  EXPECT_EQ(c->jurisdiction.sign_overdue_working_days, 5);
  EXPECT_EQ(c->jurisdiction.opinion_months, 2);
  EXPECT_EQ(c->jurisdiction.opinion_reminder_days, (std::vector<std::int64_t>{10}));

  auto refused = [&](const std::string& body, const std::string& part) {
    Result<config::Config> r = load(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr(part));
  };
  refused("[jurisdiction]\nsign_remind_working_days = 3\n",
          "jurisdiction.sign_remind_working_days (3) must be below sign_overdue_working_days (3)");
  refused("[jurisdiction]\nsign_overdue_working_days = 0\n",
          "jurisdiction.sign_overdue_working_days must be positive");
  refused("[jurisdiction]\nopinion_months = 4\n",
          "jurisdiction.opinion_months (4) must not be above reply_months (3)");
  refused("[jurisdiction]\nopinion_reminder_days = [7, 2, 1]\n",
          "jurisdiction.opinion_reminder_days holds 3 values; at most 2");
  refused("[jurisdiction]\nopinion_reminder_days = [7, \"2\"]\n",
          "'jurisdiction.opinion_reminder_days' must hold only integers, found string");
  refused("[jurisdiction]\nopinion_reminder_days = [2, 2]\n",
          "jurisdiction.opinion_reminder_days lists 2 twice");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace duban::workers::reminder::unit_step_test
