// TaskStore against a real redis-server (scripts/test starts one and exports DUBAN_TEST_REDIS_URL).
// Each test uses its own key prefix, so tests never see each other's keys.
#include "common/store/task_store.h"

#include <cstdlib>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "common/protocol/codec.h"
#include "common/store/scripts.h"

namespace duban::store {
namespace {

protocol::SuggestionDraft Draft(const std::string& session) {
  protocol::SuggestionDraft d;
  d.title = "t";
  d.content = "c";
  d.deputy = {"D1", "代表", ""};
  d.session = session;
  return d;
}

class TaskStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("DUBAN_TEST_REDIS_URL");
    ASSERT_NE(url, nullptr) << "DUBAN_TEST_REDIS_URL is not set: run through scripts/test";
    auto c = RedisClient::Create(url, 1000, 1000, AllScripts());
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    redis_ = std::move(c).value();
    prefix_ = "t" + std::to_string(std::random_device{}()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name();
    store_ = std::make_unique<TaskStore>(*redis_, prefix_, RetryPolicy{100, 1000, 3, 5}, 30000);
  }
  void TearDown() override {
    if (!redis_) return;
    auto keys = redis_->Run({"KEYS", prefix_ + ":*"});  // test clean-up only; never in the product
    if (keys.ok()) {
      for (const auto& k : keys->elements) (void)redis_->Run({"DEL", k.str});
    }
  }
  std::string Enqueue(const std::string& svc, Millis prio, const std::string& body = "b") {
    auto ids = store_->Enqueue(1000, {{svc, "mdp", "client-1", "", prio, body}});
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.ok() ? (*ids)[0] : "";
  }
  std::unique_ptr<RedisClient> redis_;
  std::unique_ptr<TaskStore> store_;
  std::string prefix_;
};

TEST_F(TaskStoreTest, DispatchTakesLowestPriorityFirstAndLeases) {
  std::string late = Enqueue("echo", 300);
  std::string early = Enqueue("echo", 100);
  auto leased = store_->Dispatch(2000, {{"echo", 1}});
  ASSERT_TRUE(leased.ok()) << leased.status().ToString();
  ASSERT_EQ(leased->size(), 1u);
  EXPECT_EQ((*leased)[0].id, early);
  EXPECT_EQ((*leased)[0].fence.size(), 32u) << "a random token of 128 bits in hex";
  EXPECT_EQ((*leased)[0].attempt, 1);
  EXPECT_EQ((*leased)[0].client, "client-1");
  auto q = store_->Queues();
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->services.size(), 1u);
  EXPECT_EQ(q->services[0].queued, 1);
  EXPECT_EQ(q->services[0].inflight, 1);
}

TEST_F(TaskStoreTest, AckWithTheRightFenceOnlyOnce) {
  Enqueue("echo", 1);
  auto t = (*store_->Dispatch(2000, {{"echo", 5}}))[0];
  auto wrong = store_->Ack({{"echo", t.id, "999"}});
  ASSERT_TRUE(wrong.ok());
  EXPECT_EQ((*wrong)[0].kind, AckResult::Kind::kStale);
  auto right = store_->Ack({{"echo", t.id, t.fence}});
  ASSERT_TRUE(right.ok());
  ASSERT_EQ((*right)[0].kind, AckResult::Kind::kDone);
  EXPECT_EQ((*right)[0].client, "client-1");
  auto again = store_->Ack({{"echo", t.id, t.fence}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)[0].kind, AckResult::Kind::kStale)
      << "a second ack of the same task must change nothing";
}

// Bug fixed (issue "Nothing lost, nothing doubled"): fencing tokens came from an INCR counter,
// which can be guessed and which rolls back when Redis loses its last second of writes, handing
// the same (task, token) to a new lease. They are random now: 128 bits, never in sequence.
TEST_F(TaskStoreTest, FencingTokensAreRandomAndNeverRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) Enqueue("echo", i);
  auto leased = store_->Dispatch(2000, {{"echo", 50}});
  ASSERT_TRUE(leased.ok());
  ASSERT_EQ(leased->size(), 50u);
  for (const auto& t : *leased) {
    EXPECT_EQ(t.fence.size(), 32u);
    EXPECT_EQ(t.fence.find_first_not_of("0123456789abcdef"), std::string::npos) << t.fence;
    seen.insert(t.fence);
  }
  EXPECT_EQ(seen.size(), 50u);
  // The same task leased again (after a rollback, say) never gets a token it had.
  const LeasedTask& t = (*leased)[0];
  ASSERT_EQ((*store_->Fail(2001, {{"echo", t.id, t.fence, "busy", false}}))[0],
            FailureResult::kRetry);
  ASSERT_EQ(store_->Pump(1LL << 40, 100, "retries")->moved, 1);
  auto again = store_->Dispatch(3000, {{"echo", 1}});
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].id, t.id);
  EXPECT_EQ(seen.count((*again)[0].fence), 0u);
  EXPECT_EQ((*store_->Ack({{"echo", t.id, t.fence}}))[0].kind, AckResult::Kind::kStale);
}

