#include "workers/runtime/worker_runtime.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include <zmq.hpp>

#include "common/log.h"
#include "common/protocol/codec.h"
#include "common/protocol/mdp.h"
#include "common/transport/zmq_frames.h"
#include "workers/runtime/safe_handle.h"

namespace duban::workers {

using namespace duban::protocol;

std::string WorkerRuntime::HandleBody(const std::string& body) {
  auto log = Logger("worker." + options_.service);
  auto task = Decode<TaskMessage>(body);
  if (!task.ok()) {
    counters_.Increment("worker.bad_tasks");
    log->warn("undecodable task: {}", task.status().ToString());
    return EncodeError(task.status());
  }
  std::string ctx = "[task " + task->task_id + (task->suggestion ? " " + task->suggestion->code : "") +
                    " attempt " + std::to_string(task->attempt) + "]";
  clock_.Set(task->now_ms);
  // A role's bug must not kill the worker on every redelivery (safe_handle.h).
  auto outcome = HandleSafely(role_, *task);
  clock_.Set(0);
  if (!outcome.ok()) {
    counters_.Increment("worker.task_errors");
    log->warn("{} {}", ctx, outcome.status().ToString());
    return EncodeError(outcome.status());
  }
  counters_.Increment("worker.tasks_done");
  log->info("{} {} -> {} {}", ctx, outcome->action, outcome->to_state.empty() ? "(same state)" : outcome->to_state,
            outcome->note);
  return EncodeReply(*outcome);
}

std::string WorkerRuntime::WorkWhileHeartbeating(zmq::socket_t& socket, const std::string& body,
                                                 bool* reconnect, Millis* heartbeat_at) {
  auto log = Logger("worker." + options_.service);
  const SystemClock protocol_clock;
  // The role runs on the work thread; this one keeps the connection alive meanwhile (RFC 7 lets a
  // worker heartbeat at any time), and the broker extends the lease of a worker that does.
  if (!work_) {
    work_ = std::make_unique<WorkThread>([this](const std::string& b) { return HandleBody(b); });
  }
  work_->Start(body);
  std::string reply;
  for (;;) {
    // Wake as soon as the role is done, or when the next heartbeat is due.
    Millis now = protocol_clock.NowMs();
    auto wait = std::clamp<Millis>(*heartbeat_at - now, 1, 50);
    if (work_->WaitFor(wait, &reply)) break;
    now = protocol_clock.NowMs();
    if (now >= *heartbeat_at) {
      (void)transport::SendFrames(socket, WorkerHeartbeat());
      *heartbeat_at = now + options_.heartbeat_interval_ms;
    }
    for (;;) {  // whatever the broker sent meanwhile, without blocking
      auto received = transport::RecvFrames(socket, 64, kMaxMessageBytes + 4096);
      if (!received.ok() || !received->has_value()) break;
      if ((*received)->oversized) continue;
      auto cmd = ParseWorkerInbound((*received)->frames);
      if (!cmd.ok()) {
        counters_.Increment("worker.bad_frames");
        log->warn("bad message from broker: {}", cmd.status().ToString());
      } else if (cmd->command == WorkerCommand::kDisconnect) {
        log->info("broker asked us to reconnect; answering the current task first");
        *reconnect = true;
      } else if (cmd->command == WorkerCommand::kRequest) {
        // The broker gives one task at a time; a second one while busy is its error, and its
        // lease will bring it back to another worker.
        counters_.Increment("worker.bad_frames");
        log->warn("a second task arrived while busy; ignored");
      }
    }
  }
  return reply;
}

void WorkerRuntime::Run(const std::atomic<bool>& stop) {
  auto log = Logger("worker." + options_.service);
  zmq::context_t context(1);
  std::int64_t backoff = options_.reconnect_initial_ms;
  // Heartbeats are protocol time (real time), never the domain clock the role reads.
  const SystemClock protocol_clock;
  const Millis interval = options_.heartbeat_interval_ms;
  while (!stop) {
    zmq::socket_t socket(context, zmq::socket_type::dealer);
    // A REPLY (or the DISCONNECT at stop) queued just before the socket closes is still sent:
    // reconnecting after a broker's DISCONNECT must not throw away the answer to a long task.
    socket.set(zmq::sockopt::linger, 1000);
    if (options_.curve) {
      if (Status s = transport::UseClientKey(socket, options_.curve->key,
                                             options_.curve->server_public_z85);
          !s.ok()) {
        log->critical("cannot use the worker's key: {}", s.ToString());
        return;
      }
    }
    socket.connect(options_.endpoint);
    (void)transport::SendFrames(socket, WorkerReady(options_.service));
    log->info("connected to {} as '{}'", options_.endpoint, options_.service);
    std::int64_t liveness = options_.liveness;
    Millis heartbeat_at = protocol_clock.NowMs() + interval;
    bool reconnect = false;
    while (!stop && !reconnect) {
      zmq::pollitem_t items[] = {{socket.handle(), 0, ZMQ_POLLIN, 0}};
      try {
        zmq::poll(items, 1, std::chrono::milliseconds(
                                std::min<std::int64_t>(options_.heartbeat_interval_ms, 200)));
      } catch (const zmq::error_t& e) {
        if (e.num() == EINTR) continue;  // a signal: the stop flag is checked by the loop
        log->error("poll failed: {}; reconnecting", e.what());
        reconnect = true;
        continue;
      }
      if (items[0].revents & ZMQ_POLLIN) {
        auto received = transport::RecvFrames(socket, 64, kMaxMessageBytes + 4096);
        if (received.ok() && received->has_value() && !(*received)->oversized) {
          liveness = options_.liveness;
          backoff = options_.reconnect_initial_ms;
          auto cmd = ParseWorkerInbound((*received)->frames);
          if (!cmd.ok()) {
            counters_.Increment("worker.bad_frames");
            log->warn("bad message from broker: {}", cmd.status().ToString());
          } else if (cmd->command == WorkerCommand::kRequest) {
            std::string reply =
                cmd->body.size() == 1
                    ? WorkWhileHeartbeating(socket, cmd->body[0], &reconnect, &heartbeat_at)
                    : EncodeError(ProtocolError("a task has exactly one body frame"));
            // Sent on this connection even when the broker asked us to reconnect meanwhile: a
            // broker that restarted applies it by its task address.
            (void)transport::SendFrames(socket, WorkerReply(cmd->client_address, {std::move(reply)}));
          } else if (cmd->command == WorkerCommand::kDisconnect) {
            log->info("broker asked us to reconnect");
            reconnect = true;
          }
        }
      } else if (protocol_clock.NowMs() >= heartbeat_at && --liveness <= 0) {
        log->warn("broker silent for {} heartbeats; reconnecting in {} ms", options_.liveness, backoff);
        counters_.Increment("worker.reconnects");
        std::this_thread::sleep_for(std::chrono::milliseconds(backoff));
        backoff = std::min(backoff * 2, options_.reconnect_max_ms);
        reconnect = true;
      }
      if (protocol_clock.NowMs() >= heartbeat_at) {
        (void)transport::SendFrames(socket, WorkerHeartbeat());
        heartbeat_at = protocol_clock.NowMs() + interval;
      }
    }
    if (stop) (void)transport::SendFrames(socket, WorkerDisconnect());
  }
}

}  // namespace duban::workers
