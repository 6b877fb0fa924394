// ThroughputSeries: the last hour of throughput, kept in memory only, as a ring of points made
// from the broker's counters. Each sample of duban.stats gives running totals; a point is the
// difference between two consecutive samples ("completed" = broker.acked +
// broker.outcomes_applied, the tasks finished in that interval). The monitor keeps no history on
// disk: a restarted monitor starts with an empty chart.
//
// Thread rules: not thread-safe; the Sampler guards it with its mutex.
// Invariants: at most `capacity` points, oldest overwritten first; points are in time order;
// Points() returns only those younger than the window. A total that went down means the broker
// restarted (its counters start at zero): that interval counts the new total, never a negative.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "common/clock.h"
#include "monitor/histogram.h"

namespace duban::monitor {

// Running totals read from one duban.stats reply.
struct CounterTotals {
  std::int64_t completed = 0;      // broker.acked + broker.outcomes_applied
  std::int64_t dispatched = 0;     // broker.dispatched
  std::int64_t dead_lettered = 0;  // broker.dead_lettered
};
CounterTotals TotalsFrom(const CounterMap& counters);

struct ThroughputPoint {
  Millis at_ms = 0;        // end of the interval (wall clock)
  Millis interval_ms = 0;  // since the previous sample (longer after a gap)
  std::int64_t completed = 0;
  std::int64_t dispatched = 0;
  std::int64_t dead_lettered = 0;
};

class ThroughputSeries {
 public:
  static constexpr Millis kHourMs = 3600 * 1000;

  // Enough room for `window_ms` of samples taken every `interval_ms` (both > 0).
  ThroughputSeries(Millis window_ms, Millis interval_ms);

  // Records the totals sampled at `at_ms`. The first call (and the first after Gap()) only sets
  // the baseline. A sample not after the previous one (the wall clock stepped back) also only
  // resets the baseline.
  void Record(Millis at_ms, const CounterTotals& totals);
  // The broker could not be sampled: forget the baseline, so the next point does not merge the
  // outage with a restarted broker's counters.
  void Gap();

  // Points with at_ms > now_ms - window, oldest first.
  std::vector<ThroughputPoint> Points(Millis now_ms) const;
  std::size_t capacity() const { return ring_.size(); }
  Millis window_ms() const { return window_ms_; }

 private:
  Millis window_ms_;
  std::vector<ThroughputPoint> ring_;  // fixed size; next_ is the slot to write
  std::size_t next_ = 0;
  std::size_t size_ = 0;
  std::optional<std::pair<Millis, CounterTotals>> last_;  // the baseline
};

}  // namespace duban::monitor
