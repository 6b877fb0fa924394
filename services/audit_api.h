// AuditApi: the broker's audit services. duban.verify checks suggestions' audit chains
// (common/audit_chain.h) for one code or a page of all of them; duban.check lists open
// suggestions that no pending timer or task waits on (stuck), a page at a time. Both only read.
// docs/protocol.md has the request and reply tables.
//
// Thread rules: broker loop thread, like ApiHandlers, which registers these services.
#pragma once

#include "services/api_table.h"
#include "common/clock.h"
#include "common/counters.h"
#include "common/status.h"
#include "common/store/task_store.h"

namespace duban::services {

// Binds duban.verify and duban.check. `store` and `counters` must outlive them.
void RegisterAuditApi(store::TaskStore& store, Counters& counters, ApiTable& table);

}  // namespace duban::services
