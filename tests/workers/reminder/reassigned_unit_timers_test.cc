// A unit that got its task after the assignment (调整交办: a return approved with a new unit, which
// then has issued_ms) has its sign timers counted from its own issued date, not from the
// suggestion's assignment date; units without issued_ms still count from the assignment.
//
// Hand-counted against the shipped 2026 calendar (config/calendar/2026.toml), "the n-th working day
// strictly after the date":
//   中秋节 Fri 09-25, Sat 09-26, Sun 09-27 off; 国庆节 Thu 10-01 .. Wed 10-07 off;
//   make-up working days (调休上班) Sun 09-20 and Sat 10-10.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/workers/reminder/unit_step_fixture.h"
#include "workers/reminder/unit_timers.h"

namespace duban::workers::reminder::unit_step_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const protocol::TimerSpec* Find(const std::vector<protocol::TimerSpec>& timers,
                                const std::string& name) {
  for (const protocol::TimerSpec& t : timers) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::vector<std::string> Names(const std::vector<protocol::TimerSpec>& timers) {
  std::vector<std::string> names;
  for (const protocol::TimerSpec& t : timers) names.push_back(t.name);
  return names;
}

// Assigned Tue 2026-09-01 10:00 (reply due 2026-12-01) to jyj (lead) and czj (co, whose opinion
// is already sent); jyj's return was approved at `issued_ms` and the task went to jtj.
protocol::Suggestion ReassignedTo(const char* unit, Millis issued_ms) {
  protocol::Suggestion s = AssignedAt(LocalTime("2026-09-01", 10), "2026-12-01");
  s.units = {{"jyj", protocol::UnitRole::kLead, "REASSIGNED"},
             {"czj", protocol::UnitRole::kCo, "OPINION_SENT"}};
  protocol::UnitAssignment taker{unit, protocol::UnitRole::kLead, "ISSUED"};
  taker.issued_ms = issued_ms;
  s.units.push_back(taker);
  return s;
}

class ReassignedUnitTimersTest : public UnitStepTest {
 protected:
  Result<UnitPlan> Plan(const protocol::Suggestion& s, Millis now) {
    Result<WorkingHours> hours = WorkingHours::Create(TestConfig());
    if (!hours.ok()) return hours.status();
    return PlanUnitTimers(s, now, UnitTimerRules{}, *hours);
  }

  void ExpectSignTimer(const std::vector<protocol::TimerSpec>& timers, const std::string& name,
                       const char* kind, Millis due, const char* unit, std::int64_t days,
                       const char* date) {
    SCOPED_TRACE(name);
    const protocol::TimerSpec* t = Find(timers, name);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->service, "reminder");
    EXPECT_EQ(t->kind, kind);
    EXPECT_EQ(t->due_ms, due);
    EXPECT_EQ(t->priority_ms, 0);
    Result<UnitTimerPayload> p = DecodeUnitTimerPayload(t->payload);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_EQ(p->timer, name);
    EXPECT_EQ(p->unit, unit);
    EXPECT_EQ(p->days, days);
    EXPECT_EQ(p->date, date);
  }
};

TEST_F(ReassignedUnitTimersTest, ReassignedOnTheMidAutumnFridayCountsFromThatDay) {
  // Reassigned to jtj on Fri 2026-09-25 15:00 (the reschedule runs at once). Working days after
  // 09-25: Sat 09-26 and Sun 09-27 are 中秋节 (off), Mon 09-28 = 1st, Tue 09-29 = 2nd,
  // Wed 09-30 = 3rd. Counted from the assignment on 09-01 the 2nd working day would be Thu 09-03,
  // long past: the new lead would get no sign timers at all.
  const Millis issued = LocalTime("2026-09-25", 15);
  Result<UnitPlan> plan = Plan(ReassignedTo("jtj", issued), issued);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_THAT(Names(plan->timers), ElementsAre("sign.remind.jtj", "sign.overdue.jtj"));
  const Millis tue_0929_0900 = 1'790'643'600'000;  // 2026-09-29 09:00 +08:00
  const Millis wed_0930_0900 = 1'790'730'000'000;  // 2026-09-30 09:00 +08:00
  EXPECT_EQ(tue_0929_0900, LocalTime("2026-09-29", 9));
  EXPECT_EQ(wed_0930_0900, LocalTime("2026-09-30", 9));
  ExpectSignTimer(plan->timers, "sign.remind.jtj", "sign_remind", tue_0929_0900, "jtj", 2,
                  "2026-09-25");
  ExpectSignTimer(plan->timers, "sign.overdue.jtj", "sign_overdue", wed_0930_0900, "jtj", 3,
                  "2026-09-25");
  EXPECT_THAT(plan->note, HasSubstr("sign.remind.jtj 2026-09-29 09:00, "
                                    "sign.overdue.jtj 2026-09-30 09:00"));
}

TEST_F(ReassignedUnitTimersTest, ReassignedBeforeNationalDayLandsOnTheMakeUpSaturday) {
  // Reassigned Wed 2026-09-30 16:00. 10-01..10-07 are off: Thu 10-08 = 1st, Fri 10-09 = 2nd,
  // Sat 10-10 (国庆节调休, a working day) = 3rd.
  const Millis issued = LocalTime("2026-09-30", 16);
  Result<UnitPlan> plan = Plan(ReassignedTo("jtj", issued), issued + 1);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ExpectSignTimer(plan->timers, "sign.remind.jtj", "sign_remind",
                  1'791'507'600'000 /* 2026-10-09 09:00 */, "jtj", 2, "2026-09-30");
  ExpectSignTimer(plan->timers, "sign.overdue.jtj", "sign_overdue",
                  1'791'594'000'000 /* 2026-10-10 09:00 */, "jtj", 3, "2026-09-30");
  EXPECT_EQ(LocalTime("2026-10-09", 9), 1'791'507'600'000);
  EXPECT_EQ(LocalTime("2026-10-10", 9), 1'791'594'000'000);
}

