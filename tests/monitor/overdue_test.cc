// Overdue by unit: only owed states count, a deadline is overdue from the day after it, the
// grouping is by lead unit with the most overdue first, and the cap is reported.
#include "monitor/overdue.h"

#include <gtest/gtest.h>

namespace duban::monitor {
namespace {

using protocol::SuggestionSummary;

SuggestionSummary Row(std::string code, std::string state, std::string unit, std::string deadline) {
  return {std::move(code), "title", std::move(state), std::move(unit), std::move(deadline)};
}

TEST(OverdueTest, OverdueFromTheDayAfterTheDeadline) {
  EXPECT_FALSE(IsOverdue(Row("S1", "ASSIGNED", "jyj", "2026-03-10"), "2026-03-10"));
  EXPECT_TRUE(IsOverdue(Row("S1", "ASSIGNED", "jyj", "2026-03-10"), "2026-03-11"));
  EXPECT_TRUE(IsOverdue(Row("S1", "IN_HANDLING", "jyj", "2025-12-31"), "2026-01-01"));
}

TEST(OverdueTest, OnlyStatesThatOweTheReplyCount) {
  EXPECT_FALSE(IsOverdue(Row("S1", "REPLIED", "jyj", "2026-01-01"), "2026-06-01"));
  EXPECT_FALSE(IsOverdue(Row("S1", "IN_REVIEW", "", ""), "2026-06-01"));
  EXPECT_FALSE(IsOverdue(Row("S1", "ASSIGNED", "jyj", ""), "2026-06-01"));  // no deadline
}

TEST(OverdueTest, GroupsByLeadUnitMostOverdueFirst) {
  std::vector<SuggestionSummary> rows = {
      Row("S3", "ASSIGNED", "mzj", "2026-02-01"),    Row("S1", "ASSIGNED", "jyj", "2026-02-05"),
      Row("S2", "IN_HANDLING", "jyj", "2026-01-20"), Row("S4", "ASSIGNED", "jyj", "2026-09-01"),
      Row("S5", "REPLIED", "czj", "2026-01-01"),     Row("S2", "IN_HANDLING", "jyj", "2026-01-20")};
  OverdueReport r = GroupOverdue(rows, "2026-03-01", /*capped=*/false);
  EXPECT_EQ(r.today, "2026-03-01");
  EXPECT_EQ(r.total, 3);
  EXPECT_FALSE(r.capped);
  ASSERT_EQ(r.units.size(), 2u);
  EXPECT_EQ(r.units[0].unit, "jyj");
  EXPECT_EQ(r.units[0].count, 2);  // S2 listed twice counts once; S4 not due yet
  EXPECT_EQ(r.units[0].oldest_deadline, "2026-01-20");
  EXPECT_EQ(r.units[0].codes, (std::vector<std::string>{"S2", "S1"}));
  EXPECT_EQ(r.units[1].unit, "mzj");
  EXPECT_EQ(r.units[1].count, 1);
}

TEST(OverdueTest, CodesPerUnitAreCappedButTheCountIsNot) {
  std::vector<SuggestionSummary> rows;
  for (int i = 0; i < 50; ++i) {
    rows.push_back(Row("S" + std::to_string(100 + i), "ASSIGNED", "jyj", "2026-01-01"));
  }
  OverdueReport r = GroupOverdue(rows, "2026-02-01", /*capped=*/true);
  ASSERT_EQ(r.units.size(), 1u);
  EXPECT_EQ(r.units[0].count, 50);
  EXPECT_EQ(r.units[0].codes.size(), kMaxCodesPerUnit);
  EXPECT_TRUE(r.capped);
}

TEST(OverdueTest, NothingOverdueIsAnEmptyReport) {
  OverdueReport r = GroupOverdue({Row("S1", "ASSIGNED", "jyj", "2026-09-01")}, "2026-03-01", false);
  EXPECT_EQ(r.total, 0);
  EXPECT_TRUE(r.units.empty());
}

}  // namespace
}  // namespace duban::monitor