// Bug fixed (issue "Nothing lost, nothing doubled"): the worker's reply named the suggestion code
// and the kind of its task, and the scripts believed it. The stored task decides: an outcome for
// an opaque task, or an ack of a role task, changes nothing and keeps the lease; an outcome is
// applied to the suggestion its task names, whatever code the caller passes.
TEST_F(TaskStoreTest, TheStoredTaskDecidesWhatAReplyMayChange) {
  protocol::SuggestionDraft d = Draft("2026");
  auto codes = store_->Submit(5000, 60, {{"rid-own", "2026", protocol::EncodeBare(d), "deputy:D1"},
                                         {"rid-other", "2026", protocol::EncodeBare(d), "deputy:D1"}});
  ASSERT_TRUE(codes.ok());
  const std::string own = (*codes)[0].code, other = (*codes)[1].code;
  Enqueue("echo", 1);
  const LeasedTask opaque = (*store_->Dispatch(6000, {{"echo", 1}}))[0];
  const LeasedTask role = (*store_->Dispatch(6000, {{"assignment", 1}}))[0];
  ASSERT_EQ(role.code, own);

  // An outcome for the opaque task, naming another suggestion: nothing happens.
  Completion forged{opaque.service, opaque.id, opaque.fence, other, -1, "", "", "", "", "",
                    "forged", "", "worker:echo", ""};
  EXPECT_EQ((*store_->Complete(7000, {forged}))[0], CompletionResult::kMismatch);
  EXPECT_EQ(store_->Get(other)->audit.size(), 1u) << "only 'submitted'";
  // An ack of the role task: refused, the task is not deleted.
  EXPECT_EQ((*store_->Ack({{role.service, role.id, role.fence}}))[0].kind,
            AckResult::Kind::kMismatch);
  // Both leases are still held: the real answers go through.
  auto peek = store_->Peek({{opaque.service, opaque.id, opaque.fence},
                            {role.service, role.id, role.fence},
                            {role.service, role.id, "not-the-fence"}});
  ASSERT_TRUE(peek.ok());
  ASSERT_TRUE((*peek)[0].has_value());
  EXPECT_EQ((*peek)[0]->kind, "mdp");
  ASSERT_TRUE((*peek)[1].has_value());
  EXPECT_EQ((*peek)[1]->kind, "assign");
  EXPECT_EQ((*peek)[1]->code, own);
  EXPECT_FALSE((*peek)[2].has_value());
  EXPECT_EQ((*store_->Ack({{opaque.service, opaque.id, opaque.fence}}))[0].kind,
            AckResult::Kind::kDone);
  // The role outcome goes to its own suggestion although the caller names the other one.
  Completion c{role.service, role.id, role.fence, other, -1, "", "", "", "", "", "noted", "",
               "worker:assignment", ""};
  EXPECT_EQ((*store_->Complete(7000, {c}))[0], CompletionResult::kApplied);
  EXPECT_EQ(store_->Get(own)->audit.size(), 2u);
  EXPECT_EQ(store_->Get(other)->audit.size(), 1u);
}

// A busy worker that heartbeats keeps its lease: extend pushes the expiry, so the reaper leaves
// the task alone; a lost lease is not extended.
TEST_F(TaskStoreTest, ExtendKeepsAHeldLeaseOnly) {
  std::string id = Enqueue("echo", 1);
  const LeasedTask t = (*store_->Dispatch(1000, {{"echo", 1}}))[0];
  auto ext = store_->Extend(20000, {{"echo", id, t.fence}, {"echo", id, "other"}});
  ASSERT_TRUE(ext.ok());
  EXPECT_EQ(*ext, (std::vector<bool>{true, false}));
  EXPECT_EQ(store_->Reap(1000 + 30000 + 1, 100)->first, 0) << "extended to 20000 + 30000";
  EXPECT_EQ(store_->Reap(20000 + 30000 + 1, 100)->first, 1);
  EXPECT_EQ(*store_->Extend(60000, {{"echo", id, t.fence}}), (std::vector<bool>{false}));
}

