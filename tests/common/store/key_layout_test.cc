// The key layout upgrade (common/store/key_layout.h) against a real redis-server: a deployment
// written with the untagged names and the timers of the layout before 2026-11 reads, fires and
// cancels as if written today after UpgradeKeyLayout; a second run changes nothing; a key that
// cannot be renamed is left for an operator and the upgrade not marked done; RedisClient's
// OnConnect hook runs at a connect and its failure makes the call Unavailable.
#include "common/store/key_layout.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "common/store/audit_store.h"
#include "tests/support/store_test_fixture.h"

namespace duban::store {
namespace {

class KeyLayoutTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto c = RedisClient::Create(std::getenv("DUBAN_TEST_REDIS_URL"), 1000, 1000, DubanScripts());
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    redis_ = std::move(c).value();
    name_ = "kl" + std::to_string(std::random_device{}()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    prefix_ = KeyPrefix(name_);
    store_ = std::make_unique<TaskStore>(*redis_, prefix_, RetryPolicy{100, 1000, 3, 5}, 30000);
  }
  void TearDown() override {
    StoreTest::TearDown();  // the {NAME}:* keys
    auto keys = redis_->Run({"KEYS", name_ + ":*"});  // the untagged ones left by a test
    if (keys.ok()) {
      for (const auto& k : keys->elements) (void)redis_->Run({"DEL", k.str});
    }
  }
  std::int64_t Count(const Command& c) {
    auto r = redis_->Run(c);
    return r.ok() ? r->integer : -1;
  }
  // A timer of the layout before 2026-11 under the current prefix: task hash in 'scheduled',
  // member and index value SERVICE|T<CODE>.<NAME>.
  void LegacyTimer(const std::string& code, const std::string& name, std::int64_t due,
                   std::int64_t prio, const std::string& body, const std::string& st) {
    const std::string id = "T" + code + "." + name, member = "reminder|" + id;
    ASSERT_TRUE(redis_->Run({"HSET", prefix_ + ":t:{reminder}:" + id, "svc", "reminder", "kind",
                             "remind", "client", "", "code", code, "body", body, "created", "6000",
                             "prio", std::to_string(prio), "st", st, "due", std::to_string(due)})
                    .ok());
    if (st == "scheduled") {
      ASSERT_TRUE(redis_->Run({"ZADD", prefix_ + ":timers", std::to_string(due), member}).ok());
    } else {
      ASSERT_TRUE(redis_->Run({"ZADD", prefix_ + ":q:{reminder}", std::to_string(prio), id}).ok());
    }
    ASSERT_TRUE(redis_->Run({"HSET", prefix_ + ":tm:{" + code + "}", name, member}).ok());
  }
  std::string name_;
};

// Written by a store whose prefix had no braces (the names before layout 2), read after the
// upgrade by a store of today: the suggestion, its timeline and its pending timer.
TEST_F(KeyLayoutTest, UntaggedKeysAreRenamedAndReadAsBefore) {
  TaskStore old_store(*redis_, name_, RetryPolicy{100, 1000, 3, 5}, 30000);
  auto sub = old_store.Submit(5000, 60, {{"rid-o", "2026", protocol::EncodeBare(Draft("2026")),
                                          "deputy:D1"}});
  ASSERT_TRUE(sub.ok()) << sub.status().ToString();
  const std::string code = (*sub)[0].code;
  ASSERT_TRUE(old_store.SetTimers(6000, code, {{"r", "reminder", "remind", 10000, 0, "p"}}).ok());
  ASSERT_EQ(Count({"EXISTS", name_ + ":s:{" + code + "}"}), 1);
  EXPECT_EQ(store_->Get(code, true, -1, 10).status().code(), StatusCode::kNotFound);

  auto up = UpgradeKeyLayout(*redis_, name_);
  ASSERT_TRUE(up.ok()) << up.status().ToString();
  EXPECT_FALSE(up->already);
  EXPECT_GE(up->renamed, 5);  // suggestion, timeline, timer index, timers, indexes, sequences
  EXPECT_EQ(up->conflicts, 0);
  EXPECT_EQ(Count({"EXISTS", name_ + ":s:{" + code + "}"}), 0);
  auto keys = redis_->Run({"KEYS", name_ + ":*"});
  ASSERT_TRUE(keys.ok());
  EXPECT_TRUE(keys->elements.empty());

  auto s = store_->Get(code, true, -1, 10);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->state, "SUBMITTED");
  EXPECT_FALSE(s->audit.empty());
  EXPECT_EQ(store_->Queues()->timers, 1);
  auto p = store_->Pump(20000, 100, "timers");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->moved, 1);
  auto fired = store_->Dispatch(20001, {{"reminder", 10}});
  ASSERT_TRUE(fired.ok());
  ASSERT_EQ(fired->size(), 1u);
  EXPECT_EQ((*fired)[0].body, "p");
  // A new submission continues the old sequence of codes instead of starting again.
  auto next = store_->Submit(21000, 60, {{"rid-n", "2026", protocol::EncodeBare(Draft("2026")),
                                          "deputy:D1"}});
  ASSERT_TRUE(next.ok());
  EXPECT_NE((*next)[0].code, code);

  // Done, and marked so: the next run reads the marker only.
  auto again = UpgradeKeyLayout(*redis_, name_);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already);
  EXPECT_EQ(again->renamed, 0);
}

