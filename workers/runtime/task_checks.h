// Task checks every deadline role repeats, in one place: finding the handler for a task's kind in
// a role's table, and taking the suggestion and its reply deadline from the task. Each returns
// InvalidArgument naming the role, the task and what was wrong, which the broker dead-letters at
// once (a malformed task never succeeds on retry).
//
// Thread rules: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/calendar.h"
#include "common/protocol/messages.h"
#include "common/result.h"

namespace duban::workers {

// The entry of `table` (items with a `kind` member) whose kind is the task's.
template <typename Entry>
Result<const Entry*> FindKind(std::string_view role, const protocol::TaskMessage& task,
                              const std::vector<Entry>& table) {
  std::string kinds;
  for (const Entry& e : table) {
    if (e.kind == task.kind) return &e;
    kinds += (kinds.empty() ? "'" : ", '") + std::string(e.kind) + "'";
  }
  return InvalidArgument(std::string(role) + ": task " + task.task_id + " has kind '" + task.kind +
                         "', expected one of " + kinds);
}

struct SuggestionDeadline {
  const protocol::Suggestion* suggestion = nullptr;
  Date deadline;
};

// The task's suggestion and its parsed reply deadline.
Result<SuggestionDeadline> TaskSuggestionDeadline(std::string_view role,
                                                  const protocol::TaskMessage& task);

}  // namespace duban::workers
