// TopCommand: `dubanctl top`, a live terminal view of the broker: the service queues (depth, in
// flight, dead letters, live and idle workers, paused), the timers, the workers with their
// heartbeat age, and the main counters with their rate since the previous frame. Reads
// duban.queues, duban.workers and duban.stats every --interval-ms (default 1000).
//
// On a terminal it redraws in place on the alternate screen, with the cursor hidden and keys read
// without echo; q (or Ctrl-C, or SIGTERM) quits and restores the terminal. While the broker does
// not answer, the frame says so and the command keeps retrying. When stdout is not a terminal (a
// pipe, a file, a test) it prints one frame and exits: 0, or 3 when the broker did not answer.
//
// Thread rules: runs on the main thread; the signal handler only sets an atomic flag.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/protocol/messages.h"
#include "dubanctl/commands.h"

namespace duban::ctl {

// What one refresh read from the broker.
struct TopSample {
  Millis at_ms = 0;  // wall clock
  std::optional<protocol::QueuesReply> queues;
  std::optional<protocol::WorkersReply> workers;
  std::map<std::string, std::int64_t> counters;
  std::string error;          // why queues or stats failed ("" when the broker answered)
  std::string workers_error;  // why duban.workers failed
};

// Adds --interval-ms to `sub`; the action runs the view.
Action SetUpTop(CLI::App& sub);

// One frame as text lines joined by '\n' (no terminal control codes). `before` is the previous
// sample, for the counter rates (nullptr for the first frame).
std::string RenderTopFrame(const Context& ctx, const TopSample& now, const TopSample* before,
                           std::int64_t interval_ms);

}  // namespace duban::ctl
