// Messages as JSON from their descriptions: wire names in wire order, instants with their local
// ISO text, enums by name, absent optionals as null, private fields dropped on request.
#include "common/protocol/json_view.h"

#include <gtest/gtest.h>

#include <limits>

namespace duban::protocol {
namespace {

TEST(JsonView, LocalIsoTimes) {
  EXPECT_EQ(FormatLocalIso(1'767'225'600'000, 480), "2026-01-01T08:00:00+08:00");
  EXPECT_EQ(FormatLocalIso(1'767'225'600'000 - 1000, 0), "2025-12-31T23:59:59+00:00");
  EXPECT_EQ(FormatLocalIso(0, -330), "1969-12-31T18:30:00-05:30");
}

// Bug (signed overflow, reported by UBSan in tests/fuzz/fuzz_monitor): an instant near INT64_MAX
// in a broker reply overflowed the local-time arithmetic. Such an instant has no ISO text.
TEST(JsonView, InstantsOutsideYearsOneToNineThousandHaveNoIsoText) {
  EXPECT_EQ(FormatLocalIso(std::numeric_limits<Millis>::max(), 480), "");
  EXPECT_EQ(FormatLocalIso(std::numeric_limits<Millis>::min(), -720), "");
  EXPECT_EQ(FormatLocalIso(kMaxIsoMs + 1, 0), "");
  EXPECT_EQ(FormatLocalIso(kMaxIsoMs, 0), "9999-12-31T23:59:59+00:00");
  EXPECT_EQ(FormatLocalIso(kMinIsoMs, 0), "0001-01-01T00:00:00+00:00");
  EXPECT_EQ(FormatLocalIso(0, 100000), "");  // an offset beyond a day is corrupt too
}

Suggestion Sample() {
  Suggestion s;
  s.code = "S2026-00001";
  s.draft.title = "关于增加学位的建议";
  s.draft.deputy = {"D1", "王丽华", "13800000000"};
  s.state = SuggestionState::kAssigned;
  s.submitted_ms = 1'767'225'600'000;
  s.units = {{"jyj", UnitRole::kLead, "ISSUED"}};
  return s;
}

TEST(JsonView, WireNamesInWireOrderWithInstantsAsText) {
  Json j = ToJson(Sample(), JsonOptions{480, false});
  EXPECT_EQ(j.begin().key(), "code");
  EXPECT_EQ(j["state"], "ASSIGNED");
  EXPECT_EQ(j["units"][0]["role"], "lead");
  EXPECT_EQ(j["submitted_ms"], 1'767'225'600'000);
  EXPECT_EQ(j["submitted"], "2026-01-01T08:00:00+08:00");
  EXPECT_FALSE(j.contains("assigned")) << "0 is no instant: no text for it";
  EXPECT_TRUE(j["deadline"].is_null());
  EXPECT_EQ(j["draft"]["deputy"]["contact"], "13800000000");
}

TEST(JsonView, PrivateFieldsAreDroppedOnRequest) {
  Json j = ToJson(Sample(), JsonOptions{480, true});
  EXPECT_FALSE(j["draft"]["deputy"].contains("contact"));
  EXPECT_EQ(j["draft"]["deputy"]["name"], "王丽华");
}

TEST(JsonView, AFieldOfTheTextsNameIsNotOverwritten) {
  Commitment c;
  c.id = "r1c1";
  c.due = "2026-06-30";
  c.closed_ms = 1'767'225'600'000;
  Json j = ToJson(c);
  EXPECT_EQ(j["due"], "2026-06-30");
  EXPECT_EQ(j["closed"], "2026-01-01T08:00:00+08:00");
}

TEST(JsonView, CountersAreAnObjectAndFieldsOffTheWireAreLeftOut) {
  StatsReply s;
  s.counters = {{"api.submitted", 3}};
  EXPECT_EQ(ToJson(s)["counters"]["api.submitted"], 3);
  Notice n;
  n.webhook = "http://127.0.0.1:1/";
  EXPECT_FALSE(ToJson(n).contains("webhook"));
}

}  // namespace
}  // namespace duban::protocol
