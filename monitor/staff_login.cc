#include "monitor/staff_login.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>

#include "monitor/access.h"

namespace duban::monitor {
namespace {

constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr char kArgon2idPrefix[] = "$argon2id$";

void InitSodium() {
  if (sodium_init() < 0) std::abort();  // no usable randomness: nothing may go on
}

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

Result<std::string> HashPassword(std::string_view password) {
  InitSodium();
  if (password.empty()) return InvalidArgument("the password is empty");
  if (password.size() > kMaxPasswordBytes) {
    return InvalidArgument("the password is longer than " + std::to_string(kMaxPasswordBytes) +
                           " bytes");
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return ResourceExhausted("argon2id could not get its memory to hash the password");
  }
  return std::string(out);
}

bool PasswordMatches(const std::string& hash, std::string_view password) {
  InitSodium();
  if (hash.rfind(kArgon2idPrefix, 0) != 0 || password.size() > kMaxPasswordBytes) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

// ---- LoginThrottle -----------------------------------------------------------------------------

void LoginThrottle::Prune(std::deque<Millis>& times, Millis now_ms) const {
  while (!times.empty() && times.front() + window_ms_ <= now_ms) times.pop_front();
}

Millis LoginThrottle::WaitMs(const std::string& key, Millis now_ms) {
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  Prune(it->second, now_ms);
  if (it->second.size() < max_failures_) return 0;
  // Free again when the failure that filled the window leaves it.
  return it->second[it->second.size() - max_failures_] + window_ms_ - now_ms;
}

void LoginThrottle::Failed(const std::string& key, Millis now_ms) {
  std::deque<Millis>& times = failures_[key];
  Prune(times, now_ms);
  times.push_back(now_ms);
}

void LoginThrottle::Clear(const std::string& key) { failures_.erase(key); }

std::size_t LoginThrottle::Tracked(Millis now_ms) {
  for (auto it = failures_.begin(); it != failures_.end();) {
    Prune(it->second, now_ms);
    it = it->second.empty() ? failures_.erase(it) : std::next(it);
  }
  return failures_.size();
}

// ---- SessionTable ------------------------------------------------------------------------------

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
  sessions_[TokenKey(token)] = StaffSession{name, RandomToken(32), now_ms + ttl_ms_};
  return token;
}

std::optional<StaffSession> SessionTable::Find(std::string_view token, Millis now_ms) {
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

// ---- StaffLogin --------------------------------------------------------------------------------

StaffLogin::StaffLogin(std::vector<StaffAccount> accounts, const Clock& clock,
                       StaffLoginOptions options, std::string dummy_hash)
    : accounts_(std::move(accounts)),
      clock_(clock),
      options_(options),
      dummy_hash_(std::move(dummy_hash)),
      throttle_(options.max_failures, options.failure_window_ms),
      sessions_(options.session_ttl_ms, options.max_sessions) {}

Result<std::unique_ptr<StaffLogin>> StaffLogin::Create(std::vector<StaffAccount> accounts,
                                                       const Clock& clock,
                                                       StaffLoginOptions options) {
  if (accounts.empty()) {
    return FailedPrecondition("staff sign-in needs at least one [[monitor.account]]");
  }
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const StaffAccount& a = accounts[i];
    if (a.password_hash.rfind(kArgon2idPrefix, 0) != 0) {
      return InvalidArgument("the password_hash of account '" + a.name +
                             "' is not an argon2id hash ($argon2id$...)");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (accounts[j].name == a.name) {
        return InvalidArgument("account '" + a.name + "' is given twice");
      }
    }
  }
  DUBAN_ASSIGN_OR_RETURN(std::string dummy, HashPassword(RandomToken(16)));
  return std::unique_ptr<StaffLogin>(
      new StaffLogin(std::move(accounts), clock, options, std::move(dummy)));
}

Result<SignedIn> StaffLogin::SignIn(const std::string& name, std::string_view password,
                                    const std::string& peer, Millis* retry_after_ms) {
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
  auto account = std::find_if(accounts_.begin(), accounts_.end(),
                              [&](const StaffAccount& a) { return a.name == name; });
  bool matches;
  {
    std::lock_guard verify(verify_mutex_);
    matches = PasswordMatches(account == accounts_.end() ? dummy_hash_ : account->password_hash,
                              password) &&
              account != accounts_.end();
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

std::optional<StaffSession> StaffLogin::Find(std::string_view token) {
  std::lock_guard lock(mutex_);
  return sessions_.Find(token, clock_.NowMs());
}

void StaffLogin::SignOut(std::string_view token) {
  std::lock_guard lock(mutex_);
  sessions_.Close(token);
}

}  // namespace duban::monitor
