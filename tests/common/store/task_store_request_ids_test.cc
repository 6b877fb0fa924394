// The request ids of 7/MDP clients in the store (issue "Nothing lost, nothing doubled", hole 8):
// a request that names an id is queued once; a retry attaches to its task while it waits or runs,
// is answered from the recorded reply once it was answered, and hears the dead-letter reason once
// it died; the same id for other content is a conflict. Against a real redis-server.
#include <gtest/gtest.h>

#include "common/store/task_store.h"
#include "tests/support/store_test_fixture.h"

namespace duban::store {
namespace {

using K = EnqueueResult::Kind;

class RequestIdTest : public StoreTest {
 protected:
  EnqueueResult Send(const std::string& client, const std::string& rid, const std::string& fp,
                     const std::string& body = "body") {
    NewTask t{"echo", "mdp", client, "", 1000, body};
    t.request_id = rid;
    t.fingerprint = fp;
    auto r = store_->Enqueue(1000, {t}, 1000, 600);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? (*r)[0] : EnqueueResult{K::kUnknown, "", "", ""};
  }
  std::int64_t Queued() {
    auto q = store_->Queues();
    EXPECT_TRUE(q.ok());
    return q.ok() && !q->services.empty() ? q->services[0].queued : -1;
  }
  std::string RecordKey(const std::string& rid) { return prefix_ + ":orid:{echo}:" + rid; }
};

TEST_F(RequestIdTest, ARetryOfAWaitingRequestAttachesToItsTaskAndMovesItsAnswer) {
  EnqueueResult first = Send("client-1", "r1", "fp");
  ASSERT_EQ(first.kind, K::kQueued);
  EnqueueResult retry = Send("client-2", "r1", "fp");
  ASSERT_EQ(retry.kind, K::kAttached);
  EXPECT_EQ(retry.id, first.id);
  EXPECT_EQ(retry.client, "client-1") << "the client that will no longer get the answer";
  EXPECT_EQ(Queued(), 1) << "the retry queued nothing";
  auto leased = store_->Dispatch(2000, {{"echo", 5}});
  ASSERT_TRUE(leased.ok());
  ASSERT_EQ(leased->size(), 1u);
  EXPECT_EQ((*leased)[0].client, "client-2");
  EXPECT_EQ((*leased)[0].request_id, "r1");
  // While leased, a retry attaches too, and the ack answers the latest client.
  EXPECT_EQ(Send("client-3", "r1", "fp").kind, K::kAttached);
  auto ack = store_->Ack({{"echo", first.id, (*leased)[0].fence}}, {"the reply"}, 600);
  ASSERT_TRUE(ack.ok());
  ASSERT_EQ((*ack)[0].kind, AckResult::Kind::kDone);
  EXPECT_EQ((*ack)[0].client, "client-3");
}

TEST_F(RequestIdTest, AnAnsweredRequestIsAnsweredFromItsRecordNotRunAgain) {
  EnqueueResult first = Send("client-1", "r2", "fp");
  auto t = (*store_->Dispatch(2000, {{"echo", 1}}))[0];
  ASSERT_EQ((*store_->Ack({{"echo", first.id, t.fence}}, {"recorded reply"}, 600))[0].kind,
            AckResult::Kind::kDone);
  EnqueueResult retry = Send("client-2", "r2", "fp");
  ASSERT_EQ(retry.kind, K::kReplied);
  EXPECT_EQ(retry.reply, "recorded reply");
  EXPECT_EQ(Queued(), 0) << "nothing runs again";
  auto ttl = redis_->Run({"TTL", RecordKey("r2")});
  ASSERT_TRUE(ttl.ok());
  EXPECT_GT(ttl->integer, 0);
  EXPECT_LE(ttl->integer, 600) << "kept for the record time only";
}

TEST_F(RequestIdTest, TheSameIdForOtherContentIsAConflictAndWritesNothing) {
  EnqueueResult first = Send("client-1", "r3", "fp-a", "a");
  ASSERT_EQ(first.kind, K::kQueued);
  EXPECT_EQ(Send("client-2", "r3", "fp-b", "b").kind, K::kConflict);
  EXPECT_EQ(Queued(), 1);
  auto leased = store_->Dispatch(2000, {{"echo", 5}});
  ASSERT_EQ(leased->size(), 1u);
  EXPECT_EQ((*leased)[0].client, "client-1") << "the conflicting request took nothing over";
  EXPECT_EQ((*leased)[0].body, "a");
}

TEST_F(RequestIdTest, ADeadRequestIsReportedAndItsRetryHearsWhyUntilReplayed) {
  EnqueueResult first = Send("client-1", "r4", "fp");
  auto t = (*store_->Dispatch(2000, {{"echo", 1}}))[0];
  std::vector<DeadRequest> dead;
  auto r = store_->Fail(2000, {{"echo", first.id, t.fence, "cannot be sent", true}}, &dead);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ((*r)[0], FailureResult::kDead);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].service, "echo");
  EXPECT_EQ(dead[0].id, first.id);
  EXPECT_EQ(dead[0].client, "client-1");
  EXPECT_EQ(dead[0].reason, "cannot be sent");
  EnqueueResult retry = Send("client-2", "r4", "fp");
  ASSERT_EQ(retry.kind, K::kDead);
  EXPECT_EQ(retry.reply, "cannot be sent");
  ASSERT_TRUE(store_->Replay(3000, "echo", first.id).ok());
  EnqueueResult after = Send("client-3", "r4", "fp");
  EXPECT_EQ(after.kind, K::kAttached) << "a replayed request is pending again";
  EXPECT_EQ(after.id, first.id);
}

TEST_F(RequestIdTest, ReapReportsTheRequestsWhoseLeasesRanOutForGood) {
  EnqueueResult first = Send("client-1", "", "");  // no id: still reported, so its client hears
  Millis now = 2000;
  ReapResult last;
  for (int attempt = 1; attempt <= 3; ++attempt) {  // max_attempts is 3 in this fixture
    ASSERT_EQ(store_->Dispatch(now, {{"echo", 1}})->size(), 1u) << "attempt " << attempt;
    now += 30000;  // the lease
    auto reaped = store_->Reap(now, 100);
    ASSERT_TRUE(reaped.ok());
    last = *reaped;
    now += 1000;
    (void)store_->Pump(now, 100, "retries");
  }
  EXPECT_EQ(last.dead, 1);
  ASSERT_EQ(last.dead_requests.size(), 1u);
  EXPECT_EQ(last.dead_requests[0].id, first.id);
  EXPECT_EQ(last.dead_requests[0].client, "client-1");
  EXPECT_EQ(last.dead_requests[0].reason, "lease expired");
}

TEST_F(RequestIdTest, RequestsWithoutAnIdAreNeitherMergedNorRecorded) {
  EnqueueResult a = Send("client-1", "", "");
  EnqueueResult b = Send("client-1", "", "");
  ASSERT_EQ(a.kind, K::kQueued);
  ASSERT_EQ(b.kind, K::kQueued);
  EXPECT_NE(a.id, b.id);
  auto leased = *store_->Dispatch(2000, {{"echo", 5}});
  ASSERT_EQ(leased.size(), 2u);
  EXPECT_EQ(leased[0].request_id, "");
  (void)store_->Ack({{"echo", leased[0].id, leased[0].fence}}, {""}, 600);
  auto keys = redis_->Run({"KEYS", prefix_ + ":orid:*"});
  ASSERT_TRUE(keys.ok());
  EXPECT_TRUE(keys->elements.empty());
}

}  // namespace
}  // namespace duban::store
