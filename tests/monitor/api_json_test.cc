// The /api/ bodies: local ISO times, totals that add up the services, no deputy contact in a
// suggestion, and the HTTP status of each broker error.
#include "monitor/api_json.h"

#include <gtest/gtest.h>

#include <limits>

namespace duban::monitor {
namespace {

// Bug (signed overflow, reported by UBSan in tests/fuzz/fuzz_monitor): an instant near INT64_MAX
// in a broker reply (a notice's at_ms) overflowed the local-time arithmetic. Such an instant now
// has no ISO text.
// (FormatLocalIso itself: tests/common/protocol/json_view_test.cc.)
TEST(ApiJsonTest, InstantsOutsideYearsOneToNineThousandHaveNoIsoText) {
  protocol::InboxReply escalations{
      {{std::numeric_limits<Millis>::max(), "S2026-00001", "escalation", "t"}}, 1};
  Snapshot s;
  s.broker_up = true;
  s.escalations.value = escalations;
  Json j = NoticesJson(s, Presentation{});
  EXPECT_NE(Dump(j).find("9223372036854775807"), std::string::npos);  // the value itself stays
}

TEST(ApiJsonTest, OverviewTotalsAddUpTheServices) {
  Snapshot s;
  s.broker_up = true;
  s.sampled_at_ms = 1'767'225'600'000;
  s.queues.services = {{"assignment", 22, 1, 2, 3, 2, false}, {"reminder", 4, 0, 1, 1, 1, true}};
  s.queues.timers = 7;
  s.queues.next_timer_due_ms = -1;
  s.counters = {{"broker.acked", 2}, {"broker.outcomes_applied", 3}};
  Json j = OverviewJson(s, Presentation{});
  EXPECT_EQ(j["totals"]["queued"], 26);
  EXPECT_EQ(j["totals"]["inflight"], 1);
  EXPECT_EQ(j["totals"]["dead"], 3);
  EXPECT_EQ(j["totals"]["workers"], 4);
  EXPECT_EQ(j["totals"]["paused_services"], 1);
  EXPECT_EQ(j["services"][1]["paused"], true);
  EXPECT_EQ(j["timers"]["pending"], 7);
  EXPECT_TRUE(j["timers"]["next_due_ms"].is_null());
  EXPECT_EQ(j["counters"]["completed"], 5);
  EXPECT_EQ(j["broker"]["sampled_at"], "2026-01-01T08:00:00+08:00");
}

TEST(ApiJsonTest, SuggestionLeavesOutTheDeputyContact) {
  protocol::GetReply r;
  r.suggestion.code = "S2026-00001";
  r.suggestion.draft.deputy = {"D1", "王丽华", "13800000000"};
  r.suggestion.units = {{"jyj", protocol::UnitRole::kLead, "ISSUED"}};
  r.timeline = {{1'767'225'600'000, "deputy:D1", "submitted", "", "SUBMITTED", "", ""}};
  Presentation p;
  p.unit_names["jyj"] = "市教育局";
  Json j = SuggestionJson(r, p);
  EXPECT_EQ(Dump(j).find("13800000000"), std::string::npos);
  EXPECT_EQ(j["suggestion"]["draft"]["deputy"]["name"], "王丽华");
  EXPECT_EQ(j["suggestion"]["units"][0]["name"], "市教育局");
  EXPECT_EQ(j["suggestion"]["units"][0]["role"], "lead");
  EXPECT_EQ(j["timeline"][0]["at"], "2026-01-01T08:00:00+08:00");
}

TEST(ApiJsonTest, InvalidUtf8IsReplacedNotThrown) {
  Json j = ErrorJson("INTERNAL", std::string("bad \xff byte"));
  std::string text;
  ASSERT_NO_THROW(text = Dump(j));
  EXPECT_EQ(text.find('\xff'), std::string::npos) << "the invalid byte is not passed on";
  // The byte became U+FFFD (the replacement character, UTF-8 EF BF BD) in place, nothing else.
  EXPECT_NE(text.find("\"bad \xEF\xBF\xBD byte\""), std::string::npos) << text;
  Json back = Json::parse(text);  // and the whole text is valid JSON again
  EXPECT_EQ(back["error"]["message"], "bad \xEF\xBF\xBD byte");
  EXPECT_EQ(back["error"]["code"], "INTERNAL");
}

TEST(ApiJsonTest, HttpStatusPerCode) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(StatusCode::kDeadlineExceeded), 503);
  EXPECT_EQ(HttpStatusFor(StatusCode::kProtocolError), 502);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInternal), 500);
}

// The dashboard's warning: a year whose pending timers assumed Monday to Friday (no calendar
// file), or one that needs a re-plan; nothing for a year that is fine. Issue 9, hole 9.
TEST(ApiJsonTest, OverviewCarriesTheCalendarWarnings) {
  Snapshot s;
  s.broker_up = true;
  protocol::CalendarReply cal;
  cal.loaded = {2026};
  cal.years = {{2026, true, "notice", 12, 0, false}, {2027, false, "", 4, 4, false}};
  s.calendar.value = cal;
  Json j = OverviewJson(s, Presentation{});
  EXPECT_EQ(j["calendar"]["loaded"], Json::array({2026}));
  ASSERT_EQ(j["calendar"]["years"].size(), 2u);
  ASSERT_EQ(j["calendar"]["warnings"].size(), 1u);
  EXPECT_EQ(j["calendar"]["warnings"][0]["year"], 2027);
  EXPECT_EQ(j["calendar"]["warnings"][0]["assumed"], 4);
  s.calendar.value->years[1] = {2027, true, "test", 4, 0, false};
  EXPECT_TRUE(OverviewJson(s, Presentation{})["calendar"]["warnings"].empty());
  s.calendar.value->years[1].replan_needed = true;
  EXPECT_EQ(OverviewJson(s, Presentation{})["calendar"]["warnings"].size(), 1u);
}

}  // namespace
}  // namespace duban::monitor