TEST_F(TaskStoreTest, FailedTaskRetriesAfterBackoffThenDeadLetters) {
  std::string id = Enqueue("echo", 1);
  for (int attempt = 1; attempt <= 3; ++attempt) {
    Millis now = 10000 * attempt;
    auto leased = store_->Dispatch(now, {{"echo", 1}});
    ASSERT_TRUE(leased.ok());
    ASSERT_EQ(leased->size(), 1u) << "attempt " << attempt;
    EXPECT_EQ((*leased)[0].attempt, attempt);
    auto r = store_->Fail(now, {{"echo", id, (*leased)[0].fence, "boom", false}});
    ASSERT_TRUE(r.ok());
    if (attempt < 3) {
      EXPECT_EQ((*r)[0], FailureResult::kRetry);
      // Never early: one ms before the backoff ends nothing moves.
      Millis backoff = 100 << (attempt - 1);
      auto early = store_->Pump(now + backoff - 1, 100, "retries");
      ASSERT_TRUE(early.ok());
      EXPECT_EQ(early->moved, 0);
      EXPECT_EQ(early->next_due_ms, now + backoff);
      auto due = store_->Pump(now + backoff, 100, "retries");
      ASSERT_TRUE(due.ok());
      EXPECT_EQ(due->moved, 1);
      // At most once: pumping again moves nothing.
      EXPECT_EQ(store_->Pump(now + backoff, 100, "retries")->moved, 0);
    } else {
      EXPECT_EQ((*r)[0], FailureResult::kDead);
    }
  }
  auto dead = store_->DeadLetters("echo", 10);
  ASSERT_TRUE(dead.ok());
  ASSERT_EQ(dead->size(), 1u);
  EXPECT_EQ((*dead)[0].id, id);
  EXPECT_EQ((*dead)[0].reason, "boom");
  EXPECT_EQ((*dead)[0].attempts, 3);
  ASSERT_TRUE(store_->Replay(50000, "echo", id).ok());
  auto again = store_->Dispatch(60000, {{"echo", 1}});
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].attempt, 1) << "a replayed task starts its attempts again";
  EXPECT_EQ(store_->Replay(60000, "echo", id).code(), StatusCode::kNotFound);
}

TEST_F(TaskStoreTest, ExpiredLeaseIsReapedAndALateAnswerIsStale) {
  std::string id = Enqueue("echo", 1);
  auto first = (*store_->Dispatch(1000, {{"echo", 1}}))[0];
  auto reaped = store_->Reap(1000 + 30000, 100);
  ASSERT_TRUE(reaped.ok());
  EXPECT_EQ(reaped->first, 1);
  ASSERT_EQ(store_->Pump(1000 + 30000 + 100, 10, "retries")->moved, 1);
  auto second = (*store_->Dispatch(40000, {{"echo", 1}}))[0];
  EXPECT_EQ(second.id, id);
  EXPECT_EQ(second.attempt, 2);
  EXPECT_NE(second.fence, first.fence);
  auto late = store_->Ack({{"echo", id, first.fence}});
  ASSERT_TRUE(late.ok());
  EXPECT_EQ((*late)[0].kind, AckResult::Kind::kStale)
      << "the first worker's late answer must change nothing";
  EXPECT_EQ((*store_->Ack({{"echo", id, second.fence}}))[0].kind, AckResult::Kind::kDone);
}

TEST_F(TaskStoreTest, DeadLettersAreBounded) {
  for (int i = 0; i < 8; ++i) {
    std::string id = Enqueue("echo", i);
    auto t = (*store_->Dispatch(1000, {{"echo", 1}}))[0];
    ASSERT_EQ((*store_->Fail(1000, {{"echo", id, t.fence, "bad", true}}))[0], FailureResult::kDead);
  }
  EXPECT_EQ(store_->DeadLetters("echo", 100)->size(), 5u) << "dead_letter_max is 5 in this test";
}

