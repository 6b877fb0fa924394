#include "common/counters.h"

namespace duban {

void Counters::Increment(const std::string& name, std::uint64_t by) {
  std::lock_guard<std::mutex> lock(mu_);
  values_[name] += by;
}

void Counters::Observe(const std::string& name, std::int64_t value,
                       const std::vector<std::int64_t>& bounds) {
  if (value < 0) value = 0;
  std::lock_guard<std::mutex> lock(mu_);
  for (auto b : bounds) {
    if (value <= b) values_[name + ".le_" + std::to_string(b)] += 1;
    else values_[name + ".le_" + std::to_string(b)] += 0;  // every bucket is present
  }
  values_[name + ".le_inf"] += 1;
  values_[name + ".count"] += 1;
  values_[name + ".sum"] += static_cast<std::uint64_t>(value);
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
