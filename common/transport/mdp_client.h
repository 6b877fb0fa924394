// MdpClient: a synchronous 7/MDP v0.1 client (DEALER) for dubanctl, tests and benchmarks.
// Send a request to a service and wait for its reply, with a timeout.
//
// Thread rules: one MdpClient per thread.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <zmq.hpp>

#include "common/protocol/mdp.h"
#include "common/transport/curve_keys.h"
#include "common/result.h"

namespace duban::transport {

class MdpClient {
 public:
  // Connects lazily (ZeroMQ); InvalidArgument for an endpoint zmq refuses. With `curve` the
  // connection authenticates with its key and accepts only that broker (CurveZMQ); a handshake
  // the broker refuses then turns the timeout of Request/Receive into PermissionDenied (the key
  // is unknown to the broker, expired or revoked) or Unavailable (the broker is not the one
  // --server-key names, or does not speak CURVE).
  static Result<std::unique_ptr<MdpClient>> Create(
      const std::string& endpoint, const std::optional<ClientCurve>& curve = std::nullopt);

  // One request, one reply. DeadlineExceeded when no reply comes within `timeout_ms` (the broker
  // is down or busy: the message says so); ProtocolError for a malformed reply.
  Result<protocol::Frames> Request(const std::string& service, protocol::Frames body,
                                   std::int64_t timeout_ms);

  // Asynchronous use (benchmarks): send now, collect replies later.
  Status Send(const std::string& service, protocol::Frames body);
  // Waits up to timeout_ms for one reply; DeadlineExceeded if none.
  Result<protocol::ClientReply> Receive(std::int64_t timeout_ms);

  zmq::socket_t& socket() { return socket_; }

 private:
  MdpClient(std::string endpoint);
  // Why the broker refused the handshake, from the socket's monitor; OK when it did not.
  Status HandshakeRefusal();
  std::string endpoint_;
  zmq::context_t context_;
  zmq::socket_t socket_;
  std::optional<zmq::socket_t> monitor_;  // CURVE only: handshake failures
};

}  // namespace duban::transport
