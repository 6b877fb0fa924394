// PublicLink: duban-web's anonymous connection to the broker's PUBLIC endpoint
// (`--public-bind`, docs/security.md), used only for the public page per code (一事一码,
// duban.status). It carries no key and no delegation, so the public page can ask exactly what
// anyone on the internet may ask the broker and nothing more: duban-web's delegate key, which
// vouches for anyone, is never used for a visitor who has not signed in. Only services whose
// callers include `public` compile (a static_assert), and the broker refuses everything else
// on that endpoint anyway.
//
// Thread rules: thread-safe; mutex_ serialises calls on the one socket (as DelegateLink).
// Invariant: after a call without a reply the socket is replaced, so a late reply can never
// answer the next request.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/services.h"
#include "common/result.h"
#include "common/transport/mdp_client.h"

namespace duban::web {

class PublicLink {
 public:
  // InvalidArgument for an endpoint ZeroMQ refuses. Connects lazily.
  static Result<std::unique_ptr<PublicLink>> Create(const std::string& endpoint,
                                                    std::int64_t timeout_ms);

  // One request of service S. The decoded reply, or the broker's code (NOT_FOUND, ...);
  // Unavailable when no reply came within the timeout; ProtocolError for an unreadable reply.
  template <typename S>
  Result<typename S::Reply> Call(const typename S::Request& request) {
    static_assert((S::kCallers & protocol::svc::kPublic) != 0,
                  "the public link calls only services open to the public");
    DUBAN_ASSIGN_OR_RETURN(std::string body,
                           Exchange(std::string(S::kName), protocol::Encode(request)));
    return protocol::DecodeReply<typename S::Reply>(body);
  }

  const std::string& endpoint() const { return endpoint_; }

 private:
  PublicLink(std::string endpoint, std::int64_t timeout_ms)
      : endpoint_(std::move(endpoint)), timeout_ms_(timeout_ms) {}
  Result<std::string> Exchange(const std::string& service, std::string body);

  const std::string endpoint_;
  const std::int64_t timeout_ms_;
  std::mutex mu_;                                 // guards client_
  std::unique_ptr<transport::MdpClient> client_;  // replaced after a call without a reply
};

}  // namespace duban::web
