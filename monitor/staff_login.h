// StaffLogin: staff sign-in for duban-monitor when it must not trust its peers (it listens on an
// address other than loopback, or runs with --require-login; access.h SignInRequired). It owns the
// accounts ([[monitor.account]] of the config: a name and an argon2id hash from libsodium's
// crypto_pwhash_str), the sessions (in memory: a restart signs everybody out) and the throttle of
// failed sign-ins. docs/monitoring.md#access says what each part defends against.
//
// - A session is a random 32-byte token in the cookie duban_session (access.h
//   SessionCookieHeader), with its own CSRF token and an absolute expiry (8 h by default; no
//   sliding renewal). Sessions are found by a hash of the token, so the lookup's timing tells
//   nothing about the tokens held.
// - LoginThrottle: after 5 failures for a name, or from a peer, within 5 minutes, both refuse with
//   ResourceExhausted until the oldest of those failures is 5 minutes old. An attempt counts as a
//   failure from its start, so parallel guesses cannot slip past the limit while the hash runs.
// - An unknown name is verified against a dummy hash, so the answer time does not tell which
//   names exist.
//
// Thread rules: LoginThrottle and SessionTable are plain (callers serialise). StaffLogin is
// thread-safe: mutex_ guards its throttle and sessions; verify_mutex_ lets one argon2id
// verification run at a time (each takes 64 MiB and ~0.1 s), so a burst of sign-ins cannot
// exhaust memory; mutex_ is never held while hashing. Time comes from the Clock given.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"

namespace duban::monitor {

// ---- Password hashes (libsodium crypto_pwhash_str, argon2id) -------------------------------

// The "$argon2id$..." string for `password` (OPSLIMIT_INTERACTIVE, MEMLIMIT_INTERACTIVE).
// InvalidArgument for an empty password or one over 1024 bytes; ResourceExhausted when libsodium
// cannot get the memory.
Result<std::string> HashPassword(std::string_view password);
// True when `password` matches `hash` (crypto_pwhash_str_verify); false for a wrong password and
// for a hash that is not an argon2id string.
bool PasswordMatches(const std::string& hash, std::string_view password);

// ---- The throttle of failed sign-ins -----------------------------------------------------------

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

// ---- Sessions -----------------------------------------------------------------------------------

struct StaffSession {
  std::string name;        // the account
  std::string csrf_token;  // sent back in X-CSRF-Token on every action
  Millis expires_ms = 0;   // absolute: the session ends then, used or not
};

class SessionTable {
 public:
  SessionTable(Millis ttl_ms, std::size_t max_sessions) : ttl_ms_(ttl_ms), max_(max_sessions) {}

  // A new session for `name` from `now_ms`; returns its cookie token. When the table is full the
  // session closest to its expiry makes room.
  std::string Open(const std::string& name, Millis now_ms);
  // The live session of `token`; nullopt for an unknown, empty or expired token (an expired one
  // is dropped).
  std::optional<StaffSession> Find(std::string_view token, Millis now_ms);
  void Close(std::string_view token);
  std::size_t size() const { return sessions_.size(); }
  Millis ttl_ms() const { return ttl_ms_; }

 private:
  Millis ttl_ms_;
  std::size_t max_;
  std::map<std::string, StaffSession> sessions_;  // by the hex BLAKE2b hash of the token
};

// ---- StaffLogin ---------------------------------------------------------------------------------

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

struct SignedIn {
  std::string token;  // for the cookie
  StaffSession session;
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
  Result<SignedIn> SignIn(const std::string& name, std::string_view password,
                          const std::string& peer, Millis* retry_after_ms = nullptr);
  // The live session of a cookie token (nullopt: sign in again).
  std::optional<StaffSession> Find(std::string_view token);
  void SignOut(std::string_view token);

  Millis session_ttl_ms() const { return options_.session_ttl_ms; }

 private:
  StaffLogin(std::vector<StaffAccount> accounts, const Clock& clock, StaffLoginOptions options,
             std::string dummy_hash);

  const std::vector<StaffAccount> accounts_;
  const Clock& clock_;
  const StaffLoginOptions options_;
  const std::string dummy_hash_;  // verified for unknown names: the same time as a real one
  std::mutex mutex_;              // guards throttle_ and sessions_
  LoginThrottle throttle_;
  SessionTable sessions_;
  std::mutex verify_mutex_;  // one argon2id verification at a time
};

}  // namespace duban::monitor
