// Clock: the one way Duban code reads the time. Deadline logic, leases, heartbeats and timers take a
// Clock& so that tests advance a ManualClock (tests/support/manual_clock.h) instead of sleeping, and
// the demo runs months in minutes with a ScaledClock.
//
// Times are milliseconds since the Unix epoch (UTC) in an int64: the same unit Redis scores hold.
// Thread rules: SystemClock and ScaledClock are thread-safe (no mutable state after construction).
#pragma once

#include <chrono>
#include <cstdint>

namespace duban {

using Millis = std::int64_t;  // milliseconds since the Unix epoch, UTC

class Clock {
 public:
  virtual ~Clock() = default;
  // Current time in ms since the epoch. Never goes backwards for SystemClock in practice; callers
  // must still tolerate equal readings.
  virtual Millis NowMs() const = 0;
};

class SystemClock final : public Clock {
 public:
  Millis NowMs() const override;
};

// Runs `scale` times faster than real time, starting at `start_ms` when constructed (or at the real
// time if start_ms is 0). Scale 1 behaves like SystemClock. Used by the demo.
class ScaledClock final : public Clock {
 public:
  ScaledClock(double scale, Millis start_ms);
  Millis NowMs() const override;
  double scale() const { return scale_; }

 private:
  double scale_;
  Millis start_ms_;
  std::chrono::steady_clock::time_point real_start_;
};

}  // namespace duban
