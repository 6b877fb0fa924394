// Counters: named monotonically increasing event counts (bad frames, retries, dead letters...).
// Every rejected input increments one, so operators can see bad input without reading logs; the
// broker exposes them through `duban.stats`.
//
// Thread rules: thread-safe; Increment is a mutex-guarded map update (counters are for events, not
// for per-byte hot loops).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace duban {

class Counters {
 public:
  void Increment(const std::string& name, std::uint64_t by = 1);
  std::uint64_t Get(const std::string& name) const;
  // A histogram observation: raises NAME.le_B for every bound B >= value (cumulative, as
  // Prometheus buckets are), NAME.le_inf, NAME.count, and adds the value to NAME.sum. Negative
  // values count as 0. Bounds are ascending, in the unit the name says (e.g. "_ms").
  void Observe(const std::string& name, std::int64_t value, const std::vector<std::int64_t>& bounds);
  std::map<std::string, std::uint64_t> Snapshot() const;

 private:
  mutable std::mutex mu_;  // guards values_
  std::map<std::string, std::uint64_t> values_;
};

}  // namespace duban
