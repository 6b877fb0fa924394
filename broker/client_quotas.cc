#include "broker/client_quotas.h"

#include <algorithm>

namespace duban::broker {

ClientQuotas::ClientQuotas(std::int64_t rate_per_s, std::int64_t burst, std::int64_t max_inflight)
    : rate_per_ms_(static_cast<double>(rate_per_s) / 1000.0),
      burst_(static_cast<double>(std::max<std::int64_t>(burst, 1))),
      max_inflight_(max_inflight) {}

ClientQuotas::Entry& ClientQuotas::Get(const std::string& client, Millis now) {
  auto [it, fresh] = clients_.try_emplace(client);
  Entry& e = it->second;
  if (fresh) {
    e.tokens = burst_;
    e.refilled_ms = now;
  }
  if (now > e.refilled_ms) {
    e.tokens = std::min(burst_, e.tokens + static_cast<double>(now - e.refilled_ms) * rate_per_ms_);
    e.refilled_ms = now;
  }
  e.seen_ms = std::max(e.seen_ms, now);
  return e;
}

bool ClientQuotas::AdmitRequest(const std::string& client, Millis now) {
  Entry& e = Get(client, now);
  if (e.tokens < 1.0) return false;
  e.tokens -= 1.0;
  return true;
}

bool ClientQuotas::AdmitOpaque(const std::string& client) {
  auto it = clients_.find(client);
  if (it == clients_.end()) return true;  // AdmitRequest made it; a test may skip that
  if (it->second.inflight >= max_inflight_) return false;
  ++it->second.inflight;
  return true;
}

void ClientQuotas::OpaqueDone(const std::string& client) {
  auto it = clients_.find(client);
  if (it != clients_.end() && it->second.inflight > 0) --it->second.inflight;
}

void ClientQuotas::Prune(Millis now, Millis idle_ms) {
  for (auto it = clients_.begin(); it != clients_.end();) {
    if (now - it->second.seen_ms > idle_ms) {
      it = clients_.erase(it);
    } else {
      ++it;
    }
  }
}

std::int64_t ClientQuotas::InFlight(const std::string& client) const {
  auto it = clients_.find(client);
  return it == clients_.end() ? 0 : it->second.inflight;
}

}  // namespace duban::broker
