// The year indexes of planned timers and the re-plan scripts (calendar_scripts.h), against a real
// redis-server: a suggestion is indexed once per year its planned timers read, a timer that
// assumed a year is indexed itself while pending and leaves that index when it fires, is
// cancelled or is set again without a plan; the re-plan prunes suggestions with nothing left in a
// year; a move writes the new due time and one chained audit entry, and refuses a timer set again
// meanwhile; timers without a plan are stored exactly as before. Issue 9, hole 9.
#include "common/store/calendar_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "common/audit_chain.h"
#include "common/store/audit_store.h"
#include "common/timer_plan.h"
#include "tests/support/store_test_fixture.h"

namespace duban::store {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

class CalendarStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    cal_ = std::make_unique<CalendarStore>(*store_);
    codes_ = Submit(1);
  }
  const std::string& code() const { return codes_.at(0); }

  static protocol::TimerSpec Planned(const std::string& name, Millis due, const char* base,
                                     std::vector<std::int64_t> years,
                                     std::vector<std::int64_t> assumed) {
    protocol::TimerSpec t{name, "reminder", "remind", due, 0, "p"};
    t.plan = protocol::TimerPlan{std::string(kNextWorkingDay), base, 0, 540};
    t.plan_years = std::move(years);
    t.assumed_years = std::move(assumed);
    return t;
  }
  std::vector<std::string> Members(const std::string& key) {
    auto r = redis_->Run({"SMEMBERS", prefix_ + ":" + key});
    EXPECT_TRUE(r.ok());
    std::vector<std::string> out;
    if (r.ok()) {
      for (const auto& e : r->elements) out.push_back(e.str);
    }
    return out;
  }
  std::string Member(const std::string& name) const { return code() + "|" + name; }
  std::vector<CalendarYearIndex> Years() {
    auto y = cal_->Years();
    EXPECT_TRUE(y.ok()) << y.status().ToString();
    return y.ok() ? *y : std::vector<CalendarYearIndex>{};
  }

  std::unique_ptr<CalendarStore> cal_;
  std::vector<std::string> codes_;
};

TEST_F(CalendarStoreTest, PlannedTimersAreIndexedByTheYearsTheyReadAndAssumed) {
  ASSERT_TRUE(store_->SetTimers(6000, code(),
                                {Planned("a", 1000000, "2026-12-31", {2026, 2027}, {2027}),
                                 Planned("b", 2000000, "2027-01-05", {2027}, {2027}),
                                 Planned("c", 2500000, "2026-12-01", {2026}, {}),
                                 {"plain", "escalation", "overdue", 3000000, 0, ""}})
                  .ok());
  // The suggestion once per year it has a timer in; the timers that assumed a year, each.
  EXPECT_THAT(Members("cal:touch:2026"), ElementsAre(code()));
  EXPECT_THAT(Members("cal:touch:2027"), ElementsAre(code()));
  EXPECT_THAT(Members("cal:assumed:2027"), UnorderedElementsAre(Member("a"), Member("b")));
  auto years = Years();
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].year, 2026);
  EXPECT_EQ(years[0].suggestions, 1);
  EXPECT_EQ(years[0].assumed, 0);
  EXPECT_EQ(years[1].year, 2027);
  EXPECT_EQ(years[1].suggestions, 1);
  EXPECT_EQ(years[1].assumed, 2);
  EXPECT_EQ(years[1].fingerprint, "");

  // A timer without a plan keeps the layout of before: a 4-element value, no index entry.
  auto plain = redis_->Run({"HGET", prefix_ + ":tm:{" + code() + "}", "plain"});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(static_cast<unsigned char>(plain->str[0]), 0x94);
  // A planned one: 7 elements, its rule and the years it assumed.
  auto a = redis_->Run({"HGET", prefix_ + ":tm:{" + code() + "}", "a"});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(static_cast<unsigned char>(a->str[0]), 0x97);
  EXPECT_NE(a->str.find("N|2026-12-31|0|540"), std::string::npos);

  // Cancelled (a), set again without a plan (b): out of the exact index at once.
  protocol::Outcome effects;
  effects.cancel_timers = {"a"};
  effects.timers = {{"b", "reminder", "remind", 2000000, 0, "p"}};
  Completion c;
  c.code = code();
  c.expect_version = -1;
  c.action = "test";
  c.actor = "staff:t";
  c.effects = protocol::EncodeOutcomeEffects(effects);
  ASSERT_TRUE(store_->Update(7000, c).ok());
  EXPECT_TRUE(Members("cal:assumed:2027").empty());
  EXPECT_EQ(Years()[1].assumed, 0);
}

TEST_F(CalendarStoreTest, AFiredTimerLeavesTheExactIndex) {
  ASSERT_TRUE(store_->SetTimers(6000, code(), {Planned("a", 10000, "2027-01-04", {2027}, {2027})}).ok());
  ASSERT_EQ(store_->Pump(20000, 100, "timers")->moved, 1);
  EXPECT_TRUE(Members("cal:assumed:2027").empty());
  // The fired task carries the payload as ever.
  auto t = store_->Dispatch(20000, {{"reminder", 1}});
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ((*t)[0].body, "p");
  // The suggestion stays in the year's index until a re-plan of the year finds nothing there.
  EXPECT_THAT(Members("cal:touch:2027"), ElementsAre(code()));
  auto page = cal_->Scan(2027, "0", 100);
  ASSERT_TRUE(page.ok());
  EXPECT_THAT(page->codes, ElementsAre(code()));
  EXPECT_TRUE(page->rows.empty());
  auto done = cal_->Move(30000, 2027, "staff:wang", {}, page->codes);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->dropped, 1);
  EXPECT_TRUE(Members("cal:touch:2027").empty());
}

