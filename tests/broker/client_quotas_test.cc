// ClientQuotas as stories with plain Millis (no clock, no sleeps). Added with the issue "Nothing
// lost, nothing doubled" (hole 5): one client connection could queue without limit.
#include "broker/client_quotas.h"

#include <gtest/gtest.h>

namespace duban::broker {
namespace {

constexpr Millis kT0 = 1'767'225'600'000;

TEST(ClientQuotasTest, ABurstThenTheRate) {
  ClientQuotas q(/*rate_per_s=*/10, /*burst=*/5, /*max_inflight=*/100);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(q.AdmitRequest("c1", kT0)) << i;
  EXPECT_FALSE(q.AdmitRequest("c1", kT0)) << "the burst is spent";
  EXPECT_TRUE(q.AdmitRequest("c2", kT0)) << "another client has its own bucket";
  EXPECT_FALSE(q.AdmitRequest("c1", kT0 + 99)) << "0.99 of a token after 99 ms at 10/s";
  EXPECT_TRUE(q.AdmitRequest("c1", kT0 + 100));
  EXPECT_FALSE(q.AdmitRequest("c1", kT0 + 100));
  // Idle for a long time: the bucket fills up to the burst, not beyond.
  int admitted = 0;
  while (q.AdmitRequest("c1", kT0 + 60000)) ++admitted;
  EXPECT_EQ(admitted, 5);
}

TEST(ClientQuotasTest, InFlightIsCappedAndAnswersFreeIt) {
  ClientQuotas q(1000, 1000, /*max_inflight=*/2);
  ASSERT_TRUE(q.AdmitRequest("c1", kT0));
  EXPECT_TRUE(q.AdmitOpaque("c1"));
  EXPECT_TRUE(q.AdmitOpaque("c1"));
  EXPECT_FALSE(q.AdmitOpaque("c1"));
  EXPECT_EQ(q.InFlight("c1"), 2);
  q.OpaqueDone("c1");
  EXPECT_TRUE(q.AdmitOpaque("c1"));
  q.OpaqueDone("c1");
  q.OpaqueDone("c1");
  q.OpaqueDone("c1");  // more answers than requests (a duplicate): never below zero
  EXPECT_EQ(q.InFlight("c1"), 0);
}

TEST(ClientQuotasTest, IdleClientsAreForgotten) {
  ClientQuotas q(10, 5, 2);
  ASSERT_TRUE(q.AdmitRequest("old", kT0));
  ASSERT_TRUE(q.AdmitOpaque("old"));
  ASSERT_TRUE(q.AdmitRequest("new", kT0 + 50000));
  q.Prune(kT0 + 60001, 60000);
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(q.InFlight("old"), 0);
  EXPECT_TRUE(q.AdmitRequest("new", kT0 + 60001));
}

}  // namespace
}  // namespace duban::broker
