#include "broker/router.h"

#include <algorithm>
#include <cstdlib>

#include <sodium.h>

#include "broker/key_gate.h"
#include "common/log.h"
#include "common/loopback.h"
#include "common/protocol/codec.h"
#include "common/transport/zmq_frames.h"

namespace duban::broker {
namespace {
constexpr std::size_t kMaxFrames = 64;
}

int HighWaterMark(std::size_t max_message_bytes) {
  const std::size_t n = kBufferedBytesPerPeer / std::max<std::size_t>(max_message_bytes, 1);
  return static_cast<int>(std::clamp<std::size_t>(n, 64, 100000));
}

Router::Router(std::string endpoint, std::size_t max_message_bytes, Counters& counters)
    : endpoint_(std::move(endpoint)),
      max_message_bytes_(max_message_bytes),
      counters_(counters),
      context_(1),
      socket_(context_, zmq::socket_type::router) {}

namespace {
// The socket options every ROUTER of the broker uses.
void SetRouterOptions(zmq::socket_t& socket, std::size_t max_message_bytes) {
  socket.set(zmq::sockopt::linger, 0);
  // The receive high-water mark (messages per peer) follows the message limit, so one peer
  // makes the broker buffer at most kBufferedBytesPerPeer before libzmq stops reading its
  // connection (backpressure, nothing lost). The send side stays deep: a full pipe would drop
  // the replies of a client that pipelines (dubanctl submit, duban-bench's window of 2000).
  socket.set(zmq::sockopt::sndhwm, 100000);
  socket.set(zmq::sockopt::rcvhwm, HighWaterMark(max_message_bytes));
  // Far larger frames are cut off by libzmq itself (it drops that connection) before they are
  // buffered; between the two limits the sender gets a clear error reply.
  socket.set(zmq::sockopt::maxmsgsize, static_cast<int64_t>(max_message_bytes * 16));
  // A reply to a peer that has gone fails (counted) instead of vanishing.
  socket.set(zmq::sockopt::router_mandatory, 1);
}
}  // namespace

void SeedRoutingIds() {
  // libzmq numbers the peers that name no routing id from rand(), which nothing seeds: the same
  // sequence in every process, so a peer could name the ids to come and make libzmq abort when it
  // reaches one (a known libzmq 4.3 weakness). Seeded here, the sequence cannot be foreseen.
  static const bool seeded = [] {
    std::srand(randombytes_random());
    return true;
  }();
  (void)seeded;
}

Router::~Router() {
  // The sockets first: between the ZAP handler's stop and their close libzmq would let any CURVE
  // key complete a handshake.
  public_.reset();
  socket_.close();
  if (gate_) gate_->Stop();
}

bool IsLoopbackEndpoint(const std::string& endpoint) {
  if (endpoint.rfind("ipc://", 0) == 0 || endpoint.rfind("inproc://", 0) == 0) return true;
  if (endpoint.rfind("tcp://", 0) != 0) return false;
  const std::string hostport = endpoint.substr(6);
  const auto colon = hostport.rfind(':');
  if (colon == std::string::npos) return false;
  std::string host = hostport.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return IsLoopbackHost(host);
}

Result<std::unique_ptr<Router>> Router::Create(const std::string& endpoint,
                                               std::size_t max_message_bytes,
                                               Counters& counters, const RouterSecurity& security) {
  SeedRoutingIds();  // before the sockets: each takes its first routing id at creation
  std::unique_ptr<Router> r(new Router(endpoint, max_message_bytes, counters));
  if (security.server_key) {
    if (!security.gate) return Internal("a CURVE router needs its key gate");
    DUBAN_RETURN_IF_ERROR(security.gate->Start(r->context_));
    r->gate_ = security.gate;
    DUBAN_RETURN_IF_ERROR(transport::UseServerKey(r->socket_, *security.server_key, kZapDomain));
  }
  std::string at = endpoint;
  try {
    SetRouterOptions(r->socket_, max_message_bytes);
    r->socket_.bind(endpoint);
    if (!security.public_endpoint.empty()) {
      at = security.public_endpoint;
      r->public_.emplace(r->context_, zmq::socket_type::router);
      // duban.status requests are a few hundred bytes: anonymous peers may not make the broker
      // buffer more (a larger message drops that connection in libzmq).
      SetRouterOptions(*r->public_, kPublicMaxMessageBytes);
      r->public_->set(zmq::sockopt::rcvhwm, kPublicReceiveHighWaterMark);
      r->public_->bind(security.public_endpoint);
    }
  } catch (const zmq::error_t& e) {
    return InvalidArgument("cannot bind '" + at + "': " + e.what());
  }
  return r;
}

bool Router::Poll(std::int64_t timeout_ms) {
  zmq::pollitem_t items[] = {{socket_.handle(), 0, ZMQ_POLLIN, 0},
                             {public_ ? public_->handle() : nullptr, 0, ZMQ_POLLIN, 0}};
  try {
    zmq::poll(items, public_ ? 2 : 1, std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms));
  } catch (const zmq::error_t& e) {
    if (e.num() != EINTR) Logger("broker.router")->error("poll failed: {}", e.what());
    return false;
  }
  return ((items[0].revents | items[1].revents) & ZMQ_POLLIN) != 0;
}