// The timers of the layout before 2026-11: a pending one fires once at its due time with its
// payload and its own priority, one set again or cancelled after the upgrade behaves as today's,
// a fired one keeps naming its task (so `check` still sees the suggestion waiting on it), and a
// value of neither layout is counted and left. Running the upgrade again changes nothing.
TEST_F(KeyLayoutTest, TimersOfTheOlderLayoutAreConvertedOnce) {
  auto codes = Submit(2);
  ASSERT_EQ(codes.size(), 2u);
  const std::string code = codes[0], waiting = codes[1];
  LegacyTimer(code, "a", 10000, 10000, "old-a", "scheduled");
  LegacyTimer(code, "b", 11000, 4000, "old-b", "scheduled");  // served before its due time
  LegacyTimer(code, "c", 12000, 12000, "old-c", "scheduled");
  LegacyTimer(code, "d", 12500, 12500, "old-d", "scheduled");
  LegacyTimer(waiting, "f", 9000, 9000, "fired", "queued");  // fired, its task queued
  ASSERT_TRUE(redis_->Run({"HSET", prefix_ + ":tm:{" + code + "}", "junk", "not a timer"}).ok());
  auto up = UpgradeKeyLayout(*redis_, name_);
  ASSERT_TRUE(up.ok()) << up.status().ToString();
  EXPECT_EQ(up->renamed, 0);
  EXPECT_EQ(up->timers_pending, 4);
  EXPECT_EQ(up->timers_fired, 1);
  EXPECT_EQ(up->unreadable, 1);
  EXPECT_EQ(Count({"EXISTS", prefix_ + ":t:{reminder}:T" + code + ".a"}), 0);
  EXPECT_EQ(Count({"ZCARD", prefix_ + ":timers"}), 4);
  auto due = redis_->Run({"ZSCORE", prefix_ + ":timers", code + "|b"});
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->str, "11000");

  ASSERT_TRUE(redis_->Run({"DEL", prefix_ + ":layout"}).ok());
  auto again = UpgradeKeyLayout(*redis_, name_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->timers_pending + again->timers_fired, 0);
  EXPECT_EQ(again->unreadable, 1);

  // c moved by today's code, d cancelled.
  ASSERT_TRUE(store_->SetTimers(7000, code, {{"c", "reminder", "remind", 13000, 0, "new-c"}}).ok());
  protocol::Outcome cancel;
  cancel.cancel_timers = {"d"};
  Completion cc{"", "", "", code, -1, "", "", "", "", "", "cancelled", "", "staff:test",
                protocol::EncodeOutcomeEffects(cancel)};
  ASSERT_EQ(*store_->Update(7500, cc), CompletionResult::kApplied);
  EXPECT_EQ(store_->Queues()->timers, 3);

  auto p = store_->Pump(20000, 100, "timers");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->moved, 3);
  EXPECT_EQ(p->dropped, 0);
  EXPECT_EQ(store_->Pump(20000, 100, "timers")->moved, 0);
  auto queued = redis_->Run({"ZRANGE", prefix_ + ":q:{reminder}", "0", "-1", "WITHSCORES"});
  ASSERT_TRUE(queued.ok());
  // The fired task of `waiting` (9000), b at its own priority (4000), a (10000), c (13000).
  ASSERT_EQ(queued->elements.size(), 8u);
  EXPECT_EQ(queued->elements[1].str, "4000");
  auto fired = store_->Dispatch(20001, {{"reminder", 10}});
  ASSERT_TRUE(fired.ok());
  ASSERT_EQ(fired->size(), 4u);
  EXPECT_EQ((*fired)[0].body, "old-b");
  EXPECT_EQ((*fired)[1].body, "fired");
  EXPECT_EQ((*fired)[2].body, "old-a");
  EXPECT_EQ((*fired)[3].body, "new-c");

  // `waiting` has no pending timer, only the fired one whose task is leased: not stuck. `code`
  // has its junk field only (a, b and c fired and leased too): not stuck either.
  AuditStore audit(*store_);
  auto stuck = audit.Stuck(0, 100);
  ASSERT_TRUE(stuck.ok()) << stuck.status().ToString();
  EXPECT_TRUE(stuck->rows.empty());
}

