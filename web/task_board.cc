#include "web/task_board.h"

#include <algorithm>

#include "common/protocol/lifecycle.h"

namespace duban::web {

std::string_view BucketKey(Bucket b) {
  switch (b) {
    case Bucket::kOverdue: return "bucket.overdue";
    case Bucket::kToSign: return "bucket.to_sign";
    case Bucket::kDueSoon: return "bucket.due_soon";
    case Bucket::kHandling: return "bucket.handling";
    case Bucket::kDone: return "bucket.done";
  }
  return "bucket.done";
}

const protocol::UnitAssignment* TaskOf(const protocol::Suggestion& s, std::string_view unit) {
  const protocol::UnitAssignment* last = nullptr;
  const protocol::UnitAssignment* live = nullptr;
  for (const auto& u : s.units) {
    if (u.unit != unit) continue;
    last = &u;
    if (u.state != "REASSIGNED") live = &u;
  }
  return live != nullptr ? live : last;
}

Bucket BucketOf(const protocol::Suggestion& s, std::string_view unit, Date today) {
  const protocol::UnitAssignment* task = TaskOf(s, unit);
  if (task == nullptr || !protocol::AwaitsReply(s.state)) return Bucket::kDone;
  const std::string& st = task->state;
  if (st == "REASSIGNED" || st == "REPLIED" || st == "OPINION_SENT") return Bucket::kDone;
  if (s.deadline) {
    auto due = ParseDate(s.deadline->date);
    if (due.ok()) {
      if (std::chrono::sys_days(today) > std::chrono::sys_days(*due)) return Bucket::kOverdue;
      if (st == "ISSUED") return Bucket::kToSign;
      if (std::chrono::sys_days(*due) <= std::chrono::sys_days(AddDays(today, kDueSoonDays))) {
        return Bucket::kDueSoon;
      }
      return Bucket::kHandling;
    }
  }
  return st == "ISSUED" ? Bucket::kToSign : Bucket::kHandling;
}

std::vector<BoardItem> BuildBoard(const std::vector<protocol::Suggestion>& suggestions,
                                  std::string_view unit, Date today) {
  std::vector<BoardItem> items;
  for (const protocol::Suggestion& s : suggestions) {
    const protocol::UnitAssignment* task = TaskOf(s, unit);
    if (task == nullptr) continue;  // not this unit's: never shown
    BoardItem item;
    item.code = s.code;
    item.title = s.draft.title;
    item.state = std::string(protocol::StateName(s.state));
    item.unit_state = task->state;
    item.lead = task->role == protocol::UnitRole::kLead;
    item.deadline = s.deadline ? s.deadline->date : "";
    item.bucket = BucketOf(s, unit, today);
    items.push_back(std::move(item));
  }
  auto rank = [](Bucket b) {
    return std::find(kBucketOrder.begin(), kBucketOrder.end(), b) - kBucketOrder.begin();
  };
  std::stable_sort(items.begin(), items.end(), [&](const BoardItem& a, const BoardItem& b) {
    if (a.bucket != b.bucket) return rank(a.bucket) < rank(b.bucket);
    // No deadline sorts last within its group.
    if (a.deadline != b.deadline) {
      if (a.deadline.empty() || b.deadline.empty()) return b.deadline.empty();
      return a.deadline < b.deadline;
    }
    return a.code < b.code;
  });
  return items;
}

}  // namespace duban::web
