#include "web/delegate_link.h"

namespace duban::web {

Result<std::unique_ptr<DelegateLink>> DelegateLink::Create(
    const std::string& endpoint, std::int64_t timeout_ms,
    std::optional<transport::ClientCurve> curve) {
  std::unique_ptr<DelegateLink> link(new DelegateLink(endpoint, std::move(curve), timeout_ms));
  DUBAN_ASSIGN_OR_RETURN(link->client_, transport::MdpClient::Create(endpoint, link->curve_));
  return link;
}

Result<std::string> DelegateLink::Exchange(const std::string& service, const std::string& person,
                                           std::string body) {
  if (person.empty()) return Internal("a call to the broker without a person");
  std::lock_guard<std::mutex> lock(mu_);
  if (!client_) {
    auto fresh = transport::MdpClient::Create(endpoint_, curve_);
    if (!fresh.ok()) return Unavailable("broker " + endpoint_ + ": " + fresh.status().message());
    client_ = std::move(fresh).value();
  }
  protocol::Frames frames{std::string(protocol::kOnBehalfFrame), person, std::move(body)};
  auto reply = client_->Request(service, std::move(frames), timeout_ms_);
  if (!reply.ok()) {
    client_.reset();  // a late reply must not answer the next request
    const Status& s = reply.status();
    if (s.code() == StatusCode::kPermissionDenied) {
      // The broker refused duban-web's own key at the handshake: the person is not at fault, and
      // a 403 would say they are.
      return Unavailable(s.message());
    }
    if (s.code() == StatusCode::kDeadlineExceeded || s.code() == StatusCode::kUnavailable) {
      return Unavailable("broker unreachable at " + endpoint_ + ": no reply within " +
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
