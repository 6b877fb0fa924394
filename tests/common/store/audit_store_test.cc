// AuditStore and the audit chain the scripts write, against a real redis-server (scripts/test
// exports DUBAN_TEST_REDIS_URL): the chain that Lua's redis.sha1hex builds verifies with the C++
// SHA-1; pages walk the store in submission order; the check finds lost and dead-lettered tasks.
#include "common/store/audit_store.h"

#include <cstdlib>
#include <random>

#include <gtest/gtest.h>

#include "common/protocol/codec.h"
#include "common/sha1.h"
#include "common/store/scripts.h"
#include "tests/support/store_test_fixture.h"

namespace duban::store {
namespace {

class AuditStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    audit_ = std::make_unique<AuditStore>(*store_);
  }
  // An update based on an old version: only an outcome_superseded entry is appended.
  void Superseded(const std::string& code, Millis now) {
    Completion c;
    c.code = code;
    c.expect_version = 99;
    c.action = "x";
    c.actor = "staff:test";
    ASSERT_EQ(*store_->Update(now, c), CompletionResult::kSuperseded);
  }
  std::string Key(const std::string& kind, const std::string& tail) {
    return prefix_ + ":" + kind + tail;
  }

  std::unique_ptr<AuditStore> audit_;
};

TEST_F(AuditStoreTest, ScriptsChainEveryEntryAndKeepTheHead) {
  std::string code = Submit(1)[0];
  Superseded(code, 6000);
  Superseded(code, 7000);
  auto trail = audit_->Trail(code);
  ASSERT_TRUE(trail.ok()) << trail.status().ToString();
  ASSERT_EQ(trail->entries.size(), 3u);
  EXPECT_EQ(trail->head.alen, "3");
  EXPECT_EQ(trail->head.ahash, Sha1Hex(trail->entries[2]));
  auto first = protocol::DecodeBare<protocol::AuditEntry>(trail->entries[0]);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->prev, AuditGenesis(code));
  auto r = VerifyAuditChain(code, trail->entries, trail->head);
  EXPECT_TRUE(r.ok) << r.detail;
}

TEST_F(AuditStoreTest, AnEntryChangedInRedisStaysDetectedAfterLaterAppends) {
  std::string code = Submit(1)[0];
  Superseded(code, 6000);
  Superseded(code, 7000);
  // A forger who even links the new entry to entry 0 is still caught by entry 2's link.
  auto before = audit_->Trail(code);
  ASSERT_TRUE(before.ok());
  protocol::AuditEntry forged{6000, "staff:test", "assigned", "SUBMITTED", "ASSIGNED", "", "",
                              Sha1Hex(before->entries[0])};
  ASSERT_TRUE(redis_->Run({"LSET", Key("a:", "{" + code + "}"), "1", protocol::EncodeBare(forged)})
                  .ok());
  Superseded(code, 8000);  // the next append chains from the head, not from the list
  auto trail = audit_->Trail(code);
  ASSERT_TRUE(trail.ok());
  auto r = VerifyAuditChain(code, trail->entries, trail->head);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_index, 1) << r.detail;
  EXPECT_EQ(r.problem, kEntryChanged);
}

// Each entry's rs is the record as the change left it, whichever script wrote it (submit, assign,
// an outcome with a new handling record, a plain note); a field changed in Redis afterwards is
// record_changed.
TEST_F(AuditStoreTest, EveryEntryRecordsTheRecordAsTheChangeLeftIt) {
  std::string code = Submit(1)[0];
  ASSERT_TRUE(store_->Assign(6000, code, "units-bytes", "deadline-bytes", "jyj", "jyj",
                             "staff:test", "by hand").ok());
  Completion c;
  c.code = code;
  c.expect_version = 2;
  c.action = "replied";
  c.actor = "unit:jyj/zhang";
  c.record = "a handling record with a reply text";
  ASSERT_EQ(*store_->Update(7000, c), CompletionResult::kApplied);
  Superseded(code, 8000);  // an entry that changes nothing: the same record digest
  auto trail = audit_->Trail(code);
  ASSERT_TRUE(trail.ok()) << trail.status().ToString();
  ASSERT_EQ(trail->entries.size(), 4u);
  std::vector<std::string> digests;
  for (const auto& e : trail->entries) {
    auto entry = protocol::DecodeBare<protocol::AuditEntry>(e);
    ASSERT_TRUE(entry.ok());
    ASSERT_EQ(entry->rs.size(), 40u) << entry->action;
    digests.push_back(entry->rs);
  }
  EXPECT_NE(digests[0], digests[1]);
  EXPECT_NE(digests[1], digests[2]);
  EXPECT_EQ(digests[2], digests[3]);
  EXPECT_EQ(digests[3], RecordDigest(trail->record.values));  // Lua and C++ agree
  EXPECT_EQ(trail->record.rec, c.record);
  auto r = VerifyAuditChain(code, trail->entries, trail->head, &trail->record);
  EXPECT_TRUE(r.ok) << r.detail;

  const std::string sk = Key("s:", "{" + code + "}");
  for (auto [field, value] : {std::pair{"rec", "a handling record with another reply text"},
                              std::pair{"state", "CLOSED"}, std::pair{"doc", "other text"},
                              std::pair{"deadline", "later"}}) {
    auto old = redis_->Run({"HGET", sk, field});
    ASSERT_TRUE(old.ok());
    ASSERT_TRUE(redis_->Run({"HSET", sk, field, value}).ok());
    auto t = audit_->Trail(code);
    ASSERT_TRUE(t.ok());
    auto bad = VerifyAuditChain(code, t->entries, t->head, &t->record);
    EXPECT_FALSE(bad.ok) << field;
    EXPECT_EQ(bad.problem, kRecordChanged) << field;
    ASSERT_TRUE(redis_->Run({"HSET", sk, field, old->str}).ok());
  }
  auto again = audit_->Trail(code);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(VerifyAuditChain(code, again->entries, again->head, &again->record).ok);
}

