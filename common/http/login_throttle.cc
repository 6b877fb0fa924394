#include "common/http/login_throttle.h"

#include <iterator>

namespace duban::http {

void LoginThrottle::Prune(std::deque<Millis>& times, Millis now_ms) const {
  while (!times.empty() && times.front() + window_ms_ <= now_ms) times.pop_front();
}

Millis LoginThrottle::WaitMs(const std::string& key, Millis now_ms) {
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  Prune(it->second, now_ms);
  if (it->second.size() < max_failures_) return 0;
  // Free again when the failure that filled the window leaves it.
  return it->second[it->second.size() - max_failures_] + window_ms_ - now_ms;
}

void LoginThrottle::Failed(const std::string& key, Millis now_ms) {
  std::deque<Millis>& times = failures_[key];
  Prune(times, now_ms);
  times.push_back(now_ms);
}

void LoginThrottle::Clear(const std::string& key) { failures_.erase(key); }

std::size_t LoginThrottle::Tracked(Millis now_ms) {
  for (auto it = failures_.begin(); it != failures_.end();) {
    Prune(it->second, now_ms);
    it = it->second.empty() ? failures_.erase(it) : std::next(it);
  }
  return failures_.size();
}

}  // namespace duban::http
