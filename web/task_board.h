// TaskBoard: a handling unit's tasks as its clerk sees them on the workbench (承办单位工作台),
// grouped by what is to be done, most urgent first:
//   已逾期 overdue   the unit still owes its part (not replied, no opinion sent) and the reply
//                    deadline's date has passed;
//   待签收 to sign   its task is ISSUED;
//   待答复 due soon  still owed, and the reply deadline is at most kDueSoonDays days away (the
//                    reminder schedule's 15-day mark);
//   办理中 handling  still owed, signed for, deadline further away;
//   已办结 done      replied, opinion sent, reassigned away, or the suggestion no longer awaits a
//                    reply.
// Pure functions over the suggestions the broker returned: the grouping never asks the broker.
//
// Thread rules: pure functions.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "common/calendar.h"
#include "common/protocol/messages.h"

namespace duban::web {

inline constexpr int kDueSoonDays = 15;

enum class Bucket { kOverdue, kToSign, kDueSoon, kHandling, kDone };
inline constexpr std::array<Bucket, 5> kBucketOrder = {Bucket::kOverdue, Bucket::kToSign,
                                                       Bucket::kDueSoon, Bucket::kHandling,
                                                       Bucket::kDone};
// "bucket.overdue", ...: the word key of the group's heading.
std::string_view BucketKey(Bucket b);

// The unit's live task on `s`: its last one that is not REASSIGNED, else its last one; nullptr
// when the unit has none.
const protocol::UnitAssignment* TaskOf(const protocol::Suggestion& s, std::string_view unit);

// Which group `s` goes in for `unit` on local date `today`.
Bucket BucketOf(const protocol::Suggestion& s, std::string_view unit, Date today);

struct BoardItem {
  std::string code;
  std::string title;
  std::string state;       // the suggestion's
  std::string unit_state;  // the unit's task's
  bool lead = false;
  std::string deadline;  // YYYY-MM-DD, "" before assignment
  Bucket bucket = Bucket::kDone;
};

// The items of the board, sorted by group (kBucketOrder), then deadline, then code.
std::vector<BoardItem> BuildBoard(const std::vector<protocol::Suggestion>& suggestions,
                                  std::string_view unit, Date today);

}  // namespace duban::web
