// WorkerRegistry as stories told with plain Millis values (no clock, no sleeps): workers say READY,
// tasks go to the longest-idle worker, an idle worker that falls silent past interval * liveness is
// purged, a busy one only once its lease ran out too, and only the answer to the task a worker
// holds puts it back at the end of the line.
#include "broker/worker_registry.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace duban::broker {
namespace {

constexpr std::int64_t kIntervalMs = 2500;
constexpr std::int64_t kLiveness = 3;
constexpr Millis kExpiryMs = kIntervalMs * kLiveness;  // 7500 ms of silence allowed
constexpr Millis kT0 = 1'767'225'600'000;              // 2026-01-01T00:00Z
constexpr Millis kLeaseMs = 30000;

HeldTask Task(const std::string& id, Millis lease_until = kT0 + kLeaseMs) {
  return {"reminder", id, "fence-" + id, "remind", "", "S2026-00042", "", kT0, lease_until};
}

// The REPLY to the task `t`: its service, id and fence.
std::optional<HeldTask> Answer(WorkerRegistry& reg, const std::string& worker, const HeldTask& t) {
  return reg.Release(worker, t.service, t.id, t.fence);
}

void ExpectSameTask(const HeldTask& a, const HeldTask& b) {
  EXPECT_EQ(a.service, b.service);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.fence, b.fence);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.client, b.client);
  EXPECT_EQ(a.code, b.code);
}

using Idle = std::vector<std::pair<std::string, std::int64_t>>;

TEST(WorkerRegistryTest, ReadyRegistersAnIdleWorker) {
  WorkerRegistry reg(kIntervalMs, kLiveness);
  ASSERT_EQ(reg.Ready("w1", "reminder", kT0).ToString(), "OK");

  const WorkerRecord* w = reg.Find("w1");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->identity, "w1");
  EXPECT_EQ(w->service, "reminder");
  EXPECT_EQ(w->expiry_ms, kT0 + kExpiryMs);
  EXPECT_EQ(w->last_seen_ms, kT0);
  EXPECT_FALSE(w->task.has_value());
  EXPECT_EQ(reg.size(), 1u);
  EXPECT_EQ(reg.LiveCount("reminder"), 1u);
  EXPECT_EQ(reg.IdleCount("reminder"), 1u);
  EXPECT_TRUE(reg.HasService("reminder"));
  EXPECT_FALSE(reg.HasService("escalation"));
  EXPECT_EQ(reg.Find("w2"), nullptr);
}

TEST(WorkerRegistryTest, ReadyTwiceIsFailedPreconditionAndChangesNothing) {
  WorkerRegistry reg(kIntervalMs, kLiveness);
  ASSERT_EQ(reg.Ready("w1", "reminder", kT0).ToString(), "OK");
  EXPECT_EQ(reg.Ready("w1", "reminder", kT0 + 10).ToString(),
            "FAILED_PRECONDITION: worker sent READY twice");
  // Also when the second READY names another service.
  Status other = reg.Ready("w1", "escalation", kT0 + 20);
  EXPECT_EQ(other.code(), StatusCode::kFailedPrecondition);

  EXPECT_EQ(reg.size(), 1u);
  EXPECT_EQ(reg.LiveCount("reminder"), 1u);
  EXPECT_EQ(reg.IdleCount("reminder"), 1u);  // not queued twice
  EXPECT_EQ(reg.LiveCount("escalation"), 0u);
  EXPECT_EQ(reg.Find("w1")->expiry_ms, kT0 + kExpiryMs);  // the refused READY is no heartbeat
  EXPECT_EQ(reg.Find("w1")->service, "reminder");
}

