// TaskAddress: what the broker puts in the "client address" frame of a worker REQUEST. RFC 7 says
// the worker echoes that frame in its REPLY, so the reply names its task and fencing token even
// when it reaches a restarted broker that never saw the worker's READY.
//
// Format: "t|service|task_id|fence". The address is a lookup key and nothing more: which
// suggestion a task works on, and whether its reply is an Outcome to apply or frames to forward,
// is read from the stored task (and, for a worker this broker knows, from the task it holds),
// never from the address. The fence is a random token made at dispatch (see TaskStore::Dispatch),
// so an address cannot be guessed from another one. Service names cannot hold '|'
// (IsValidServiceName); task ids are [A-Za-z0-9._-].
#pragma once

#include <string>

#include "common/result.h"

namespace duban::broker {

struct TaskAddress {
  std::string service, id, fence;
};

std::string FormatTaskAddress(const TaskAddress& a);
// ProtocolError when the frame is not an address this broker made.
Result<TaskAddress> ParseTaskAddress(const std::string& frame);

}  // namespace duban::broker
