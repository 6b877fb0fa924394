// The `get` script reads the timeline a page at a time. Bug (issue "Nothing lost, nothing doubled,
// nothing silently wrong", hole 3): it returned the whole audit list, so a long or heavy timeline
// made duban.get answer more than a client can decode; the list itself is append-only and may grow
// past any page, so reads must be paged.
#include <gtest/gtest.h>

#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/limits.h"
#include "tests/support/store_test_fixture.h"

namespace duban::store {
namespace {

class TimelinePageTest : public StoreTest {
 protected:
  // Appends n entries (as the scripts store them) after the `submitted` one, numbered from 1 by
  // their at_ms, each with a note of note_bytes.
  void Append(const std::string& code, int n, std::size_t note_bytes = 10, Millis first = 1) {
    for (int i = 0; i < n; ++i) {
      protocol::AuditEntry e{first + i,  "worker:reminder", "reminded",
                             "ASSIGNED", "ASSIGNED",        std::string(note_bytes, 'n'),
                             ""};
      auto r = redis_->Run({"RPUSH", prefix_ + ":a:{" + code + "}", protocol::EncodeBare(e)});
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    }
  }
  Millis AtMs(const std::string& stored) {
    auto e = protocol::DecodeBare<protocol::AuditEntry>(stored);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e.ok() ? e->at_ms : -1;
  }
};

TEST_F(TimelinePageTest, TheNewestPageComesFirstAndTheCursorWalksBackToTheFirstEntry) {
  const std::string code = Submit(1)[0];
  Append(code, 250);  // 251 entries with `submitted`

  auto newest = store_->Get(code);
  ASSERT_TRUE(newest.ok()) << newest.status().ToString();
  EXPECT_EQ(newest->audit_total, 251);
  ASSERT_EQ(newest->audit.size(), static_cast<std::size_t>(protocol::kTimelinePageDefault));
  EXPECT_EQ(newest->audit_start, 151);
  EXPECT_EQ(AtMs(newest->audit.front()), 151);  // oldest first within the page
  EXPECT_EQ(AtMs(newest->audit.back()), 250);

  auto older = store_->Get(code, true, newest->audit_start, 100);
  ASSERT_TRUE(older.ok()) << older.status().ToString();
  EXPECT_EQ(older->audit_start, 51);
  EXPECT_EQ(AtMs(older->audit.front()), 51);
  EXPECT_EQ(AtMs(older->audit.back()), 150);

  auto oldest = store_->Get(code, true, older->audit_start, 100);
  ASSERT_TRUE(oldest.ok()) << oldest.status().ToString();
  EXPECT_EQ(oldest->audit_start, 0);
  ASSERT_EQ(oldest->audit.size(), 51u);
  auto first = protocol::DecodeBare<protocol::AuditEntry>(oldest->audit.front());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->action, "submitted");

  // A small page, and a cursor past the end (the list grew meanwhile) reads the newest entries.
  auto three = store_->Get(code, true, 0, 3);
  ASSERT_TRUE(three.ok());
  EXPECT_EQ(three->audit.size(), 3u);
  EXPECT_EQ(three->audit_start, 248);
  auto past = store_->Get(code, true, 10'000, 2);
  ASSERT_TRUE(past.ok());
  EXPECT_EQ(AtMs(past->audit.back()), 250);

  // Without the audit list nothing of it is read.
  auto bare = store_->Get(code, false);
  ASSERT_TRUE(bare.ok());
  EXPECT_TRUE(bare->audit.empty());
}

TEST_F(TimelinePageTest, APageStopsBeforeItsStoredBytesPassTheBudgetButHoldsAtLeastOneEntry) {
  const std::string code = Submit(1)[0];
  Append(code, 60, protocol::kMaxAuditNoteBytes);
  auto page = store_->Get(code, true, 0, protocol::kTimelinePageMax);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  std::size_t bytes = 0;
  for (const auto& e : page->audit) bytes += e.size();
  EXPECT_LE(bytes, protocol::kTimelinePageBytes);
  EXPECT_GT(bytes + page->audit.front().size(), protocol::kTimelinePageBytes) << "as full as fits";
  EXPECT_EQ(page->audit_start + static_cast<std::int64_t>(page->audit.size()), 61);
  EXPECT_EQ(AtMs(page->audit.back()), 60);

  // An entry larger than the budget (written before the limits) still comes, alone.
  Append(code, 1, protocol::kTimelinePageBytes + 1000, 61);
  auto big = store_->Get(code);
  ASSERT_TRUE(big.ok()) << big.status().ToString();
  ASSERT_EQ(big->audit.size(), 1u);
  EXPECT_EQ(AtMs(big->audit.front()), 61);
  EXPECT_EQ(big->audit_start, 61);
}

}  // namespace
}  // namespace duban::store