// A due timer member whose index field is gone or unreadable (edited by hand) is dropped and
// counted, never fired as something else, and the other due timers still fire.
// Suggestions filed before layout 3 had no index of their lead deputy: the upgrade builds it from
// the stored drafts, so duban.list finds a deputy's old suggestions too; a second run adds nothing.
TEST_F(KeyLayoutTest, SuggestionsOfBeforeLayoutThreeGetTheirDeputysIndex) {
  auto codes = Submit(3);
  ASSERT_EQ(codes.size(), 3u);
  // As an older broker left them: no deputy index, and one suggestion whose draft is unreadable.
  ASSERT_TRUE(redis_->Run({"DEL", prefix_ + ":idx:deputy:D1"}).ok());
  ASSERT_TRUE(redis_->Run({"HSET", prefix_ + ":s:{" + codes[2] + "}", "doc", "not msgpack"}).ok());
  auto before = store_->List("", "", 100, "", "D1");
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ(before->total, 0);

  auto up = UpgradeKeyLayout(*redis_, name_);
  ASSERT_TRUE(up.ok()) << up.status().ToString();
  EXPECT_EQ(up->deputies_indexed, 2);
  EXPECT_EQ(up->drafts_unreadable, 1);
  auto after = store_->List("", "", 100, "", "D1");
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  ASSERT_EQ(after->total, 2);
  EXPECT_EQ(after->rows[0].code, codes[0]);
  EXPECT_EQ(after->rows[1].code, codes[1]);
  EXPECT_EQ(store_->List("", "", 100, "", "D2")->total, 0) << "another deputy's index stays empty";

  ASSERT_TRUE(redis_->Run({"DEL", prefix_ + ":layout"}).ok());
  auto again = UpgradeKeyLayout(*redis_, name_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Count({"ZCARD", prefix_ + ":idx:deputy:D1"}), 2) << "a second run adds nothing";
}

TEST_F(KeyLayoutTest, OutboxesOfBeforeLayoutFourGetTheirUnreadCount) {
  // As an older broker left them: notices without the count beside them, one of three read.
  const std::string ob = prefix_ + ":outbox:{unit:jyj}";
  for (const char* read : {"true", "nil", "nil"}) {
    ASSERT_TRUE(redis_->Run({"EVAL",
                             std::string("redis.call('LPUSH', KEYS[1], cmsgpack.pack({kind = "
                                         "'reminder', text = 'x', read = ") + read + "}))",
                             "1", ob})
                    .ok());
  }
  ASSERT_TRUE(redis_->Run({"DEL", prefix_ + ":layout"}).ok());
  auto up = UpgradeKeyLayout(*redis_, name_);
  ASSERT_TRUE(up.ok()) << up.status().ToString();
  EXPECT_EQ(up->outboxes_counted, 1);
  EXPECT_EQ(redis_->Run({"GET", prefix_ + ":unread:{unit:jyj}"})->str, "2");
  auto inbox = store_->Inbox("unit:jyj", 10);
  ASSERT_TRUE(inbox.ok()) << inbox.status().ToString();
  EXPECT_EQ(inbox->total, 3);
  EXPECT_EQ(inbox->unread, 2);
  EXPECT_EQ(redis_->Run({"GET", prefix_ + ":layout"})->str, "4");

  ASSERT_TRUE(redis_->Run({"DEL", prefix_ + ":layout"}).ok());
  ASSERT_TRUE(UpgradeKeyLayout(*redis_, name_).ok());
  EXPECT_EQ(redis_->Run({"GET", prefix_ + ":unread:{unit:jyj}"})->str, "2")
      << "a second run counts the same";
}

// Since layout 3, submit indexes the lead deputy itself.
TEST_F(KeyLayoutTest, SubmitPutsASuggestionInItsDeputysIndex) {
  auto codes = Submit(2);
  ASSERT_EQ(codes.size(), 2u);
  auto mine = store_->List("", "", 100, "", "D1");
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_EQ(mine->total, 2);
  auto submitted = store_->List("SUBMITTED", "", 100, "", "D1");
  ASSERT_TRUE(submitted.ok());
  EXPECT_EQ(submitted->total, 2) << "the deputy filter combines with the others";
}

