#include "common/counters.h"

namespace duban {

void Counters::Increment(const std::string& name, std::uint64_t by) {
  std::lock_guard<std::mutex> lock(mu_);
  values_[name] += by;
}

std::uint64_t Counters::Get(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = values_.find(name);
  return it == values_.end() ? 0 : it->second;
}

std::map<std::string, std::uint64_t> Counters::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return values_;
}

}  // namespace duban
