// Requests from the people (社情民意) as stories on one request: a resident writes to deputy
// D2026001 through the deputy's code (一人一码) on Monday 2026-11-16 at 10:00 Beijing time; the
// deputy acknowledges, answers or turns it into a suggestion. Times are given, never read from a
// clock; the working calendar is the shipped 2026 one.
#include "services/request_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/unit_tasks.h"
#include "tests/services/unit_tasks_fixture.h"

namespace duban::services {
namespace {

using protocol::PeopleRequest;
using ::testing::ElementsAre;

RequestRules Rules() {
  RequestRules r;
  r.stations = {{"xc01", "新城区中山路街道代表联络站", {"D2026001", "D2026002"}},
                {"ss01", "赛罕区代表之家", {"D2026007", "D2026001"}}};
  return r;
}

PeopleRequest Received() {
  PeopleRequest r;
  r.code = "R2026-00001";
  r.to = "deputy:D2026001";
  r.text = "小区门口路灯坏了三个月";
  r.contact = "张女士 13800000000";
  r.state = "RECEIVED";
  r.received_ms = At("2026-11-16", 10);
  r.ack_due = "2026-11-23";
  return r;
}

TEST(RequestRules, ARequestReachesADeputyOfAStationOrEveryDeputyOfTheStation) {
  auto one = RecipientsOf(Rules(), "deputy:D2026002");
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_THAT(*one, ElementsAre("deputy:D2026002"));
  auto all = RecipientsOf(Rules(), "station:ss01");
  ASSERT_TRUE(all.ok());
  EXPECT_THAT(*all, ElementsAre("deputy:D2026007", "deputy:D2026001"));
  for (const char* bad : {"deputy:D9999999", "station:nosuch", "D2026001", "", "unit:jyj"}) {
    ExpectCode(RecipientsOf(Rules(), bad), StatusCode::kInvalidArgument, "一人一码");
  }
}

TEST(RequestRules, AcknowledgementIsDueInWorkingDaysAndRemindedTheWorkingDayBefore) {
  const WorkingCalendar cal = Calendar2026();
  auto plan = PlanAck(At("2026-11-16", 10), cal, Rules());  // a Monday
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->due, "2026-11-23");  // 17, 18, 19, 20, then Monday 23
  EXPECT_EQ(plan->due_end_ms, At("2026-11-24", 0) - 1);
  EXPECT_EQ(plan->remind_ms, At("2026-11-20", 9));
  // Before the National Day holiday, the days off do not count.
  auto holiday = PlanAck(At("2026-09-29", 10), cal, Rules());
  ASSERT_TRUE(holiday.ok()) << holiday.status().ToString();
  // 09-30, then 10-01..10-07 off, 10-08, 10-09, the make-up Saturday 10-10, then Monday 10-12.
  EXPECT_EQ(holiday->due, "2026-10-12");
  // One working day: no reminder before the due day.
  RequestRules quick = Rules();
  quick.ack_working_days = 1;
  auto q = PlanAck(At("2026-11-16", 10), cal, quick);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->due, "2026-11-17");
  EXPECT_EQ(q->remind_ms, 0);
  // A year the calendar lacks: Monday to Friday, said so (the channel never closes for it).
  auto assumed = PlanAck(At("2031-03-03", 10), cal, Rules());  // a Monday
  ASSERT_TRUE(assumed.ok()) << assumed.status().ToString();
  EXPECT_EQ(assumed->due, "2031-03-10");
  EXPECT_TRUE(assumed->assumed_weekdays);
  EXPECT_FALSE(plan->assumed_weekdays);
}

TEST(RequestRules, OnlyTheDeputiesItReachesActOnIt) {
  EXPECT_TRUE(MayAct(Received(), "", Rules()).ok());  // staff
  EXPECT_TRUE(MayAct(Received(), "D2026001", Rules()).ok());
  EXPECT_EQ(MayAct(Received(), "D2026002", Rules()).code(), StatusCode::kPermissionDenied);
  PeopleRequest to_station = Received();
  to_station.to = "station:xc01";
  EXPECT_TRUE(MayAct(to_station, "D2026002", Rules()).ok());
  EXPECT_EQ(MayAct(to_station, "D2026007", Rules()).code(), StatusCode::kPermissionDenied);
}

