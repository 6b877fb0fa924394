// DelegateLink: duban-web's connection to the broker, as a program with its own CurveZMQ key that
// holds the `delegate` role (docs/security.md). Every call is made for one signed-in person: the
// frames "duban.as" and "ROLE/PERSON" (web/accounts.h Account::Person, e.g. "unit:jyj/张三") go
// before the body, so the broker checks that person's role and scope, never the program's, and
// the timeline records both (`web(as unit:jyj/张三)`). There is no call without a person: the web
// process alone may do nothing.
//
// A call is one request with the delegation and ONE body frame, and one reply whose frame 0
// decodes with DecodeReply<Reply>.
//
// Thread rules: thread-safe. The HTTP handler threads share it; mutex_ serialises calls, because a
// ZeroMQ socket belongs to one thread at a time and replies on one DEALER come back in order.
// Invariant: after a call that got no reply (timeout, socket error) the socket is replaced, so a
// late reply to an abandoned request can never be read as the answer to the next one.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/services.h"
#include "common/result.h"
#include "common/transport/mdp_client.h"

namespace duban::web {

class DelegateLink {
 public:
  // InvalidArgument for an endpoint ZeroMQ refuses. Connects lazily.
  static Result<std::unique_ptr<DelegateLink>> Create(
      const std::string& endpoint, std::int64_t timeout_ms,
      std::optional<transport::ClientCurve> curve);

  // One request of service S for `person` ("ROLE/PERSON"). The decoded reply, or: the broker's own
  // code (PERMISSION_DENIED, NOT_FOUND, FAILED_PRECONDITION, ...) for an error reply; Unavailable
  // when no reply came within the timeout; ProtocolError for an unreadable reply.
  template <typename S>
  Result<typename S::Reply> Call(const std::string& person, const typename S::Request& request) {
    DUBAN_ASSIGN_OR_RETURN(std::string body,
                           Exchange(std::string(S::kName), person, protocol::Encode(request)));
    return protocol::DecodeReply<typename S::Reply>(body);
  }

  // The same with a body already encoded (a request with a field the struct lacks yet).
  Result<std::string> Exchange(const std::string& service, const std::string& person,
                               std::string body);

  const std::string& endpoint() const { return endpoint_; }

 private:
  DelegateLink(std::string endpoint, std::optional<transport::ClientCurve> curve,
               std::int64_t timeout_ms)
      : endpoint_(std::move(endpoint)), curve_(std::move(curve)), timeout_ms_(timeout_ms) {}

  const std::string endpoint_;
  const std::optional<transport::ClientCurve> curve_;
  const std::int64_t timeout_ms_;
  std::mutex mu_;                                 // guards client_ (one call at a time)
  std::unique_ptr<transport::MdpClient> client_;  // made on first use, replaced after no reply
};

}  // namespace duban::web
