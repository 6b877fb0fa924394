// The throttle of failed sign-ins: 5 per key within 5 minutes, then a wait. Time is passed in.
#include "common/http/login_throttle.h"

#include <gtest/gtest.h>

namespace duban::http {
namespace {

constexpr Millis kMinute = 60 * 1000;

TEST(LoginThrottleTest, RefusesAfterFiveFailuresWithinFiveMinutes) {
  LoginThrottle t(5, 5 * kMinute);
  Millis now = 1'000'000;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(t.WaitMs("name:wang", now), 0);
    t.Failed("name:wang", now);
    now += kMinute;  // failures at 0, 1, 2, 3 minutes
  }
  EXPECT_EQ(t.WaitMs("name:wang", now), 0);
  t.Failed("name:wang", now);  // the fifth, at 4 minutes
  // Free again when the failure at 0 minutes leaves the window, at 5 minutes.
  EXPECT_EQ(t.WaitMs("name:wang", now), kMinute);
  EXPECT_EQ(t.WaitMs("name:li", now), 0) << "another key is not throttled";
  EXPECT_EQ(t.WaitMs("name:wang", now + kMinute - 1), 1);
  EXPECT_EQ(t.WaitMs("name:wang", now + kMinute), 0);
  // Failures spread wider than the window never add up to five.
  LoginThrottle slow(5, 5 * kMinute);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(slow.WaitMs("peer:10.0.0.9", i * 2 * kMinute), 0) << i;
    slow.Failed("peer:10.0.0.9", i * 2 * kMinute);
  }
  t.Clear("name:wang");
  EXPECT_EQ(t.WaitMs("name:wang", now), 0);
  EXPECT_EQ(slow.Tracked(100 * kMinute), 0u) << "old keys are dropped";
}

}  // namespace
}  // namespace duban::http
