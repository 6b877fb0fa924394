// WorkersCommand: `dubanctl workers`, the live workers of the broker (duban.workers): for each,
// its id (the routing id in hex), its service, busy or idle, the task it holds, and how long ago
// the broker last heard from it (heartbeat or reply). A table for people, or with --json the
// reply as protocol::ToJson makes it ({"workers": [{"id", "service", "busy", "task",
// "last_seen_age_ms"}]}; --service filters the list first).
// Only the workers connected to the broker that answers are listed (docs/protocol.md).
//
// Exit codes (broker_client.h): 0 ok; 1 refused; 3 broker unreachable.
//
// Thread rules: runs on the main thread.
#pragma once

#include "common/protocol/messages.h"
#include "dubanctl/commands.h"
#include "dubanctl/json_view.h"
#include "dubanctl/table.h"

namespace duban::ctl {


// Adds --service to `sub`; the action lists the workers.
Action SetUpWorkers(CLI::App& sub);

// The table people see: ID, SERVICE, STATE, TASK, LAST SEEN ("1.2 s ago"); busy workers first.
Table WorkersTable(const protocol::WorkersReply& r);

}  // namespace duban::ctl
