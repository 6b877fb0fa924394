// WorkerRuntime: everything a role worker needs around its Role: a DEALER connection to the
// broker, READY, heartbeats both ways (RFC 7: interval and liveness), reconnect with backoff when
// the broker goes silent or says DISCONNECT, decoding each REQUEST into a TaskMessage and encoding
// the Role's Outcome (or its error) into the REPLY, with the task in every log line.
//
// The role sees time through TaskClock: the domain time the broker stamped on the task, so every
// process decides as of the same instant (and the demo's scaled time reaches the workers).
//
// While its role works on a task (on a thread of its own), the runtime keeps heartbeating, so the
// broker knows the worker is alive and extends its lease: a role may take longer than the
// heartbeat liveness, up to broker.max_lease_ms.
//
// Thread rules: Run() owns its thread, its zmq context and socket; one task at a time, handled
// by Role::Handle on a second thread (one WorkThread, started at the first task and reused) while
// Run()'s thread heartbeats. The role and the TaskClock
// are used only by that second thread while a task runs.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <zmq.hpp>

#include "common/clock.h"
#include "common/transport/curve_keys.h"
#include "common/counters.h"
#include "workers/runtime/role.h"
#include "workers/runtime/work_thread.h"

namespace duban::workers {

// The clock a Role reads: the current task's now_ms (system time outside a task).
class TaskClock final : public Clock {
 public:
  Millis NowMs() const override { return now_ms_ != 0 ? now_ms_ : SystemClock().NowMs(); }
  void Set(Millis now_ms) { now_ms_ = now_ms; }

 private:
  Millis now_ms_ = 0;
};

struct RuntimeOptions {
  std::string endpoint;
  std::string service;
  std::int64_t heartbeat_interval_ms = 2500;
  std::int64_t liveness = 3;
  std::int64_t reconnect_initial_ms = 250;
  std::int64_t reconnect_max_ms = 8000;
  std::optional<transport::ClientCurve> curve;  // the worker's key and the broker's (CurveZMQ)
};

class WorkerRuntime {
 public:
  WorkerRuntime(RuntimeOptions options, Role& role, TaskClock& clock, Counters& counters)
      : options_(std::move(options)), role_(role), clock_(clock), counters_(counters) {}

  // Serves tasks until `stop` becomes true; then sends DISCONNECT.
  void Run(const std::atomic<bool>& stop);

  // Decodes one task body, runs the role, encodes the reply body. Exposed for tests.
  std::string HandleBody(const std::string& body);

 private:
  // Runs the role on `body` on its own thread while heartbeating on `socket`; returns the reply
  // body. Sets *reconnect when the broker said DISCONNECT meanwhile.
  std::string WorkWhileHeartbeating(zmq::socket_t& socket, const std::string& body,
                                    bool* reconnect, Millis* heartbeat_at);

  RuntimeOptions options_;
  Role& role_;
  TaskClock& clock_;
  Counters& counters_;
  std::unique_ptr<WorkThread> work_;  // made at the first task; runs HandleBody
};

}  // namespace duban::workers