std::vector<protocol::BrokerInbound> Router::ReceiveBatch(std::size_t max) {
  std::vector<protocol::BrokerInbound> out;
  // The public socket gets at most a quarter of a turn, so anonymous clients cannot starve the
  // authenticated ones.
  std::size_t public_max = public_ ? std::max<std::size_t>(max / 4, 1) : 0;
  for (std::size_t i = 0; i < public_max && ReceiveOne(*public_, true, &out); ++i) {
  }
  // Bounded by messages read, not by messages kept: a peer sending nothing but bad frames must
  // not keep the loop from its heartbeats and timers.
  for (std::size_t i = 0; i < max && ReceiveOne(socket_, false, &out); ++i) {
  }
  return out;
}

bool Router::ReceiveOne(zmq::socket_t& socket, bool is_public,
                        std::vector<protocol::BrokerInbound>* out) {
  const std::size_t limit = is_public ? kPublicMaxMessageBytes : max_message_bytes_;
  auto received = transport::RecvFrames(socket, kMaxFrames, limit);
  if (!received.ok()) {
    Logger("broker.router")->error("receive failed: {}", received.status().ToString());
    return false;
  }
  if (!received->has_value()) return false;
  protocol::Frames& frames = (*received)->frames;
  if (is_public && !frames.empty()) frames[0].insert(0, kPublicTag);
  if (!is_public && !frames.empty() && !frames[0].empty() && frames[0][0] == '\0' &&
      frames[0].size() != 5) {
    // A routing id a peer chose itself in the range libzmq reserves (a leading zero byte): it
    // could pass for a public peer's (kPublicTag). Dropped and counted.
    counters_.Increment("broker.bad_frames");
    Logger("broker.router")->warn("dropped a message from a peer with a reserved routing id");
    return true;
  }
  if ((*received)->oversized) {
    counters_.Increment("broker.oversized_messages");
    Logger("broker.router")->warn("refused a message over {} frames or {} bytes", kMaxFrames,
                                  limit);
    if (frames.size() == 4 && frames[1].empty() && frames[2] == protocol::kClientHeader) {
      Send(protocol::BrokerToClient(
          frames[0], frames[3],
          {protocol::EncodeError(ResourceExhausted(
              "message larger than " + std::to_string(limit) + " bytes or " +
              std::to_string(kMaxFrames) + " frames"))}));
    }
    return true;
  }
  auto parsed = protocol::ParseBrokerInbound(frames);
  if (!parsed.ok()) {
    counters_.Increment("broker.bad_frames");
    Logger("broker.router")->warn("dropped a malformed message ({} frames): {}", frames.size(),
                                  parsed.status().ToString());
    return true;
  }
  if (auto* w = std::get_if<protocol::WorkerMessage>(&*parsed)) {
    if (is_public) {
      counters_.Increment("broker.public_worker_messages");
      Logger("broker.router")->warn("dropped a worker command on the public endpoint");
      return true;
    }
    w->user = std::move((*received)->user_id);
  } else {
    auto& c = std::get<protocol::ClientRequest>(*parsed);
    c.user = std::move((*received)->user_id);
    c.via_public = is_public;
  }
  out->push_back(std::move(parsed).value());
  return true;
}

void Router::Send(const protocol::Frames& frames) {
  Status s;
  if (public_ && !frames.empty() && frames[0].size() > kPublicTag.size() &&
      std::string_view(frames[0]).substr(0, kPublicTag.size()) == kPublicTag) {
    protocol::Frames to_public = frames;
    to_public[0].erase(0, kPublicTag.size());
    s = transport::SendFrames(*public_, to_public);
  } else {
    s = transport::SendFrames(socket_, frames);
  }
  if (s.code() == StatusCode::kNotFound) {
    // A reply for a client (or a command for a worker) that has disconnected: counted, not
    // silently dropped. A 7/MDP client that reconnects asks again.
    counters_.Increment("broker.replies_undeliverable");
    Logger("broker.router")->info("peer gone, message dropped: {}", s.message());
  } else if (!s.ok()) {
    counters_.Increment("broker.send_failures");
    Logger("broker.router")->warn("send failed: {}", s.ToString());
  }
}

}  // namespace duban::broker
