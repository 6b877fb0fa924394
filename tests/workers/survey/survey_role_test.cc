// The survey role: a reply asks the lead deputy for an evaluation (测评), reminds on the 10th
// working day after it and tells staff on the 20th, then chases staff every 5 working days until
// the evaluation comes — silence is never taken as satisfied; the evaluation then decides what
// follows (close, follow-up or re-handling). All under a manual clock, with the shipped working
// calendar config/calendar/2026.toml.
//
// The National Day case, counted by hand against the State Council's 2026 notice
// (国办发明电〔2025〕7号): a reply on Friday 2026-09-18; working days strictly after it:
//   Sat 09-19 off; Sun 09-20 make-up working day (国庆节调休) = 1; Mon 09-21 = 2; Tue 09-22 = 3;
//   Wed 09-23 = 4; Thu 09-24 = 5; Fri 09-25 … Sun 09-27 Mid-Autumn (中秋节) off; Mon 09-28 = 6;
//   Tue 09-29 = 7; Wed 09-30 = 8; Thu 10-01 … Wed 10-07 National Day (国庆节) off; Thu 10-08 = 9;
//   Fri 10-09 = 10  -> survey.remind  Fri 2026-10-09 09:00 (+08:00) = 1'791'507'600'000 ms;
//   Sat 10-10 make-up working day = 11; Mon 10-12 … Fri 10-16 = 12 … 16;
//   Mon 10-19 = 17; Tue 10-20 = 18; Wed 10-21 = 19;
//   Thu 10-22 = 20  -> survey.overdue Thu 2026-10-22 09:00 (+08:00) = 1'792'630'800'000 ms.
// Counted Monday to Friday without the calendar, the reminder would have come on Tue 10-06, in the
// middle of the holiday.
#include "workers/survey/survey_role.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/calendar.h"
#include "config/calendar_loader.h"
#include "tests/support/manual_clock.h"
#include "tests/support/role_test_support.h"
#include "workers/runtime/role.h"

