// Router: the broker's one ROUTER socket. Receives whole messages in batches (one turn of the
// loop), parses them as 7/MDP, and sends. Bad frames are logged, counted
// ("broker.bad_frames") and dropped here; RFC 7 defines no error reply for them.
//
// Thread rules: the socket and its context live on the broker loop thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "common/counters.h"
#include "common/protocol/mdp.h"
#include "common/result.h"

namespace duban::broker {

// What one peer may make the broker buffer, in bytes, at the message limit (256 MiB).
inline constexpr std::size_t kBufferedBytesPerPeer = std::size_t{256} << 20;
// The ROUTER's receive high-water mark (messages per peer) for a message limit:
// kBufferedBytesPerPeer / max_message_bytes, between 64 and 100000 (1 MiB: 256).
int HighWaterMark(std::size_t max_message_bytes);

class Router {
 public:
  // Binds the endpoint. InvalidArgument when zmq refuses it (bad syntax, address in use).
  static Result<std::unique_ptr<Router>> Create(const std::string& endpoint,
                                                std::size_t max_message_bytes, Counters& counters);

  // Waits up to timeout_ms for input; true when something is readable.
  bool Poll(std::int64_t timeout_ms);
  // Up to `max` parsed messages, without blocking. A client request over the size limit is not
  // returned: its sender gets a RESOURCE_EXHAUSTED error reply at once.
  std::vector<protocol::BrokerInbound> ReceiveBatch(std::size_t max);
  // Sends; a failure (peer gone) is logged and counted, never fatal.
  void Send(const protocol::Frames& frames);
  const std::string& endpoint() const { return endpoint_; }
  // The socket's context: peers in the same process (the story tests, over inproc://) open their
  // sockets on it.
  zmq::context_t& context() { return context_; }

 private:
  Router(std::string endpoint, std::size_t max_message_bytes, Counters& counters);

  std::string endpoint_;
  std::size_t max_message_bytes_;
  Counters& counters_;
  zmq::context_t context_;
  zmq::socket_t socket_;
};

}  // namespace duban::broker
