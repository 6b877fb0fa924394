#include "web/address_throttle.h"

namespace duban::web {

bool AddressThrottle::Allow(const std::string& address, Millis now_ms, Millis* retry_after_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = hits_.find(address);
  if (it == hits_.end()) {
    if (hits_.size() >= kMaxAddresses) {
      hits_.erase(order_.front());
      order_.pop_front();
    }
    order_.push_back(address);
    it = hits_.emplace(address, Hits{{}, std::prev(order_.end())}).first;
  } else {
    order_.splice(order_.end(), order_, it->second.pos);  // now the most recent
  }
  std::deque<Millis>& at = it->second.at;
  while (!at.empty() && at.front() <= now_ms - window_ms_) at.pop_front();
  if (at.size() >= limit_) {
    if (retry_after_ms != nullptr) *retry_after_ms = at.front() + window_ms_ - now_ms;
    return false;
  }
  at.push_back(now_ms);
  return true;
}

}  // namespace duban::web