TEST_F(TaskStoreTest, SubmitIsIdempotentAndCompletionChecksVersion) {
  protocol::SuggestionDraft d = Draft("2026");
  auto first = store_->Submit(5000, 60, {{"rid-1", "2026", protocol::EncodeBare(d), "deputy:D1"}});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE((*first)[0].duplicate);
  EXPECT_EQ((*first)[0].code, "S2026-00001");
  auto repeat = store_->Submit(6000, 60, {{"rid-1", "2026", protocol::EncodeBare(d), "deputy:D1"}});
  ASSERT_TRUE(repeat.ok());
  EXPECT_TRUE((*repeat)[0].duplicate);
  EXPECT_FALSE((*repeat)[0].conflict);
  EXPECT_EQ((*repeat)[0].code, "S2026-00001");
  // Bug fixed (issue "Nothing lost, nothing doubled"): the same request id with other content was
  // answered with the first suggestion as if it were a retry.
  protocol::SuggestionDraft other = d;
  other.title = "another suggestion";
  auto reused = store_->Submit(6500, 60, {{"rid-1", "2026", protocol::EncodeBare(other), "deputy:D1"}});
  ASSERT_TRUE(reused.ok());
  EXPECT_TRUE((*reused)[0].conflict);
  EXPECT_FALSE((*reused)[0].duplicate);
  EXPECT_EQ((*reused)[0].code, "S2026-00001");

  auto task = store_->Dispatch(7000, {{"assignment", 10}});
  ASSERT_TRUE(task.ok());
  ASSERT_EQ(task->size(), 1u) << "one assignment task, not two";
  const LeasedTask& t = (*task)[0];
  EXPECT_EQ(t.code, "S2026-00001");
  EXPECT_EQ(t.state, "SUBMITTED");
  EXPECT_EQ(t.version, "1");

  Completion stale{t.service, t.id, t.fence, t.code, 7, "ASSIGNED", "", "", "", "", "assigned",
                   "", "worker:assignment"};
  auto r = store_->Complete(8000, {stale});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0], CompletionResult::kSuperseded);
  auto got = store_->Get("S2026-00001");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->state, "SUBMITTED") << "a superseded outcome changes no state";
  EXPECT_EQ(got->audit.size(), 2u);  // submitted + outcome_superseded
  EXPECT_EQ(store_->Get("S2026-99999").status().code(), StatusCode::kNotFound);
}

TEST_F(TaskStoreTest, StaffAssignOnlyFromAllowedStates) {
  protocol::SuggestionDraft d = Draft("2027");
  ASSERT_TRUE(store_->Submit(5000, 60, {{"rid-2", "2027", protocol::EncodeBare(d), "deputy:D1"}}).ok());
  std::string units = protocol::EncodeUnits({{"jyj", protocol::UnitRole::kLead, "ISSUED"}});
  auto a = store_->Assign(6000, "S2027-00001", units, "", "jyj", "jyj", "staff:wang", "by hand");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->first, "ASSIGNED");
  EXPECT_EQ(a->second, 2);
  auto again = store_->Assign(7000, "S2027-00001", units, "", "jyj", "jyj", "staff:wang", "");
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  auto list = store_->List("ASSIGNED", "jyj", 10);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->total, 1);
  EXPECT_EQ(store_->List("SUBMITTED", "", 10)->total, 0);
}

TEST_F(TaskStoreTest, OutcomeWithATransitionTheLifecycleForbidsChangesNothing) {
  protocol::SuggestionDraft d = Draft("2026");
  ASSERT_TRUE(store_->Submit(5000, 60, {{"rid-3", "2026", protocol::EncodeBare(d), "deputy:D1"}}).ok());
  const LeasedTask t = (*store_->Dispatch(6000, {{"assignment", 1}}))[0];
  Completion jump{t.service, t.id, t.fence, t.code, 1, "CLOSED", "", "", "", "", "closed", "",
                  "worker:assignment"};
  auto r = store_->Complete(7000, {jump});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)[0], CompletionResult::kInvalidTransition);
  auto got = store_->Get(t.code);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->state, "SUBMITTED");
  EXPECT_EQ(got->version, "1");
  EXPECT_EQ(got->audit.size(), 1u);
  // The lease is still held, so the broker can dead-letter the task with its reason.
  auto f = store_->Fail(8000, {{t.service, t.id, t.fence, "invalid transition", true}});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)[0], FailureResult::kDead);
}

TEST_F(TaskStoreTest, OutcomeSetsTimersThatFireOnceAndCancelsThemByName) {
  protocol::SuggestionDraft d = Draft("2026");
  ASSERT_TRUE(store_->Submit(5000, 60, {{"rid-4", "2026", protocol::EncodeBare(d), "deputy:D1"}}).ok());
  const LeasedTask t = (*store_->Dispatch(6000, {{"assignment", 1}}))[0];
  protocol::Outcome o;
  o.timers = {{"remind.30d", "reminder", "remind", 100000, 900000, "payload-30"},
              {"remind.15d", "reminder", "remind", 200000, 900000, "payload-15"}};
  o.notices = {{"unit:jyj", "reminder", "请按时办理", "assign:1"},
               {"unit:jyj", "reminder", "重复的提醒", "assign:1"}};
  Completion c{t.service, t.id, t.fence, t.code, -1, "", "", "", "", "", "timers_set", "",
               "worker:assignment", protocol::EncodeOutcomeEffects(o)};
  auto r = store_->Complete(7000, {c});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ((*r)[0], CompletionResult::kApplied);
  EXPECT_EQ(store_->Get(t.code)->version, "1") << "an any-version outcome does not raise it";

  // The notice with a dedup key seen before was not sent twice.
  auto inbox = store_->Inbox("unit:jyj", 10);
  ASSERT_TRUE(inbox.ok());
  EXPECT_EQ(inbox->first, 1);

  // Never early, once when due, with its payload and its priority.
  EXPECT_EQ(store_->Pump(99999, 100, "timers")->moved, 0);
  auto p = store_->Pump(100000, 100, "timers");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->moved, 1);
  EXPECT_EQ(p->next_due_ms, 200000);
  EXPECT_EQ(store_->Pump(100000, 100, "timers")->moved, 0);
  auto fired = store_->Dispatch(100001, {{"reminder", 10}});
  ASSERT_TRUE(fired.ok());
  ASSERT_EQ(fired->size(), 1u);
  EXPECT_EQ((*fired)[0].body, "payload-30");
  EXPECT_EQ((*fired)[0].kind, "remind");
  EXPECT_EQ((*fired)[0].code, t.code);
  EXPECT_EQ((*fired)[0].state, "SUBMITTED");

  // A later outcome cancels the 15-day reminder: it never fires.
  protocol::Outcome cancel;
  cancel.cancel_timers = {"remind.15d", "no-such-timer"};
  const LeasedTask& f = (*fired)[0];
  Completion cc{f.service, f.id, f.fence, f.code, -1, "", "", "", "", "", "reminded", "",
                "worker:reminder", protocol::EncodeOutcomeEffects(cancel)};
  ASSERT_EQ((*store_->Complete(100002, {cc}))[0], CompletionResult::kApplied);
  auto later = store_->Pump(300000, 100, "timers");
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->moved, 0);
  EXPECT_EQ(later->next_due_ms, -1);
}

