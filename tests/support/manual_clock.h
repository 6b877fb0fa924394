// ManualClock: a Clock that moves only when a test says so. Logic tests advance it instead of
// sleeping.
#pragma once

#include <atomic>

#include "common/clock.h"

namespace duban::testing {

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Millis start = 1'767'225'600'000) : now_(start) {}  // 2026-01-01T00:00Z
  Millis NowMs() const override { return now_.load(); }
  void Advance(Millis ms) { now_ += ms; }
  void Set(Millis ms) { now_ = ms; }

 private:
  std::atomic<Millis> now_;
};

}  // namespace duban::testing
