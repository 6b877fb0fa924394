// dubanctl --json: wire names in wire order, an ISO time beside each *_ms instant, UTF-8 kept
// readable, and invalid UTF-8 from a broker replaced instead of aborting the output.
#include "dubanctl/json_view.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace duban::ctl {
namespace {

using namespace duban::protocol;

TEST(JsonView, QueuesKeepTheWireNamesInOrder) {
  QueuesReply r;
  r.services.push_back({"assignment", 3, 1, 0, 2, 1, true});
  r.timers = 5;
  r.next_timer_due_ms = 1000;
  Json j = ToJson(r);
  ASSERT_TRUE(j.contains("services"));
  const Json& s = j["services"][0];
  EXPECT_EQ(s["name"], "assignment");
  EXPECT_EQ(s["queued"], 3);
  EXPECT_EQ(s["inflight"], 1);
  EXPECT_EQ(s["paused"], true);
  EXPECT_EQ(j["timers"], 5);
  EXPECT_EQ(j["store"], "ok");
  // Wire order, not alphabetical: "services" comes before "timers" as in the struct.
  const std::string text = j.dump();
  EXPECT_LT(text.find("\"services\""), text.find("\"timers\""));
}

TEST(JsonView, DeadLettersCarryTheirInstantAlsoAsIsoTime) {
  DlqReply r;
  r.entries.push_back({"000000000042", "reminder", "lease expired", 5, 1'772'328'600'000});
  Json j = ToJson(r, 480);
  const Json& e = j["entries"][0];
  EXPECT_EQ(e["task_id"], "000000000042");
  EXPECT_EQ(e["at_ms"], 1'772'328'600'000);
  EXPECT_EQ(e["at"], "2026-03-01T09:30:00+08:00");
  EXPECT_EQ(j["replayed"], 0);
}

TEST(JsonView, StatsAreAnObjectByCounterName) {
  StatsReply r;
  r.counters = {{"api.submitted", 7}, {"broker.dispatched", 9}};
  Json j = ToJson(r);
  EXPECT_EQ(j["counters"]["api.submitted"], 7);
  EXPECT_EQ(j["counters"]["broker.dispatched"], 9);
}

TEST(JsonView, AFailureIsItsCodeAndMessage) {
  Json j = ToJson(FailedPrecondition("suggestion S1 is CLOSED"));
  EXPECT_EQ(j["code"], "FAILED_PRECONDITION");
  EXPECT_EQ(j["message"], "suggestion S1 is CLOSED");
}

TEST(JsonView, PrintKeepsChineseReadableAndSurvivesInvalidUtf8) {
  ListReply r;
  r.total = 1;
  r.items.push_back({"S2026-00001", "关于公交线路的建议\xff", "ASSIGNED", "jtj", "2026-06-01"});
  std::ostringstream out;
  Print(out, ToJson(r));
  const std::string text = out.str();
  EXPECT_NE(text.find("关于公交线路的建议"), std::string::npos) << text;
  EXPECT_EQ(text.find("\\u"), std::string::npos) << "no \\u escapes: " << text;
  EXPECT_NE(text.find("\xEF\xBF\xBD"), std::string::npos) << "the bad byte becomes U+FFFD";
  EXPECT_EQ(text.back(), '\n');
}

}  // namespace
}  // namespace duban::ctl