namespace duban::workers::survey {
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

protocol::ReplyRound Round(std::int64_t n, const std::string& cls, Millis replied) {
  protocol::ReplyRound r;
  r.round = n;
  r.unit = "jyj";
  r.result_class = cls;
  r.text = "经研究，拟于明年新建两所公办幼儿园。";
  r.signer = "张局长";
  r.replied_ms = replied;
  if (cls == "B") r.commitments = {{"r" + std::to_string(n) + "c1", "完成选址论证", "2027-03-31"}};
  return r;
}

// Replied by jyj on `replied` (class B), awaiting the evaluation of round 1.
protocol::Suggestion Replied(Millis replied = LocalTime("2026-09-18", 16)) {
  protocol::Suggestion s;
  s.code = "S2026-00042";
  s.draft.title = "关于增加城区公办幼儿园学位供给的建议";
  s.draft.deputy = {"D2026001", "王丽华", "13800000000"};
  s.state = SuggestionState::kReplied;
  s.version = 7;
  s.units = {{"jyj", UnitRole::kLead, "REPLIED"}, {"czj", UnitRole::kCo, "OPINION_SENT"}};
  s.deadline =
      protocol::Deadline{"2026-12-29", "reply (答复)", EndOfLocalDay(D("2026-12-29"), kBeijing)};
  s.record.rounds = {Round(1, "B", replied)};
  return s;
}

// Round 1 of class `cls` evaluated `level` on `evaluated`.
protocol::Suggestion Evaluated(const std::string& cls, const std::string& level,
                               Millis evaluated = LocalTime("2026-10-20", 10)) {
  protocol::Suggestion s = Replied();
  s.state = SuggestionState::kEvaluated;
  s.version = 9;
  s.record.rounds = {Round(1, cls, LocalTime("2026-09-18", 16))};
  s.record.rounds[0].satisfaction = level;
  s.record.rounds[0].reasons = level == "dissatisfied" ? "没有明确的建设时间表" : "";
  s.record.rounds[0].evaluated_ms = evaluated;
  return s;
}

class SurveyRoleTest : public duban::testing::RoleTest<SurveyRole> {
 protected:
  SurveyRoleTest() : RoleTest("survey") {}
};

// ---- request -------------------------------------------------------------------------------

TEST_F(SurveyRoleTest, ARequestAsksTheDeputyAndCountsWorkingDaysAcrossNationalDay) {
  Result<protocol::Outcome> out = Run("request", Replied(), LocalTime("2026-09-18", 16));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
  EXPECT_EQ(out->to_state, "");
  EXPECT_TRUE(out->units.empty());
  EXPECT_FALSE(out->deadline.has_value());
  EXPECT_EQ(out->action, "evaluation_requested");
  EXPECT_EQ(
      out->note,
      "evaluation of reply round 1 requested from deputy:D2026001; reminder 2026-10-09 09:00, "
      "overdue 2026-10-22 09:00");
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].recipient, "deputy:D2026001");
  EXPECT_EQ(out->notices[0].kind, "evaluation_request");
  EXPECT_EQ(out->notices[0].dedup_key, "survey.request:r1@deputy:D2026001");
  EXPECT_EQ(out->notices[0].text,
            "【请测评】建议 S2026-00042《关于增加城区公办幼儿园学位供给的建议》已由承办单位 "
            "市教育局 答复（B类）。答复内容：经研究，拟于明年新建两所公办幼儿园。 全文：http://127.0.0.1:8090/s/"
            "S2026-00042 请在 20 个工作日内作出满意度测评（满意 / 基本满意 / 不满意）。")
      << "the unit by its name; the reply's text and the link to it on the workbench";

  ASSERT_EQ(out->timers.size(), 2u);
  const protocol::TimerSpec& remind = out->timers[0];
  EXPECT_EQ(remind.name, "survey.remind");
  EXPECT_EQ(remind.service, "survey");
  EXPECT_EQ(remind.kind, "remind");
  EXPECT_EQ(remind.due_ms, 1'791'507'600'000);  // Fri 2026-10-09 09:00 +08:00 (see the top)
  EXPECT_EQ(remind.due_ms, LocalTime("2026-10-09", 9));
  EXPECT_EQ(remind.payload, EncodeRoundPayload(1));
  const protocol::TimerSpec& overdue = out->timers[1];
  EXPECT_EQ(overdue.name, "survey.overdue");
  EXPECT_EQ(overdue.service, "survey");
  EXPECT_EQ(overdue.kind, "overdue");
  EXPECT_EQ(overdue.due_ms, 1'792'630'800'000);  // Thu 2026-10-22 09:00 +08:00
  EXPECT_EQ(overdue.due_ms, LocalTime("2026-10-22", 9));
  EXPECT_EQ(overdue.payload, EncodeRoundPayload(1));
  // A chase left from an earlier round stops: this round's overdue starts its own.
  EXPECT_THAT(out->cancel_timers, ElementsAre("survey.chase"));
}

TEST_F(SurveyRoleTest, ARequestInAnOrdinaryMonthCountsWeekdays) {
  // Reply Mon 2026-11-02: the 10th working day is Mon 11-16, the 20th Mon 11-30.
  Result<protocol::Outcome> out =
      Run("request", Replied(LocalTime("2026-11-02", 11)), LocalTime("2026-11-02", 11));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->timers.size(), 2u);
  EXPECT_EQ(out->timers[0].due_ms, 1'794'790'800'000);  // Mon 2026-11-16 09:00
  EXPECT_EQ(out->timers[1].due_ms, 1'796'000'400'000);  // Mon 2026-11-30 09:00
}

TEST_F(SurveyRoleTest, ARequestForASecondRoundCarriesThatRound) {
  protocol::Suggestion s = Replied();
  s.record.rounds[0].satisfaction = "dissatisfied";
  s.record.rounds.push_back(Round(2, "A", LocalTime("2026-11-02", 11)));
  Result<protocol::Outcome> out = Run("request", s, LocalTime("2026-11-02", 11));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->notices[0].dedup_key, "survey.request:r2@deputy:D2026001");
  EXPECT_THAT(out->notices[0].text, HasSubstr("（A类）"));
  EXPECT_EQ(out->timers[0].payload, EncodeRoundPayload(2));
  EXPECT_EQ(out->timers[0].due_ms, LocalTime("2026-11-16", 9));
}

TEST_F(SurveyRoleTest, ARequestIsSkippedOnceTheSuggestionMovedOn) {
  protocol::Suggestion s = Replied();
  s.state = SuggestionState::kEvaluated;
  Result<protocol::Outcome> out = Run("request", s, LocalTime("2026-09-18", 16));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "survey_skipped");
  EXPECT_EQ(out->note, "evaluation request: already EVALUATED");
  EXPECT_THAT(out->notices, IsEmpty());
  EXPECT_THAT(out->timers, IsEmpty());
}

