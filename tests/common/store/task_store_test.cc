// TaskStore against a real redis-server (scripts/test starts one and exports DUBAN_TEST_REDIS_URL).
// Each test uses its own key prefix, so tests never see each other's keys.
#include "common/store/task_store.h"

#include <cstdlib>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "common/protocol/codec.h"
#include "common/store/scripts.h"
#include "tests/support/store_test_fixture.h"

namespace duban::store {
namespace {

class TaskStoreTest : public StoreTest {
 protected:
  std::string Enqueue(const std::string& svc, Millis prio, const std::string& body = "b") {
    auto ids = store_->Enqueue(1000, {{svc, "mdp", "client-1", "", prio, body}});
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.ok() ? (*ids)[0].id : "";
  }
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
  EXPECT_EQ(store_->Reap(1000 + 30000 + 1, 100)->retried, 0) << "extended to 20000 + 30000";
  EXPECT_EQ(store_->Reap(20000 + 30000 + 1, 100)->retried, 1);
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
  EXPECT_EQ(reaped->retried, 1);
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

// The unread count beside an outbox (layout 4) follows each push, each mark and the trim of the
// oldest entry of a full outbox; the inbox finds a filtered notice past its first page.
TEST_F(TaskStoreTest, TheUnreadCountFollowsPushesMarksAndTheTrim) {
  protocol::SuggestionDraft d = Draft("2026");
  ASSERT_TRUE(store_->Submit(5000, 60, {{"rid-u", "2026", protocol::EncodeBare(d), "deputy:D1"}}).ok());
  const LeasedTask t = (*store_->Dispatch(6000, {{"assignment", 1}}))[0];
  // A full outbox as earlier notices left it: 10 000 entries, all read but the oldest and one
  // 'agenda' notice deep in it.
  const std::string ob = prefix_ + ":outbox:{unit:jyj}";
  auto filled = redis_->Run(
      {"EVAL",
       "for i = 1, 10000 do redis.call('RPUSH', KEYS[1], cmsgpack.pack({at_ms = i, code = '', "
       "kind = (i == 5000) and 'agenda' or 'reminder', text = 'n' .. i, id = string.format("
       "'%012x', i), read = (i ~= 10000 and i ~= 5000) or nil})) end return redis.call('LLEN', "
       "KEYS[1])",
       "1", ob});
  ASSERT_TRUE(filled.ok() && filled->integer == 10000) << "could not fill the outbox";
  ASSERT_TRUE(redis_->Run({"SET", prefix_ + ":unread:{unit:jyj}", "2"}).ok());

  // Two notices: the first trims the oldest entry, unread (2 + 1 - 1); the second the next
  // oldest, read (+ 1).
  protocol::Outcome o;
  o.notices = {{"unit:jyj", "reminder", "请按时办理", "a"}, {"unit:jyj", "reminder", "请尽快办理", "b"}};
  Completion c{t.service, t.id, t.fence, t.code, -1, "", "", "", "", "", "timers_set", "",
               "worker:assignment", protocol::EncodeOutcomeEffects(o)};
  auto r = store_->Complete(7000, {c});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ((*r)[0], CompletionResult::kApplied);
  auto inbox = store_->Inbox("unit:jyj", 1);
  ASSERT_TRUE(inbox.ok()) << inbox.status().ToString();
  EXPECT_EQ(inbox->total, 10000);
  EXPECT_EQ(inbox->unread, 3);
  ASSERT_EQ(inbox->entries.size(), 1u);
  const std::string newest = inbox->entries[0].second;

  auto deep = store_->Inbox("unit:jyj", 5, "agenda");
  ASSERT_TRUE(deep.ok());
  ASSERT_EQ(deep->entries.size(), 1u) << "a match past the first page is found";
  EXPECT_EQ(deep->entries[0].second, "000000001388");

  auto marked = store_->InboxRead("unit:jyj", 8000, "unit:jyj", {newest, newest, "000000001388"});
  ASSERT_TRUE(marked.ok()) << marked.status().ToString();
  EXPECT_EQ(*marked, 2);
  EXPECT_EQ(store_->Inbox("unit:jyj", 1)->unread, 1);
  EXPECT_EQ(*store_->InboxRead("unit:jyj", 9000, "unit:jyj", {newest}), 1);
  EXPECT_EQ(store_->Inbox("unit:jyj", 1)->unread, 1) << "marking again counts nothing";
  EXPECT_EQ(*store_->InboxRead("unit:jyj", 9000, "unit:jyj", {"0123456789ab"}), 0);
  auto unread = store_->Inbox("unit:jyj", 10, "", "", true);
  ASSERT_TRUE(unread.ok());
  ASSERT_EQ(unread->entries.size(), 1u) << "the one unread is found among 10 000";
  EXPECT_NE(unread->entries[0].second, newest);
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
  EXPECT_EQ(inbox->total, 1);
  EXPECT_EQ(inbox->unread, 1);
  ASSERT_EQ(inbox->entries.size(), 1u);
  EXPECT_EQ(inbox->entries[0].second.size(), 12u) << "every notice has its id";

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

}  // namespace
}  // namespace duban::store
