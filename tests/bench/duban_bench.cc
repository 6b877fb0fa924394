// duban-bench: end-to-end load through a running broker (scripts/bench starts everything).
//   duban-bench suggestions --broker EP --redis URL -n N   submit N suggestions, wait until every
//       one is ASSIGNED, report suggestions/s and submit->applied latency (from the audit trail)
//   duban-bench echo --broker EP -n N --window W           N opaque requests through the durable
//       path to echo workers, W outstanding; reports requests/s and client-side latency
//   duban-bench echo-worker --broker EP --connections C    C echo worker connections, one thread
//   duban-bench timers --broker EP --redis URL --pending P --fire F
//       sets P timers through the set_timers script (F of them due within the next seconds, one
//       per millisecond, the rest a year away), reports Redis memory per pending timer, serves the
//       fired tasks itself and reports their lateness (receipt time minus due time) p50/p99/max
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <thread>
#include <vector>

#include <optional>

#include <zmq.hpp>

#include "common/calendar.h"
#include "common/process.h"
#include "common/protocol/codec.h"
#include "common/protocol/mdp.h"
#include "common/store/redis_client.h"
#include "common/store/scripts.h"
#include "common/store/task_store.h"
#include "common/transport/mdp_client.h"
#include "common/transport/zmq_frames.h"

using namespace duban;
using Steady = std::chrono::steady_clock;

