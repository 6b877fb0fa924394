// Completion: the one place where a change decided in the protocol's types (an Outcome: a role
// worker's, or the one a duban.* handler makes of a unit action, a decision or a reply) becomes
// what the store's "complete" and "update" scripts take (store::Completion, task_store.h).
//
// Thread rules: pure function.
#pragma once

#include <string>

#include "common/protocol/messages.h"
#include "common/store/task_store.h"

namespace duban::store {

// Everything of `o` the scripts apply: the version it expects, the new state, the units (encoded,
// with the lead unit and the list the unit index keeps — a REASSIGNED unit task is in neither),
// the deadline, the audit action, note and actor, and the effects (timers, cancellations,
// notices, agenda). The caller names the task (service, id, fence) or, for Update, the code and
// the new handling record.
Completion CompletionFor(const protocol::Outcome& o, std::string actor);

}  // namespace duban::store
