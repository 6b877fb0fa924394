// dubanctl --json: the replies as protocol::ToJson makes them — wire names in wire order, an ISO
// time beside each *_ms instant — UTF-8 kept readable, and invalid UTF-8 from a broker replaced
// instead of aborting the output.
#include "dubanctl/json_view.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "dubanctl/calendar_replan.h"
#include "dubanctl/report_command.h"
#include "dubanctl/unit_commands.h"

namespace duban::ctl {
namespace {

using namespace duban::protocol;

TEST(JsonView, QueuesKeepTheWireNamesInOrder) {
  QueuesReply r;
  r.services.push_back({"assignment", 3, 1, 0, 2, 1, true});
  r.timers = 5;
  r.next_timer_due_ms = 1000;
  Json j = protocol::ToJson(r);
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
  Json j = protocol::ToJson(r, JsonOptions{480});
  const Json& e = j["entries"][0];
  EXPECT_EQ(e["task_id"], "000000000042");
  EXPECT_EQ(e["at_ms"], 1'772'328'600'000);
  EXPECT_EQ(e["at"], "2026-03-01T09:30:00+08:00");
  EXPECT_EQ(j["replayed"], 0);
}

TEST(JsonView, StatsAreAnObjectByCounterName) {
  StatsReply r;
  r.counters = {{"api.submitted", 7}, {"broker.dispatched", 9}};
  Json j = protocol::ToJson(r);
  EXPECT_EQ(j["counters"]["api.submitted"], 7);
  EXPECT_EQ(j["counters"]["broker.dispatched"], 9);
}

// What dubanctl adds onto the generic object: only what the reply does not carry.
TEST(JsonView, ReportAddsUnitNamesAndRatesOntoTheWireFields) {
  Context ctx;
  ctx.unit_names = {{"jyj", "市教育局"}};
  ReportReply r;
  r.session = "2026";
  r.overall.assigned = 6;
  r.overall.replied = 5;
  ReportRow row = r.overall;
  row.unit = "jyj";
  r.units.push_back(row);
  r.generated_ms = 1'772'328'600'000;
  Json j = ReportJson(ctx, r);
  EXPECT_EQ(j["generated_ms"], 1'772'328'600'000);
  EXPECT_EQ(j["generated"], "2026-03-01T09:30:00+08:00");
  EXPECT_FALSE(j.contains("generated_at"));
  EXPECT_EQ(j["overall"]["unit"], "");
  EXPECT_EQ(j["overall"]["unit_name"], "合计");
  EXPECT_EQ(j["units"][0]["unit_name"], "市教育局");
  EXPECT_EQ(j["units"][0]["assigned"], 6);
  EXPECT_EQ(j["units"][0]["rates"]["reply"]["percent"], 83.3);
  EXPECT_EQ(j["units"][0]["rates"]["reply"]["text"], "83.3%");
  EXPECT_TRUE(j["units"][0]["rates"]["satisfaction"]["percent"].is_null());
  EXPECT_TRUE(j["units"][0]["by_class"].is_array());
}

TEST(JsonView, InboxNamesItsRecipientFirst) {
  InboxReply r;
  r.notices.push_back({1'772'328'600'000, "S2026-00001", "reminder", "t"});
  r.total = 1;
  Json j = InboxJson("unit:jyj", r, 480);
  EXPECT_EQ(j.begin().key(), "recipient");
  EXPECT_EQ(j["recipient"], "unit:jyj");
  EXPECT_EQ(j["notices"][0]["at"], "2026-03-01T09:30:00+08:00");
  EXPECT_EQ(j["total"], 1);
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
  Print(out, protocol::ToJson(r));
  const std::string text = out.str();
  EXPECT_NE(text.find("关于公交线路的建议"), std::string::npos) << text;
  EXPECT_EQ(text.find("\\u"), std::string::npos) << "no \\u escapes: " << text;
  EXPECT_NE(text.find("\xEF\xBF\xBD"), std::string::npos) << "the bad byte becomes U+FFFD";
  EXPECT_EQ(text.back(), '\n');
}

}  // namespace
}  // namespace duban::ctl
