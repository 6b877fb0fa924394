// The timer scripts (pump, set_timers and the prelude's set_timer and cancel_timer) against a real
// redis-server: a pending timer has no task until it fires, each firing is a task of its own, a
// re-arm is never dropped, deadlines are served first (the layout before 2026-11 is converted by
// UpgradeKeyLayout: key_layout_test.cc).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/store_test_fixture.h"

namespace duban::store {
namespace {

class TimerScriptsTest : public StoreTest {};

// Earliest deadline first: tasks waiting for one role leave in the order of the deadlines they
// serve (their priority), not in the order their timers fired.
TEST_F(TimerScriptsTest, WaitingTasksOfARoleLeaveEarliestDeadlineFirst) {
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
TEST_F(TimerScriptsTest, PendingTimerHasNoTaskHashUntilItFires) {
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
TEST_F(TimerScriptsTest, ATimerFiredAgainIsANewTask) {
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
TEST_F(TimerScriptsTest, ATimerSetAgainWhileItsLastFiringIsUnfinishedStillFires) {
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

// `timers` (duban.timers): the pending ones by due time, then the fired one naming its task and
// the task's state, then a value edited by hand as unreadable; NotFound for an unknown code.
TEST_F(TimerScriptsTest, TimersListsPendingThenFiredAndUnreadable) {
  auto codes = Submit(1);
  ASSERT_EQ(codes.size(), 1u);
  const std::string code = codes[0];
  ASSERT_TRUE(store_->SetTimers(6000, code, {{"late", "reminder", "remind", 30000, 0, ""},
                                             {"early", "escalation", "escalate", 20000, 0, ""},
                                             {"now", "reminder", "remind", 9000, 0, ""}})
                  .ok());
  ASSERT_EQ(store_->Pump(10000, 100, "timers")->moved, 1);  // "now" fires
  ASSERT_TRUE(redis_->Run({"HSET", prefix_ + ":tm:{" + code + "}", "junk", "x"}).ok());
  auto rows = store_->Timers(code);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].name, "early");
  EXPECT_EQ((*rows)[0].state, "pending");
  EXPECT_EQ((*rows)[0].due_ms, 20000);
  EXPECT_EQ((*rows)[0].service, "escalation");
  EXPECT_EQ((*rows)[0].kind, "escalate");
  EXPECT_EQ((*rows)[1].name, "late");
  EXPECT_EQ((*rows)[1].due_ms, 30000);
  EXPECT_EQ((*rows)[2].name, "junk");
  EXPECT_EQ((*rows)[2].state, "unreadable");
  EXPECT_EQ((*rows)[3].name, "now");
  EXPECT_EQ((*rows)[3].state, "fired");
  EXPECT_EQ((*rows)[3].due_ms, 0);
  EXPECT_EQ((*rows)[3].task_id.rfind("T" + code + ".now.", 0), 0u) << (*rows)[3].task_id;
  EXPECT_EQ((*rows)[3].task_state, "queued");
  // Leased, then done: the task goes and its state reads "".
  auto leased = store_->Dispatch(10001, {{"reminder", 1}});
  ASSERT_TRUE(leased.ok());
  ASSERT_EQ(leased->size(), 1u);
  EXPECT_EQ((*store_->Timers(code))[3].task_state, "leased");
  Completion c{"reminder", (*leased)[0].id, (*leased)[0].fence, "", -1, "", "", "", "", "",
               "reminded", "", "worker:reminder", ""};
  ASSERT_EQ((*store_->Complete(10002, {c}))[0], CompletionResult::kApplied);
  EXPECT_EQ((*store_->Timers(code))[3].task_state, "");

  EXPECT_EQ(store_->Timers("S2026-99999").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace duban::store
