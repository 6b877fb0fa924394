#include "monitor/broker_link.h"

namespace duban::monitor {

Result<std::unique_ptr<BrokerLink>> BrokerLink::Create(const std::string& endpoint,
                                                       std::int64_t timeout_ms,
                                                       std::optional<transport::ClientCurve> curve) {
  DUBAN_ASSIGN_OR_RETURN(auto client, transport::MdpClient::Create(endpoint, curve));
  return std::unique_ptr<BrokerLink>(
      new BrokerLink(endpoint, std::move(curve), timeout_ms, std::move(client)));
}

BrokerLink::BrokerLink(std::string endpoint, std::optional<transport::ClientCurve> curve,
                       std::int64_t timeout_ms, std::unique_ptr<transport::MdpClient> client)
    : endpoint_(std::move(endpoint)), curve_(std::move(curve)), timeout_ms_(timeout_ms),
      client_(std::move(client)) {}

Result<std::string> BrokerLink::Exchange(const std::string& service, std::string body) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!client_) {
    auto fresh = transport::MdpClient::Create(endpoint_, curve_);
    if (!fresh.ok()) return Unavailable("broker " + endpoint_ + ": " + fresh.status().message());
    client_ = std::move(fresh).value();
  }
  auto frames = client_->Request(service, {std::move(body)}, timeout_ms_);
  if (!frames.ok()) {
    const Status& s = frames.status();
    if (s.code() == StatusCode::kPermissionDenied) {
      client_.reset();
      return s;  // the broker refused the monitor's key at the handshake
    }
    if (s.code() == StatusCode::kDeadlineExceeded || s.code() == StatusCode::kUnavailable) {
      client_.reset();  // a late reply must not answer the next request
      return Unavailable("broker unreachable at " + endpoint_ + ": no reply within " +
                         std::to_string(timeout_ms_) + " ms");
    }
    client_.reset();
    return frames.status();
  }
  if (frames->size() != 1) {
    return ProtocolError("reply of " + service + " has " + std::to_string(frames->size()) +
                         " body frames, expected 1");
  }
  return std::move((*frames)[0]);
}

}  // namespace duban::monitor
