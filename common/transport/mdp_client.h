// MdpClient: a synchronous 7/MDP v0.1 client (DEALER) for dubanctl, tests and benchmarks.
// Send a request to a service and wait for its reply, with a timeout.
//
// Thread rules: one MdpClient per thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <zmq.hpp>

#include "common/protocol/mdp.h"
#include "common/result.h"

namespace duban::transport {

class MdpClient {
 public:
  // Connects lazily (ZeroMQ); InvalidArgument for an endpoint zmq refuses.
  static Result<std::unique_ptr<MdpClient>> Create(const std::string& endpoint);

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
  std::string endpoint_;
  zmq::context_t context_;
  zmq::socket_t socket_;
};

}  // namespace duban::transport
