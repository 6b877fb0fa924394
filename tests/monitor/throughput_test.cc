// The hour ring buffer: points are counter differences between samples, old points drop out of
// the window or are overwritten, and a broker restart (counters back to zero) is never negative.
#include "monitor/throughput.h"

#include <gtest/gtest.h>

namespace duban::monitor {
namespace {

constexpr Millis kStart = 1'767'225'600'000;

CounterTotals Completed(std::int64_t n) { return {n, n, 0}; }

TEST(ThroughputTest, FirstSampleIsOnlyTheBaseline) {
  ThroughputSeries s(ThroughputSeries::kHourMs, 5000);
  s.Record(kStart, Completed(100));
  EXPECT_TRUE(s.Points(kStart).empty());
  s.Record(kStart + 5000, Completed(130));
  auto p = s.Points(kStart + 5000);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].completed, 30);
  EXPECT_EQ(p[0].interval_ms, 5000);
  EXPECT_EQ(p[0].at_ms, kStart + 5000);
}

TEST(ThroughputTest, TotalsComeFromAckedPlusOutcomesApplied) {
  CounterMap c = {{"broker.acked", 3},
                  {"broker.outcomes_applied", 4},
                  {"broker.dispatched", 9},
                  {"broker.dead_lettered", 1}};
  CounterTotals t = TotalsFrom(c);
  EXPECT_EQ(t.completed, 7);
  EXPECT_EQ(t.dispatched, 9);
  EXPECT_EQ(t.dead_lettered, 1);
  EXPECT_EQ(TotalsFrom({}).completed, 0);
}

TEST(ThroughputTest, KeepsOnlyTheLastHourOldestFirst) {
  ThroughputSeries s(ThroughputSeries::kHourMs, 5000);
  Millis t = kStart;
  std::int64_t total = 0;
  s.Record(t, Completed(total));
  for (int i = 1; i <= 1000; ++i) {  // more than an hour of 5 s samples
    t += 5000;
    total += i;
    s.Record(t, Completed(total));
  }
  auto p = s.Points(t);
  EXPECT_LE(p.size(), s.capacity());
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p.back().completed, 1000);
  EXPECT_GT(p.front().at_ms, t - ThroughputSeries::kHourMs);
  EXPECT_EQ(p.size(), 720u);  // (t - 1 h, t] holds 720 sample times 5 s apart
  for (std::size_t i = 1; i < p.size(); ++i) EXPECT_LT(p[i - 1].at_ms, p[i].at_ms);
}

TEST(ThroughputTest, PointsAgeOutOfTheWindowWithoutNewSamples) {
  ThroughputSeries s(ThroughputSeries::kHourMs, 5000);
  s.Record(kStart, Completed(0));
  s.Record(kStart + 5000, Completed(5));
  EXPECT_EQ(s.Points(kStart + 5000 + ThroughputSeries::kHourMs - 1).size(), 1u);
  EXPECT_TRUE(s.Points(kStart + 5000 + ThroughputSeries::kHourMs).empty());
}

TEST(ThroughputTest, BrokerRestartCountsTheNewTotalsNotANegative) {
  ThroughputSeries s(ThroughputSeries::kHourMs, 5000);
  s.Record(kStart, {500, 500, 7});
  s.Record(kStart + 5000, {12, 15, 0});  // restarted: counters began again at zero
  auto p = s.Points(kStart + 5000);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].completed, 12);
  EXPECT_EQ(p[0].dispatched, 15);
  EXPECT_EQ(p[0].dead_lettered, 0);
}

TEST(ThroughputTest, GapStartsANewBaseline) {
  ThroughputSeries s(ThroughputSeries::kHourMs, 5000);
  s.Record(kStart, Completed(10));
  s.Gap();  // the broker did not answer
  s.Record(kStart + 60000, Completed(50));
  EXPECT_TRUE(s.Points(kStart + 60000).empty());
  s.Record(kStart + 65000, Completed(55));
  auto p = s.Points(kStart + 65000);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].completed, 5);
}

TEST(ThroughputTest, ClockSteppingBackOnlyResetsTheBaseline) {
  ThroughputSeries s(ThroughputSeries::kHourMs, 5000);
  s.Record(kStart, Completed(10));
  s.Record(kStart - 1000, Completed(20));
  EXPECT_TRUE(s.Points(kStart).empty());
  s.Record(kStart + 4000, Completed(26));
  auto p = s.Points(kStart + 4000);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].completed, 6);
  EXPECT_EQ(p[0].interval_ms, 5000);
}

}  // namespace
}  // namespace duban::monitor