// Bug fixed (issue "Nothing lost, nothing doubled"): a busy worker was purged after interval *
// liveness like an idle one, although the runtime sends nothing while its role works, so every
// task longer than 7.5 s was redelivered and ended as a dead letter.
TEST(WorkerRegistryTest, SilentBusyWorkerIsKeptUntilItsLeaseRunsOut) {
  WorkerRegistry reg(kIntervalMs, kLiveness);
  // READY.
  ASSERT_EQ(reg.Ready("w1", "reminder", kT0).ToString(), "OK");
  // A task arrives and goes to the only idle worker.
  std::optional<std::string> got = reg.Assign("reminder", Task("t1"));
  ASSERT_EQ(got, "w1");
  EXPECT_EQ(reg.IdleCount("reminder"), 0u);
  EXPECT_EQ(reg.LiveCount("reminder"), 1u);
  ASSERT_TRUE(reg.Find("w1")->task.has_value());
  ExpectSameTask(*reg.Find("w1")->task, Task("t1"));

  // The worker works in silence, past its heartbeat expiry: it holds a lease, so it is not dead.
  EXPECT_TRUE(reg.Purge(kT0 + kIntervalMs).empty());
  EXPECT_TRUE(reg.Purge(kT0 + kExpiryMs + 1).empty());
  EXPECT_TRUE(reg.Purge(kT0 + kLeaseMs).empty());
  EXPECT_NE(reg.Find("w1"), nullptr);

  // Its lease runs out too: now it is purged and its task comes back.
  std::vector<WorkerRecord> dead = reg.Purge(kT0 + kLeaseMs + 1);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].identity, "w1");
  EXPECT_EQ(dead[0].service, "reminder");
  ASSERT_TRUE(dead[0].task.has_value());
  ExpectSameTask(*dead[0].task, Task("t1"));

  EXPECT_EQ(reg.Find("w1"), nullptr);
  EXPECT_EQ(reg.size(), 0u);
  EXPECT_EQ(reg.LiveCount("reminder"), 0u);
  EXPECT_EQ(reg.IdleCount("reminder"), 0u);
  EXPECT_FALSE(reg.HasService("reminder"));
  EXPECT_TRUE(reg.IdleByService().empty());
  EXPECT_EQ(reg.Assign("reminder", Task("t2")), std::nullopt);
  EXPECT_TRUE(reg.Purge(kT0 + 10 * kLeaseMs).empty());  // purged once only
}

TEST(WorkerRegistryTest, SilentIdleWorkerIsPurgedAfterItsExpiry) {
  WorkerRegistry reg(kIntervalMs, kLiveness);
  ASSERT_EQ(reg.Ready("w1", "reminder", kT0).ToString(), "OK");
  EXPECT_TRUE(reg.Purge(kT0 + kExpiryMs).empty());
  std::vector<WorkerRecord> dead = reg.Purge(kT0 + kExpiryMs + 1);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_FALSE(dead[0].task.has_value());
  EXPECT_EQ(reg.size(), 0u);
}

// Bug fixed (issue "Nothing lost, nothing doubled"): any REPLY freed a worker, so a worker that
// answered a task it did not hold was given a second task while still busy with the first, and
// the broker forgot the first.
TEST(WorkerRegistryTest, OnlyTheAnswerToItsOwnTaskFreesAWorker) {
  WorkerRegistry reg(kIntervalMs, kLiveness);
  ASSERT_EQ(reg.Ready("w1", "reminder", kT0).ToString(), "OK");
  ASSERT_EQ(reg.Assign("reminder", Task("t1")), "w1");

  HeldTask other_id = Task("t2");
  HeldTask other_fence = Task("t1");
  other_fence.fence = "fence-of-an-earlier-lease";
  HeldTask other_service = Task("t1");
  other_service.service = "escalation";
  for (const HeldTask& wrong : {other_id, other_fence, other_service}) {
    EXPECT_EQ(Answer(reg, "w1", wrong), std::nullopt) << wrong.service << " " << wrong.id;
    ASSERT_TRUE(reg.Find("w1")->task.has_value());
    EXPECT_EQ(reg.Find("w1")->task->id, "t1");
    EXPECT_EQ(reg.IdleCount("reminder"), 0u);
  }
  std::optional<HeldTask> held = Answer(reg, "w1", Task("t1"));
  ASSERT_TRUE(held.has_value());
  ExpectSameTask(*held, Task("t1"));
  EXPECT_EQ(reg.IdleCount("reminder"), 1u);
}

