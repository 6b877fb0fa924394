// The staff-decision payload and timer (common/protocol/staff_decision.h): what the broker (a
// unit's return or extension request) and the assignment role (no routing rule matched) set, and
// what the reminder role reads back when the timer fires.
#include "common/protocol/staff_decision.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "common/protocol/timer_names.h"
#include "common/protocol/wire.h"

namespace duban::protocol {
namespace {

using ::testing::HasSubstr;

constexpr Millis kDayMs = 24 * 3'600'000LL;
constexpr Millis kNow = 1'790'647'200'000;  // 2026-09-29 10:00 +08:00

void ExpectInvalid(std::string_view bytes, const std::string& part) {
  Result<DecisionPayload> p = DecodeDecisionPayload(bytes);
  ASSERT_FALSE(p.ok()) << "accepted: " << part;
  EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument) << p.status().ToString();
  EXPECT_THAT(p.status().message(), HasSubstr("decision payload"));
  EXPECT_THAT(p.status().message(), HasSubstr(part));
}

TEST(DecisionPayloadTest, RoundTripsEachRequest) {
  for (const DecisionPayload& in : {DecisionPayload{"review", "", kNow},
                                    DecisionPayload{"return", "jyj", kNow - 5},
                                    DecisionPayload{"extension", "czj", 0}}) {
    SCOPED_TRACE(in.request);
    Result<DecisionPayload> out = DecodeDecisionPayload(EncodeDecisionPayload(in));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_EQ(out->request, in.request);
    EXPECT_EQ(out->unit, in.unit);
    EXPECT_EQ(out->since_ms, in.since_ms);
  }
}

TEST(DecisionPayloadTest, ARequestForAReviewMayStillNameAUnit) {
  // Not refused: a review names no unit, but a stray one does not make it unreadable.
  Result<DecisionPayload> out = DecodeDecisionPayload(EncodeDecisionPayload({"review", "jyj", 1}));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->unit, "jyj");
}

TEST(DecisionPayloadTest, RefusesBytesThatAreNotSuchAMap) {
  ExpectInvalid("", "");
  ExpectInvalid("not msgpack", "");
  // A msgpack integer, not a map.
  ExpectInvalid(std::string("\x2a", 1), "");
  // A complete payload with trailing bytes.
  ExpectInvalid(EncodeDecisionPayload({"review", "", kNow}) + "x", "");

  MapWriter missing;
  missing.Str("request", "review").Str("unit", "");
  ExpectInvalid(missing.Take(), "since_ms");

  MapWriter wrong_type;
  wrong_type.Str("request", "review").Str("unit", "").Str("since_ms", "yesterday");
  ExpectInvalid(wrong_type.Take(), "since_ms");

  MapWriter extra;
  extra.Str("request", "review").Str("unit", "").Int("since_ms", kNow).Int("days", 7);
  ExpectInvalid(extra.Take(), "unknown field 'days'");
}

TEST(DecisionPayloadTest, RefusesAnUnknownRequest) {
  ExpectInvalid(EncodeDecisionPayload({"merge", "jyj", kNow}), "unknown request 'merge'");
  ExpectInvalid(EncodeDecisionPayload({"", "", kNow}), "unknown request ''");
  ExpectInvalid(EncodeDecisionPayload({"Return", "jyj", kNow}), "unknown request 'Return'");
}

TEST(DecisionPayloadTest, AReturnOrAnExtensionNamesItsUnit) {
  ExpectInvalid(EncodeDecisionPayload({"return", "", kNow}), "a return names its unit");
  // (The message reads "a extension names its unit"; only the words that matter are checked.)
  ExpectInvalid(EncodeDecisionPayload({"extension", "", kNow}), "extension names its unit");
}

TEST(DecisionTimerTest, AReviewIsDecisionReviewDueAfterTheGivenDays) {
  TimerSpec t = DecisionTimerFor({"review", "", kNow}, kNow, 7);
  EXPECT_EQ(t.name, "decision.review");
  EXPECT_EQ(t.name, kDecisionReviewTimer);
  EXPECT_EQ(t.service, "reminder");
  EXPECT_EQ(t.kind, "staff_decision");
  EXPECT_EQ(t.kind, kStaffDecisionKind);
  EXPECT_EQ(t.due_ms, kNow + 7 * kDayMs);
  EXPECT_EQ(t.due_ms, 1'791'252'000'000);  // 2026-10-06 10:00 +08:00: calendar days, holiday or not
  EXPECT_EQ(t.priority_ms, 0);
  Result<DecisionPayload> p = DecodeDecisionPayload(t.payload);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->request, "review");
  EXPECT_EQ(p->unit, "");
  EXPECT_EQ(p->since_ms, kNow);
}

TEST(DecisionTimerTest, AUnitRequestIsNamedAfterTheRequestAndTheUnit) {
  TimerSpec ret = DecisionTimerFor({"return", "jyj", kNow}, kNow, 7);
  EXPECT_EQ(ret.name, "decision.return.jyj");
  EXPECT_EQ(ret.name, DecisionTimer("return", "jyj"));
  EXPECT_EQ(ret.service, "reminder");
  EXPECT_EQ(ret.kind, "staff_decision");
  EXPECT_EQ(ret.due_ms, kNow + 7 * kDayMs);

  TimerSpec ext = DecisionTimerFor({"extension", "czj", kNow - 3 * kDayMs}, kNow, 2);
  EXPECT_EQ(ext.name, "decision.extension.czj");
  EXPECT_EQ(ext.due_ms, kNow + 2 * kDayMs) << "counted from now, not from since_ms";
  Result<DecisionPayload> p = DecodeDecisionPayload(ext.payload);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->request, "extension");
  EXPECT_EQ(p->unit, "czj");
  EXPECT_EQ(p->since_ms, kNow - 3 * kDayMs) << "the payload keeps when the wait began";
}

TEST(DecisionTimerTest, TheDaysAreTheCallersFigure) {
  EXPECT_EQ(DecisionTimerFor({"review", "", kNow}, kNow, 1).due_ms, kNow + kDayMs);
  EXPECT_EQ(DecisionTimerFor({"review", "", kNow}, kNow, 30).due_ms, kNow + 30 * kDayMs);
}

}  // namespace
}  // namespace duban::protocol
