#include "common/clock.h"

namespace duban {

Millis SystemClock::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

ScaledClock::ScaledClock(double scale, Millis start_ms)
    : scale_(scale <= 0 ? 1.0 : scale),
      start_ms_(start_ms != 0 ? start_ms : SystemClock().NowMs()),
      real_start_(std::chrono::steady_clock::now()) {}

Millis ScaledClock::NowMs() const {
  auto real = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - real_start_)
                  .count();
  return start_ms_ + static_cast<Millis>(static_cast<double>(real) * scale_);
}

}  // namespace duban