TEST(RequestRules, AcknowledgedOnceThenAnswered) {
  auto acked = Acknowledge(Received(), "deputy:D2026001/王丽华", At("2026-11-17", 9));
  ASSERT_TRUE(acked.ok());
  EXPECT_EQ(acked->state, "ACKNOWLEDGED");
  EXPECT_EQ(acked->acknowledged_ms, At("2026-11-17", 9));
  ExpectCode(Acknowledge(*acked, "x", At("2026-11-17", 10)), StatusCode::kFailedPrecondition);
  ExpectCode(Answer(*acked, "", "x", At("2026-11-18", 9)), StatusCode::kInvalidArgument);
  auto answered = Answer(*acked, "已联系街道办，本周内修复", "deputy:D2026001/王丽华",
                         At("2026-11-18", 9));
  ASSERT_TRUE(answered.ok());
  EXPECT_EQ(answered->state, "ANSWERED");
  EXPECT_EQ(answered->acknowledged_ms, At("2026-11-17", 9)) << "kept";
  ExpectCode(Answer(*answered, "again", "x", At("2026-11-19", 9)),
             StatusCode::kFailedPrecondition);
  ExpectCode(Convert(*answered, "S2026-00009", "x", At("2026-11-19", 9)),
             StatusCode::kFailedPrecondition);
}

TEST(RequestRules, AnsweringOrConvertingAReceivedRequestAcknowledgesIt) {
  auto answered = Answer(Received(), "已转告", "d", At("2026-11-18", 9));
  ASSERT_TRUE(answered.ok());
  EXPECT_EQ(answered->acknowledged_ms, At("2026-11-18", 9));
  auto converted = Convert(Received(), "S2026-00009", "d", At("2026-11-18", 9));
  ASSERT_TRUE(converted.ok());
  EXPECT_EQ(converted->state, "CONVERTED");
  EXPECT_EQ(converted->suggestion, "S2026-00009");
  EXPECT_EQ(converted->acknowledged_ms, At("2026-11-18", 9));
  // Converting again into the same suggestion changes nothing (a retried conversion).
  auto again = Convert(*converted, "S2026-00009", "d", At("2026-11-19", 9));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->acknowledged_ms, At("2026-11-18", 9));
  ExpectCode(Convert(*converted, "S2026-00010", "d", At("2026-11-19", 9)),
             StatusCode::kFailedPrecondition);
}

TEST(RequestRules, ThePublicViewShowsProgressAndNothingPrivate) {
  PeopleRequest r = Received();
  r.to = "station:xc01";
  r.answer = "私人答复";
  r.acknowledged_ms = At("2026-11-17", 9);
  r.state = "CONVERTED";
  r.suggestion = "S2026-00009";
  protocol::PublicRequest p = PublicView(r, Rules());
  EXPECT_EQ(p.code, "R2026-00001");
  EXPECT_EQ(p.state_label, "已转为代表建议");
  EXPECT_EQ(p.to_label, "新城区中山路街道代表联络站");
  EXPECT_EQ(p.received, "2026-11-16");
  EXPECT_EQ(p.acknowledged, "2026-11-17");
  EXPECT_EQ(p.answered, "");
  EXPECT_EQ(p.suggestion, "S2026-00009");
  EXPECT_EQ(PublicView(Received(), Rules()).to_label, "代表 D2026001");
}

TEST(RequestRules, ASuggestionsTextGathersTheRequestsEachAfterItsCode) {
  PeopleRequest a = Received(), b = Received();
  b.code = "R2026-00002";
  b.text = "路灯不亮影响夜间出行";
  EXPECT_EQ(ContentOf({a, b}), "R2026-00001：小区门口路灯坏了三个月\nR2026-00002：路灯不亮影响夜间出行");
}

}  // namespace
}  // namespace duban::services
