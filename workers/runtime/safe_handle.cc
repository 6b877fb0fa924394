#include "workers/runtime/safe_handle.h"

#include <exception>
#include <string>

#include "common/log.h"

namespace duban::workers {
namespace {

class Catching final : public Role {
 public:
  explicit Catching(std::unique_ptr<Role> inner) : inner_(std::move(inner)) {}
  Result<protocol::Outcome> Handle(const protocol::TaskMessage& task) override {
    return HandleSafely(*inner_, task);
  }

 private:
  std::unique_ptr<Role> inner_;
};

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

std::unique_ptr<Role> CatchingRole(std::unique_ptr<Role> inner) {
  return std::make_unique<Catching>(std::move(inner));
}

}  // namespace duban::workers
