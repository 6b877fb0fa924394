// Staff decisions on a unit's requests wait at most staff_decision_days (decision.<request>.<unit>
// timers), a refused extension goes back to the state it came from, and a unit that takes over a
// returned task is issued it now. The same story suggestion as unit_tasks_test.cc
// (unit_tasks_fixture.h): S2026-00042, assigned 2026-09-29 to jyj (lead) with czj (co-handler).
#include "services/unit_tasks.h"

#include "tests/services/unit_tasks_fixture.h"

namespace duban::services {
namespace {

// The unit-task fixture under a suite name of its own (a suite names one fixture per program).
class UnitDecisionsTest : public UnitTasksTest {};

// ---- staff decisions wait at most staff_decision_days (decision.<request>.<unit>) ----------------

constexpr Millis kDayMs = 24 * kHourMs;

TEST_F(UnitDecisionsTest, AReturnRequestSetsTheDecisionTimerForStaff) {
  const Millis now = At("2026-09-30", 9);
  Result<UnitChange> r = Act("return", "jyj", now, "职责不符");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->timers.size(), 1u);
  const protocol::TimerSpec& t = r->timers[0];
  EXPECT_EQ(t.name, "decision.return.jyj");
  EXPECT_EQ(t.service, "reminder");
  EXPECT_EQ(t.kind, "staff_decision");
  // 7 calendar days (the holiday is not skipped; the reminder role waits for working hours).
  EXPECT_EQ(t.due_ms, now + 7 * kDayMs);
  EXPECT_EQ(t.due_ms, At("2026-10-07", 9));
  EXPECT_EQ(t.priority_ms, 0);
  EXPECT_FALSE(t.payload.empty());
  EXPECT_THAT(r->cancel_timers, IsEmpty());

  // The co-handler's request has its own timer.
  Result<UnitChange> co = Act("return", "czj", now, "无相关资金安排");
  ASSERT_TRUE(co.ok()) << co.status().ToString();
  ASSERT_EQ(co->timers.size(), 1u);
  EXPECT_EQ(co->timers[0].name, "decision.return.czj");
}

TEST_F(UnitDecisionsTest, AnExtensionRequestSetsTheDecisionTimerForStaff) {
  SignAndStart(At("2026-09-30", 9));
  const Millis now = At("2026-11-02", 9);
  Result<UnitChange> r = Act("extend", "jyj", now, "需协调多部门", "", "2027-02-28");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->timers.size(), 1u);
  EXPECT_EQ(r->timers[0].name, "decision.extension.jyj");
  EXPECT_EQ(r->timers[0].service, "reminder");
  EXPECT_EQ(r->timers[0].kind, "staff_decision");
  EXPECT_EQ(r->timers[0].due_ms, At("2026-11-09", 9));
  EXPECT_FALSE(r->timers[0].payload.empty());
}

TEST_F(UnitDecisionsTest, TheDecisionPeriodIsTheRulesFigure) {
  rules_.staff_decision_days = 3;
  const Millis now = At("2026-09-30", 9);
  Result<UnitChange> r = Act("return", "jyj", now, "职责不符");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->timers.size(), 1u);
  EXPECT_EQ(r->timers[0].due_ms, now + 3 * kDayMs);
}

TEST_F(UnitDecisionsTest, EveryDecisionCancelsItsDecisionTimer) {
  // A return refused, a co-handler's return approved without a successor, a lead's with one.
  {
    Suggestion before = s_;
    Apply(Act("return", "jyj", At("2026-09-30", 9), "职责不符"));
    Result<UnitChange> r = Decide("return", "jyj", false, At("2026-09-30", 15));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_THAT(r->cancel_timers, ElementsAre("decision.return.jyj"));
    EXPECT_THAT(r->timers, IsEmpty());
    s_ = before;
  }
  {
    Apply(Act("return", "czj", At("2026-09-30", 9), "无相关资金安排"));
    Result<UnitChange> r = Decide("return", "czj", true, At("2026-09-30", 15));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_THAT(r->cancel_timers, ElementsAre("decision.return.czj"));
    EXPECT_THAT(r->timers, IsEmpty()) << "no new unit, nothing to plan";
  }
  {
    Apply(Act("return", "jyj", At("2026-09-30", 9), "职责不符"));
    Result<UnitChange> r = Decide("return", "jyj", true, At("2026-09-30", 15), "jtj");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_THAT(r->cancel_timers, ElementsAre("decision.return.jyj"));
  }
  // An extension approved, and one refused.
  s_ = Assigned();
  SignAndStart(At("2026-09-30", 9));
  Apply(Act("extend", "jyj", At("2026-11-02", 9), "需协调多部门", "", "2027-01-29"));
  Result<UnitChange> approved = Decide("extension", "jyj", true, At("2026-11-03", 10));
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_THAT(approved->cancel_timers, ElementsAre("decision.extension.jyj"));
  Apply(approved);
  Apply(Act("extend", "jyj", At("2026-12-01", 9), "仍需协调", "", "2027-02-26"));
  Result<UnitChange> refused = Decide("extension", "jyj", false, At("2026-12-02", 10));
  ASSERT_TRUE(refused.ok()) << refused.status().ToString();
  EXPECT_THAT(refused->cancel_timers, ElementsAre("decision.extension.jyj"));
  EXPECT_THAT(refused->timers, IsEmpty());
}