// ---- remind, overdue, chase -----------------------------------------------------------------

TEST_F(SurveyRoleTest, TheReminderGoesToTheDeputyOnTheTenthWorkingDay) {
  Result<protocol::Outcome> out =
      Run("remind", Replied(), LocalTime("2026-10-09", 9), EncodeRoundPayload(1));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
  EXPECT_EQ(out->action, "evaluation_reminded");
  EXPECT_THAT(out->timers, IsEmpty());
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].recipient, "deputy:D2026001");
  EXPECT_EQ(out->notices[0].kind, "evaluation_reminder");
  EXPECT_EQ(out->notices[0].dedup_key, "survey.remind:r1@deputy:D2026001");
  EXPECT_EQ(out->notices[0].text,
            "【测评提醒】建议 S2026-00042《关于增加城区公办幼儿园学位供给的建议》已于 2026-09-18 "
            "答复，请尽快作出满意度测评。");
  EXPECT_EQ(out->note, "survey.remind: reminded deputy:D2026001 (reply of 2026-09-18)");
}

TEST_F(SurveyRoleTest, OverdueTellsStaffAndSetsTheChase) {
  Result<protocol::Outcome> out =
      Run("overdue", Replied(), LocalTime("2026-10-22", 9), EncodeRoundPayload(1));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "evaluation_overdue");
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].recipient, "staff");
  EXPECT_EQ(out->notices[0].kind, "evaluation_overdue");
  EXPECT_EQ(out->notices[0].dedup_key, "survey.overdue:r1:2026-10-22@staff");
  EXPECT_THAT(out->notices[0].text, HasSubstr("代表（王丽华）尚未测评。沉默不视为满意"));
  // The chase: 5 working days after Thu 10-22 = Fri 23, Mon 26, Tue 27, Wed 28, Thu 10-29.
  ASSERT_EQ(out->timers.size(), 1u);
  EXPECT_EQ(out->timers[0].name, "survey.chase");
  EXPECT_EQ(out->timers[0].service, "survey");
  EXPECT_EQ(out->timers[0].kind, "chase");
  EXPECT_EQ(out->timers[0].due_ms, 1'793'235'600'000);  // Thu 2026-10-29 09:00 +08:00
  EXPECT_EQ(out->timers[0].payload, EncodeRoundPayload(1));
  EXPECT_EQ(out->note,
            "survey.overdue: the evaluation of the reply of 2026-09-18 is overdue; staff told; "
            "chased again 2026-10-29 09:00");
}

TEST_F(SurveyRoleTest, TheChaseRepeatsWithANewKeyEachTime) {
  Result<protocol::Outcome> out =
      Run("chase", Replied(), LocalTime("2026-10-29", 9), EncodeRoundPayload(1));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "evaluation_chased");
  ASSERT_EQ(out->notices.size(), 1u);
  EXPECT_EQ(out->notices[0].recipient, "staff");
  EXPECT_EQ(out->notices[0].dedup_key, "survey.chase:r1:2026-10-29@staff");
  // Fri 10-30, Mon 11-02, Tue 11-03, Wed 11-04, Thu 11-05.
  ASSERT_EQ(out->timers.size(), 1u);
  EXPECT_EQ(out->timers[0].name, "survey.chase");
  EXPECT_EQ(out->timers[0].due_ms, LocalTime("2026-11-05", 9));
}

