// Role: what a worker role implements. The runtime (workers/runtime/worker_runtime.h) does
// everything else: connect, READY, heartbeats, reconnect, decoding tasks and encoding outcomes,
// per-task log context. A role decides; it never writes to Redis: the broker applies its Outcome
// atomically. Adding a role: docs/architecture.md#adding-a-role.
//
// Thread rules: a Role belongs to one worker; the runtime calls Handle for one task at a time, on
// its task thread (it heartbeats on another meanwhile), so a Role needs no locking.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "config/config.h"

namespace duban::workers {

class Role {
 public:
  virtual ~Role() = default;
  // Decides what one task leads to. Returns the Outcome on success; InvalidArgument or
  // FailedPrecondition for a task that can never succeed (the broker dead-letters it at once with
  // the message); Unavailable for a passing failure (the broker retries with backoff).
  virtual Result<protocol::Outcome> Handle(const protocol::TaskMessage& task) = 0;
};

using RoleFactory =
    std::function<Result<std::unique_ptr<Role>>(const config::Config&, const Clock&)>;

// Roles register themselves by name (the service they serve is the same name) from their own
// folder, with a static RoleRegistration; the worker program looks them up by --role.
void RegisterRole(const std::string& name, RoleFactory factory);
// The factory for `name`, or NotFound listing the known roles.
Result<RoleFactory> FindRole(const std::string& name);
std::vector<std::string> RoleNames();

struct RoleRegistration {
  RoleRegistration(const std::string& name, RoleFactory factory) {
    RegisterRole(name, std::move(factory));
  }
};

}  // namespace duban::workers
