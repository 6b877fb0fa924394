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

namespace duban::store {
namespace {

class ReportStoreTest : public ::testing::Test {
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
    report_ = std::make_unique<ReportStore>(*store_);
  }
  void TearDown() override {
    if (!redis_) return;
    auto keys = redis_->Run({"KEYS", prefix_ + ":*"});  // test clean-up only; never in the product
    if (keys.ok()) {
      for (const auto& k : keys->elements) (void)redis_->Run({"DEL", k.str});
    }
  }
  std::vector<std::string> Submit(int n) {
    protocol::SuggestionDraft d;
    d.title = "t";
    d.content = "c";
    d.deputy = {"D1", "代表", ""};
    d.session = "2026";
    std::vector<SubmitItem> items;
    for (int i = 0; i < n; ++i) {
      items.push_back({"rid-" + std::to_string(i), "2026", protocol::EncodeBare(d), "deputy:D1"});
    }
    auto r = store_->Submit(5000, 60, items);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> codes;
    if (r.ok()) {
      for (const auto& s : *r) codes.push_back(s.code);
    }
    return codes;
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

  std::unique_ptr<RedisClient> redis_;
  std::string prefix_;
  std::unique_ptr<TaskStore> store_;
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
