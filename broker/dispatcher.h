// Dispatcher: pairs queued tasks with idle workers. One Redis call (the "dispatch" script) leases
// tasks for every service that has idle workers and may have work; each leased task goes to the
// longest-idle worker of its service as an MDP REQUEST whose address frame is its TaskAddress.
//
// Opaque requests are sent with the client's original body frames; role tasks as a TaskMessage
// with the suggestion's current snapshot.
//
// Thread rules: broker loop thread.
#pragma once

#include "broker/client_quotas.h"
#include "broker/router.h"
#include "broker/service_table.h"
#include "broker/worker_registry.h"
#include "common/counters.h"
#include "common/protocol/messages.h"
#include "common/store/task_store.h"

namespace duban::broker {

class Dispatcher {
 public:
  Dispatcher(store::TaskStore& store, WorkerRegistry& registry, ServiceTable& services,
             Router& router, Counters& counters, ClientQuotas& quotas)
      : store_(store), registry_(registry), services_(services), router_(router),
        counters_(counters), quotas_(quotas) {}

  // Returns the number of tasks sent; Unavailable when Redis is down (nothing was leased).
  Result<std::int64_t> Run(Millis now_protocol, Millis now_domain);

 private:
  // The REQUEST body for a leased task, or the reason it cannot be built (corrupt stored data).
  Result<protocol::Frames> BuildBody(const store::LeasedTask& t, Millis now_domain);

  store::TaskStore& store_;
  WorkerRegistry& registry_;
  ServiceTable& services_;
  Router& router_;
  Counters& counters_;
  ClientQuotas& quotas_;  // a dead-lettered request leaves its client's in-flight count
};

}  // namespace duban::broker