TEST_F(SurveyRoleTest, RemindersAreSkippedWhenTheRoundNoLongerAwaitsItsEvaluation) {
  for (const char* kind : {"remind", "overdue", "chase"}) {
    SCOPED_TRACE(kind);
    // A timer of round 1 after round 2 was replied.
    protocol::Suggestion second = Replied();
    second.record.rounds[0].satisfaction = "dissatisfied";
    second.record.rounds.push_back(Round(2, "A", LocalTime("2026-11-02", 11)));
    Result<protocol::Outcome> older =
        Run(kind, second, LocalTime("2026-11-16", 9), EncodeRoundPayload(1));
    ASSERT_TRUE(older.ok()) << older.status().ToString();
    EXPECT_EQ(older->action, "survey_skipped");
    EXPECT_THAT(older->note, HasSubstr("set for reply round 1, the latest is 2"));
    EXPECT_THAT(older->notices, IsEmpty());
    EXPECT_THAT(older->timers, IsEmpty());

    // Evaluated: the snapshot may still say REPLIED if the evaluation raced the timer.
    protocol::Suggestion evaluated = Replied();
    evaluated.record.rounds[0].satisfaction = "basic";
    Result<protocol::Outcome> done =
        Run(kind, evaluated, LocalTime("2026-10-22", 9), EncodeRoundPayload(1));
    ASSERT_TRUE(done.ok()) << done.status().ToString();
    EXPECT_EQ(done->action, "survey_skipped");
    EXPECT_THAT(done->note, HasSubstr("evaluated already"));
    EXPECT_THAT(done->notices, IsEmpty());

    for (SuggestionState st : {SuggestionState::kEvaluated, SuggestionState::kRehandling,
                               SuggestionState::kFollowUp, SuggestionState::kClosed}) {
      protocol::Suggestion moved = Replied();
      moved.state = st;
      Result<protocol::Outcome> out =
          Run(kind, moved, LocalTime("2026-10-22", 9), EncodeRoundPayload(1));
      ASSERT_TRUE(out.ok()) << out.status().ToString();
      EXPECT_EQ(out->action, "survey_skipped");
      EXPECT_THAT(out->note, HasSubstr("already " + std::string(protocol::StateName(st))));
      EXPECT_THAT(out->notices, IsEmpty());
      EXPECT_THAT(out->timers, IsEmpty());
    }
  }
}

TEST_F(SurveyRoleTest, OutsideWorkingHoursTheSameTimerMovesToTheNextWorkingMorning) {
  struct Case {
    const char* kind;
    Millis fired;
    Millis moved_to;
  };
  const Case cases[] = {
      // A holiday morning (National Day) -> Thu 10-08 09:00.
      {"remind", LocalTime("2026-10-03", 10), 1'791'421'200'000},
      // Friday evening -> the make-up working Saturday 10-10 09:00.
      {"overdue", LocalTime("2026-10-09", 19), 1'791'594'000'000},
      // Early on a working day -> the same morning.
      {"chase", LocalTime("2026-10-29", 8, 59), LocalTime("2026-10-29", 9)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.kind);
    Result<protocol::Outcome> out = Run(c.kind, Replied(), c.fired, EncodeRoundPayload(1));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_EQ(out->action, "survey_deferred");
    EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
    EXPECT_THAT(out->notices, IsEmpty());
    ASSERT_EQ(out->timers.size(), 1u);
    EXPECT_EQ(out->timers[0].name, "survey." + std::string(c.kind));
    EXPECT_EQ(out->timers[0].service, "survey");
    EXPECT_EQ(out->timers[0].kind, c.kind);
    EXPECT_EQ(out->timers[0].due_ms, c.moved_to);
    EXPECT_EQ(out->timers[0].payload, EncodeRoundPayload(1));
  }
  EXPECT_EQ(LocalTime("2026-10-08", 9), 1'791'421'200'000);
  EXPECT_EQ(LocalTime("2026-10-10", 9), 1'791'594'000'000);
}

// ---- conclude ------------------------------------------------------------------------------

struct Conclusion {
  const char* cls;
  const char* level;
  const char* to_state;
};

