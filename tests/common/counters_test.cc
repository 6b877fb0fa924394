#include "common/counters.h"

#include <gtest/gtest.h>

namespace duban {
namespace {

TEST(CountersTest, HistogramBucketsAreCumulativeAndComplete) {
  Counters c;
  const std::vector<std::int64_t> bounds = {1, 5, 10};
  c.Observe("lat_ms", 0, bounds);
  c.Observe("lat_ms", 5, bounds);
  c.Observe("lat_ms", 7, bounds);
  c.Observe("lat_ms", 100, bounds);
  c.Observe("lat_ms", -3, bounds);  // counts as 0
  EXPECT_EQ(c.Get("lat_ms.le_1"), 2u);
  EXPECT_EQ(c.Get("lat_ms.le_5"), 3u);
  EXPECT_EQ(c.Get("lat_ms.le_10"), 4u);
  EXPECT_EQ(c.Get("lat_ms.le_inf"), 5u);
  EXPECT_EQ(c.Get("lat_ms.count"), 5u);
  EXPECT_EQ(c.Get("lat_ms.sum"), 112u);
}

TEST(CountersTest, EmptyBucketsArePresentAfterTheFirstObservation) {
  Counters c;
  c.Observe("x_ms", 50, {1, 10});
  auto snap = c.Snapshot();
  ASSERT_EQ(snap.count("x_ms.le_1"), 1u);
  EXPECT_EQ(snap["x_ms.le_1"], 0u);
  EXPECT_EQ(snap["x_ms.le_10"], 0u);
  EXPECT_EQ(snap["x_ms.le_inf"], 1u);
}

}  // namespace
}  // namespace duban