TEST(WorkerRegistryTest, HeartbeatsKeepAWorkerAlive) {
  WorkerRegistry reg(kIntervalMs, kLiveness);
  ASSERT_EQ(reg.Ready("w1", "reminder", kT0).ToString(), "OK");
  ASSERT_EQ(reg.Ready("w2", "reminder", kT0).ToString(), "OK");
  // w1 heartbeats every interval; w2 never says anything again.
  for (Millis t = kT0 + kIntervalMs; t <= kT0 + 4 * kIntervalMs; t += kIntervalMs)
    reg.Touch("w1", t);
  EXPECT_EQ(reg.Find("w1")->last_seen_ms, kT0 + 4 * kIntervalMs);
  EXPECT_EQ(reg.Find("w1")->expiry_ms, kT0 + 4 * kIntervalMs + kExpiryMs);

  std::vector<WorkerRecord> dead = reg.Purge(kT0 + 4 * kIntervalMs);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].identity, "w2");
  EXPECT_FALSE(dead[0].task.has_value());
  EXPECT_NE(reg.Find("w1"), nullptr);
  EXPECT_EQ(reg.LiveCount("reminder"), 1u);
  EXPECT_EQ(reg.IdleCount("reminder"), 1u);  // the dead idle worker left the waiting list
  EXPECT_EQ(reg.Assign("reminder", Task("t1")), "w1");

  reg.Touch("nobody", kT0);  // an unknown worker: nothing happens
  EXPECT_EQ(reg.size(), 1u);
  EXPECT_EQ(reg.Find("nobody"), nullptr);
}

TEST(WorkerRegistryTest, AssignGivesTheOldestIdleWorker) {
  WorkerRegistry reg(kIntervalMs, kLiveness);
  ASSERT_EQ(reg.Ready("w-b", "reminder", kT0).ToString(), "OK");
  ASSERT_EQ(reg.Ready("w-a", "reminder", kT0 + 10).ToString(), "OK");
  ASSERT_EQ(reg.Ready("w-c", "reminder", kT0 + 20).ToString(), "OK");
  ASSERT_EQ(reg.Ready("e1", "escalation", kT0 + 30).ToString(), "OK");

  // Longest idle first, whatever the identities' order.
  EXPECT_EQ(reg.Assign("reminder", Task("t1")), "w-b");
  EXPECT_EQ(reg.IdleCount("reminder"), 2u);
  EXPECT_EQ(reg.Assign("reminder", Task("t2")), "w-a");
  EXPECT_EQ(reg.Assign("reminder", Task("t3")), "w-c");
  EXPECT_EQ(reg.Assign("reminder", Task("t4")), std::nullopt);  // all busy
  EXPECT_EQ(reg.Assign("survey", Task("t5")), std::nullopt);    // nobody serves it
  EXPECT_EQ(reg.IdleCount("reminder"), 0u);
  EXPECT_EQ(reg.LiveCount("reminder"), 3u);
  EXPECT_EQ(reg.IdleCount("escalation"), 1u);  // other services untouched
  EXPECT_EQ(reg.Find("w-a")->task->id, "t2");
}

TEST(WorkerRegistryTest, ReleasePutsTheWorkerBackAtTheEndOfTheLine) {
  WorkerRegistry reg(kIntervalMs, kLiveness);
  ASSERT_EQ(reg.Ready("w1", "reminder", kT0).ToString(), "OK");
  ASSERT_EQ(reg.Ready("w2", "reminder", kT0 + 1).ToString(), "OK");
  ASSERT_EQ(reg.Ready("w3", "reminder", kT0 + 2).ToString(), "OK");
  ASSERT_EQ(reg.Assign("reminder", Task("t1")), "w1");

  // w1 answers: it hands back its task and waits behind w2 and w3.
  std::optional<HeldTask> held = Answer(reg, "w1", Task("t1"));
  ASSERT_TRUE(held.has_value());
  ExpectSameTask(*held, Task("t1"));
  EXPECT_FALSE(reg.Find("w1")->task.has_value());
  EXPECT_EQ(reg.IdleCount("reminder"), 3u);
  EXPECT_EQ(reg.Assign("reminder", Task("t2")), "w2");
  EXPECT_EQ(reg.Assign("reminder", Task("t3")), "w3");
  EXPECT_EQ(reg.Assign("reminder", Task("t4")), "w1");
}

