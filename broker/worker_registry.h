// WorkerRegistry: the workers this broker knows, their service, liveness and the task each holds.
// Liveness by expiry (as in the Majordomo broker): every message from a worker pushes its expiry
// to now + interval * liveness; Purge() removes idle workers past it. A busy worker is judged by
// its lease, not by its heartbeats: a role may work for longer than the heartbeat liveness (and a
// plain 7/MDP worker sends nothing while it works), so a busy worker is purged only once both its
// expiry and its lease have passed; then the task it held is handed back so the broker can put it
// back at once. A busy worker that heartbeats has its lease extended by the broker (BrokerLoop).
//
// Invariants: a worker is idle (in its service's waiting list) or busy (holds exactly one task),
// never both; waiting lists are oldest first, so the longest-idle worker gets the next task.
// Thread rules: owned by the broker loop thread; times come from the protocol clock passed in.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace duban::broker {

struct HeldTask {
  std::string service, id, fence, kind, client, code;
  std::string request_id;     // an opaque request's request id: its reply is recorded
  Millis leased_at_ms = 0;    // protocol time of the dispatch
  Millis lease_until_ms = 0;  // protocol time the lease runs out, as last written to Redis
};

struct WorkerRecord {
  std::string identity;
  std::string service;
  std::string key;  // the ZAP User-Id of the READY ("" without keys): every later message must carry it
  Millis expiry_ms = 0;
  Millis last_seen_ms = 0;
  std::optional<HeldTask> task;
};

class WorkerRegistry {
 public:
  WorkerRegistry(std::int64_t heartbeat_interval_ms, std::int64_t liveness);

  // READY: registers an idle worker. FailedPrecondition if this identity is already registered
  // (RFC 7: a READY from a known worker is a protocol error; the broker disconnects it).
  Status Ready(const std::string& identity, const std::string& service, Millis now);
  WorkerRecord* Find(const std::string& identity);
  // Any message from the worker: refreshes its expiry.
  void Touch(const std::string& identity, Millis now);
  // Hands a task to the longest-idle worker of the service; returns its identity, or nullopt when
  // none is idle.
  std::optional<std::string> Assign(const std::string& service, HeldTask task);
  // The worker answered the task it holds, (service, id, fence): it holds no task any more and
  // waits again (newest at the back); returns that task. nullopt, and nothing changes, when the
  // worker is unknown or holds no task or another one: only the reply to its own task frees it.
  std::optional<HeldTask> Release(const std::string& identity, const std::string& service,
                                  const std::string& id, const std::string& fence);
  // Removes a worker (DISCONNECT or protocol error); returns its record if it was known.
  std::optional<WorkerRecord> Remove(const std::string& identity);
  // Removes every idle worker whose expiry is before `now`, and every busy one whose expiry and
  // lease are both before it; returns them.
  std::vector<WorkerRecord> Purge(Millis now);

  std::size_t IdleCount(const std::string& service) const;
  std::size_t LiveCount(const std::string& service) const;
  // Services with at least one idle worker, with their idle counts.
  std::vector<std::pair<std::string, std::int64_t>> IdleByService() const;
  std::vector<std::string> Identities() const;
  // Every worker's record (for duban.workers).
  std::vector<WorkerRecord> Snapshot() const;
  bool HasService(const std::string& service) const { return LiveCount(service) > 0; }
  // Distinct services with at least one live worker.
  std::size_t ServiceCount() const { return live_.size(); }
  std::size_t size() const { return workers_.size(); }

 private:
  void RemoveFromWaiting(const std::string& service, const std::string& identity);

  std::int64_t expiry_ms_;
  std::map<std::string, WorkerRecord> workers_;              // by identity
  std::map<std::string, std::deque<std::string>> waiting_;   // service -> idle identities
  std::map<std::string, std::size_t> live_;                  // service -> live workers
};

}  // namespace duban::broker