TEST_F(SurveyRoleTest, ConcludeDecidesForEveryClassAndLevel) {
  const Conclusion table[] = {
      {"A", "satisfied", "CLOSED"},
      {"A", "basic", "CLOSED"},
      {"A", "dissatisfied", "REHANDLING"},
      {"B", "satisfied", "FOLLOW_UP"},
      {"B", "basic", "FOLLOW_UP"},
      {"B", "dissatisfied", "REHANDLING"},
      {"C", "satisfied", "FOLLOW_UP"},
      {"C", "basic", "FOLLOW_UP"},
      {"C", "dissatisfied", "REHANDLING"},
      {"D", "satisfied", "CLOSED"},
      {"D", "basic", "CLOSED"},
      {"D", "dissatisfied", "REHANDLING"},
  };
  for (const Conclusion& c : table) {
    SCOPED_TRACE(std::string(c.cls) + " " + c.level);
    protocol::Suggestion s = Evaluated(c.cls, c.level);
    Result<protocol::Outcome> out = Run("conclude", s, LocalTime("2026-10-20", 10));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_EQ(out->to_state, c.to_state);
    EXPECT_EQ(out->expect_version, 9) << "the version it decided on";
    const std::string state = c.to_state;
    if (state == "CLOSED") {
      EXPECT_EQ(out->action, "closed");
      EXPECT_TRUE(out->units.empty());
      EXPECT_FALSE(out->deadline.has_value());
      EXPECT_THAT(out->timers, IsEmpty());
      ASSERT_EQ(out->notices.size(), 2u);
      EXPECT_EQ(out->notices[0].recipient, "staff");
      EXPECT_EQ(out->notices[0].kind, "closed");
      EXPECT_EQ(out->notices[0].dedup_key, "closed:r1");
      EXPECT_EQ(out->notices[1].recipient, "deputy:" + s.draft.deputy.id) << "told it is closed";
      EXPECT_EQ(out->notices[1].text, out->notices[0].text);
    } else if (state == "FOLLOW_UP") {
      EXPECT_EQ(out->action, "follow_up");
      EXPECT_TRUE(out->units.empty());
      EXPECT_FALSE(out->deadline.has_value());
      EXPECT_THAT(out->timers, IsEmpty());
      ASSERT_EQ(out->notices.size(), 1u);
      EXPECT_EQ(out->notices[0].recipient, "unit:jyj");
      EXPECT_EQ(out->notices[0].kind, "follow_up");
      EXPECT_EQ(out->notices[0].dedup_key, "follow_up:r1@unit:jyj");
      // Round() gives class B one commitment, class C none.
      EXPECT_THAT(out->notices[0].text, HasSubstr(std::string("承诺事项 ") +
                                                  (std::string(c.cls) == "B" ? "1" : "0") + " 项"));
    } else {
      EXPECT_EQ(out->action, "rehandling");
      ASSERT_TRUE(out->deadline.has_value());
      EXPECT_EQ(out->deadline->date, "2026-11-20");  // 1 calendar month after 2026-10-20
      EXPECT_EQ(out->deadline->due_ms, EndOfLocalDay(D("2026-11-20"), kBeijing));
      EXPECT_EQ(out->deadline->rule,
                "rehandling (重新办理): 1 calendar month(s) from the evaluation on 2026-10-20 "
                "(round 1 不满意)");
      ASSERT_EQ(out->units.size(), 2u);
      EXPECT_EQ(out->units[0].unit, "jyj");
      EXPECT_EQ(out->units[0].state, "IN_PROGRESS");
      EXPECT_EQ(out->units[1].state, "OPINION_SENT");
      EXPECT_THAT(out->timers, IsEmpty()) << "a first 不满意 is not put on the agenda";
      ASSERT_EQ(out->notices.size(), 2u);
      EXPECT_EQ(out->notices[0].recipient, "unit:jyj");
      EXPECT_EQ(out->notices[0].dedup_key, "rehandling:r1@unit:jyj");
      EXPECT_THAT(out->notices[0].text, HasSubstr("（理由：没有明确的建设时间表），请重新办理并于 "
                                                  "2026-11-20 前再次答复。"));
      EXPECT_EQ(out->notices[1].recipient, "deputy:D2026001");
      EXPECT_EQ(out->notices[1].dedup_key, "rehandling:r1@deputy");
    }
  }
}

TEST_F(SurveyRoleTest, TheRehandlingDeadlineIsClampedToTheMonthsLastDay) {
  struct Case {
    const char* evaluated;
    const char* due;
  };
  for (const Case& c : {Case{"2027-01-31", "2027-02-28"}, Case{"2028-01-31", "2028-02-29"},
                        Case{"2026-12-31", "2027-01-31"}, Case{"2026-08-31", "2026-09-30"}}) {
    SCOPED_TRACE(c.evaluated);
    Result<protocol::Outcome> out =
        Run("conclude", Evaluated("A", "dissatisfied", LocalTime(c.evaluated, 17)),
            LocalTime(c.evaluated, 17, 5));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    ASSERT_TRUE(out->deadline.has_value());
    EXPECT_EQ(out->deadline->date, c.due);
  }
  // The evaluation date is the local one: 2027-01-31 23:30 Beijing is still the 31st.
  Result<protocol::Outcome> late =
      Run("conclude", Evaluated("A", "dissatisfied", LocalTime("2027-01-31", 23, 30)),
          LocalTime("2027-02-01", 9));
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_EQ(late->deadline->date, "2027-02-28");
}

