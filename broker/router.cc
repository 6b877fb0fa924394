#include "broker/router.h"

#include <algorithm>

#include "common/log.h"
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

Result<std::unique_ptr<Router>> Router::Create(const std::string& endpoint,
                                               std::size_t max_message_bytes,
                                               Counters& counters) {
  std::unique_ptr<Router> r(new Router(endpoint, max_message_bytes, counters));
  try {
    r->socket_.set(zmq::sockopt::linger, 0);
    // The receive high-water mark (messages per peer) follows the message limit, so one peer
    // makes the broker buffer at most kBufferedBytesPerPeer before libzmq stops reading its
    // connection (backpressure, nothing lost). The send side stays deep: a full pipe would drop
    // the replies of a client that pipelines (dubanctl submit, duban-bench's window of 2000).
    r->socket_.set(zmq::sockopt::sndhwm, 100000);
    r->socket_.set(zmq::sockopt::rcvhwm, HighWaterMark(max_message_bytes));
    // Far larger frames are cut off by libzmq itself (it drops that connection) before they are
    // buffered; between the two limits the sender gets a clear error reply.
    r->socket_.set(zmq::sockopt::maxmsgsize, static_cast<int64_t>(max_message_bytes * 16));
    // A reply to a peer that has gone fails (counted) instead of vanishing.
    r->socket_.set(zmq::sockopt::router_mandatory, 1);
    r->socket_.bind(endpoint);
  } catch (const zmq::error_t& e) {
    return InvalidArgument("cannot bind '" + endpoint + "': " + e.what());
  }
  return r;
}

bool Router::Poll(std::int64_t timeout_ms) {
  zmq::pollitem_t items[] = {{socket_.handle(), 0, ZMQ_POLLIN, 0}};
  try {
    zmq::poll(items, 1, std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms));
  } catch (const zmq::error_t& e) {
    if (e.num() != EINTR) Logger("broker.router")->error("poll failed: {}", e.what());
    return false;
  }
  return (items[0].revents & ZMQ_POLLIN) != 0;
}

std::vector<protocol::BrokerInbound> Router::ReceiveBatch(std::size_t max) {
  std::vector<protocol::BrokerInbound> out;
  for (std::size_t i = 0; i < max; ++i) {
    auto received = transport::RecvFrames(socket_, kMaxFrames, max_message_bytes_);
    if (!received.ok()) {
      Logger("broker.router")->error("receive failed: {}", received.status().ToString());
      break;
    }
    if (!received->has_value()) break;
    const protocol::Frames& frames = (*received)->frames;
    if ((*received)->oversized) {
      counters_.Increment("broker.oversized_messages");
      Logger("broker.router")->warn("refused a message over {} frames or {} bytes", kMaxFrames,
                                    max_message_bytes_);
      if (frames.size() == 4 && frames[1].empty() && frames[2] == protocol::kClientHeader) {
        Send(protocol::BrokerToClient(
            frames[0], frames[3],
            {protocol::EncodeError(ResourceExhausted(
                "message larger than " + std::to_string(max_message_bytes_) + " bytes or " +
                std::to_string(kMaxFrames) + " frames"))}));
      }
      continue;
    }
    auto parsed = protocol::ParseBrokerInbound(frames);
    if (!parsed.ok()) {
      counters_.Increment("broker.bad_frames");
      Logger("broker.router")->warn("dropped a malformed message ({} frames): {}", frames.size(),
                                    parsed.status().ToString());
      continue;
    }
    out.push_back(std::move(parsed).value());
  }
  return out;
}

void Router::Send(const protocol::Frames& frames) {
  Status s = transport::SendFrames(socket_, frames);
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
