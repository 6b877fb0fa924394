#include "web/public_link.h"

namespace duban::web {

Result<std::unique_ptr<PublicLink>> PublicLink::Create(const std::string& endpoint,
                                                       std::int64_t timeout_ms) {
  std::unique_ptr<PublicLink> link(new PublicLink(endpoint, timeout_ms));
  DUBAN_ASSIGN_OR_RETURN(link->client_, transport::MdpClient::Create(endpoint));
  return link;
}

Result<std::string> PublicLink::Exchange(const std::string& service, std::string body) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!client_) {
    auto fresh = transport::MdpClient::Create(endpoint_);
    if (!fresh.ok()) return Unavailable("broker " + endpoint_ + ": " + fresh.status().message());
    client_ = std::move(fresh).value();
  }
  auto reply = client_->Request(service, protocol::Frames{std::move(body)}, timeout_ms_);
  if (!reply.ok()) {
    client_.reset();
    const Status& s = reply.status();
    if (s.code() == StatusCode::kDeadlineExceeded || s.code() == StatusCode::kUnavailable) {
      return Unavailable("the broker's public endpoint " + endpoint_ + " gave no reply within " +
                         std::to_string(timeout_ms_) + " ms");
    }
    return s;
  }
  if (reply->size() != 1) {
    return ProtocolError("reply of " + service + " has " + std::to_string(reply->size()) +
                         " body frames, expected 1");
  }
  return std::move((*reply)[0]);
}

}  // namespace duban::web