TEST_F(UnitDecisionsTest, AnExtensionRequestRemembersTheStateItCameFrom) {
  Apply(Act("sign", "jyj", At("2026-09-30", 9)));
  Result<UnitChange> r = Act("extend", "jyj", At("2026-10-12", 9), "需协调多部门", "", "2027-01-29");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const UnitAssignment* jyj = UnitOf(r->units, "jyj");
  ASSERT_NE(jyj, nullptr);
  EXPECT_EQ(jyj->state, "EXTENSION_PENDING");
  EXPECT_EQ(jyj->before, "SIGNED");
  EXPECT_EQ(jyj->pending_until, "2027-01-29");
}

TEST_F(UnitDecisionsTest, ARefusedExtensionOfASignedTaskGoesBackToSigned) {
  Apply(Act("sign", "jyj", At("2026-09-30", 9)));
  Apply(Act("extend", "jyj", At("2026-10-12", 9), "需协调多部门", "", "2027-01-29"));
  Result<UnitChange> r = Decide("extension", "jyj", false, At("2026-10-13", 10), "", "理由不充分");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->unit_state, "SIGNED");
  const UnitAssignment* jyj = UnitOf(r->units, "jyj");
  ASSERT_NE(jyj, nullptr);
  EXPECT_EQ(jyj->state, "SIGNED");
  EXPECT_EQ(jyj->before, "");
  EXPECT_EQ(jyj->pending_until, "");
  EXPECT_FALSE(r->deadline.has_value());
  Apply(r);
  // Back where it was: it may start handling now.
  EXPECT_TRUE(Act("start", "jyj", At("2026-10-13", 11)).ok());
}

TEST_F(UnitDecisionsTest, ARefusedExtensionOfAnInProgressTaskClearsWhatItRemembered) {
  SignAndStart(At("2026-09-30", 9));
  Apply(Act("extend", "jyj", At("2026-11-02", 9), "需协调多部门", "", "2027-02-28"));
  EXPECT_EQ(UnitOf(s_.units, "jyj")->before, "IN_PROGRESS");
  Result<UnitChange> r = Decide("extension", "jyj", false, At("2026-11-03", 10));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->unit_state, "IN_PROGRESS");
  EXPECT_EQ(UnitOf(r->units, "jyj")->before, "");
  EXPECT_EQ(UnitOf(r->units, "jyj")->pending_until, "");
}

TEST_F(UnitDecisionsTest, ASecondExtensionRefusedLeavesTheFirstOneStanding) {
  SignAndStart(At("2026-09-30", 9));
  Apply(Act("extend", "jyj", At("2026-11-02", 9), "需协调多部门", "", "2027-01-29"));
  Result<UnitChange> first = Decide("extension", "jyj", true, At("2026-11-03", 10));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(UnitOf(first->units, "jyj")->before, "") << "an approved extension clears before";
  EXPECT_EQ(UnitOf(first->units, "jyj")->pending_until, "");
  Apply(first);
  ASSERT_EQ(s_.deadline->date, "2027-01-29");

  Result<UnitChange> asked = Act("extend", "jyj", At("2027-01-04", 9), "仍需协调", "", "2027-03-29");
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_EQ(UnitOf(asked->units, "jyj")->before, "EXTENDED");
  Apply(asked);

  Result<UnitChange> r = Decide("extension", "jyj", false, At("2027-01-05", 10), "", "不再延期");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->action, "extension_rejected");
  EXPECT_EQ(r->unit_state, "EXTENDED") << "not IN_PROGRESS: the first extension still stands";
  const UnitAssignment* jyj = UnitOf(r->units, "jyj");
  ASSERT_NE(jyj, nullptr);
  EXPECT_EQ(jyj->before, "");
  EXPECT_EQ(jyj->pending_until, "");
  EXPECT_FALSE(r->deadline.has_value()) << "the deadline stays 2027-01-29";
  Apply(r);
  EXPECT_EQ(s_.deadline->date, "2027-01-29");
}