// A role answering its own timer's task may set that timer again (a deferral to the next working
// morning, a chase that repeats): the outcome re-arms it although its task is still leased, and it
// fires again later, once.
TEST_F(TaskStoreTest, AnOutcomeSetsItsOwnTimerAgain) {
  protocol::SuggestionDraft d = Draft("2026");
  auto codes = store_->Submit(5000, 60, {{"rid-rearm", "2026", protocol::EncodeBare(d), "deputy:D1"}});
  ASSERT_TRUE(codes.ok());
  const std::string code = (*codes)[0].code;
  ASSERT_TRUE(store_->SetTimers(6000, code, {{"survey.chase", "survey", "chase", 10000, 0, "r1"}}).ok());
  ASSERT_EQ(store_->Pump(10000, 100, "timers")->moved, 1);
  auto fired = store_->Dispatch(10001, {{"survey", 1}});
  ASSERT_TRUE(fired.ok());
  ASSERT_EQ(fired->size(), 1u);
  const LeasedTask& f = (*fired)[0];
  protocol::Outcome again;
  again.timers = {{"survey.chase", "survey", "chase", 50000, 0, "r1"}};
  Completion c{f.service, f.id, f.fence, f.code, -1, "", "", "", "", "", "evaluation_chased", "",
               "worker:survey", protocol::EncodeOutcomeEffects(again)};
  ASSERT_EQ((*store_->Complete(10002, {c}))[0], CompletionResult::kApplied);
  EXPECT_EQ(store_->Pump(49999, 100, "timers")->moved, 0) << "never early";
  EXPECT_EQ(store_->Pump(50000, 100, "timers")->moved, 1) << "re-armed by its own task's outcome";
  EXPECT_EQ(store_->Pump(50001, 100, "timers")->moved, 0) << "once";
}

// Earliest deadline first: tasks waiting for one role leave in the order of the deadlines they
// serve (their priority), not in the order their timers fired.
TEST_F(TaskStoreTest, WaitingTasksOfARoleLeaveEarliestDeadlineFirst) {
  protocol::SuggestionDraft d = Draft("2026");
  auto codes = store_->Submit(5000, 60, {{"rid-a", "2026", protocol::EncodeBare(d), "deputy:D1"},
                                         {"rid-b", "2026", protocol::EncodeBare(d), "deputy:D1"},
                                         {"rid-c", "2026", protocol::EncodeBare(d), "deputy:D1"}});
  ASSERT_TRUE(codes.ok());
  // Fired in the order a, b, c; their deadlines are c < a < b.
  ASSERT_TRUE(store_->SetTimers(6000, (*codes)[0].code, {{"r", "reminder", "remind", 10000, 500000, ""}}).ok());
  ASSERT_TRUE(store_->SetTimers(6000, (*codes)[1].code, {{"r", "reminder", "remind", 10001, 900000, ""}}).ok());
  ASSERT_TRUE(store_->SetTimers(6000, (*codes)[2].code, {{"r", "reminder", "remind", 10002, 100000, ""}}).ok());
  ASSERT_EQ(store_->Pump(20000, 100, "timers")->moved, 3);
  std::vector<std::string> order;
  for (int i = 0; i < 3; ++i) {
    auto t = store_->Dispatch(20000, {{"reminder", 1}});
    ASSERT_TRUE(t.ok());
    ASSERT_EQ(t->size(), 1u);
    order.push_back((*t)[0].code);
  }
  EXPECT_EQ(order, (std::vector<std::string>{(*codes)[2].code, (*codes)[0].code, (*codes)[1].code}));
}