TEST_F(ReassignedUnitTimersTest, TheIssuedDateIsTheLocalDate) {
  // Fri 2026-10-09 00:30 in Beijing is still Thu 10-08 in UTC. From Fri 10-09: Sat 10-10 (make-up)
  // = 1st, Sun 10-11 off, Mon 10-12 = 2nd, Tue 10-13 = 3rd. (From 10-08 the 2nd would be 10-10.)
  const Millis issued = LocalTime("2026-10-09", 0, 30);
  Result<UnitPlan> plan = Plan(ReassignedTo("jtj", issued), issued);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ExpectSignTimer(plan->timers, "sign.remind.jtj", "sign_remind", LocalTime("2026-10-12", 9), "jtj",
                  2, "2026-10-09");
  ExpectSignTimer(plan->timers, "sign.overdue.jtj", "sign_overdue", LocalTime("2026-10-13", 9),
                  "jtj", 3, "2026-10-09");
}

TEST_F(ReassignedUnitTimersTest, AUnitWithoutAnIssuedDateStillCountsFromTheAssignment) {
  // Assigned Tue 09-01; jyj's return approved Wed 09-02 10:00, jtj takes over; czj (co) has not
  // signed and has no issued date. czj: Wed 09-02 = 1st, Thu 09-03 = 2nd, Fri 09-04 = 3rd.
  // jtj: Thu 09-03 = 1st, Fri 09-04 = 2nd, Mon 09-07 = 3rd.
  const Millis issued = LocalTime("2026-09-02", 10);
  protocol::Suggestion s = ReassignedTo("jtj", issued);
  s.units[1].state = "ISSUED";  // czj
  Result<UnitPlan> plan = Plan(s, issued);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_THAT(Names(plan->timers),
              ElementsAre("sign.remind.jtj", "sign.overdue.jtj", "sign.remind.czj",
                          "sign.overdue.czj", "opinion.remind7.czj", "opinion.remind2.czj",
                          "opinion.overdue.czj"));
  ExpectSignTimer(plan->timers, "sign.remind.jtj", "sign_remind", LocalTime("2026-09-04", 9), "jtj",
                  2, "2026-09-02");
  ExpectSignTimer(plan->timers, "sign.overdue.jtj", "sign_overdue", LocalTime("2026-09-07", 9),
                  "jtj", 3, "2026-09-02");
  ExpectSignTimer(plan->timers, "sign.remind.czj", "sign_remind", LocalTime("2026-09-03", 9), "czj",
                  2, "2026-09-01");
  ExpectSignTimer(plan->timers, "sign.overdue.czj", "sign_overdue", LocalTime("2026-09-04", 9),
                  "czj", 3, "2026-09-01");
  EXPECT_EQ(Find(plan->timers, "sign.remind.jyj"), nullptr) << "jyj was re-assigned away";
  EXPECT_THAT(plan->note, HasSubstr("unit timers (assigned 2026-09-01)"));
}

TEST_F(ReassignedUnitTimersTest, AnIssuedDateBeforeNowOnlySetsWhatIsStillAhead) {
  // Issued Fri 09-25; the schedule runs again on Tue 09-29 at 10:00 (after an extension, say):
  // the 09:00 reminder of that morning has passed, the overdue step on Wed 09-30 has not.
  Result<UnitPlan> plan =
      Plan(ReassignedTo("jtj", LocalTime("2026-09-25", 15)), LocalTime("2026-09-29", 10));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_THAT(Names(plan->timers), ElementsAre("sign.overdue.jtj"));
  EXPECT_THAT(plan->note, HasSubstr("sign.remind.jtj (2026-09-29 09:00 has passed)"));
}

TEST_F(ReassignedUnitTimersTest, ThroughTheRoleTheNewUnitIsRemindedUnderItsOwnDate) {
  // The "reschedule" the broker sets on an approved return with a new unit.
  const Millis issued = LocalTime("2026-09-25", 15);
  const protocol::Suggestion s = ReassignedTo("jtj", issued);
  Result<protocol::Outcome> out = Schedule(s, issued);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const protocol::TimerSpec* remind = Find(out->timers, "sign.remind.jtj");
  ASSERT_NE(remind, nullptr);
  EXPECT_EQ(remind->due_ms, LocalTime("2026-09-29", 9));
  ASSERT_NE(Find(out->timers, "sign.overdue.jtj"), nullptr);

  // When it fires, the notice goes to the new unit, keyed by its own date.
  Result<UnitTimerPayload> p = DecodeUnitTimerPayload(remind->payload);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  Result<protocol::Outcome> fired = Fire("sign_remind", *p, s, remind->due_ms);
  ASSERT_TRUE(fired.ok()) << fired.status().ToString();
  ASSERT_EQ(fired->notices.size(), 1u);
  EXPECT_EQ(fired->notices[0].recipient, "unit:jtj");
  EXPECT_EQ(fired->notices[0].dedup_key, "sign.remind.jtj:2026-09-25@unit:jtj");
}

}  // namespace
}  // namespace duban::workers::reminder::unit_step_test
