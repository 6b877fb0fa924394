// AddressThrottle: at most `limit` requests per client address within a sliding window, for the
// public page (一事一码), which anyone may ask without signing in: a client over the limit gets
// 429 with the seconds to wait, so nobody can walk the codes or load the broker's public endpoint
// through the web process. Addresses are only counted, never logged or shown.
//
// Invariant: at most kMaxAddresses are tracked; when full, the address seen least recently is
// forgotten first (an attacker with many addresses can reset others' counts, never grow memory).
//
// Thread rules: thread-safe; mutex_ guards hits_ and order_. Time is passed in.
#pragma once

#include <cstddef>
#include <deque>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.h"

namespace duban::web {

inline constexpr std::size_t kMaxAddresses = 10000;

class AddressThrottle {
 public:
  AddressThrottle(std::size_t limit, Millis window_ms) : limit_(limit), window_ms_(window_ms) {}

  // True (and the request counted) while `address` made fewer than `limit` requests in the
  // window ending at `now_ms`; false otherwise, with *retry_after_ms how long until the oldest
  // one leaves the window.
  bool Allow(const std::string& address, Millis now_ms, Millis* retry_after_ms);

 private:
  struct Hits {
    std::deque<Millis> at;                 // oldest first, at most limit_
    std::list<std::string>::iterator pos;  // in order_
  };
  const std::size_t limit_;
  const Millis window_ms_;
  std::mutex mutex_;                             // guards hits_ and order_
  std::unordered_map<std::string, Hits> hits_;
  std::list<std::string> order_;                 // least recently seen first
};

}  // namespace duban::web
