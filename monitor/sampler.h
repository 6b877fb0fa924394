// Sampler: reads the broker every interval on its own thread and publishes the result as the
// latest Snapshot; also feeds the hour of throughput points (throughput.h). One round is:
// duban.queues and duban.stats (required: if either fails the broker counts as down for the
// round and the rest is skipped), then duban.workers, duban.list of the owed states (overdue),
// duban.inbox of "office:supervision" (escalations) and "agenda:directors" (the next
// directors' meeting agenda), duban.dlq list (dead letters) and duban.calendar status (pending
// timers counted on a year with no calendar), each optional.
//
// Thread rules: Start() launches the sampling thread, Stop() (or the destructor) joins it; every
// other method may be called from any thread. mu_ guards latest_, series_ and the round
// counters; no broker call is made while holding it.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "monitor/broker_link.h"
#include "monitor/snapshot.h"
#include "monitor/throughput.h"

namespace duban::monitor {

struct SamplerOptions {
  Millis interval_ms = 5000;  // between rounds; shorter is fresher and costs the broker more
  Millis window_ms = ThroughputSeries::kHourMs;  // throughput history kept in memory
  std::int64_t utc_offset_minutes = 480;         // local dates for "overdue" (UTC+8)
  std::int64_t notices_limit = 20;               // escalations and agenda items read per round
  std::int64_t dead_letters_limit = 50;          // dead letters listed per round (all services)
};

class Sampler {
 public:
  // `wall` stamps samples; `domain` says what "today" is for overdue deadlines (the broker's
  // domain time; equal to the wall clock unless the demo scales time). Both outlive the Sampler.
  Sampler(BrokerLink& link, const Clock& wall, const Clock& domain, SamplerOptions options);
  ~Sampler();

  void Start();
  void Stop();

  // Runs one round on the calling thread and publishes it (tests, and the first round at start).
  void SampleOnce();
  // Wakes the sampling thread for a round now and waits up to `max_wait_ms` for it to publish.
  // Returns true if a round that started after this call was published in time.
  bool RefreshNow(Millis max_wait_ms);

  // The latest round (never null: before the first round, a snapshot saying so).
  std::shared_ptr<const Snapshot> Latest() const;
  // Throughput points of the last window, oldest first.
  std::vector<ThroughputPoint> Throughput() const;
  const SamplerOptions& options() const { return options_; }

 private:
  void Run();
  std::shared_ptr<Snapshot> Collect();

  BrokerLink& link_;
  const Clock& wall_;
  const Clock& domain_;
  const SamplerOptions options_;

  mutable std::mutex mu_;              // guards everything below
  std::condition_variable wake_;       // the thread waits on it between rounds
  std::condition_variable published_;  // RefreshNow waits on it
  std::shared_ptr<const Snapshot> latest_;
  ThroughputSeries series_;
  std::int64_t rounds_ = 0;
  std::int64_t failed_rounds_ = 0;
  Millis last_up_ms_ = 0;
  std::int64_t started_ = 0;     // rounds begun
  std::int64_t generation_ = 0;  // rounds published (in order: one thread runs them)
  bool refresh_ = false;         // a round was asked for before the interval ran out
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace duban::monitor
