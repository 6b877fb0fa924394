#include "workers/runtime/safe_handle.h"

#include <exception>
#include <string>

#include "common/log.h"

namespace duban::workers {
namespace {

Status Thrown(const protocol::TaskMessage& task, const std::string& what) {
  Logger("worker.runtime")
      ->error("role threw on task {} ({} {}): {}", task.task_id, task.service, task.kind, what);
  return Internal("role threw: " + what);
}

}  // namespace

Result<protocol::Outcome> HandleSafely(Role& role, const protocol::TaskMessage& task) {
  try {
    return role.Handle(task);
  } catch (const std::exception& e) {
    return Thrown(task, e.what());
  } catch (...) {
    return Thrown(task, "an exception that is not a std::exception");
  }
}

}  // namespace duban::workers