TEST(WorkerRegistryTest, ReleaseOfAnIdleOrUnknownWorkerDoesNothing) {
  WorkerRegistry reg(kIntervalMs, kLiveness);
  ASSERT_EQ(reg.Ready("w1", "reminder", kT0).ToString(), "OK");
  ASSERT_EQ(reg.Ready("w2", "reminder", kT0 + 1).ToString(), "OK");
  EXPECT_EQ(Answer(reg, "w1", Task("t1")), std::nullopt);  // a stray REPLY from an idle worker
  EXPECT_EQ(Answer(reg, "ghost", Task("t1")), std::nullopt);
  EXPECT_EQ(reg.IdleCount("reminder"), 2u);  // w1 is not queued a second time
  EXPECT_EQ(reg.Assign("reminder", Task("t1")), "w1");
  EXPECT_EQ(reg.Assign("reminder", Task("t2")), "w2");
  EXPECT_EQ(reg.Assign("reminder", Task("t3")), std::nullopt);
}

TEST(WorkerRegistryTest, RemoveAnIdleWorker) {
  WorkerRegistry reg(kIntervalMs, kLiveness);
  ASSERT_EQ(reg.Ready("w1", "reminder", kT0).ToString(), "OK");
  ASSERT_EQ(reg.Ready("w2", "reminder", kT0 + 1).ToString(), "OK");

  std::optional<WorkerRecord> rec = reg.Remove("w1");
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(rec->identity, "w1");
  EXPECT_EQ(rec->service, "reminder");
  EXPECT_FALSE(rec->task.has_value());
  EXPECT_EQ(reg.Find("w1"), nullptr);
  EXPECT_EQ(reg.LiveCount("reminder"), 1u);
  EXPECT_EQ(reg.IdleCount("reminder"), 1u);
  EXPECT_EQ(reg.Assign("reminder", Task("t1")), "w2");  // w1 left the waiting list
  EXPECT_EQ(reg.Remove("w1"), std::nullopt);            // removed once only
  EXPECT_EQ(reg.Remove("ghost"), std::nullopt);
}

TEST(WorkerRegistryTest, RemoveABusyWorkerReturnsItsTask) {
  WorkerRegistry reg(kIntervalMs, kLiveness);
  ASSERT_EQ(reg.Ready("w1", "reminder", kT0).ToString(), "OK");
  ASSERT_EQ(reg.Ready("w2", "reminder", kT0 + 1).ToString(), "OK");
  ASSERT_EQ(reg.Assign("reminder", Task("t1")), "w1");

  std::optional<WorkerRecord> rec = reg.Remove("w1");  // DISCONNECT while busy
  ASSERT_TRUE(rec.has_value());
  ASSERT_TRUE(rec->task.has_value());
  ExpectSameTask(*rec->task, Task("t1"));
  EXPECT_EQ(reg.LiveCount("reminder"), 1u);
  EXPECT_EQ(reg.IdleCount("reminder"), 1u);    // w2 still waits
  EXPECT_EQ(Answer(reg, "w1", Task("t1")), std::nullopt);  // a late REPLY finds nobody
  EXPECT_EQ(reg.IdleCount("reminder"), 1u);
}

TEST(WorkerRegistryTest, ALeftWorkerMaySayReadyAgain) {
  WorkerRegistry reg(kIntervalMs, kLiveness);
  ASSERT_EQ(reg.Ready("w1", "reminder", kT0).ToString(), "OK");
  ASSERT_EQ(reg.Purge(kT0 + kExpiryMs + 1).size(), 1u);
  // The same identity reconnects, this time for another service.
  ASSERT_EQ(reg.Ready("w1", "escalation", kT0 + kExpiryMs + 2).ToString(), "OK");
  EXPECT_EQ(reg.LiveCount("reminder"), 0u);
  EXPECT_EQ(reg.LiveCount("escalation"), 1u);
  EXPECT_EQ(reg.Find("w1")->expiry_ms, kT0 + 2 * kExpiryMs + 2);
  EXPECT_EQ(reg.Assign("escalation", Task("t1")), "w1");
}

