// ReplyHandler: what happens when workers answer. What a reply is depends on the task as stored,
// never on what the reply says: the task a known worker holds (kind and code read from Redis at
// dispatch), or, for a worker this broker does not know (it said READY to a broker that restarted
// since), the task looked up by its address in one "peek" call. Opaque replies are acknowledged in
// Redis (one "ack" call for the turn) and forwarded to their clients only if the lease was still
// held, so a client gets one answer even when a task was delivered twice. Role replies carry an
// Outcome, checked here (known units, a lead unit, a valid state) and applied by one "complete"
// call to the suggestion the stored task names, after it checked the fencing token and the
// suggestion version: a late or duplicate answer changes nothing. A role's error reply retries the task (Unavailable, Internal...) or dead-letters it at
// once (InvalidArgument, FailedPrecondition, NotFound, ProtocolError).
//
// Thread rules: broker loop thread.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "broker/client_quotas.h"
#include "broker/loaded_calendar.h"
#include "broker/router.h"
#include "broker/task_address.h"
#include "broker/worker_registry.h"
#include "common/counters.h"
#include "common/protocol/messages.h"
#include "common/protocol/mdp.h"
#include "common/store/task_store.h"
#include "config/config.h"

namespace duban::broker {

struct WorkerReply {
  std::string worker;
  TaskAddress address;
  // The task a known worker held, which this reply answers (the loop checked that the address
  // names it); nullopt for a worker this broker does not know.
  std::optional<HeldTask> held;
  protocol::Frames body;
};

class ReplyHandler {
 public:
  // `calendar`: the broker's working calendar, on which every planned timer's due time is
  // computed again (broker/timer_plans.h).
  ReplyHandler(store::TaskStore& store, Router& router, Counters& counters,
               const config::Config& config, ClientQuotas& quotas, const LoadedCalendar& calendar);

  // Unavailable when Redis is down: nothing was applied; leases will run out and the tasks return.
  Status Apply(const std::vector<WorkerReply>& replies, Millis now_protocol, Millis now_domain);

 private:
  // Checks an outcome against the config; InvalidArgument naming the problem.
  // `service`: the role whose task it answers (some fields only one role may set).
  Status CheckOutcome(const protocol::Outcome& o, const std::string& service) const;

  store::TaskStore& store_;
  Router& router_;
  Counters& counters_;
  std::set<std::string> units_;
  const config::Config& config_;
  ClientQuotas& quotas_;  // an answered 7/MDP request leaves its client's in-flight count
  const LoadedCalendar& calendar_;
};

// Sets Notice::webhook and Notice::channels from the config alone, whatever the outcome said:
// the unit's webhook for notices to "unit:<id>" (none for every other notice), and the channels
// of the recipient's contact ([[delivery.contact]]: mail, sms).
void AddWebhooks(const config::Config& config, std::vector<protocol::Notice>* notices);

// True for error codes that will fail the same way on every retry.
bool IsPermanent(StatusCode code);

}  // namespace duban::broker