TEST_F(KeyLayoutTest, PumpDropsATimerWithoutAReadableIndexField) {
  auto codes = Submit(1);
  ASSERT_EQ(codes.size(), 1u);
  const std::string code = codes[0];
  ASSERT_TRUE(store_->SetTimers(6000, code, {{"ok", "reminder", "remind", 10000, 0, "fine"}}).ok());
  ASSERT_TRUE(redis_->Run({"ZADD", prefix_ + ":timers", "9000", code + "|gone"}).ok());
  ASSERT_TRUE(redis_->Run({"ZADD", prefix_ + ":timers", "9500", code + "|bad"}).ok());
  ASSERT_TRUE(redis_->Run({"HSET", prefix_ + ":tm:{" + code + "}", "bad", "garbage"}).ok());
  auto p = store_->Pump(20000, 100, "timers");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->moved, 1);
  EXPECT_EQ(p->dropped, 2);
  EXPECT_EQ(Count({"ZCARD", prefix_ + ":timers"}), 0);
}

// A key whose new name is taken is left, both values kept, and the upgrade is not marked done,
// so the next connect reports it again.
TEST_F(KeyLayoutTest, AKeyWhoseNewNameIsTakenIsLeftAndReported) {
  ASSERT_TRUE(redis_->Run({"SET", name_ + ":seq:task", "41"}).ok());
  ASSERT_TRUE(redis_->Run({"SET", prefix_ + ":seq:task", "7"}).ok());
  ASSERT_TRUE(redis_->Run({"SET", name_ + ":seq:code:2026", "3"}).ok());
  auto up = UpgradeKeyLayout(*redis_, name_);
  ASSERT_TRUE(up.ok()) << up.status().ToString();
  EXPECT_EQ(up->renamed, 1);
  EXPECT_EQ(up->conflicts, 1);
  EXPECT_EQ(redis_->Run({"GET", name_ + ":seq:task"})->str, "41");
  EXPECT_EQ(redis_->Run({"GET", prefix_ + ":seq:task"})->str, "7");
  EXPECT_EQ(redis_->Run({"GET", prefix_ + ":seq:code:2026"})->str, "3");
  EXPECT_EQ(Count({"EXISTS", prefix_ + ":layout"}), 0);
  auto again = UpgradeKeyLayout(*redis_, name_);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->already);
  EXPECT_EQ(again->conflicts, 1);
}

TEST(KeyPrefixTest, NamesAreCheckedAndTagged) {
  EXPECT_EQ(KeyPrefix("duban"), "{duban}");
  EXPECT_TRUE(IsValidKeyPrefixName("duban"));
  EXPECT_TRUE(IsValidKeyPrefixName("city-2027_a.b"));
  for (const char* bad : {"", "a:b", "{duban}", "a*", "a?", "a[b]", "a b", "中文"}) {
    EXPECT_FALSE(IsValidKeyPrefixName(bad)) << bad;
  }
  EXPECT_FALSE(IsValidKeyPrefixName(std::string(65, 'a')));
}

TEST_F(KeyLayoutTest, ABadNameIsRefusedBeforeAnyCommand) {
  auto up = UpgradeKeyLayout(*redis_, "a*");
  EXPECT_EQ(up.status().code(), StatusCode::kInvalidArgument);
}

// OnConnect runs once when the client connects, not on every call; a hook that fails makes the
// call that connected answer Unavailable.
TEST(RedisClientOnConnectTest, RunsAtConnectAndItsFailureRefusesTheCall) {
  const char* url = std::getenv("DUBAN_TEST_REDIS_URL");
  ASSERT_NE(url, nullptr) << "DUBAN_TEST_REDIS_URL is not set: run through scripts/test";
  auto c = RedisClient::Create(url, 1000, 1000, DubanScripts());
  ASSERT_TRUE(c.ok());
  int runs = 0;
  (*c)->OnConnect([&] {
    ++runs;
    return Status::Ok();
  });
  ASSERT_TRUE((*c)->Run({"PING"}).ok());
  ASSERT_TRUE((*c)->Run({"PING"}).ok());
  EXPECT_EQ(runs, 1);

  auto f = RedisClient::Create(url, 1000, 1000, DubanScripts());
  ASSERT_TRUE(f.ok());
  (*f)->OnConnect([] { return Internal("refused by the hook"); });
  auto r = (*f)->Run({"PING"});
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("refused by the hook"), std::string::npos);
  EXPECT_FALSE((*f)->connected());
}

}  // namespace
}  // namespace duban::store