namespace {

// The key of every connection, when the broker runs with keys (--key, --server-key).
std::optional<transport::ClientCurve> g_curve;

double Ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

void Report(const char* what, std::int64_t n, double seconds, std::vector<double> lat) {
  std::sort(lat.begin(), lat.end());
  auto pct = [&](double p) { return lat.empty() ? 0.0 : lat[std::min(lat.size() - 1, static_cast<size_t>(p * lat.size()))]; };
  std::printf("%s: n=%lld in %.2f s = %.0f/s; latency ms p50=%.2f p99=%.2f max=%.2f\n", what,
              static_cast<long long>(n), seconds, n / seconds, pct(0.50), pct(0.99),
              lat.empty() ? 0.0 : lat.back());
}

int EchoWorker(const std::string& broker, int connections, const std::atomic<bool>& stop) {
  zmq::context_t ctx(1);
  std::vector<zmq::socket_t> sockets;
  for (int i = 0; i < connections; ++i) {
    sockets.emplace_back(ctx, zmq::socket_type::dealer);
    sockets.back().set(zmq::sockopt::linger, 0);
    if (g_curve) {
      (void)transport::UseClientKey(sockets.back(), g_curve->key, g_curve->server_public_z85);
    }
    sockets.back().connect(broker);
    (void)transport::SendFrames(sockets.back(), protocol::WorkerReady("echo"));
  }
  std::vector<zmq::pollitem_t> items;
  for (auto& s : sockets) items.push_back({s.handle(), 0, ZMQ_POLLIN, 0});
  auto beat = Steady::now();
  while (!stop) {
    try {
      zmq::poll(items.data(), items.size(), std::chrono::milliseconds(100));
    } catch (const zmq::error_t&) {
      continue;  // EINTR: the stop flag is checked next
    }
    for (size_t i = 0; i < sockets.size(); ++i) {
      if (!(items[i].revents & ZMQ_POLLIN)) continue;
      while (true) {
        auto r = transport::RecvFrames(sockets[i], 64, 1 << 20);
        if (!r.ok() || !r->has_value()) break;
        auto cmd = protocol::ParseWorkerInbound((*r)->frames);
        if (cmd.ok() && cmd->command == protocol::WorkerCommand::kRequest) {
          (void)transport::SendFrames(sockets[i], protocol::WorkerReply(cmd->client_address, cmd->body));
        } else if (cmd.ok() && cmd->command == protocol::WorkerCommand::kDisconnect) {
          (void)transport::SendFrames(sockets[i], protocol::WorkerReady("echo"));
        }
      }
    }
    if (Steady::now() - beat > std::chrono::seconds(2)) {
      for (auto& s : sockets) (void)transport::SendFrames(s, protocol::WorkerHeartbeat());
      beat = Steady::now();
    }
  }
  return 0;
}

int Echo(const std::string& broker, std::int64_t n, std::int64_t window) {
  auto client = transport::MdpClient::Create(broker, g_curve);
  if (!client.ok()) return std::fprintf(stderr, "%s\n", client.status().ToString().c_str()), 2;
  std::map<std::int64_t, Steady::time_point> sent_at;
  std::vector<double> lat;
  lat.reserve(n);
  std::int64_t next = 0, done = 0;
  auto start = Steady::now();
  while (done < n) {
    while (next < n && next - done < window) {
      sent_at[next] = Steady::now();
      (void)(*client)->Send("echo", {std::to_string(next)});
      ++next;
    }
    auto reply = (*client)->Receive(30000);
    if (!reply.ok()) return std::fprintf(stderr, "echo: %s after %lld replies\n", reply.status().ToString().c_str(), (long long)done), 1;
    auto id = std::stoll(reply->body.at(0));
    auto it = sent_at.find(id);
    if (it == sent_at.end()) continue;  // a duplicate: not counted twice
    lat.push_back(Ms(Steady::now() - it->second));
    sent_at.erase(it);
    ++done;
  }
  Report("echo (durable path)", n, Ms(Steady::now() - start) / 1000.0, std::move(lat));
  return 0;
}

int Suggestions(const std::string& broker, const std::string& redis_url, std::int64_t n,
                std::int64_t window) {
  auto client = transport::MdpClient::Create(broker, g_curve);
  if (!client.ok()) return std::fprintf(stderr, "%s\n", client.status().ToString().c_str()), 2;
  std::string run = std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  std::vector<std::string> codes;
  codes.reserve(n);
  std::int64_t next = 0, done = 0;
  auto start = Steady::now();
  while (done < n) {
    while (next < n && next - done < window) {
      protocol::SubmitRequest req;
      req.request_id = "bench-" + run + "-" + std::to_string(next);
      req.draft.title = "关于改善第" + std::to_string(next) + "号片区公交线路的建议";
      req.draft.content = "建议优化公交线路，增加早晚高峰班次，方便群众出行。";
      req.draft.category = "交通";
      req.draft.keywords = {"公交"};
      req.draft.deputy = {"D-BENCH", "压测代表", ""};
      req.draft.session = "2026";
      (void)(*client)->Send("duban.submit", {protocol::Encode(req)});
      ++next;
    }
    auto reply = (*client)->Receive(30000);
    if (!reply.ok()) return std::fprintf(stderr, "submit: %s\n", reply.status().ToString().c_str()), 1;
    auto r = protocol::DecodeReply<protocol::SubmitReply>(reply->body.at(0));
    if (!r.ok()) return std::fprintf(stderr, "submit refused: %s\n", r.status().ToString().c_str()), 1;
    codes.push_back(r->code);
    ++done;
  }
  double submit_s = Ms(Steady::now() - start) / 1000.0;
  std::printf("submitted %lld in %.2f s (%.0f/s)\n", (long long)n, submit_s, n / submit_s);
  // Wait until every one is applied, reading the audit trail from Redis.
  auto redis = store::RedisClient::Create(redis_url, 1000, 1000, {});
  if (!redis.ok()) return 2;
  std::vector<double> lat;
  std::int64_t first_ms = INT64_MAX, last_ms = 0;
  size_t checked = 0;
  auto deadline = Steady::now() + std::chrono::minutes(10);
  while (checked < codes.size() && Steady::now() < deadline) {
    std::vector<store::Command> cmds;
    for (size_t i = checked; i < std::min(codes.size(), checked + 1000); ++i) {
      cmds.push_back({"LRANGE", "{duban}:a:{" + codes[i] + "}", "0", "1"});
    }
    auto replies = (*redis)->Pipeline(cmds);
    if (!replies.ok()) return 1;
    size_t ok = 0;
    for (auto& rep : *replies) {
      if (rep.elements.size() < 2) break;
      auto a = protocol::DecodeBare<protocol::AuditEntry>(rep.elements[0].str);
      auto b = protocol::DecodeBare<protocol::AuditEntry>(rep.elements[1].str);
      if (!a.ok() || !b.ok()) return 1;
      first_ms = std::min(first_ms, a->at_ms);
      last_ms = std::max(last_ms, b->at_ms);
      lat.push_back(static_cast<double>(b->at_ms - a->at_ms));
      ++ok;
    }
    checked += ok;
    if (ok < cmds.size()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (checked < codes.size()) return std::fprintf(stderr, "only %zu of %zu applied\n", checked, codes.size()), 1;
  double total_s = Ms(Steady::now() - start) / 1000.0;
  Report("suggestions submit->assigned", n, std::max((last_ms - first_ms) / 1000.0, 1e-3), std::move(lat));
  std::printf("wall time including the final audit scan: %.2f s\n", total_s);
  return 0;
}

std::int64_t UsedMemory(store::RedisClient& redis) {
  auto r = redis.Run({"MEMORY", "STATS"});
  if (!r.ok()) return -1;
  for (size_t i = 0; i + 1 < r->elements.size(); i += 2) {
    if (r->elements[i].str == "total.allocated") return r->elements[i + 1].integer;
  }
  return -1;
}

int Timers(const std::string& broker, const std::string& redis_url, std::int64_t pending,
           std::int64_t fire, int connections, bool planned, bool assumed) {
  auto client = transport::MdpClient::Create(broker, g_curve);
  if (!client.ok()) return 2;
  // One suggestion owns the timers (timers belong to suggestions).
  protocol::SubmitRequest req;
  req.request_id = "bench-timers-" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  req.draft.title = "定时器压测";
  req.draft.content = "timer benchmark";
  req.draft.deputy = {"D-BENCH", "压测代表", ""};
  req.draft.session = "2026";
  auto reply = (*client)->Request("duban.submit", {protocol::Encode(req)}, 5000);
  if (!reply.ok()) return std::fprintf(stderr, "submit: %s\n", reply.status().ToString().c_str()), 1;
  auto sub = protocol::DecodeReply<protocol::SubmitReply>(reply->at(0));
  if (!sub.ok()) return 1;
  auto redis = store::RedisClient::Create(redis_url, 1000, 1000, store::DubanScripts());
  if (!redis.ok()) return 2;
  store::TaskStore ts(**redis, "duban", {}, 30000);
  std::int64_t mem0 = UsedMemory(**redis);
  auto now_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
  };
  // The ones that fire: one per ms starting 3 s after the set-up ends; set last, so the set-up
  // time does not eat into them.
  const std::int64_t far = now_ms() + 365LL * 24 * 3600 * 1000;
  std::vector<protocol::TimerSpec> batch;
  auto flush = [&]() -> bool {
    if (batch.empty()) return true;
    auto r = ts.SetTimers(now_ms(), sub->code, batch);
    batch.clear();
    return r.ok();
  };
  // --planned: every far timer is a working-day timer as the roles set them, with its rule, as
  // the broker stores it (its suggestion in the year's index); --assumed: each also assumed its
  // year Monday to Friday (the larger case, until the year's calendar arrives: each timer in the
  // year's exact index).
  const std::string far_date = FormatDate(LocalDateOf(far, 480));
  const std::int64_t far_year = std::stoll(far_date.substr(0, 4));
  for (std::int64_t i = 0; i < pending - fire; ++i) {
    batch.push_back({"far." + std::to_string(i), "tick", "tick", far + i, 0, std::to_string(far + i)});
    if (planned) {
      batch.back().plan = protocol::TimerPlan{"next_working_day", far_date, 0, 540};
      batch.back().plan_years = {far_year};
      if (assumed) batch.back().assumed_years = {far_year};
    }
    if (batch.size() == 1000 && !flush()) return 1;
    if (i % 100000 == 0) std::fprintf(stderr, "set %lld far timers\r", (long long)i);
  }
  if (!flush()) return 1;
  const std::int64_t start = now_ms() + 3000;
  for (std::int64_t i = 0; i < fire; ++i) {
    batch.push_back({"near." + std::to_string(i), "tick", "tick", start + i, 0, std::to_string(start + i)});
    if (batch.size() == 1000 && !flush()) return 1;
  }
  if (!flush()) return 1;
  std::int64_t mem1 = UsedMemory(**redis);
  std::printf("pending timers%s: %lld; Redis memory %.1f MB -> %.1f MB = %.0f bytes per pending timer\n",
              assumed   ? " (working-day, with plan, assumed year)"
              : planned ? " (working-day, with plan)"
                        : "",
              (long long)pending,
              mem0 / 1e6, mem1 / 1e6, double(mem1 - mem0) / pending);
  if (now_ms() > start) std::fprintf(stderr, "warning: set-up ran past the first due time\n");

  zmq::context_t ctx(1);
  std::vector<zmq::socket_t> sockets;
  for (int i = 0; i < connections; ++i) {
    sockets.emplace_back(ctx, zmq::socket_type::dealer);
    sockets.back().set(zmq::sockopt::linger, 0);
    sockets.back().connect(broker);
    (void)transport::SendFrames(sockets.back(), protocol::WorkerReady("tick"));
  }
  std::vector<zmq::pollitem_t> items;
  for (auto& s : sockets) items.push_back({s.handle(), 0, ZMQ_POLLIN, 0});
  std::vector<double> late;
  late.reserve(fire);
  auto give_up = Steady::now() + std::chrono::seconds(60 + fire / 1000);
  auto beat = Steady::now();
  protocol::Outcome tick;
  tick.expect_version = protocol::kAnyVersion;
  tick.action = "tick";
  const std::string tick_reply = protocol::EncodeReply(tick);
  while (static_cast<std::int64_t>(late.size()) < fire && Steady::now() < give_up) {
    zmq::poll(items.data(), items.size(), std::chrono::milliseconds(50));
    for (size_t i = 0; i < sockets.size(); ++i) {
      if (!(items[i].revents & ZMQ_POLLIN)) continue;
      while (true) {
        auto r = transport::RecvFrames(sockets[i], 64, 1 << 20);
        if (!r.ok() || !r->has_value()) break;
        std::int64_t received = now_ms();
        auto cmd = protocol::ParseWorkerInbound((*r)->frames);
        if (!cmd.ok() || cmd->command != protocol::WorkerCommand::kRequest) continue;
        auto task = protocol::Decode<protocol::TaskMessage>(cmd->body.at(0));
        if (task.ok() && task->kind == "tick") late.push_back(double(received - std::stoll(task->payload)));
        (void)transport::SendFrames(sockets[i], protocol::WorkerReply(cmd->client_address, {tick_reply}));
      }
    }
    if (Steady::now() - beat > std::chrono::seconds(1)) {
      for (auto& s : sockets) (void)transport::SendFrames(s, protocol::WorkerHeartbeat());
      beat = Steady::now();
    }
  }
  if (static_cast<std::int64_t>(late.size()) < fire) {
    std::fprintf(stderr, "only %zu of %lld timers fired in time\n", late.size(), (long long)fire);
    return 1;
  }
  auto early = std::count_if(late.begin(), late.end(), [](double l) { return l < 0; });
  std::printf("timers fired early: %ld (must be 0)\n", static_cast<long>(early));
  Report("timer lateness (fired one per ms, with the rest pending)", fire, fire / 1000.0, std::move(late));
  return early == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"duban-bench: load through a running Duban broker (see scripts/bench)"};
  std::string broker = "tcp://127.0.0.1:5555", redis = "redis://127.0.0.1:6390/0";
  std::int64_t n = 10000, window = 2000;
  int connections = 16;
  app.require_subcommand(1);
  auto* sug = app.add_subcommand("suggestions", "submit -n suggestions and wait for assignment");
  auto* echo = app.add_subcommand("echo", "send -n opaque requests to the echo service");
  auto* worker = app.add_subcommand("echo-worker", "serve 'echo' with --connections workers");
  auto* timers = app.add_subcommand("timers", "timer lateness with --pending timers set");
  std::int64_t pending = 1000000, fire = 10000;
  timers->add_option("--pending", pending, "timers pending in all");
  timers->add_option("--fire", fire, "how many of them fire during the run (one per ms)");
  timers->add_option("--broker", broker, "broker endpoint");
  timers->add_option("--redis", redis, "Redis URL");
  timers->add_option("--connections", connections, "worker connections serving the fired tasks");
  bool planned = false, assumed = false;
  timers->add_flag("--planned", planned, "the far timers carry a working-day plan (issue 9)");
  timers->add_flag("--assumed", assumed, "... and assumed their year Monday to Friday");
  for (auto* sc : {sug, echo, worker}) sc->add_option("--broker", broker, "broker endpoint");
  for (auto* sc : {sug, echo}) {
    sc->add_option("-n", n, "how many");
    sc->add_option("--window", window, "requests outstanding at once");
  }
  sug->add_option("--redis", redis, "Redis URL (to read the audit trail)");
  worker->add_option("--connections", connections, "worker connections (one task each)");
  std::string key, server_key;
  for (auto* sc : {sug, echo, worker}) {
    sc->add_option("--key", key, "this program's key file, for a broker with keys");
    sc->add_option("--server-key", server_key, "the broker's public key file");
  }
  CLI11_PARSE(app, argc, argv);
  auto curve = transport::LoadClientCurve(key, server_key);
  if (!curve.ok()) {
    std::fprintf(stderr, "duban-bench: %s\n", curve.status().ToString().c_str());
    return 2;
  }
  g_curve = std::move(curve).value();
  if (*worker) return EchoWorker(broker, connections, InstallStopHandler());
  if (*timers) return Timers(broker, redis, pending, fire, connections, planned || assumed, assumed);
  if (*echo) return Echo(broker, n, window);
  return Suggestions(broker, redis, n, window);
}
