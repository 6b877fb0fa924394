#include "web/flash_box.h"

#include <algorithm>

#include "common/http/random_token.h"

namespace duban::web {

std::string FlashBox::Put(const std::string& account, Flash flash, Millis now_ms) {
  std::string id = http::RandomToken(16);
  std::lock_guard lock(mutex_);
  while (!flashes_.empty() &&
         (flashes_.size() >= kMaxFlashes || flashes_.front().expires_ms <= now_ms)) {
    flashes_.pop_front();
  }
  flashes_.push_back({id, account, std::move(flash), now_ms + kFlashTtlMs});
  return id;
}

std::optional<Flash> FlashBox::Take(const std::string& id, const std::string& account,
                                    Millis now_ms) {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(flashes_.begin(), flashes_.end(),
                         [&](const Entry& e) { return http::SecretsEqual(e.id, id); });
  if (it == flashes_.end() || it->account != account || it->expires_ms <= now_ms) {
    return std::nullopt;
  }
  Flash f = std::move(it->flash);
  flashes_.erase(it);
  return f;
}

}  // namespace duban::web
