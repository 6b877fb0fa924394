// The broker's histogram counters (NAME.le_B, NAME.le_inf, NAME.sum, NAME.count) become one
// Prometheus histogram in seconds, always cumulative and with count == the +Inf bucket.
#include "monitor/histogram.h"

#include <gtest/gtest.h>

namespace duban::monitor {
namespace {

TEST(HistogramTest, MillisecondBucketsBecomeSecondsInNumericOrder) {
  // The map orders "le_10" before "le_5": the histogram must not.
  CounterMap c = {{"broker.timer_lateness_ms.le_1", 2},
                  {"broker.timer_lateness_ms.le_10", 7},
                  {"broker.timer_lateness_ms.le_5", 5},
                  {"broker.timer_lateness_ms.le_inf", 9},
                  {"broker.timer_lateness_ms.sum", 123},
                  {"broker.timer_lateness_ms.count", 9},
                  {"broker.dispatched", 40}};
  auto h = HistogramFromCounters(c, "broker.timer_lateness_ms", 1e3);
  ASSERT_TRUE(h.has_value());
  ASSERT_EQ(h->buckets.size(), 3u);
  EXPECT_DOUBLE_EQ(h->buckets[0].upper_bound, 0.001);
  EXPECT_DOUBLE_EQ(h->buckets[1].upper_bound, 0.005);
  EXPECT_DOUBLE_EQ(h->buckets[2].upper_bound, 0.010);
  EXPECT_EQ(h->buckets[0].count, 2);
  EXPECT_EQ(h->buckets[1].count, 5);
  EXPECT_EQ(h->buckets[2].count, 7);
  EXPECT_EQ(h->count, 9);
  EXPECT_DOUBLE_EQ(h->sum, 0.123);
}

TEST(HistogramTest, MicrosecondsDivideExactly) {
  CounterMap c = {{"broker.redis_rtt_us.le_250", 1}, {"broker.redis_rtt_us.le_inf", 1}};
  auto h = HistogramFromCounters(c, "broker.redis_rtt_us", 1e6);
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->buckets[0].upper_bound, 0.00025);  // the double nearest 0.00025, not 250 * 1e-6
}

TEST(HistogramTest, AbsentHistogramIsNullopt) {
  CounterMap c = {{"broker.dispatched", 3}};
  EXPECT_FALSE(HistogramFromCounters(c, "broker.timer_lateness_ms", 1e3).has_value());
}

TEST(HistogramTest, NonCumulativeInputIsRaisedAndInfNeverBelowLastBucket) {
  CounterMap c = {{"x.le_1", 5}, {"x.le_2", 3}, {"x.le_inf", 4}, {"x.count", 4}};
  auto h = HistogramFromCounters(c, "x", 1);
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->buckets[1].count, 5);
  EXPECT_EQ(h->count, 5);
}

TEST(HistogramTest, CountStandsInForAMissingInfBucket) {
  CounterMap c = {{"x.le_1", 1}, {"x.count", 6}, {"x.sum", 10}};
  auto h = HistogramFromCounters(c, "x", 1);
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->count, 6);
  EXPECT_DOUBLE_EQ(h->sum, 10);
}

TEST(HistogramTest, UnparseableBoundsAreIgnored) {
  CounterMap c = {{"x.le_abc", 9}, {"x.le_2", 1}, {"x.le_inf", 1}};
  auto h = HistogramFromCounters(c, "x", 1);
  ASSERT_TRUE(h.has_value());
  ASSERT_EQ(h->buckets.size(), 1u);
  EXPECT_EQ(h->buckets[0].upper_bound, 2);
}

TEST(HistogramTest, PartsOfAHistogramAreRecognised) {
  CounterMap c = {{"x.le_1", 1}, {"x.sum", 1}, {"x.count", 1}, {"y.count", 4}};
  EXPECT_TRUE(IsHistogramPart(c, "x.le_1"));
  EXPECT_TRUE(IsHistogramPart(c, "x.sum"));
  EXPECT_TRUE(IsHistogramPart(c, "x.count"));
  EXPECT_FALSE(IsHistogramPart(c, "y.count"));  // no bucket: an ordinary counter
  EXPECT_FALSE(IsHistogramPart(c, "broker.dispatched"));
}

}  // namespace
}  // namespace duban::monitor
