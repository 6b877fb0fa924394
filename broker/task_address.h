// TaskAddress: what the broker puts in the "client address" frame of a worker REQUEST. RFC 7 says
// the worker echoes that frame in its REPLY, so the reply names its task and fencing token even
// when it reaches a restarted broker that never saw the worker's READY.
// Format: "m|service|task_id|fence" for opaque requests, "r|service|task_id|fence|code" for role
// tasks. Service names cannot hold '|' (IsValidServiceName), codes are [A-Z0-9-].
#pragma once

#include <string>

#include "common/result.h"

namespace duban::broker {

struct TaskAddress {
  bool role = false;  // a role task (outcome applied) vs an opaque request (reply forwarded)
  std::string service, id, fence, code;
};

std::string FormatTaskAddress(const TaskAddress& a);
// ProtocolError when the frame is not an address this broker made.
Result<TaskAddress> ParseTaskAddress(const std::string& frame);

}  // namespace duban::broker
