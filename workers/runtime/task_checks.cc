#include "workers/runtime/task_checks.h"

namespace duban::workers {

Result<SuggestionDeadline> TaskSuggestionDeadline(std::string_view role,
                                                  const protocol::TaskMessage& task) {
  const std::string who(role);
  if (!task.suggestion) {
    return InvalidArgument(who + ": task " + task.task_id + " carries no suggestion");
  }
  const protocol::Suggestion& s = *task.suggestion;
  if (!s.deadline) {
    return InvalidArgument(who + ": suggestion " + s.code + " (task " + task.task_id +
                           ") has no reply deadline");
  }
  Result<Date> deadline = ParseDate(s.deadline->date);
  if (!deadline.ok()) {
    return InvalidArgument(who + ": suggestion " + s.code + " has a malformed reply deadline: " +
                           deadline.status().message());
  }
  return SuggestionDeadline{&s, *deadline};
}

}  // namespace duban::workers
