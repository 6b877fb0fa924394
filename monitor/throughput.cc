#include "monitor/throughput.h"

#include <cassert>

namespace duban::monitor {
namespace {

std::int64_t Get(const CounterMap& counters, const char* name) {
  auto it = counters.find(name);
  return it == counters.end() ? 0 : it->second;
}

}  // namespace

CounterTotals TotalsFrom(const CounterMap& counters) {
  return {Get(counters, "broker.acked") + Get(counters, "broker.outcomes_applied"),
          Get(counters, "broker.dispatched"), Get(counters, "broker.dead_lettered")};
}

ThroughputSeries::ThroughputSeries(Millis window_ms, Millis interval_ms) : window_ms_(window_ms) {
  assert(window_ms > 0 && interval_ms > 0);
  // One point per interval over the window, plus slack for samples that come a little early.
  ring_.resize(static_cast<std::size_t>(window_ms / interval_ms) + 2);
}

void ThroughputSeries::Record(Millis at_ms, const CounterTotals& totals) {
  if (last_ && at_ms > last_->first) {
    const CounterTotals& before = last_->second;
    // A broker restart resets every counter to zero: if any total went down, each point is the
    // new total (what the restarted broker did), never a negative difference.
    bool restarted = totals.completed < before.completed || totals.dispatched < before.dispatched ||
                     totals.dead_lettered < before.dead_lettered;
    ThroughputPoint p;
    p.at_ms = at_ms;
    p.interval_ms = at_ms - last_->first;
    p.completed = restarted ? totals.completed : totals.completed - before.completed;
    p.dispatched = restarted ? totals.dispatched : totals.dispatched - before.dispatched;
    p.dead_lettered =
        restarted ? totals.dead_lettered : totals.dead_lettered - before.dead_lettered;
    ring_[next_] = p;
    next_ = (next_ + 1) % ring_.size();
    if (size_ < ring_.size()) ++size_;
  }
  last_ = std::make_pair(at_ms, totals);
}

void ThroughputSeries::Gap() { last_.reset(); }

std::vector<ThroughputPoint> ThroughputSeries::Points(Millis now_ms) const {
  std::vector<ThroughputPoint> out;
  out.reserve(size_);
  const std::size_t first = (next_ + ring_.size() - size_) % ring_.size();
  for (std::size_t i = 0; i < size_; ++i) {
    const ThroughputPoint& p = ring_[(first + i) % ring_.size()];
    if (p.at_ms > now_ms - window_ms_) out.push_back(p);
  }
  return out;
}

}  // namespace duban::monitor
