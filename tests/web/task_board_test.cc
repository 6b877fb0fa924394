// The unit clerk's board: which group each task goes in, on which day, and that another unit's
// suggestions never show.
#include "web/task_board.h"

#include <gtest/gtest.h>

namespace duban::web {
namespace {

using protocol::Suggestion;
using protocol::SuggestionState;
using protocol::UnitRole;

Suggestion Make(const std::string& code, SuggestionState state, const std::string& deadline,
                std::vector<protocol::UnitAssignment> units) {
  Suggestion s;
  s.code = code;
  s.draft.title = "title " + code;
  s.state = state;
  s.units = std::move(units);
  if (!deadline.empty()) s.deadline = protocol::Deadline{deadline, "rule", 0};
  return s;
}

protocol::UnitAssignment Task(const std::string& unit, UnitRole role, const std::string& state) {
  protocol::UnitAssignment u;
  u.unit = unit;
  u.role = role;
  u.state = state;
  return u;
}

const Date kToday = *ParseDate("2026-06-01");

TEST(TaskBoardTest, GroupsByWhatIsToBeDone) {
  auto b = [&](SuggestionState st, const std::string& deadline, const std::string& task_state,
               UnitRole role = UnitRole::kLead) {
    return BucketOf(Make("S", st, deadline, {Task("jyj", role, task_state)}), "jyj", kToday);
  };
  EXPECT_EQ(b(SuggestionState::kAssigned, "2026-09-01", "ISSUED"), Bucket::kToSign);
  EXPECT_EQ(b(SuggestionState::kAssigned, "2026-05-31", "ISSUED"), Bucket::kOverdue);
  EXPECT_EQ(b(SuggestionState::kInHandling, "2026-06-01", "IN_PROGRESS"), Bucket::kDueSoon)
      << "due today is not overdue yet";
  EXPECT_EQ(b(SuggestionState::kInHandling, "2026-06-16", "IN_PROGRESS"), Bucket::kDueSoon);
  EXPECT_EQ(b(SuggestionState::kInHandling, "2026-06-17", "IN_PROGRESS"), Bucket::kHandling);
  EXPECT_EQ(b(SuggestionState::kAssigned, "2026-09-01", "SIGNED"), Bucket::kHandling);
  EXPECT_EQ(b(SuggestionState::kAssigned, "2026-09-01", "EXTENSION_PENDING"), Bucket::kHandling);
  EXPECT_EQ(b(SuggestionState::kInHandling, "2026-09-01", "OPINION_SENT", UnitRole::kCo),
            Bucket::kDone);
  EXPECT_EQ(b(SuggestionState::kInHandling, "2026-01-01", "OPINION_SENT", UnitRole::kCo),
            Bucket::kDone)
      << "its part is done: not overdue";
  EXPECT_EQ(b(SuggestionState::kReplied, "2026-01-01", "REPLIED"), Bucket::kDone);
  EXPECT_EQ(b(SuggestionState::kClosed, "2026-01-01", "REPLIED"), Bucket::kDone);
  EXPECT_EQ(b(SuggestionState::kRehandling, "2026-05-01", "IN_PROGRESS"), Bucket::kOverdue);
  EXPECT_EQ(b(SuggestionState::kAssigned, "", "SIGNED"), Bucket::kHandling);
}

TEST(TaskBoardTest, AReassignedTaskIsDoneAndTheLiveOneCounts) {
  auto s = Make("S", SuggestionState::kAssigned, "2026-09-01",
                {Task("jyj", UnitRole::kLead, "REASSIGNED"), Task("mzj", UnitRole::kLead, "ISSUED")});
  EXPECT_EQ(BucketOf(s, "jyj", kToday), Bucket::kDone);
  EXPECT_EQ(BucketOf(s, "mzj", kToday), Bucket::kToSign);
  EXPECT_EQ(TaskOf(s, "czj"), nullptr);
}

TEST(TaskBoardTest, BoardSortsByGroupThenDeadlineAndShowsOnlyTheUnitsOwn) {
  std::vector<Suggestion> all = {
      Make("S3", SuggestionState::kAssigned, "2026-08-01", {Task("jyj", UnitRole::kLead, "SIGNED")}),
      Make("S1", SuggestionState::kAssigned, "2026-07-01", {Task("jyj", UnitRole::kCo, "ISSUED")}),
      Make("S2", SuggestionState::kAssigned, "2026-05-01", {Task("jyj", UnitRole::kLead, "SIGNED")}),
      Make("S4", SuggestionState::kAssigned, "2026-05-01", {Task("czj", UnitRole::kLead, "SIGNED")}),
      Make("S5", SuggestionState::kAssigned, "2026-07-15", {Task("jyj", UnitRole::kLead, "SIGNED")}),
  };
  auto board = BuildBoard(all, "jyj", kToday);
  ASSERT_EQ(board.size(), 4u) << "S4 is another unit's";
  EXPECT_EQ(board[0].code, "S2");
  EXPECT_EQ(board[0].bucket, Bucket::kOverdue);
  EXPECT_EQ(board[1].code, "S1");
  EXPECT_EQ(board[1].bucket, Bucket::kToSign);
  EXPECT_FALSE(board[1].lead);
  EXPECT_EQ(board[2].code, "S5");
  EXPECT_EQ(board[3].code, "S3");
  EXPECT_EQ(board[3].bucket, Bucket::kHandling);
  EXPECT_EQ(board[3].unit_state, "SIGNED");
}

}  // namespace
}  // namespace duban::web