// A pending timer is its member CODE|NAME in the timers set and its field of the suggestion's
// timer index, nothing else; its task hash is made when it fires, carrying the payload (any
// bytes) and the priority.
TEST_F(TaskStoreTest, PendingTimerHasNoTaskHashUntilItFires) {
  protocol::SuggestionDraft d = Draft("2026");
  auto codes = store_->Submit(5000, 60, {{"rid-p", "2026", protocol::EncodeBare(d), "deputy:D1"}});
  ASSERT_TRUE(codes.ok());
  const std::string code = (*codes)[0].code;
  const std::string payload("a|b\0\x94|c\xff", 9);  // arbitrary bytes, '|' and NUL included
  const std::string first_key_prefix = prefix_ + ":t:{reminder}:T" + code + ".r.";
  auto count = [&](std::vector<std::string> cmd) {
    auto r = redis_->Run(std::move(cmd));
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->integer : -1;
  };
  auto task_hashes = [&] {
    auto r = redis_->Run({"KEYS", first_key_prefix + "*"});  // test only
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->elements.size() : 0u;
  };
  ASSERT_TRUE(store_->SetTimers(6000, code, {{"r", "reminder", "remind", 10000, 0, payload}}).ok());
  EXPECT_EQ(task_hashes(), 0u);
  EXPECT_EQ(count({"ZCARD", prefix_ + ":timers"}), 1);
  EXPECT_EQ(count({"HLEN", prefix_ + ":tm:{" + code + "}"}), 1);
  auto due = redis_->Run({"ZSCORE", prefix_ + ":timers", code + "|r"});
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->str, "10000");
  auto q = store_->Queues();
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->timers, 1);
  EXPECT_EQ(q->next_timer_due_ms, 10000);

  // Set again: moved (one member, the new due time), still no task hash.
  ASSERT_TRUE(store_->SetTimers(7000, code, {{"r", "reminder", "remind", 20000, 0, payload}}).ok());
  EXPECT_EQ(count({"ZCARD", prefix_ + ":timers"}), 1);
  EXPECT_EQ(task_hashes(), 0u);
  EXPECT_EQ(store_->Pump(19999, 100, "timers")->moved, 0);
  auto p = store_->Pump(20003, 100, "timers");
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->moved, 1);
  EXPECT_EQ(p->lateness_ms, (std::vector<std::int64_t>{3}));
  EXPECT_EQ(p->services, (std::vector<std::string>{"reminder"}));
  EXPECT_EQ(p->next_due_ms, -1);
  EXPECT_EQ(task_hashes(), 1u);
  auto queued = redis_->Run({"ZRANGE", prefix_ + ":q:{reminder}", "0", "-1", "WITHSCORES"});
  ASSERT_TRUE(queued.ok());
  ASSERT_EQ(queued->elements.size(), 2u);
  const std::string fired_id = queued->elements[0].str;
  EXPECT_EQ(fired_id.rfind("T" + code + ".r.", 0), 0u) << fired_id;
  EXPECT_EQ(queued->elements[1].str, "20000") << "priority 0 means the due time";
  EXPECT_EQ(store_->Pump(30000, 100, "timers")->moved, 0) << "fires once";

  // Fired and queued: setting it again sets a new pending timer (bug fixed: the re-arm was
  // dropped); cancelling it cancels that one and leaves the fired task alone.
  ASSERT_TRUE(store_->SetTimers(21000, code, {{"r", "reminder", "remind", 25000, 0, "x"}}).ok());
  EXPECT_EQ(count({"ZCARD", prefix_ + ":timers"}), 1);
  protocol::Outcome cancel;
  cancel.cancel_timers = {"r"};
  Completion cc{"", "", "", code, -1, "", "", "", "", "", "cancelled", "", "staff:test",
                protocol::EncodeOutcomeEffects(cancel)};
  ASSERT_EQ(*store_->Update(21500, cc), CompletionResult::kApplied);
  EXPECT_EQ(count({"HLEN", prefix_ + ":tm:{" + code + "}"}), 0);
  EXPECT_EQ(count({"ZCARD", prefix_ + ":timers"}), 0);
  auto fired = store_->Dispatch(22000, {{"reminder", 10}});
  ASSERT_TRUE(fired.ok());
  ASSERT_EQ(fired->size(), 1u);
  EXPECT_EQ((*fired)[0].id, fired_id);
  EXPECT_EQ((*fired)[0].body, payload);
  EXPECT_EQ((*fired)[0].kind, "remind");
  EXPECT_EQ((*fired)[0].code, code);

  // Done: a pending timer is cancelled without firing.
  Completion done{"reminder", fired_id, (*fired)[0].fence, code, -1, "", "", "", "", "",
                  "reminded", "", "worker:reminder", ""};
  ASSERT_EQ((*store_->Complete(22500, {done}))[0], CompletionResult::kApplied);
  ASSERT_TRUE(store_->SetTimers(23000, code, {{"r", "reminder", "remind", 40000, 35000, "y"}}).ok());
  EXPECT_EQ(count({"ZCARD", prefix_ + ":timers"}), 1);
  ASSERT_EQ(*store_->Update(24000, cc), CompletionResult::kApplied);
  EXPECT_EQ(count({"ZCARD", prefix_ + ":timers"}), 0);
  EXPECT_EQ(count({"HLEN", prefix_ + ":tm:{" + code + "}"}), 0);
  EXPECT_EQ(store_->Pump(50000, 100, "timers")->moved, 0);
  EXPECT_EQ(task_hashes(), 0u);
}

