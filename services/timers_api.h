// duban.timers: every timer of one suggestion, pending (with its due time) or fired (with the
// task it became and that task's state), read from the store in one call (TaskStore::Timers).
// Read only; a suggestion has a bounded number of timers, so it runs on the loop.
// docs/protocol.md has the request and reply tables.
//
// Thread rules: broker loop thread, like ApiHandlers, which registers it.
#pragma once

#include "common/store/task_store.h"
#include "services/api_table.h"

namespace duban::services {

// Binds duban.timers. `store` must outlive the table.
void RegisterTimersApi(store::TaskStore& store, ApiTable& table);

}  // namespace duban::services
