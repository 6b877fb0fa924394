// ServiceTable as a story with plain Millis values: a service with idle workers is asked for work
// once at start, after this broker queued something for it (MarkPending), after a full batch (there
// may be more) and when the poll interval has passed; a short batch means its queue is empty.
// Also the service-name rule that keeps Redis keys and task addresses unambiguous.
#include "broker/service_table.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace duban::broker {
namespace {

constexpr std::int64_t kPollMs = 1000;
constexpr Millis kT0 = 1'767'225'600'000;
constexpr Millis kNever = std::numeric_limits<Millis>::max();

using Idle = std::vector<std::pair<std::string, std::int64_t>>;

TEST(ServiceTableTest, AnUnknownServiceIsLookedAtOnce) {
  ServiceTable table(kPollMs);
  EXPECT_EQ(table.Wants({{"reminder", 2}}, kT0), (Idle{{"reminder", 2}}));
  EXPECT_EQ(table.NextPollMs({{"escalation", 1}}), 0);  // never seen: due now
}

TEST(ServiceTableTest, ShortDispatchClearsPendingUntilThePollIntervalPasses) {
  ServiceTable table(kPollMs);
  const Idle idle = {{"reminder", 2}};
  ASSERT_EQ(table.Wants(idle, kT0), idle);
  // Asked for 2, got 1: the queue is empty.
  table.Dispatched("reminder", 2, 1, kT0);
  EXPECT_TRUE(table.Wants(idle, kT0).empty());
  EXPECT_TRUE(table.Wants(idle, kT0 + kPollMs - 1).empty());
  EXPECT_EQ(table.NextPollMs(idle), kT0 + kPollMs);
  // The poll interval re-arms it: another broker may have queued work meanwhile.
  EXPECT_EQ(table.Wants(idle, kT0 + kPollMs), idle);
  EXPECT_EQ(table.Wants(idle, kT0 + 5 * kPollMs), idle);
  // Polled again and still empty: quiet for another interval.
  table.Dispatched("reminder", 2, 0, kT0 + kPollMs);
  EXPECT_TRUE(table.Wants(idle, kT0 + 2 * kPollMs - 1).empty());
  EXPECT_EQ(table.NextPollMs(idle), kT0 + 2 * kPollMs);
}

TEST(ServiceTableTest, FullDispatchKeepsItPending) {
  ServiceTable table(kPollMs);
  const Idle idle = {{"reminder", 3}};
  table.Dispatched("reminder", 3, 3, kT0);  // a full batch: there may be more
  EXPECT_EQ(table.Wants(idle, kT0 + 1), idle);
  EXPECT_EQ(table.NextPollMs(idle), 0);
}

TEST(ServiceTableTest, MarkPendingWakesItBeforeTheInterval) {
  ServiceTable table(kPollMs);
  const Idle idle = {{"reminder", 1}, {"escalation", 4}};
  table.Dispatched("reminder", 1, 0, kT0);
  table.Dispatched("escalation", 4, 0, kT0);
  ASSERT_TRUE(table.Wants(idle, kT0 + 10).empty());

  // A submit queued work for reminder only.
  table.MarkPending("reminder");
  EXPECT_EQ(table.Wants(idle, kT0 + 10), (Idle{{"reminder", 1}}));
  EXPECT_EQ(table.NextPollMs(idle), 0);
  table.Dispatched("reminder", 1, 0, kT0 + 10);
  EXPECT_TRUE(table.Wants(idle, kT0 + 20).empty());

  // After a Redis outage everything may have work.
  table.MarkAllPending();
  EXPECT_EQ(table.Wants(idle, kT0 + 20), idle);
}

TEST(ServiceTableTest, OnlyServicesWithIdleWorkersAreWanted) {
  ServiceTable table(kPollMs);
  table.MarkPending("survey");  // pending, but nobody idle to take it
  EXPECT_TRUE(table.Wants({}, kT0).empty());
  EXPECT_EQ(table.Wants({{"reminder", 5}}, kT0), (Idle{{"reminder", 5}}));
  EXPECT_EQ(table.NextPollMs({}), kNever);
}

TEST(ServiceTableTest, NextPollIsTheEarliestDuePoll) {
  ServiceTable table(kPollMs);
  table.Dispatched("reminder", 1, 0, kT0 + 300);
  table.Dispatched("escalation", 1, 0, kT0 + 100);
  table.Dispatched("survey", 1, 0, kT0);
  EXPECT_EQ(table.NextPollMs({{"reminder", 1}, {"escalation", 1}}), kT0 + 100 + kPollMs);
  EXPECT_EQ(table.NextPollMs({{"reminder", 1}}), kT0 + 300 + kPollMs);
  EXPECT_EQ(table.NextPollMs({{"reminder", 1}, {"new", 1}}), 0);
}

TEST(IsValidServiceNameTest, AcceptsLettersDigitsDotDashUnderscore) {
  EXPECT_TRUE(IsValidServiceName("echo"));
  EXPECT_TRUE(IsValidServiceName("a.b-c_1"));
  EXPECT_TRUE(IsValidServiceName("duban.submit"));
  EXPECT_TRUE(IsValidServiceName("X"));
  EXPECT_TRUE(IsValidServiceName(std::string(64, 'a')));
}

TEST(IsValidServiceNameTest, RefusesWhatWouldBreakKeysOrAddresses) {
  EXPECT_FALSE(IsValidServiceName(""));
  EXPECT_FALSE(IsValidServiceName(std::string(65, 'a')));
  EXPECT_FALSE(IsValidServiceName("a|b"));
  EXPECT_FALSE(IsValidServiceName("a{b}"));
  EXPECT_FALSE(IsValidServiceName("a:b"));
  EXPECT_FALSE(IsValidServiceName("中文"));
  EXPECT_FALSE(IsValidServiceName("a b"));
  EXPECT_FALSE(IsValidServiceName("a/b"));
  EXPECT_FALSE(IsValidServiceName(std::string("a\0b", 3)));
}

}  // namespace
}  // namespace duban::broker

namespace duban::broker {
namespace {

// Staff paused a service: its idle workers get nothing, its work stays queued; resuming brings
// it back on the next turn.
TEST(ServiceTablePauseTest, PausedServicesAreNeverDispatched) {
  ServiceTable t(50);
  t.MarkPending("assignment");
  t.MarkPending("reminder");
  t.SetPaused({"assignment"});
  auto wants = t.Wants({{"assignment", 2}, {"reminder", 1}}, 1000);
  ASSERT_EQ(wants.size(), 1u);
  EXPECT_EQ(wants[0].first, "reminder");
  EXPECT_TRUE(t.IsPaused("assignment"));
  t.SetPaused({});
  wants = t.Wants({{"assignment", 2}}, 1000);
  ASSERT_EQ(wants.size(), 1u);
  EXPECT_EQ(wants[0].first, "assignment");
}

}  // namespace
}  // namespace duban::broker
