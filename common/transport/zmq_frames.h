// ZeroMQ adapter: moves whole multipart messages between a cppzmq socket and protocol::Frames.
// cppzmq exceptions stop here and become a Status.
//
// Thread rules: a socket belongs to one thread; these functions are called on it.
#pragma once

#include <optional>

#include <zmq.hpp>

#include "common/protocol/mdp.h"
#include "common/result.h"

namespace duban::transport {

struct Received {
  protocol::Frames frames;
  // More than max_frames frames or max_bytes in all: the message was drained whole (so the socket
  // stays in step) but only its leading small frames (routing id, delimiter, header, service) are
  // kept, so the caller can still tell the sender why it was refused.
  bool oversized = false;
  // The ZAP User-Id of the message (on the broker's CURVE socket "<key name>/<public key>"), "" when the
  // socket authenticates nobody.
  std::string user_id;
};

// Receives one whole message without blocking. nullopt when none is waiting; Unavailable on a
// socket error.
Result<std::optional<Received>> RecvFrames(zmq::socket_t& socket, std::size_t max_frames,
                                           std::size_t max_bytes);
// Sends a whole message; NotFound when the peer has gone (a ROUTER with ZMQ_ROUTER_MANDATORY),
// Unavailable when the socket refuses it (the high-water mark reached).
Status SendFrames(zmq::socket_t& socket, const protocol::Frames& frames);

}  // namespace duban::transport
