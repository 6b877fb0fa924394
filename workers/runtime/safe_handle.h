// HandleSafely: one role task, with whatever the role throws turned into an error outcome. A role
// is meant to return errors as values, but a library it calls (a JSON encoder given bytes that are
// not UTF-8, std::stoi, an allocation) may throw; uncaught, that would end the worker process on
// every delivery of the task (bug: a \xff in a title killed the webhook worker on every retry).
// Caught here, the task answers Internal with the exception's message: the broker retries it with
// backoff and dead-letters it after broker.max_attempts, and the worker keeps serving.
//
// WorkerRuntime::HandleBody calls every role's Handle through this.
//
// Thread rules: the role's thread.
#pragma once

#include "common/protocol/messages.h"
#include "common/result.h"
#include "workers/runtime/role.h"

namespace duban::workers {

// role.Handle(task); Internal("role threw: <what>") when it throws.
Result<protocol::Outcome> HandleSafely(Role& role, const protocol::TaskMessage& task);

}  // namespace duban::workers
