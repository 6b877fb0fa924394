#include "broker/service_table.h"

#include <algorithm>
#include <limits>

namespace duban::broker {

std::vector<std::pair<std::string, std::int64_t>> ServiceTable::Wants(
    const std::vector<std::pair<std::string, std::int64_t>>& idle, Millis now) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& [svc, count] : idle) {
    if (IsPaused(svc)) continue;
    State& s = state_[svc];
    if (s.pending || now - s.last_poll_ms >= poll_interval_ms_) out.emplace_back(svc, count);
  }
  return out;
}

void ServiceTable::Dispatched(const std::string& service, std::int64_t asked, std::int64_t got,
                              Millis now) {
  State& s = state_[service];
  s.last_poll_ms = now;
  s.pending = got >= asked;  // a full batch means there may be more
}

Millis ServiceTable::NextPollMs(
    const std::vector<std::pair<std::string, std::int64_t>>& idle) const {
  Millis next = std::numeric_limits<Millis>::max();
  for (const auto& [svc, count] : idle) {
    if (IsPaused(svc)) continue;
    auto it = state_.find(svc);
    if (it == state_.end() || it->second.pending) return 0;
    next = std::min(next, it->second.last_poll_ms + poll_interval_ms_);
  }
  return next;
}

}  // namespace duban::broker
