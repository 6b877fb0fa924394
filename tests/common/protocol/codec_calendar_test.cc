// The codec of working-day timers and duban.calendar (issue 9, hole 9): a timer's plan round
// trips and a bad one refuses the whole message naming the field; the broker's own years never
// travel; the effects the scripts read carry the plan in its stored form; calendar requests are
// checked (action, actor for a replan that writes, cursor shape, limit) and replies round trip.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "common/protocol/codec.h"
#include "tests/common/protocol/codec_test_support.h"

namespace duban::protocol {
namespace {

using namespace codec_test;
using ::testing::HasSubstr;

TimerSpec Planned() {
  TimerSpec t{"sign.remind.jyj", "reminder", "sign_remind", 1'767'571'200'000, 0, "p"};
  t.plan = TimerPlan{"working_days_after", "2026-01-02", 2, 540};
  t.plan_years = {2026};  // the broker's: never on the wire
  t.assumed_years = {2027};
  return t;
}

TEST(CodecCalendarTest, ATimerPlanRoundTripsAndTheBrokersYearsStayHome) {
  Outcome o;
  o.timers = {Planned(), {"reply.overdue", "escalation", "overdue", 5, 0, ""}};
  Outcome got = ViaReply(o);
  ASSERT_EQ(got.timers.size(), 2u);
  ASSERT_TRUE(got.timers[0].plan.has_value());
  EXPECT_EQ(got.timers[0].plan->rule, "working_days_after");
  EXPECT_EQ(got.timers[0].plan->base, "2026-01-02");
  EXPECT_EQ(got.timers[0].plan->n, 2);
  EXPECT_EQ(got.timers[0].plan->minute, 540);
  EXPECT_TRUE(got.timers[0].plan_years.empty());
  EXPECT_TRUE(got.timers[0].assumed_years.empty());
  EXPECT_FALSE(got.timers[1].plan.has_value());
}

TEST(CodecCalendarTest, ABadPlanRefusesTheTimerNamingTheField) {
  const Fields timer = {{"name", S("t")}, {"service", S("reminder")}, {"kind", S("remind")},
                        {"due_ms", I(10)}};
  const Fields plan = {{"rule", S("next_working_day")}, {"base", S("2027-01-30")}, {"n", I(0)},
                       {"minute", I(540)}};
  EXPECT_TRUE(DecodeBare<TimerSpec>(MapOf(With(timer, "plan", MapOf(plan)))).ok());
  struct Case {
    Fields plan;
    const char* says;
  };
  const Case cases[] = {
      {With(plan, "rule", S("weekdays")), "rule"},
      {With(plan, "base", S("2027-02-30")), "base"},
      {With(plan, "n", I(3)), "n = 0"},
      {With(plan, "minute", I(1440)), "minute"},
      {With(plan, "minute", S("540")), "minute"},
      {Without(plan, "base"), "base"},
      {With(plan, "extra", I(1)), "unknown field"},
  };
  for (const Case& c : cases) {
    Fields with_plan = timer;
    with_plan.emplace_back("plan", MapOf(c.plan));
    Result<TimerSpec> r = DecodeBare<TimerSpec>(MapOf(with_plan));
    ASSERT_FALSE(r.ok()) << c.says;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr(c.says));
  }
  // The broker's own fields are not accepted from a peer.
  Result<TimerSpec> r = DecodeBare<TimerSpec>(MapOf(With(timer, "years", StrArray({}))));
  EXPECT_FALSE(r.ok());
}

// What the scripts read (cmsgpack): the stored form of the plan and the broker's years.
TEST(CodecCalendarTest, EffectsCarryTheStoredPlanAndTheYears) {
  Outcome o;
  o.timers = {Planned()};
  Result<MapReader> effects = MapReader::Parse(EncodeOutcomeEffects(o));
  ASSERT_TRUE(effects.ok());
  std::vector<MapReader> timers;
  ASSERT_TRUE(effects->MapList("timers", &timers).ok());
  ASSERT_EQ(timers.size(), 1u);
  std::string plan;
  std::vector<std::int64_t> years, assumed;
  ASSERT_TRUE(timers[0].Str("plan", &plan).ok());
  ASSERT_TRUE(timers[0].IntList("years", &years).ok());
  ASSERT_TRUE(timers[0].IntList("assumed", &assumed).ok());
  EXPECT_EQ(plan, "W|2026-01-02|2|540");
  EXPECT_EQ(years, std::vector<std::int64_t>{2026});
  EXPECT_EQ(assumed, std::vector<std::int64_t>{2027});
}

TEST(CodecCalendarTest, CalendarRequestsAreChecked) {
  CalendarRequest ok{"replan", false, "wang", "2027:1234", 200};
  CalendarRequest got = ViaRequest(ok);
  EXPECT_EQ(got.action, "replan");
  EXPECT_EQ(got.cursor, "2027:1234");
  EXPECT_EQ(got.limit, 200);
  EXPECT_EQ(ViaRequest(CalendarRequest{}).action, "status");
  EXPECT_TRUE(Decode<CalendarRequest>(Encode(CalendarRequest{"replan", true, "", "", 500})).ok())
      << "a dry run needs no actor";
  struct Case {
    CalendarRequest req;
    const char* says;
  };
  const Case cases[] = {
      {{"reload", false, "w", "", 500}, "action"},
      {{"replan", false, "", "", 500}, "actor"},
      {{"replan", true, "w", "2027", 500}, "cursor"},
      {{"replan", true, "w", "27:1", 500}, "cursor"},
      {{"replan", true, "w", "2027:x1", 500}, "cursor"},
      {{"replan", true, "w", "2027:", 500}, "cursor"},
      {{"replan", true, "w", "", 0}, "limit"},
      {{"replan", true, "w", "", 1001}, "limit"},
      {{"replan", false, std::string(201, 'a'), "", 500}, "actor"},
      {{"replan", false, "\xff", "", 500}, "actor"},
  };
  for (const Case& c : cases) {
    Result<CalendarRequest> r = Decode<CalendarRequest>(Encode(c.req));
    ASSERT_FALSE(r.ok()) << c.says;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr(c.says));
  }
}

TEST(CodecCalendarTest, CalendarRepliesRoundTrip) {
  CalendarReply m;
  m.loaded = {2026, 2027};
  m.years = {{2026, true, "国办发明电〔2025〕7号", 12, 0, false}, {2027, true, "", 4, 4, true}};
  m.replanning = {2027};
  m.changes = {{"S2026-00001", "reply.remind.30d", 1'801'443'600'000, 1'801'530'000'000,
                "next working day from 2027-01-30"}};
  m.dry_run = true;
  m.cursor = "2027:0";
  m.scanned = 4;
  m.skipped = 1;
  CalendarReply got = ViaReply(m);
  EXPECT_EQ(got.loaded, m.loaded);
  ASSERT_EQ(got.years.size(), 2u);
  EXPECT_EQ(got.years[0].source, "国办发明电〔2025〕7号");
  EXPECT_EQ(got.years[1].assumed, 4);
  EXPECT_TRUE(got.years[1].replan_needed);
  EXPECT_EQ(got.replanning, m.replanning);
  ASSERT_EQ(got.changes.size(), 1u);
  EXPECT_EQ(got.changes[0].new_due_ms, 1'801'530'000'000);
  EXPECT_EQ(got.changes[0].rule, "next working day from 2027-01-30");
  EXPECT_TRUE(got.dry_run);
  EXPECT_EQ(got.cursor, "2027:0");
  EXPECT_EQ(got.scanned, 4);
  EXPECT_EQ(got.skipped, 1);
}

}  // namespace
}  // namespace duban::protocol
