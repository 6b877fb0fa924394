// FlashBox: what a page says once after an action ("已签收", the broker's warnings), carried
// across the redirect that follows every successful POST (post/redirect/get, so that reloading
// the page never sends the action again). The redirect names a random id; the message is given
// only to the same account, once, within kFlashTtlMs.
//
// Invariant: at most kMaxFlashes are kept; the oldest goes first.
//
// Thread rules: thread-safe; mutex_ guards flashes_. Time is passed in.
#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include "common/clock.h"
#include "web/unit_pages.h"

namespace duban::web {

inline constexpr Millis kFlashTtlMs = 60 * 1000;
inline constexpr std::size_t kMaxFlashes = 1000;

class FlashBox {
 public:
  // Keeps `flash` for `account`; returns its id (32 hex characters).
  std::string Put(const std::string& account, Flash flash, Millis now_ms);
  // The flash of `id` when it is `account`'s and not expired, removed; nullopt otherwise.
  std::optional<Flash> Take(const std::string& id, const std::string& account, Millis now_ms);

 private:
  struct Entry {
    std::string id, account;
    Flash flash;
    Millis expires_ms = 0;
  };
  std::mutex mutex_;  // guards flashes_
  std::deque<Entry> flashes_;
};

}  // namespace duban::web