// Each firing of a timer is a task of its own: its id and its fencing token never repeat those
// of an earlier firing, so a worker still holding that old lease cannot complete the new one.
TEST_F(TaskStoreTest, ATimerFiredAgainIsANewTask) {
  protocol::SuggestionDraft d = Draft("2026");
  auto codes = store_->Submit(5000, 60, {{"rid-fence", "2026", protocol::EncodeBare(d), "deputy:D1"}});
  ASSERT_TRUE(codes.ok());
  const std::string code = (*codes)[0].code;
  ASSERT_TRUE(store_->SetTimers(6000, code, {{"r", "reminder", "remind", 10000, 0, "one"}}).ok());
  ASSERT_EQ(store_->Pump(10000, 100, "timers")->moved, 1);
  const LeasedTask first = (*store_->Dispatch(10001, {{"reminder", 1}}))[0];
  Completion done{first.service, first.id, first.fence, code, -1, "", "", "", "", "", "reminded",
                  "", "worker:reminder", ""};
  ASSERT_EQ((*store_->Complete(10002, {done}))[0], CompletionResult::kApplied);
  ASSERT_TRUE(store_->SetTimers(10003, code, {{"r", "reminder", "remind", 20000, 0, "two"}}).ok());
  ASSERT_EQ(store_->Pump(20000, 100, "timers")->moved, 1);
  const LeasedTask second = (*store_->Dispatch(20001, {{"reminder", 1}}))[0];
  EXPECT_NE(second.id, first.id);
  EXPECT_NE(second.fence, first.fence);
  // The old lease's answer is stale; the new one's is applied.
  Completion late = done;
  EXPECT_EQ((*store_->Complete(20002, {late}))[0], CompletionResult::kStale);
  Completion now{second.service, second.id, second.fence, code, -1, "", "", "", "", "", "reminded",
                 "", "worker:reminder", ""};
  EXPECT_EQ((*store_->Complete(20003, {now}))[0], CompletionResult::kApplied);
}