TEST_F(UnitDecisionsTest, APendingExtensionWithoutARememberedStateGoesBackToInProgress) {
  // Stored before `before` was kept.
  SignAndStart(At("2026-09-30", 9));
  Apply(Act("extend", "jyj", At("2026-11-02", 9), "需协调多部门", "", "2027-02-28"));
  for (auto& u : s_.units) {
    if (u.unit == "jyj") u.before.clear();
  }
  Result<UnitChange> r = Decide("extension", "jyj", false, At("2026-11-03", 10));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->unit_state, "IN_PROGRESS");
}

TEST_F(UnitDecisionsTest, AnApprovedExtensionClearsTheRememberedState) {
  Apply(Act("sign", "jyj", At("2026-09-30", 9)));
  Apply(Act("extend", "jyj", At("2026-10-12", 9), "需协调多部门", "", "2027-01-29"));
  Result<UnitChange> r = Decide("extension", "jyj", true, At("2026-10-13", 10));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->unit_state, "EXTENDED");
  EXPECT_EQ(UnitOf(r->units, "jyj")->before, "");
  EXPECT_EQ(UnitOf(r->units, "jyj")->pending_until, "");
}

TEST_F(UnitDecisionsTest, NoExtensionWhileTheSuggestionIsHandledAgain) {
  SignAndStart(At("2026-09-30", 9));
  s_.state = SuggestionState::kRehandling;
  Result<UnitChange> r = Act("extend", "jyj", At("2026-11-02", 9), "需协调多部门", "", "2027-02-28");
  ExpectCode(r, StatusCode::kFailedPrecondition, "重新办理");
  // Other unit actions still work while re-handling.
  EXPECT_TRUE(Act("contact", "jyj", At("2026-11-02", 9), "电话沟通", "during").ok());
}

TEST_F(UnitDecisionsTest, AnApprovedReturnIssuesTheNewUnitNowAndPlansItsTimers) {
  Apply(Act("return", "jyj", At("2026-09-30", 9), "应由市交通运输局办理"));
  const Millis decided_at = At("2026-10-09", 15);
  Result<UnitChange> r = Decide("return", "jyj", true, decided_at, "jtj");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const UnitAssignment* jtj = UnitOf(r->units, "jtj");
  ASSERT_NE(jtj, nullptr);
  EXPECT_EQ(jtj->issued_ms, decided_at);
  EXPECT_EQ(jtj->role, UnitRole::kLead);
  EXPECT_EQ(UnitOf(r->units, "jyj")->issued_ms, 0) << "the others keep theirs";
  EXPECT_EQ(UnitOf(r->units, "czj")->issued_ms, 0);
  ASSERT_EQ(r->timers.size(), 1u);
  EXPECT_EQ(r->timers[0].name, "reschedule");
  EXPECT_EQ(r->timers[0].service, "reminder");
  EXPECT_EQ(r->timers[0].kind, "schedule");
  EXPECT_EQ(r->timers[0].due_ms, decided_at);

  // A co-handler replaced by another: the same.
  Apply(r);
  Apply(Act("return", "czj", At("2026-10-09", 16), "无相关资金安排"));
  const Millis later = At("2026-10-10", 10);
  Result<UnitChange> co = Decide("return", "czj", true, later, "mzj");
  ASSERT_TRUE(co.ok()) << co.status().ToString();
  const UnitAssignment* mzj = UnitOf(co->units, "mzj");
  ASSERT_NE(mzj, nullptr);
  EXPECT_EQ(mzj->role, UnitRole::kCo);
  EXPECT_EQ(mzj->state, "ISSUED");
  EXPECT_EQ(mzj->issued_ms, later);
  EXPECT_EQ(UnitOf(co->units, "jtj")->issued_ms, decided_at);
  ASSERT_EQ(co->timers.size(), 1u);
  EXPECT_EQ(co->timers[0].name, "reschedule");
  EXPECT_EQ(co->unit_state, "REASSIGNED");
}

}  // namespace
}  // namespace duban::services