TEST_F(SurveyRoleTest, ASecondDissatisfiedGoesToTheDirectorsMeetingAgenda) {
  protocol::Suggestion s = Evaluated("B", "dissatisfied");
  s.record.rounds.push_back(Round(2, "B", LocalTime("2026-11-10", 10)));
  s.record.rounds[1].satisfaction = "dissatisfied";
  s.record.rounds[1].reasons = "仍无时间表";
  s.record.rounds[1].evaluated_ms = LocalTime("2026-11-24", 10);
  s.version = 15;
  const Millis now = LocalTime("2026-11-24", 10, 1);
  Result<protocol::Outcome> out = Run("conclude", s, now);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->to_state, "REHANDLING");
  EXPECT_EQ(out->expect_version, 15);
  EXPECT_EQ(out->deadline->date, "2026-12-24");
  ASSERT_EQ(out->timers.size(), 1u);
  EXPECT_EQ(out->timers[0].name, "agenda.dissatisfied");
  EXPECT_EQ(out->timers[0].service, "escalation");
  EXPECT_EQ(out->timers[0].kind, "agenda");
  EXPECT_EQ(out->timers[0].payload, "dissatisfied_twice");
  EXPECT_EQ(out->timers[0].due_ms, now) << "at once";
  EXPECT_THAT(out->note, HasSubstr("2 evaluations not accepted: to the directors' meeting agenda"));
  EXPECT_EQ(out->notices[0].dedup_key, "rehandling:r2@unit:jyj");

  // A 不满意 then an accepted second round is simply concluded.
  s.record.rounds[1].satisfaction = "basic";
  Result<protocol::Outcome> ok = Run("conclude", s, now);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->to_state, "FOLLOW_UP");
  EXPECT_THAT(ok->timers, IsEmpty());
}

TEST_F(SurveyRoleTest, ConcludeIsSkippedUnlessEvaluated) {
  protocol::Suggestion s = Evaluated("A", "satisfied");
  s.state = SuggestionState::kClosed;
  Result<protocol::Outcome> out = Run("conclude", s, LocalTime("2026-10-20", 10));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->action, "survey_skipped");
  EXPECT_EQ(out->expect_version, protocol::kAnyVersion);
  EXPECT_EQ(out->to_state, "");

  // EVALUATED but the latest round has no level (a damaged record): nothing to decide on.
  protocol::Suggestion blank = Evaluated("A", "");
  Result<protocol::Outcome> none = Run("conclude", blank, LocalTime("2026-10-20", 10));
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(none->action, "survey_skipped");
}

TEST_F(SurveyRoleTest, ConcludeRefusesAClassOrLevelTheConfigNoLongerKnows) {
  Result<protocol::Outcome> cls =
      Run("conclude", Evaluated("E", "satisfied"), LocalTime("2026-10-20", 10));
  ASSERT_FALSE(cls.ok());
  EXPECT_EQ(cls.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(cls.status().message(), HasSubstr("no such class"));
  Result<protocol::Outcome> level =
      Run("conclude", Evaluated("A", "ok"), LocalTime("2026-10-20", 10));
  ASSERT_FALSE(level.ok());
  EXPECT_EQ(level.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(level.status().message(), HasSubstr("no such level"));
}

// ---- bad tasks -----------------------------------------------------------------------------

TEST_F(SurveyRoleTest, BadTasksAreInvalid) {
  for (const std::string& payload :
       {std::string(), std::string("junk"), EncodeRoundPayload(0), EncodeRoundPayload(-3)}) {
    Result<protocol::Outcome> out = Run("remind", Replied(), LocalTime("2026-10-09", 9), payload);
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument) << out.status().ToString();
    EXPECT_THAT(out.status().message(), HasSubstr("survey payload"));
  }
  Result<protocol::Outcome> kind = Run("evaluate", Replied(), LocalTime("2026-10-09", 9));
  ASSERT_FALSE(kind.ok());
  EXPECT_EQ(kind.status().code(), StatusCode::kInvalidArgument);

  protocol::TaskMessage bare;
  bare.task_id = "T1";
  bare.kind = "request";
  Result<protocol::Outcome> none = role_->Handle(bare);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(none.status().message(), HasSubstr("carries no suggestion"));
}

TEST(SurveyPayloadTest, RoundsRoundTrip) {
  for (std::int64_t n : {1, 2, 17}) {
    Result<std::int64_t> back = DecodeRoundPayload(EncodeRoundPayload(n));
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, n);
  }
  EXPECT_FALSE(DecodeRoundPayload("").ok());
  EXPECT_FALSE(DecodeRoundPayload(EncodeRoundPayload(0)).ok());
}

}  // namespace
}  // namespace duban::workers::survey
