#include "common/http/session_table.h"

#include <sodium.h>

#include <algorithm>

#include "common/http/random_token.h"

namespace duban::http {
namespace {

// The key a token is kept under: hex BLAKE2b-256 of it, so that comparing keys in the map leaks
// nothing usable about the tokens themselves.
std::string TokenKey(std::string_view token) {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

}  // namespace

std::string SessionTable::Open(const std::string& name, Millis now_ms) {
  if (sessions_.size() >= max_) {
    std::erase_if(sessions_, [now_ms](const auto& kv) { return kv.second.expires_ms <= now_ms; });
  }
  if (!sessions_.empty() && sessions_.size() >= max_) {
    auto soonest = std::min_element(sessions_.begin(), sessions_.end(), [](auto& a, auto& b) {
      return a.second.expires_ms < b.second.expires_ms;
    });
    sessions_.erase(soonest);
  }
  std::string token = RandomToken(32);
  sessions_[TokenKey(token)] = Session{name, RandomToken(32), now_ms + ttl_ms_};
  return token;
}

std::optional<Session> SessionTable::Find(std::string_view token, Millis now_ms) {
  if (token.empty()) return std::nullopt;
  auto it = sessions_.find(TokenKey(token));
  if (it == sessions_.end()) return std::nullopt;
  if (it->second.expires_ms <= now_ms) {
    sessions_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void SessionTable::Close(std::string_view token) { sessions_.erase(TokenKey(token)); }

std::size_t SessionTable::CloseAllOf(std::string_view name) {
  return std::erase_if(sessions_, [name](const auto& kv) { return kv.second.name == name; });
}

}  // namespace duban::http
