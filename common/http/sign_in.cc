#include "common/http/sign_in.h"

#include <algorithm>

#include "common/http/password.h"
#include "common/http/random_token.h"

namespace duban::http {

PasswordSignIn::PasswordSignIn(const Clock& clock, SignInOptions options, std::string dummy_hash)
    : clock_(clock),
      options_(options),
      dummy_hash_(std::move(dummy_hash)),
      throttle_(options.max_failures, options.failure_window_ms),
      sessions_(options.session_ttl_ms, options.max_sessions) {}

Result<std::unique_ptr<PasswordSignIn>> PasswordSignIn::Create(const Clock& clock,
                                                               SignInOptions options) {
  auto dummy = HashPassword(RandomToken(16));
  if (!dummy.ok()) return Internal("cannot make the dummy hash: " + dummy.status().message());
  return std::unique_ptr<PasswordSignIn>(
      new PasswordSignIn(clock, options, std::move(dummy).value()));
}

Result<SignedIn> PasswordSignIn::SignIn(const std::string& name, std::string_view password,
                                        const std::string& peer, const HashOf& hash_of,
                                        Millis* retry_after_ms) {
  const std::string name_key = "name:" + name;
  const std::string peer_key = "peer:" + peer;
  {
    std::lock_guard lock(mutex_);
    Millis now = clock_.NowMs();
    throttle_.Tracked(now);  // drops the keys whose failures all left the window: a bound
    Millis wait = std::max(throttle_.WaitMs(name_key, now), throttle_.WaitMs(peer_key, now));
    if (wait > 0) {
      if (retry_after_ms != nullptr) *retry_after_ms = wait;
      return ResourceExhausted(
          "too many failed sign-ins for this name or from this address: try again in " +
          std::to_string((wait + 999) / 1000) + " s");
    }
    // Counted as failed from the start: parallel guesses see each other.
    throttle_.Failed(name_key, now);
    throttle_.Failed(peer_key, now);
  }
  std::optional<std::string> hash = hash_of(name);
  bool matches;
  {
    std::lock_guard verify(verify_mutex_);
    matches = PasswordMatches(hash ? *hash : dummy_hash_, password) && hash.has_value();
  }
  std::lock_guard lock(mutex_);
  if (!matches) return PermissionDenied("wrong name or password");
  throttle_.Clear(name_key);
  throttle_.Clear(peer_key);
  Millis now = clock_.NowMs();
  SignedIn in;
  in.token = sessions_.Open(name, now);
  in.session = *sessions_.Find(in.token, now);
  return in;
}

std::optional<Session> PasswordSignIn::Find(std::string_view token) {
  std::lock_guard lock(mutex_);
  return sessions_.Find(token, clock_.NowMs());
}

void PasswordSignIn::SignOut(std::string_view token) {
  std::lock_guard lock(mutex_);
  sessions_.Close(token);
}

std::size_t PasswordSignIn::SignOutAll(std::string_view name) {
  std::lock_guard lock(mutex_);
  return sessions_.CloseAllOf(name);
}

}  // namespace duban::http
