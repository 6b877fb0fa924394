// WorkerRuntime against a real ZeroMQ ROUTER socket on 127.0.0.1 that plays the broker.
// Bug fixed (issue "Nothing lost, nothing doubled"): the runtime sent no heartbeats while its role
// worked, so a broker judging liveness by heartbeats took a slow task for a dead worker. Now the
// role runs on a thread of its own and the runtime keeps heartbeating until it answers.
#include "workers/runtime/worker_runtime.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <zmq.hpp>

#include "common/protocol/codec.h"
#include "common/protocol/mdp.h"
#include "common/transport/zmq_frames.h"

namespace duban::workers {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kHeartbeatMs = 50;
constexpr auto kRoleWork = 600ms;  // twelve heartbeat intervals

class SlowRole final : public Role {
 public:
  Result<protocol::Outcome> Handle(const protocol::TaskMessage& task) override {
    std::this_thread::sleep_for(kRoleWork);
    ++calls;
    protocol::Outcome o;
    o.action = "slow_done";
    o.note = task.task_id;
    o.expect_version = protocol::kAnyVersion;
    return o;
  }
  std::atomic<int> calls{0};
};

class ThrowingRole final : public Role {
 public:
  Result<protocol::Outcome> Handle(const protocol::TaskMessage&) override {
    throw std::runtime_error("role bug");
  }
};

struct FakeBroker {
  zmq::context_t ctx{1};
  zmq::socket_t router{ctx, zmq::socket_type::router};
  std::string endpoint;
  FakeBroker() {
    router.set(zmq::sockopt::linger, 0);
    router.bind("tcp://127.0.0.1:0");
    endpoint = router.get(zmq::sockopt::last_endpoint);
  }
  // The next message from the worker within `wait`, as parsed by the broker's own parser.
  std::optional<protocol::WorkerMessage> Next(std::chrono::milliseconds wait) {
    zmq::pollitem_t items[] = {{router.handle(), 0, ZMQ_POLLIN, 0}};
    zmq::poll(items, 1, wait);
    if (!(items[0].revents & ZMQ_POLLIN)) return std::nullopt;
    auto got = transport::RecvFrames(router, 64, 1 << 20);
    if (!got.ok() || !got->has_value()) return std::nullopt;
    auto parsed = protocol::ParseBrokerInbound((*got)->frames);
    if (!parsed.ok()) return std::nullopt;
    auto* w = std::get_if<protocol::WorkerMessage>(&*parsed);
    if (w == nullptr) return std::nullopt;
    return *w;
  }
};

protocol::Frames Task(const std::string& id) {
  protocol::TaskMessage m;
  m.task_id = id;
  m.service = "slow";
  m.kind = "work";
  m.now_ms = 1'767'225'600'000;
  return {protocol::Encode(m)};
}

TEST(WorkerRuntimeTest, HeartbeatsWhileTheRoleWorksThenAnswersOnce) {
  FakeBroker broker;
  SlowRole role;
  TaskClock clock;
  Counters counters;
  WorkerRuntime runtime({broker.endpoint, "slow", kHeartbeatMs, 3, 50, 200}, role, clock,
                        counters);
  std::atomic<bool> stop{false};
  std::thread worker([&] { runtime.Run(stop); });

  auto ready = broker.Next(2000ms);
  ASSERT_TRUE(ready.has_value());
  ASSERT_EQ(ready->command, protocol::WorkerCommand::kReady);
  const std::string identity = ready->sender;
  ASSERT_TRUE(transport::SendFrames(broker.router, protocol::BrokerToWorkerRequest(
                                                        identity, "t|slow|1|abc", Task("1")))
                  .ok());

  int heartbeats_while_busy = 0;
  std::optional<protocol::WorkerMessage> reply;
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!reply && std::chrono::steady_clock::now() < deadline) {
    auto m = broker.Next(100ms);
    if (!m) continue;
    if (m->command == protocol::WorkerCommand::kHeartbeat) ++heartbeats_while_busy;
    if (m->command == protocol::WorkerCommand::kReply) reply = m;
  }
  stop = true;
  worker.join();

  ASSERT_TRUE(reply.has_value()) << "no REPLY within 5 s";
  EXPECT_EQ(reply->client_address, "t|slow|1|abc");
  ASSERT_EQ(reply->body.size(), 1u);
  auto outcome = protocol::DecodeReply<protocol::Outcome>(reply->body[0]);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(outcome->action, "slow_done");
  EXPECT_EQ(role.calls.load(), 1);
  // 600 ms of work at one heartbeat per 50 ms: many, not the none of before (allow slack for a
  // loaded machine).
  EXPECT_GE(heartbeats_while_busy, 4);
}

TEST(WorkerRuntimeTest, ARoleThatThrowsIsAnsweredWithAnErrorNotACrash) {
  ThrowingRole role;
  TaskClock clock;
  Counters counters;
  WorkerRuntime runtime({"tcp://127.0.0.1:1", "slow", kHeartbeatMs, 3, 50, 200}, role, clock,
                        counters);
  std::string reply = runtime.HandleBody(Task("2")[0]);
  auto decoded = protocol::DecodeReply<protocol::Outcome>(reply);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), StatusCode::kInternal) << decoded.status().ToString();
  EXPECT_NE(decoded.status().message().find("role bug"), std::string::npos);
}

}  // namespace
}  // namespace duban::workers
