// StaffLogin: staff sign-in for duban-monitor when it must not trust its peers (it listens on an
// address other than loopback, or runs with --require-login; access.h SignInRequired). It owns the
// accounts ([[monitor.account]] of the config: a name and an argon2id hash from libsodium's
// crypto_pwhash_str) and signs in with common/http/sign_in.h, which holds the sessions (in memory:
// a restart signs everybody out, 8 h absolute expiry by default, a CSRF token each) and the
// throttle of failed sign-ins (5 per name or peer within 5 minutes). docs/monitoring.md#access says
// what each part defends against.
//
// Thread rules: thread-safe: accounts_ is immutable after Create, PasswordSignIn is thread-safe.
// Time comes from the Clock given.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/http/sign_in.h"
#include "common/result.h"

namespace duban::monitor {

using StaffSession = http::Session;

struct StaffAccount {
  std::string name;
  std::string password_hash;  // "$argon2id$..."
};

struct StaffLoginOptions {
  Millis session_ttl_ms = 8 * 3600 * 1000;   // --session-hours
  std::size_t max_failures = 5;              // failed sign-ins per name or peer ...
  Millis failure_window_ms = 5 * 60 * 1000;  // ... within this window, then 429
  std::size_t max_sessions = 1000;
};

class StaffLogin {
 public:
  // FailedPrecondition without accounts; InvalidArgument for a hash that is not argon2id or a name
  // given twice.
  static Result<std::unique_ptr<StaffLogin>> Create(std::vector<StaffAccount> accounts,
                                                    const Clock& clock, StaffLoginOptions options);

  // A new session when `password` is `name`'s. PermissionDenied for a wrong name or password (one
  // message for both); ResourceExhausted, naming the wait, while the name or the peer is throttled
  // (the password is then not checked), with `*retry_after_ms` set when given.
  Result<http::SignedIn> SignIn(const std::string& name, std::string_view password,
                                const std::string& peer, Millis* retry_after_ms = nullptr);
  // The live session of a cookie token (nullopt: sign in again).
  std::optional<StaffSession> Find(std::string_view token) { return sign_in_->Find(token); }
  void SignOut(std::string_view token) { sign_in_->SignOut(token); }

  Millis session_ttl_ms() const { return sign_in_->session_ttl_ms(); }

 private:
  StaffLogin(std::vector<StaffAccount> accounts, std::unique_ptr<http::PasswordSignIn> sign_in)
      : accounts_(std::move(accounts)), sign_in_(std::move(sign_in)) {}

  const std::vector<StaffAccount> accounts_;
  std::unique_ptr<http::PasswordSignIn> sign_in_;
};

}  // namespace duban::monitor
