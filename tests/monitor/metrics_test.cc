// /metrics from a snapshot: the families the issue names, per-service labels, histograms in
// seconds, every sample under a family with # HELP and # TYPE, and nothing stale when the broker
// is down.
#include "monitor/metrics.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

namespace duban::monitor {
namespace {

Snapshot UpSnapshot() {
  Snapshot s;
  s.broker_up = true;
  s.sampled_at_ms = 1'767'225'600'000;
  s.rounds = 3;
  protocol::ServiceStats a{"assignment", 22, 1, 2, 3, 2, false};
  protocol::ServiceStats r{"reminder", 0, 0, 0, 1, 1, true};
  s.queues.services = {a, r};
  s.queues.timers = 5;
  s.queues.next_timer_due_ms = 1'767'225'660'000;
  s.counters = {{"broker.dispatched", 40},
                {"broker.acked", 10},
                {"broker.outcomes_applied", 25},
                {"broker.retried", 4},
                {"broker.dead_lettered", 2},
                {"broker.bad_frames", 1},
                {"broker.timer_lateness_ms.le_5", 3},
                {"broker.timer_lateness_ms.le_50", 4},
                {"broker.timer_lateness_ms.le_inf", 5},
                {"broker.timer_lateness_ms.sum", 900},
                {"broker.timer_lateness_ms.count", 5},
                {"broker.redis_rtt_us.le_250", 7},
                {"broker.redis_rtt_us.le_inf", 8},
                {"broker.redis_rtt_us.sum", 4000},
                {"broker.redis_rtt_us.count", 8}};
  s.workers.value = protocol::WorkersReply{{{"00aa", "assignment", true, "000000000001", 1200}}};
  return s;
}

// Checks the structure and returns sample name+labels -> value text.
std::map<std::string, std::string> Parse(const std::string& text) {
  std::map<std::string, std::string> samples;
  std::istringstream in(text);
  std::string line, family, type;
  std::set<std::string> helped;
  while (std::getline(in, line)) {
    if (line.rfind("# HELP ", 0) == 0) {
      helped.insert(line.substr(7, line.find(' ', 7) - 7));
      continue;
    }
    if (line.rfind("# TYPE ", 0) == 0) {
      std::istringstream t(line.substr(7));
      t >> family >> type;
      EXPECT_TRUE(helped.count(family)) << "TYPE before HELP: " << line;
      continue;
    }
    std::string key = line.substr(0, line.rfind(' '));
    std::string name = key.substr(0, key.find('{'));
    bool ok = name == family ||
              (type == "histogram" && (name == family + "_bucket" || name == family + "_sum" ||
                                       name == family + "_count"));
    EXPECT_TRUE(ok) << "sample outside its family " << family << ": " << line;
    EXPECT_TRUE(samples.emplace(key, line.substr(line.rfind(' ') + 1)).second) << "twice: " << line;
  }
  return samples;
}

TEST(MetricsTest, EveryNamedFamilyWithServiceLabels) {
  std::string text = RenderMetrics(UpSnapshot());
  auto m = Parse(text);
  EXPECT_EQ(m["duban_broker_up"], "1");
  EXPECT_EQ(m["duban_queue_depth{service=\"assignment\"}"], "22");
  EXPECT_EQ(m["duban_queue_depth{service=\"reminder\"}"], "0");
  EXPECT_EQ(m["duban_inflight_tasks{service=\"assignment\"}"], "1");
  EXPECT_EQ(m["duban_dead_letters{service=\"assignment\"}"], "2");
  EXPECT_EQ(m["duban_workers_live{service=\"assignment\"}"], "3");
  EXPECT_EQ(m["duban_service_paused{service=\"reminder\"}"], "1");
  EXPECT_EQ(m["duban_timers_pending"], "5");
  EXPECT_EQ(m["duban_next_timer_due_timestamp_seconds"], "1767225660");
  EXPECT_EQ(m["duban_dispatched_total"], "40");
  EXPECT_EQ(m["duban_acked_total"], "10");
  EXPECT_EQ(m["duban_outcomes_applied_total"], "25");
  EXPECT_EQ(m["duban_retried_total"], "4");
  EXPECT_EQ(m["duban_dead_lettered_total"], "2");
  EXPECT_EQ(m["duban_worker_last_seen_seconds{service=\"assignment\",worker=\"00aa\"}"], "1.2");
  EXPECT_EQ(m["duban_broker_events_total{counter=\"broker.bad_frames\"}"], "1");
  // Counters with a family of their own and histogram parts are not repeated as events.
  EXPECT_EQ(m.count("duban_broker_events_total{counter=\"broker.dispatched\"}"), 0u);
  EXPECT_EQ(text.find("counter=\"broker.timer_lateness_ms"), std::string::npos);
  EXPECT_NE(text.find("# TYPE duban_timer_lateness_seconds histogram\n"), std::string::npos);
}

TEST(MetricsTest, HistogramsAreInSeconds) {
  auto m = Parse(RenderMetrics(UpSnapshot()));
  EXPECT_EQ(m["duban_timer_lateness_seconds_bucket{le=\"0.005\"}"], "3");
  EXPECT_EQ(m["duban_timer_lateness_seconds_bucket{le=\"0.05\"}"], "4");
  EXPECT_EQ(m["duban_timer_lateness_seconds_bucket{le=\"+Inf\"}"], "5");
  EXPECT_EQ(m["duban_timer_lateness_seconds_sum"], "0.9");
  EXPECT_EQ(m["duban_timer_lateness_seconds_count"], "5");
  EXPECT_EQ(m["duban_redis_roundtrip_seconds_bucket{le=\"0.00025\"}"], "7");
  EXPECT_EQ(m["duban_redis_roundtrip_seconds_sum"], "0.004");
  EXPECT_EQ(m["duban_redis_roundtrip_seconds_count"], "8");
}

TEST(MetricsTest, HistogramsExistBeforeAnyObservation) {
  Snapshot s = UpSnapshot();
  s.counters = {};
  auto m = Parse(RenderMetrics(s));
  EXPECT_EQ(m["duban_timer_lateness_seconds_bucket{le=\"+Inf\"}"], "0");
  EXPECT_EQ(m["duban_timer_lateness_seconds_count"], "0");
  EXPECT_EQ(m["duban_dispatched_total"], "0");
}

TEST(MetricsTest, NoNextTimerSampleWhenNoneIsPending) {
  Snapshot s = UpSnapshot();
  s.queues.next_timer_due_ms = -1;
  std::string text = RenderMetrics(s);
  Parse(text);
  EXPECT_NE(text.find("# TYPE duban_next_timer_due_timestamp_seconds gauge"), std::string::npos);
  EXPECT_EQ(text.find("\nduban_next_timer_due_timestamp_seconds "), std::string::npos);
}

TEST(MetricsTest, BrokerDownShowsNoStaleFigures) {
  Snapshot s = UpSnapshot();
  s.broker_up = false;
  s.failed_rounds = 1;
  std::string text = RenderMetrics(s);
  auto m = Parse(text);
  EXPECT_EQ(m["duban_broker_up"], "0");
  EXPECT_EQ(m["duban_monitor_failed_rounds_total"], "1");
  EXPECT_EQ(text.find("duban_queue_depth"), std::string::npos);
  EXPECT_EQ(text.find("duban_dispatched_total"), std::string::npos);
}

TEST(MetricsTest, ServiceNamesAreEscaped) {
  Snapshot s = UpSnapshot();
  s.queues.services[0].name = "a\"b";
  std::string text = RenderMetrics(s);
  EXPECT_NE(text.find("duban_queue_depth{service=\"a\\\"b\"} 22"), std::string::npos) << text;
}

// Issue 9, hole 9: pending timers counted on a year with no calendar, per year, and 0 once the
// year arrived and was re-planned (the series stays, so the drop to 0 is seen).
TEST(MetricsTest, TimersOnAnAssumedCalendarPerYear) {
  Snapshot s = UpSnapshot();
  protocol::CalendarReply cal;
  cal.loaded = {2026};
  cal.years = {{2026, true, "notice", 12, 0, false}, {2027, false, "", 4, 4, false}};
  s.calendar.value = cal;
  std::string text = RenderMetrics(s);
  Parse(text);
  EXPECT_NE(text.find("# TYPE duban_timers_on_assumed_calendar gauge"), std::string::npos);
  EXPECT_NE(text.find("duban_timers_on_assumed_calendar{year=\"2026\"} 0"), std::string::npos);
  EXPECT_NE(text.find("duban_timers_on_assumed_calendar{year=\"2027\"} 4"), std::string::npos);
  EXPECT_NE(text.find("duban_calendar_replan_needed{year=\"2027\"} 0"), std::string::npos);
  s.calendar.value->years[1] = {2027, true, "test", 4, 0, true};
  text = RenderMetrics(s);
  EXPECT_NE(text.find("duban_timers_on_assumed_calendar{year=\"2027\"} 0"), std::string::npos);
  EXPECT_NE(text.find("duban_calendar_replan_needed{year=\"2027\"} 1"), std::string::npos);
  // An older broker without duban.calendar: no family at all rather than a false 0.
  s.calendar.value.reset();
  s.calendar.error = "NOT_FOUND: unknown service 'duban.calendar'";
  EXPECT_EQ(RenderMetrics(s).find("duban_timers_on_assumed_calendar"), std::string::npos);
}

TEST(MetricsTest, RefusedRequestsByReasonEvenWithTheBrokerDown) {
  Snapshot s = UpSnapshot();
  s.broker_up = false;
  RefusalCounts refused{};
  refused[static_cast<std::size_t>(Refusal::kHost)] = 3;
  refused[static_cast<std::size_t>(Refusal::kCsrf)] = 2;
  std::string text = RenderMetrics(s, refused);
  auto m = Parse(text);
  EXPECT_NE(text.find("# TYPE duban_monitor_refused_requests_total counter"), std::string::npos);
  EXPECT_EQ(m["duban_monitor_refused_requests_total{reason=\"host\"}"], "3");
  EXPECT_EQ(m["duban_monitor_refused_requests_total{reason=\"csrf\"}"], "2");
  EXPECT_EQ(m["duban_monitor_refused_requests_total{reason=\"sign_in_throttled\"}"], "0");
}

}  // namespace
}  // namespace duban::monitor
