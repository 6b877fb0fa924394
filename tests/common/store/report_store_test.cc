// ReportStore's script (report_read) against a real redis-server (scripts/test exports
// DUBAN_TEST_REDIS_URL): pages walk every suggestion once in submission order, only assigned
// suggestions come back, and an assignment range keeps both of its ends.
#include "common/store/report_store.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <set>

#include "common/protocol/codec.h"
#include "common/store/scripts.h"
#include "tests/support/store_test_fixture.h"

namespace duban::store {
namespace {

class ReportStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    report_ = std::make_unique<ReportStore>(*store_);
  }
  void Assign(const std::string& code, Millis at) {
    std::vector<protocol::UnitAssignment> units{{"jyj", protocol::UnitRole::kLead, "ISSUED", ""}};
    auto r =
        store_->Assign(at, code, protocol::EncodeUnits(units), "", "jyj", "jyj", "staff:wang", "");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  // Every row of a scan with pages of `limit`.
  std::vector<ReportRow> Scan(std::int64_t limit,
                              std::optional<std::pair<Millis, Millis>> range = std::nullopt) {
    std::vector<ReportRow> rows;
    std::int64_t cursor = 0, scanned = 0;
    for (int pages = 0; pages < 100; ++pages) {
      auto page = report_->Page(cursor, limit, range);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      if (!page.ok()) break;
      scanned += page->scanned;
      for (auto& r : page->rows) rows.push_back(std::move(r));
      if (page->next_cursor == 0) break;
      EXPECT_GT(page->next_cursor, cursor);
      cursor = page->next_cursor;
    }
    EXPECT_EQ(scanned, 7);
    return rows;
  }

  std::unique_ptr<ReportStore> report_;
};

TEST_F(ReportStoreTest, PagesReturnEachAssignedSuggestionOnce) {
  auto codes = Submit(7);
  ASSERT_EQ(codes.size(), 7u);
  for (int i : {0, 2, 3, 6}) Assign(codes[i], 10000 + i);
  for (std::int64_t limit : {1, 2, 3, 500}) {
    auto rows = Scan(limit);
    std::vector<std::string> got;
    for (const auto& r : rows) got.push_back(r.code);
    EXPECT_EQ(got, (std::vector<std::string>{codes[0], codes[2], codes[3], codes[6]})) << limit;
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0].state, "ASSIGNED");
    EXPECT_EQ(rows[0].assigned, "10000");
    EXPECT_EQ(rows[0].submitted, "5000");
    EXPECT_FALSE(rows[0].doc.empty());
    EXPECT_FALSE(rows[0].units.empty());
  }
}

TEST_F(ReportStoreTest, AnAssignmentRangeKeepsBothEnds) {
  auto codes = Submit(7);
  ASSERT_EQ(codes.size(), 7u);
  for (int i = 0; i < 7; ++i) Assign(codes[i], 10000 + i);
  auto rows = Scan(2, std::make_pair(Millis{10002}, Millis{10004}));
  std::set<std::string> got;
  for (const auto& r : rows) got.insert(r.code);
  EXPECT_EQ(got, (std::set<std::string>{codes[2], codes[3], codes[4]}));
}

}  // namespace
}  // namespace duban::store
