// Scripts: every multi-key change Duban makes to Redis, as Lua run atomically by EVALSHA. Each
// script works on a batch (many tasks per call), so one round trip serves one turn of the broker
// loop. Keys are built inside the scripts from the prefix in ARGV[1]; see docs/redis-schema.md.
//
// Invariants every script keeps:
//   - a task id is in at most one of: its service queue, its service's lease set, the timer set,
//     its service's dead-letter list; its hash field "st" says which (queued|leased|scheduled|dead);
//   - a lease is honoured only with the fencing token handed out with it (HINCRBY fence), so a late
//     reply from a worker whose lease ran out changes nothing;
//   - every suggestion state change raises "ver" and appends one audit entry.
// Domain errors are raised as "DUBAN <CODE> <message>" (see ScriptErrorToStatus).
#pragma once

#include <vector>

#include "common/store/redis_client.h"

namespace duban::store {

// All scripts, by name: submit, enqueue, dispatch, ack, complete, fail, reap, pump, assign, get,
// list, queues, dlq_list, dlq_replay.
std::vector<Script> AllScripts();

}  // namespace duban::store
