// PasswordSignIn: signing people in with a name and a password, for every HTTP process of Duban
// (duban-monitor's staff, duban-web's accounts). It owns the sessions (session_table.h) and the
// throttle of failed sign-ins (login_throttle.h); the accounts stay with the caller, which answers
// "the hash of this name" through a function, so a process may keep them in its config
// (duban-monitor) or in a file it reloads (duban-web).
//
// - After 5 failures for a name, or from a peer, within 5 minutes (the defaults), both refuse with
//   ResourceExhausted until the oldest of those failures is 5 minutes old; the password is then
//   not checked. An attempt counts as failed from its start.
// - An unknown name is verified against a dummy hash, so the answer time does not tell which names
//   exist; the message is the same for a wrong name and a wrong password.
//
// Thread rules: thread-safe. mutex_ guards throttle_ and sessions_; verify_mutex_ lets one argon2id
// verification run at a time (each takes 64 MiB and ~0.1 s), so a burst of sign-ins cannot exhaust
// memory; mutex_ is never held while hashing, nor while the account lookup runs. Time comes from
// the Clock given.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/http/login_throttle.h"
#include "common/http/session_table.h"
#include "common/result.h"

namespace duban::http {

struct SignInOptions {
  Millis session_ttl_ms = 8 * 3600 * 1000;   // a session ends this long after sign-in
  std::size_t max_failures = 5;              // failed sign-ins per name or peer ...
  Millis failure_window_ms = 5 * 60 * 1000;  // ... within this window, then ResourceExhausted
  std::size_t max_sessions = 1000;
};

struct SignedIn {
  std::string token;  // for the cookie
  Session session;
};

class PasswordSignIn {
 public:
  // The stored argon2id hash of an account that may sign in; nullopt for an unknown name and for
  // an account that may not (disabled).
  using HashOf = std::function<std::optional<std::string>(const std::string& name)>;

  // Internal when libsodium cannot make the dummy hash (no memory).
  static Result<std::unique_ptr<PasswordSignIn>> Create(const Clock& clock, SignInOptions options);

  // A new session when `password` is `name`'s. PermissionDenied for a wrong name or password (one
  // message for both); ResourceExhausted, naming the wait, while the name or the peer is throttled
  // (the password is then not checked), with `*retry_after_ms` set when given.
  Result<SignedIn> SignIn(const std::string& name, std::string_view password,
                          const std::string& peer, const HashOf& hash_of,
                          Millis* retry_after_ms = nullptr);
  // The live session of a cookie token (nullopt: sign in again).
  std::optional<Session> Find(std::string_view token);
  void SignOut(std::string_view token);
  // Ends every session of `name`; returns how many.
  std::size_t SignOutAll(std::string_view name);

  Millis session_ttl_ms() const { return options_.session_ttl_ms; }

 private:
  PasswordSignIn(const Clock& clock, SignInOptions options, std::string dummy_hash);

  const Clock& clock_;
  const SignInOptions options_;
  const std::string dummy_hash_;  // verified for unknown names: the same time as a real one
  std::mutex mutex_;              // guards throttle_ and sessions_
  LoginThrottle throttle_;
  SessionTable sessions_;
  std::mutex verify_mutex_;  // one argon2id verification at a time
};

}  // namespace duban::http
