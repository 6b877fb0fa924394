// LoginThrottle: the limit on failed sign-ins that makes guessing passwords slow. Each key ("name:
// wang", "peer:10.0.0.9") keeps the times of its failures inside a sliding window; with
// `max_failures` of them in the window the key must wait until the oldest that counts leaves it.
// The callers (sign_in.h) count an attempt as failed from its start, so parallel guesses cannot
// slip past the limit while the hash runs, and clear a key on success.
//
// Invariant: every deque holds ascending times; Prune drops those at or before now - window, so a
// key's memory is bounded by max_failures plus the attempts made while it was refused (none: a
// refused attempt is not recorded). Tracked() drops empty keys: the caller calls it to bound the
// map.
//
// Thread rules: a plain value; callers serialise (sign_in.h holds it under its mutex). Time is
// passed in (a Clock reading), never read here.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <string>

#include "common/clock.h"

namespace duban::http {

class LoginThrottle {
 public:
  LoginThrottle(std::size_t max_failures, Millis window_ms)
      : max_failures_(max_failures), window_ms_(window_ms) {}

  // 0 when `key` may try at `now_ms`, else the milliseconds until it may.
  Millis WaitMs(const std::string& key, Millis now_ms);
  void Failed(const std::string& key, Millis now_ms);
  // Forgets the key's failures (a successful sign-in).
  void Clear(const std::string& key);
  // Keys with failures inside the window (drops the others): for tests and the memory bound.
  std::size_t Tracked(Millis now_ms);

 private:
  void Prune(std::deque<Millis>& times, Millis now_ms) const;

  std::size_t max_failures_;
  Millis window_ms_;
  std::map<std::string, std::deque<Millis>, std::less<>> failures_;
};

}  // namespace duban::http
