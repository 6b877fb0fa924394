// AuditApi: the broker's audit services. duban.verify checks suggestions' audit chains
// (common/audit_chain.h) for one code or a page of all of them; duban.check lists open
// suggestions that no pending timer or task waits on (stuck), a page at a time. Both only read.
// docs/protocol.md has the request and reply tables.
//
// Thread rules: broker loop thread, like ApiHandlers, which registers these services.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "common/clock.h"
#include "common/counters.h"
#include "common/status.h"
#include "common/store/task_store.h"

namespace duban::broker {

// A duban.* handler: request body in, reply body out (ApiHandlers' table entry).
using ApiHandler = std::function<std::string(const std::string& body, Millis now)>;
// Turns a refusal into an error reply, logging and counting it (ApiHandlers::Error).
using ApiError = std::function<std::string(const std::string& service, const Status& s)>;

// Adds duban.verify and duban.check to `handlers`. `store` and `counters` must outlive them.
void RegisterAuditApi(store::TaskStore& store, Counters& counters, ApiError error,
                      std::map<std::string, ApiHandler>& handlers);

}  // namespace duban::broker
