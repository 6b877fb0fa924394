// AnswerDeadRequests: a client whose 7/MDP request became a dead letter (every delivery failed:
// leases ran out, workers died, or its body could not be sent) is answered with an error at
// once instead of waiting for an answer that will never come, and its in-flight count drops.
// A client that retries the request with its request id gets the same error from the record
// until staff replay the dead letter (docs/protocol.md, "Request ids of 7/MDP clients").
//
// Thread rules: broker loop thread.
#pragma once

#include <vector>

#include "broker/client_quotas.h"
#include "broker/router.h"
#include "common/counters.h"
#include "common/status.h"
#include "common/store/task_store.h"

namespace duban::broker {

// The error a dead-lettered request is answered with: UNAVAILABLE naming the reason.
Status DeadRequestError(const std::string& reason);

void AnswerDeadRequests(const std::vector<store::DeadRequest>& dead, Router& router,
                        ClientQuotas& quotas, Counters& counters);

}  // namespace duban::broker
