// BrokerLoop: the broker's one event loop. Each turn gathers what arrived (up to max_batch
// messages), then serves it with as few Redis round trips as possible: one call each for new
// opaque requests, submits, acknowledgements, outcomes and failures, and one dispatch call that
// leases work for every idle worker. Then it answers everyone.
//
// Two clocks: `protocol` (real time: heartbeats, leases, retry backoff) and `domain` (deadlines,
// due timers and audit times; scaled in the demo, manual in tests).
// The loop keeps no state that Redis does not also hold, except who is connected: kill it at any
// moment and a new one resumes (leases run out, workers send READY again).
//
// Thread rules: Run() owns the thread it is called on; Stop() may be called from a signal handler
// (it only sets an atomic flag).
#pragma once

#include <atomic>
#include <memory>

#include "broker/admission.h"
#include "broker/checkpointer.h"
#include "broker/client_quotas.h"
#include "broker/dispatcher.h"
#include "broker/loaded_calendar.h"
#include "broker/own_services.h"
#include "broker/reply_handler.h"
#include "broker/router.h"
#include "broker/service_table.h"
#include "broker/worker_registry.h"
#include "common/clock.h"
#include "common/counters.h"
#include "common/store/task_store.h"
#include "config/config.h"

namespace duban::broker {

class BrokerLoop {
 public:
  // `make_services` makes the broker's own duban.* services (services::MakeOwnServices).
  BrokerLoop(const config::Config& config, Router& router, store::TaskStore& store,
             const Clock& protocol_clock, const Clock& domain_clock, double time_scale,
             Counters& counters, const OwnServicesFactory& make_services);

  void Run();
  // One turn: waits at most `max_wait_ms` for input. Exposed for tests.
  void RunOnce(std::int64_t max_wait_ms);
  void Stop() { stop_ = true; }
  // Authenticates callers with `gate`'s keys (broker/admission.h); without it every caller is the
  // local operator. The gate must outlive the loop.
  void UseKeys(const KeyGate* gate) { admission_ = Admission(gate); }
  // Signs checkpoints with `checkpointer` between messages; it must outlive the loop.
  void UseCheckpointer(Checkpointer* checkpointer) { checkpointer_ = checkpointer; }
  // After the key registry was read again: every registered worker whose key may no longer serve
  // its service is dropped (its task goes back) and told to disconnect.
  void RecheckWorkers(Millis now);
  // Tells every worker to disconnect (on a clean shutdown).
  void DisconnectAll();

 private:
  void HandleWorkerMessage(protocol::WorkerMessage& m, Millis now,
                           std::vector<WorkerReply>* replies, std::vector<std::string>* renewals);
  // A REPLY: checked against the task the worker holds (a known worker) and queued for the
  // reply handler, or refused and counted.
  void HandleReply(protocol::WorkerMessage& m, WorkerRecord* known, Millis now,
                   std::vector<WorkerReply>* replies);
  // Busy workers that heartbeat keep their leases: one "extend" call for those whose lease is
  // past its half, up to broker.max_lease_ms after the dispatch.
  void RenewLeases(const std::vector<std::string>& workers, Millis now);
  // Drops a registered worker that may no longer act (its task goes back) and disconnects it.
  void DropWorker(const std::string& identity, const std::string& why, Millis now);
  void HandleMmi(const protocol::ClientRequest& r);
  void EnqueueOpaque(const std::vector<protocol::ClientRequest>& requests, Millis now);
  void FailHeld(const std::vector<HeldTask>& tasks, const std::string& reason, Millis now);
  void Housekeeping(Millis now_p, Millis now_d);
  std::int64_t WaitBudget(Millis now_p, Millis now_d) const;
  void ReportRedis(const Status& s, const char* what);
  // A write script succeeded: leave the out-of-memory state if in it.
  void StoreWrote();

  const config::Config& config_;
  Router& router_;
  store::TaskStore& store_;
  const Clock& protocol_clock_;
  const Clock& domain_clock_;
  double time_scale_;
  Counters& counters_;
  LoadedCalendar calendar_;  // before replies_ and api_, which hold references to it
  WorkerRegistry registry_;
  ClientQuotas quotas_;
  ServiceTable services_;
  Dispatcher dispatcher_;
  ReplyHandler replies_;
  std::unique_ptr<OwnServices> api_;  // the duban.* services
  Admission admission_{nullptr};
  Checkpointer* checkpointer_ = nullptr;
  std::atomic<bool> stop_{false};
  Millis next_heartbeat_ms_ = 0;
  Millis next_reap_ms_ = 0;
  Millis next_request_sweep_ms_ = 0;
  Millis next_timer_check_ms_ = 0;  // protocol time of the next periodic timer look
  Millis next_paused_check_ms_ = 0;
  Millis next_quota_prune_ms_ = 0;
  Millis next_timer_due_ms_ = -1;   // domain time of the earliest pending timer (-1: none known)
  Millis last_redis_warning_ms_ = 0;
  bool redis_down_ = false;
  // Redis answered OOM (maxmemory): no new leases until a write succeeds again (the reaper's, at
  // most every 500 ms), so no attempt is spent on work whose outcome could not be stored.
  bool redis_oom_ = false;
};

}  // namespace duban::broker