TEST_F(CalendarStoreTest, AMoveWritesTheDueTimeTheIndexesAndOneChainedAuditEntry) {
  ASSERT_TRUE(store_->SetTimers(6000, code(),
                                {Planned("a", 1000000, "2027-01-04", {2027}, {2027}),
                                 Planned("b", 2000000, "2027-01-06", {2027}, {2027}),
                                 Planned("c", 3000000, "2027-01-07", {2027}, {2027}),
                                 {"plain", "escalation", "overdue", 3000000, 0, ""}})
                  .ok());
  auto page = cal_->Scan(2027, "0", 100);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->next_cursor, "0");
  EXPECT_THAT(page->codes, ElementsAre(code()));
  ASSERT_EQ(page->rows.size(), 3u) << "the planned timers only";
  std::map<std::string, PlannedTimerRow> rows;
  for (const auto& r : page->rows) rows[r.name] = r;
  EXPECT_EQ(rows["a"].plan, "N|2027-01-04|0|540");
  EXPECT_EQ(rows["a"].due, "1000000");
  EXPECT_THAT(rows["a"].assumed, ElementsAre(2027));
  EXPECT_EQ(rows["a"].code, code());
  EXPECT_EQ(rows["a"].member, Member("a"));

  // c is set again before the moves are applied: its move is refused.
  ASSERT_TRUE(store_->SetTimers(6500, code(), {Planned("c", 3500000, "2027-01-08", {2027}, {2027})}).ok());
  std::vector<TimerMove> moves = {
      {Member("a"), rows["a"].plan, rows["a"].due, 1100000, {2027}, {}, "a moved"},
      {Member("b"), rows["b"].plan, rows["b"].due, 2000000, {2027, 2028}, {}, ""},
      {Member("c"), rows["c"].plan, rows["c"].due, 3100000, {2027}, {}, "c moved"},
  };
  auto done = cal_->Move(8000, 2027, "staff:wang", moves, {code()});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_THAT(done->results,
              ElementsAre(MoveResult::kMoved, MoveResult::kReindexed, MoveResult::kChanged));
  EXPECT_EQ(done->dropped, 0) << "its timers still read 2027";
  auto score = [&](const std::string& name) {
    auto r = redis_->Run({"ZSCORE", prefix_ + ":timers", Member(name)});
    return r.ok() ? r->str : "";
  };
  EXPECT_EQ(score("a"), "1100000");
  EXPECT_EQ(score("b"), "2000000");
  EXPECT_EQ(score("c"), "3500000");
  EXPECT_THAT(Members("cal:assumed:2027"), ElementsAre(Member("c")));
  EXPECT_THAT(Members("cal:touch:2027"), ElementsAre(code()));
  EXPECT_THAT(Members("cal:touch:2028"), ElementsAre(code())) << "b reads 2028 now";

  // One entry on the timeline, for the move only, chained like every other.
  auto got = store_->Get(code());
  ASSERT_TRUE(got.ok());
  auto last = protocol::DecodeBare<protocol::AuditEntry>(got->audit.back());
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->action, "timer_replanned");
  EXPECT_EQ(last->actor, "staff:wang");
  EXPECT_EQ(last->note, "a moved");
  EXPECT_EQ(last->at_ms, 8000);
  EXPECT_EQ(got->audit_total, 2);  // submitted, timer_replanned
  AuditStore audit(*store_);
  auto trail = audit.Trail(code());
  ASSERT_TRUE(trail.ok());
  EXPECT_TRUE(VerifyAuditChain(trail->code, trail->entries, trail->head).ok);

  // The moved timer fires at its new time with its task as ever.
  EXPECT_EQ(store_->Pump(1099999, 100, "timers")->moved, 0);
  EXPECT_EQ(store_->Pump(1100000, 100, "timers")->moved, 1);

  // The same moves again: nothing more happens.
  page = cal_->Scan(2027, "0", 100);
  ASSERT_TRUE(page.ok());
  rows.clear();
  for (const auto& r : page->rows) rows[r.name] = r;
  done = cal_->Move(9000, 2027, "staff:wang",
                    {{Member("b"), rows["b"].plan, rows["b"].due, 2000000, {2027, 2028}, {}, ""}},
                    {});
  ASSERT_TRUE(done.ok());
  EXPECT_THAT(done->results, ElementsAre(MoveResult::kReindexed));
  EXPECT_EQ(store_->Get(code())->audit_total, 2);
}

TEST_F(CalendarStoreTest, MarksAreSetOrOnlyAdded) {
  ASSERT_TRUE(cal_->Mark({{2026, "aaa"}, {2027, "bbb"}}, /*only_new=*/true).ok());
  ASSERT_TRUE(cal_->Mark({{2026, "zzz"}}, /*only_new=*/true).ok());
  auto years = Years();
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].fingerprint, "aaa");
  EXPECT_EQ(years[1].fingerprint, "bbb");
  ASSERT_TRUE(cal_->Mark({{2026, "zzz"}}, /*only_new=*/false).ok());
  EXPECT_EQ(Years()[0].fingerprint, "zzz");
}

}  // namespace
}  // namespace duban::store