TEST(WorkerRegistryTest, CountsByService) {
  WorkerRegistry reg(kIntervalMs, kLiveness);
  ASSERT_EQ(reg.Ready("r1", "reminder", kT0).ToString(), "OK");
  ASSERT_EQ(reg.Ready("r2", "reminder", kT0).ToString(), "OK");
  ASSERT_EQ(reg.Ready("e1", "escalation", kT0).ToString(), "OK");
  ASSERT_EQ(reg.Ready("a1", "assignment", kT0).ToString(), "OK");
  ASSERT_EQ(reg.Assign("assignment", Task("t1")), "a1");
  ASSERT_EQ(reg.Assign("reminder", Task("t2")), "r1");

  // Only services with an idle worker, by name.
  EXPECT_EQ(reg.IdleByService(), (Idle{{"escalation", 1}, {"reminder", 1}}));
  EXPECT_EQ(reg.LiveCount("reminder"), 2u);
  EXPECT_EQ(reg.IdleCount("reminder"), 1u);
  EXPECT_EQ(reg.LiveCount("assignment"), 1u);
  EXPECT_EQ(reg.IdleCount("assignment"), 0u);
  EXPECT_TRUE(reg.HasService("assignment"));  // busy workers still serve it
  EXPECT_EQ(reg.LiveCount("survey"), 0u);
  EXPECT_EQ(reg.IdleCount("survey"), 0u);
  EXPECT_EQ(reg.Identities(), (std::vector<std::string>{"a1", "e1", "r1", "r2"}));
  EXPECT_EQ(reg.size(), 4u);

  ASSERT_TRUE(Answer(reg, "a1", Task("t1")).has_value());
  EXPECT_EQ(reg.IdleByService(), (Idle{{"assignment", 1}, {"escalation", 1}, {"reminder", 1}}));
}

TEST(WorkerRegistryTest, PurgeTakesEveryExpiredWorkerAndOnlyThose) {
  WorkerRegistry reg(kIntervalMs, kLiveness);
  ASSERT_EQ(reg.Ready("old-idle", "reminder", kT0).ToString(), "OK");
  ASSERT_EQ(reg.Ready("old-busy", "reminder", kT0).ToString(), "OK");
  ASSERT_EQ(reg.Ready("young", "reminder", kT0 + 1000).ToString(), "OK");
  ASSERT_EQ(reg.Assign("reminder", Task("t1")), "old-idle");
  ASSERT_EQ(Answer(reg, "old-idle", Task("t1"))->id, "t1");  // old-idle now waits behind young
  // old-busy's lease ends with its heartbeats (say it was dispatched just before them).
  ASSERT_EQ(reg.Assign("reminder", Task("t2", kT0 + kExpiryMs)), "old-busy");

  std::vector<WorkerRecord> dead = reg.Purge(kT0 + kExpiryMs + 500);
  ASSERT_EQ(dead.size(), 2u);
  EXPECT_EQ(dead[0].identity, "old-busy");
  ASSERT_TRUE(dead[0].task.has_value());
  EXPECT_EQ(dead[0].task->id, "t2");
  EXPECT_EQ(dead[1].identity, "old-idle");
  EXPECT_FALSE(dead[1].task.has_value());

  EXPECT_EQ(reg.Identities(), (std::vector<std::string>{"young"}));
  EXPECT_EQ(reg.LiveCount("reminder"), 1u);
  EXPECT_EQ(reg.IdleByService(), (Idle{{"reminder", 1}}));
  EXPECT_EQ(reg.Assign("reminder", Task("t3")), "young");
}

}  // namespace
}  // namespace duban::broker
