// Metrics: Duban's figures in Prometheus text format, rendered from the latest Snapshot for GET
// /metrics. Names follow the Prometheus conventions (snake_case, a duban_ prefix, base units:
// seconds; counters end in _total). docs/monitoring.md lists every family and where it comes from.
//
// When the broker did not answer the last round, only duban_broker_up 0 and the monitor's own
// families are written: a scrape must not present stale queue depths as current. The monitor's
// own families include the HTTP requests it refused, by reason (access.h Refusal).
//
// Thread rules: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "monitor/access.h"
#include "monitor/snapshot.h"

namespace duban::monitor {

// Requests the HTTP server refused, indexed by access.h Refusal.
using RefusalCounts = std::array<std::int64_t, kRefusalCount>;

// The whole exposition (ends with a newline). Every family has # HELP and # TYPE; histograms are
// cumulative with a final +Inf bucket equal to _count.
std::string RenderMetrics(const Snapshot& s, const RefusalCounts& refused = {});

}  // namespace duban::monitor