TEST_F(AuditStoreTest, UnknownCodeIsNotFound) {
  EXPECT_EQ(audit_->Trail("S2026-99999").status().code(), StatusCode::kNotFound);
}

TEST_F(AuditStoreTest, TrailsPageInSubmissionOrder) {
  auto codes = Submit(3);
  auto first = audit_->Trails(0, 2);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->trails.size(), 2u);
  EXPECT_EQ(first->trails[0].code, codes[0]);
  EXPECT_EQ(first->next_cursor, 2);
  EXPECT_EQ(first->total, 3);
  auto second = audit_->Trails(2, 2);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->trails.size(), 1u);
  EXPECT_EQ(second->trails[0].code, codes[2]);
  EXPECT_EQ(second->next_cursor, 0);
}

TEST_F(AuditStoreTest, StuckFindsLostAndDeadLetteredTasksOnly) {
  auto codes = Submit(3);  // each has a queued assign task
  auto none = audit_->Stuck(0, 10);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->rows.empty());
  EXPECT_EQ(none->scanned, 3);

  // codes[0]: its task leased, then dead-lettered at once.
  auto leased = store_->Dispatch(6000, {{"assignment", 1}});
  ASSERT_TRUE(leased.ok());
  ASSERT_EQ(leased->size(), 1u);
  const LeasedTask t = (*leased)[0];
  ASSERT_EQ(t.code, codes[0]);
  EXPECT_TRUE(audit_->Stuck(0, 10)->rows.empty());  // leased counts as pending
  ASSERT_EQ((*store_->Fail(7000, {{t.service, t.id, t.fence, "INVALID_ARGUMENT: bad", true}}))[0],
            FailureResult::kDead);
  // codes[1]: its task lost. codes[2]: its task lost, but a timer is pending.
  for (int lost = 0; lost < 2; ++lost) {
    auto ids = redis_->Run({"ZRANGE", Key("q:", "{assignment}"), "0", "0"});
    ASSERT_TRUE(ids.ok());
    ASSERT_EQ(ids->elements.size(), 1u);
    (void)redis_->Run({"ZREM", Key("q:", "{assignment}"), ids->elements[0].str});
    (void)redis_->Run({"DEL", Key("t:", "{assignment}:" + ids->elements[0].str)});
  }
  ASSERT_TRUE(store_->SetTimers(8000, codes[2], {{"later", "reminder", "remind", 90000, 0, ""}}).ok());

  auto page = audit_->Stuck(0, 10);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->rows.size(), 2u);
  EXPECT_EQ(page->rows[0].code, codes[0]);
  EXPECT_EQ(page->rows[0].state, "SUBMITTED");
  EXPECT_EQ(page->rows[0].dead_service, "assignment");
  EXPECT_EQ(page->rows[0].dead_task, t.id);
  EXPECT_EQ(page->rows[0].dead_reason, "INVALID_ARGUMENT: bad");
  EXPECT_EQ(page->rows[1].code, codes[1]);
  EXPECT_EQ(page->rows[1].dead_task, "");
  auto last = protocol::DecodeBare<protocol::AuditEntry>(page->rows[1].last_entry);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->action, "submitted");

  // Paged: the second page alone holds codes[1] (and not the one with a timer).
  auto tail = audit_->Stuck(1, 2);
  ASSERT_TRUE(tail.ok());
  ASSERT_EQ(tail->rows.size(), 1u);
  EXPECT_EQ(tail->rows[0].code, codes[1]);
  EXPECT_EQ(tail->next_cursor, 0);

  // The timer fires: its task (found by name through the timer index) keeps codes[2] waiting,
  // on a page of its own (so the scan of every queue does not run), queued and then leased.
  auto last_page = audit_->Stuck(2, 1);
  ASSERT_TRUE(last_page.ok());
  EXPECT_TRUE(last_page->rows.empty());
  ASSERT_EQ(store_->Pump(90000, 10, "timers")->moved, 1);
  EXPECT_TRUE(audit_->Stuck(2, 1)->rows.empty());
  auto fired = store_->Dispatch(90001, {{"reminder", 1}});
  ASSERT_EQ(fired->size(), 1u);
  EXPECT_EQ((*fired)[0].id.rfind("T" + codes[2] + ".later.", 0), 0u) << "one task per firing";
  EXPECT_TRUE(audit_->Stuck(2, 1)->rows.empty());
  // Its task lost: stuck.
  (void)redis_->Run({"DEL", Key("t:", "{reminder}:" + (*fired)[0].id)});
  auto lost = audit_->Stuck(2, 1);
  ASSERT_TRUE(lost.ok());
  ASSERT_EQ(lost->rows.size(), 1u);
  EXPECT_EQ(lost->rows[0].code, codes[2]);
}

}  // namespace
}  // namespace duban::store
