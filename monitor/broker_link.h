// BrokerLink: the monitor's one connection to the broker, a synchronous 7/MDP client of the
// duban.* services (like dubanctl, never Redis). A call is one request with ONE body frame,
// Encode(request), and one reply whose frame 0 decodes with DecodeReply<Reply>.
//
// Thread rules: thread-safe. The sampler thread and the HTTP handler threads share it; a mutex
// serialises calls, because a ZeroMQ socket belongs to one thread at a time and replies on one
// DEALER come back in order.
// Invariant: after a call that got no reply (timeout, socket error) the socket is replaced, so a
// late reply to an abandoned request can never be read as the answer to the next one.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <mutex>
#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/services.h"
#include "common/result.h"
#include "common/transport/mdp_client.h"

namespace duban::monitor {

class BrokerLink {
 public:
  // InvalidArgument for an endpoint ZeroMQ refuses. Connects lazily: an absent broker shows up as
  // Unavailable on the first call.
  static Result<std::unique_ptr<BrokerLink>> Create(
      const std::string& endpoint, std::int64_t timeout_ms,
      std::optional<transport::ClientCurve> curve = std::nullopt);

  // One request, one reply. On success the decoded reply. Failures:
  //   Unavailable  no reply within the timeout, or the socket failed ("broker unreachable at ...");
  //   the broker's own code (NOT_FOUND, INVALID_ARGUMENT, UNAVAILABLE when Redis is down, ...)
  //                for an error reply;
  //   ProtocolError for a reply that is not one readable frame of the expected type.
  // S is the service's entry in the table of services (common/protocol/services.h).
  template <typename S>
  Result<typename S::Reply> Call(const typename S::Request& request) {
    DUBAN_ASSIGN_OR_RETURN(std::string body,
                           Exchange(std::string(S::kName), protocol::Encode(request)));
    return protocol::DecodeReply<typename S::Reply>(body);
  }

  const std::string& endpoint() const { return endpoint_; }
  std::int64_t timeout_ms() const { return timeout_ms_; }

 private:
  BrokerLink(std::string endpoint, std::optional<transport::ClientCurve> curve, std::int64_t timeout_ms,
             std::unique_ptr<transport::MdpClient> client);
  // Sends `body` to `service`; returns the reply's single body frame.
  Result<std::string> Exchange(const std::string& service, std::string body);

  const std::string endpoint_;
  const std::optional<transport::ClientCurve> curve_;  // the monitor's key (CurveZMQ), if any
  const std::int64_t timeout_ms_;
  std::mutex mu_;                                 // guards client_ (one call at a time)
  std::unique_ptr<transport::MdpClient> client_;  // replaced after a call without reply
};

}  // namespace duban::monitor