// Bug fixed (issue "Nothing lost, nothing doubled"): setting a timer whose previous firing's task
// was still queued, leased, retrying or dead returned without error and without effect, so (for
// example) an extension's new overdue timer was silently not set while the escalation role was
// paused. Now the new due time holds in every case, and the earlier task runs on its own.
TEST_F(TaskStoreTest, ATimerSetAgainWhileItsLastFiringIsUnfinishedStillFires) {
  protocol::SuggestionDraft d = Draft("2026");
  for (const std::string stage : {"queued", "leased", "retrying", "dead"}) {
    SCOPED_TRACE(stage);
    auto codes = store_->Submit(5000, 60, {{"rid-" + stage, "2026", protocol::EncodeBare(d),
                                            "deputy:D1"}});
    ASSERT_TRUE(codes.ok());
    const std::string code = (*codes)[0].code;
    ASSERT_TRUE(store_->SetTimers(6000, code, {{"reply.overdue", "escalation", "overdue", 10000, 0,
                                                "old"}}).ok());
    ASSERT_EQ(store_->Pump(10000, 100, "timers")->moved, 1);
    if (stage != "queued") {
      auto t = store_->Dispatch(10001, {{"escalation", 1}});
      ASSERT_TRUE(t.ok());
      ASSERT_EQ(t->size(), 1u);
      if (stage == "retrying" || stage == "dead") {
        auto f = store_->Fail(10002, {{"escalation", (*t)[0].id, (*t)[0].fence, "down",
                                       stage == "dead"}});
        ASSERT_EQ((*f)[0], stage == "dead" ? FailureResult::kDead : FailureResult::kRetry);
      }
    }
    // Staff approve an extension: the overdue timer is set again for the new deadline.
    ASSERT_TRUE(store_->SetTimers(11000, code, {{"reply.overdue", "escalation", "overdue", 90000,
                                                 0, "new"}}).ok());
    auto due = redis_->Run({"ZSCORE", prefix_ + ":timers", code + "|reply.overdue"});
    ASSERT_TRUE(due.ok());
    EXPECT_EQ(due->str, "90000") << "the re-arm holds";
    EXPECT_EQ(store_->Pump(89999, 100, "timers")->moved, 0);
    ASSERT_EQ(store_->Pump(90000, 100, "timers")->moved, 1);
    // Drain the queue: the new firing is delivered with its own payload (and a queued old one
    // too, separately).
    auto all = store_->Dispatch(90001, {{"escalation", 10}});
    ASSERT_TRUE(all.ok());
    std::vector<std::string> bodies;
    for (const auto& t : *all) bodies.push_back(t.body);
    std::vector<std::string> want = stage == "queued" ? std::vector<std::string>{"old", "new"}
                                                      : std::vector<std::string>{"new"};
    EXPECT_EQ(bodies, want);
    for (const auto& t : *all) {
      Completion c{t.service, t.id, t.fence, "", -1, "", "", "", "", "", "escalation_skipped", "",
                   "worker:escalation", ""};
      ASSERT_EQ((*store_->Complete(90002, {c}))[0], CompletionResult::kApplied);
    }
    if (stage == "retrying") {
      // The earlier firing's retry still comes back, once, as the task it was.
      ASSERT_EQ(store_->Pump(1LL << 40, 100, "retries")->moved, 1);
      auto old = store_->Dispatch(90003, {{"escalation", 10}});
      ASSERT_EQ(old->size(), 1u);
      EXPECT_EQ((*old)[0].body, "old");
      Completion c{"escalation", (*old)[0].id, (*old)[0].fence, "", -1, "", "", "", "", "",
                   "escalation_skipped", "", "worker:escalation", ""};
      ASSERT_EQ((*store_->Complete(90004, {c}))[0], CompletionResult::kApplied);
    }
  }
}

// Timers written by the layout before this one (a task hash in 'scheduled', member and index
// value SERVICE|T<CODE>.<NAME>) still fire once, move and cancel.
TEST_F(TaskStoreTest, TimersOfThePreviousLayoutStillFireMoveAndCancel) {
  protocol::SuggestionDraft d = Draft("2026");
  auto codes = store_->Submit(5000, 60, {{"rid-l", "2026", protocol::EncodeBare(d), "deputy:D1"}});
  ASSERT_TRUE(codes.ok());
  const std::string code = (*codes)[0].code;
  auto legacy = [&](const std::string& name, std::int64_t due, const std::string& body) {
    const std::string id = "T" + code + "." + name, member = "reminder|" + id;
    const std::string d = std::to_string(due);
    ASSERT_TRUE(redis_->Run({"HSET", prefix_ + ":t:{reminder}:" + id, "svc", "reminder", "kind",
                             "remind", "client", "", "code", code, "body", body, "created", "6000",
                             "prio", d, "st", "scheduled", "due", d}).ok());
    ASSERT_TRUE(redis_->Run({"ZADD", prefix_ + ":timers", d, member}).ok());
    ASSERT_TRUE(redis_->Run({"HSET", prefix_ + ":tm:{" + code + "}", name, member}).ok());
  };
  legacy("a", 10000, "old-a");
  legacy("b", 11000, "old-b");
  legacy("c", 12000, "old-c");
  // b is set again (moved to 13000 under the new layout); c is cancelled.
  ASSERT_TRUE(store_->SetTimers(7000, code, {{"b", "reminder", "remind", 13000, 0, "new-b"}}).ok());
  protocol::Outcome cancel;
  cancel.cancel_timers = {"c"};
  Completion cc{"", "", "", code, -1, "", "", "", "", "", "cancelled", "", "staff:test",
                protocol::EncodeOutcomeEffects(cancel)};
  ASSERT_EQ(*store_->Update(7500, cc), CompletionResult::kApplied);
  EXPECT_EQ(store_->Queues()->timers, 2);
  auto p = store_->Pump(20000, 100, "timers");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->moved, 2);
  EXPECT_EQ(store_->Pump(20000, 100, "timers")->moved, 0);
  auto fired = store_->Dispatch(20001, {{"reminder", 10}});
  ASSERT_TRUE(fired.ok());
  ASSERT_EQ(fired->size(), 2u);
  EXPECT_EQ((*fired)[0].body, "old-a");
  EXPECT_EQ((*fired)[1].body, "new-b");
}

}  // namespace
}  // namespace duban::store
