// Histogram: turns the broker's histogram counters back into one Prometheus histogram. The broker
// (common/counters.h, Counters::Observe) keeps a histogram NAME as plain counters in duban.stats:
//   NAME.le_B    observations <= B, cumulative, B an integer in the unit of the name (ms, us)
//   NAME.le_inf  every observation
//   NAME.sum     the sum of the observed values, same unit
//   NAME.count   the number of observations
// e.g. "broker.timer_lateness_ms.le_5". This module finds those counters, scales the bounds and the
// sum to the base unit Prometheus wants (seconds), and guarantees the exposition invariants
// whatever the input: bounds strictly increasing, counts cumulative (never decreasing), and
// count == the +Inf bucket.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duban::monitor {

// Counter name -> value, as duban.stats returns them.
using CounterMap = std::map<std::string, std::int64_t>;

struct Bucket {
  double upper_bound = 0;  // in the base unit (seconds); finite
  std::int64_t count = 0;  // observations <= upper_bound (cumulative)
};

struct Histogram {
  std::vector<Bucket> buckets;  // finite bounds, strictly increasing; +Inf is `count`
  double sum = 0;               // in the base unit
  std::int64_t count = 0;       // the +Inf bucket; never less than the last finite bucket
};

// The histogram NAME of `counters`, its bounds and sum divided by `units_per_base` (1000 for a
// "_ms" histogram, 1e6 for "_us"; a division, so 250 us gives exactly the double nearest 0.00025).
// std::nullopt when no counter of NAME exists. A bucket whose bound does not parse as a number is
// ignored; a count below the previous bucket's is raised to it (cumulative by construction in the
// broker; this only keeps the output valid). The +Inf count is NAME.le_inf, else NAME.count, else
// the last bucket, and never less than the last bucket.
std::optional<Histogram> HistogramFromCounters(const CounterMap& counters, std::string_view name,
                                               double units_per_base);

// True when `counter` belongs to a histogram (NAME.le_B, or NAME.sum / NAME.count of a NAME that
// has at least one .le_ counter), so generic counter listings can leave it out.
bool IsHistogramPart(const CounterMap& counters, std::string_view counter);

}  // namespace duban::monitor
