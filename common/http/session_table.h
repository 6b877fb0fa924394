// SessionTable: the signed-in sessions of an HTTP process, in memory (a restart signs everybody
// out). A session is a random 32-byte token (the cookie's value), the account's name, its own CSRF
// token and an absolute expiry (no sliding renewal: a stolen cookie is good for at most the TTL).
//
// Invariants: sessions are kept under the hex BLAKE2b-256 hash of their token, never the token
// itself, so the map's comparisons tell nothing about the tokens held and a memory dump does not
// hand them out; the table holds at most `max_sessions` (when full, expired sessions go first, then
// the one closest to its expiry).
//
// Thread rules: a plain value; callers serialise (sign_in.h holds it under its mutex). Time is
// passed in, never read here.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace duban::http {

struct Session {
  std::string name;        // the account
  std::string csrf_token;  // every action sends it back (a form's hidden field, or a header)
  Millis expires_ms = 0;   // absolute: the session ends then, used or not
};

class SessionTable {
 public:
  SessionTable(Millis ttl_ms, std::size_t max_sessions) : ttl_ms_(ttl_ms), max_(max_sessions) {}

  // A new session for `name` from `now_ms`; returns its cookie token.
  std::string Open(const std::string& name, Millis now_ms);
  // The live session of `token`; nullopt for an unknown, empty or expired token (an expired one
  // is dropped).
  std::optional<Session> Find(std::string_view token, Millis now_ms);
  void Close(std::string_view token);
  // Ends every session of `name` (its account was disabled or its password reset); returns how
  // many.
  std::size_t CloseAllOf(std::string_view name);
  std::size_t size() const { return sessions_.size(); }
  Millis ttl_ms() const { return ttl_ms_; }

 private:
  Millis ttl_ms_;
  std::size_t max_;
  std::map<std::string, Session> sessions_;  // by the hex BLAKE2b hash of the token
};

}  // namespace duban::http
