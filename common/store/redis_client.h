// RedisClient: one synchronous hiredis connection with pipelining, reconnect with backoff, and a
// Redis Functions library (Lua) loaded at every connect and called with FCALL (loaded again when
// Redis answers that a function is missing: a Redis that lost its data, or FUNCTION FLUSH).
//
// Failure model: any I/O error closes the connection and returns Unavailable; the next call
// reconnects, but not before the backoff delay has passed (so a loop calling us while Redis is down
// does not spin on connect()). hiredis 0.14: no TLS, no RESP3 (never send HELLO 3).
//
// Thread rules: one RedisClient belongs to one thread (the broker loop); not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/result.h"

struct redisContext;

namespace duban::store {

struct Reply {
  enum class Type { kNil, kInteger, kString, kArray, kError, kStatus };
  Type type = Type::kNil;
  std::int64_t integer = 0;
  std::string str;  // kString, kError, kStatus
  std::vector<Reply> elements;

  bool is_error() const { return type == Type::kError; }
  bool is_nil() const { return type == Type::kNil; }
};

using Command = std::vector<std::string>;

// A script body before it is part of a library: its name and its Lua.
struct Script {
  std::string name;
  std::string source;
};

// A Redis Functions library (Redis 7): `source` starts with "#!lua name=<name>" and registers one
// function "<name>_<f>" per entry f of `functions`, which Eval(f, ...) calls. The name carries a
// digest of the source, so brokers of two versions never call each other's code.
struct ScriptLibrary {
  std::string name;
  std::string source;
  std::vector<std::string> functions;
};

struct RedisEndpoint {
  std::string host;  // empty for a unix socket
  int port = 0;
  std::string unix_path;
  int db = 0;
  std::string user, password;  // AUTH [user] password after connecting, when a password is set
};
// redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] (USER and PASSWORD percent-encoded) or
// unix:///path[?db=N]. InvalidArgument otherwise; rediss:// (TLS) is refused with the reason (this
// build's hiredis has no TLS).
Result<RedisEndpoint> ParseRedisUrl(const std::string& url);
// The URL as it may be logged: a password is replaced by "***".
std::string RedactedRedisUrl(const std::string& url);

class RedisClient {
 public:
  // Does not connect yet (the broker starts even while Redis is down). InvalidArgument for a bad
  // URL.
  static Result<std::unique_ptr<RedisClient>> Create(const std::string& url,
                                                     std::int64_t connect_timeout_ms,
                                                     std::int64_t reconnect_max_ms,
                                                     ScriptLibrary library);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Sends all commands in one write and reads all replies. Unavailable when the connection fails
  // (the commands may or may not have run: callers rely on idempotent scripts). Error replies are
  // returned as Reply::kError elements, not as a failed Status.
  Result<std::vector<Reply>> Pipeline(const std::vector<Command>& commands);
  Result<Reply> Run(const Command& command);

  // FCALL of the library's function `script` with keys and args, loading the library again once
  // when Redis does not know the function.
  // An error reply from the script becomes Internal (or the code it names: scripts raise
  // "DUBAN <CODE> message" for domain errors, see scripts.h).
  Result<Reply> Eval(const std::string& script, const std::vector<std::string>& keys,
                     const std::vector<std::string>& args);

  // Refuse a server that could lose acknowledged writes: after every connect, CONFIG GET must say
  // appendonly "yes" and maxmemory-policy "noeviction" (an evicting Redis silently deletes
  // tasks and timers). A server that does not is disconnected and every call answers
  // Unavailable naming the setting; `refusal()` says why. With `allow_unsafe` the settings are
  // only logged (an explicit operator decision, e.g. a benchmark).
  void RequireDurableServer(bool allow_unsafe) {
    require_durable_ = true;
    allow_unsafe_ = allow_unsafe;
  }
  // Runs `fn` after every connect (the first and each reconnect, e.g. after a Redis restart), once
  // the script library is there and before the call that connected goes on. A status other than
  // Ok drops the connection: the calls answer Unavailable and the next one connects again. The
  // broker brings older key layouts up to date here (common/store/key_layout.h).
  void OnConnect(std::function<Status()> fn) { on_connect_ = std::move(fn); }
  // Why the last connect refused the server ("" when it did not).
  const std::string& refusal() const { return refusal_; }

  bool connected() const { return ctx_ != nullptr; }
  // Round trips made (for metrics and benchmarks).
  std::uint64_t round_trips() const { return round_trips_; }
  // Duration of each round trip since the last call, in microseconds (then cleared). The broker
  // feeds them to its Redis round-trip histogram.
  std::vector<std::int64_t> TakeRoundTripMicros() { return std::exchange(rtt_us_, {}); }

 private:
  RedisClient(RedisEndpoint ep, std::int64_t connect_timeout_ms, std::int64_t reconnect_max_ms,
              ScriptLibrary library);
  Status EnsureConnected();
  Status LoadScripts();
  // Checks the server's durability settings (see RequireDurableServer). FailedPrecondition naming
  // the setting; Unavailable on an I/O error.
  Status CheckServer();
  void Disconnect(const std::string& why);

  RedisEndpoint endpoint_;
  std::int64_t connect_timeout_ms_;
  std::int64_t reconnect_max_ms_;
  ScriptLibrary library_;
  std::function<Status()> on_connect_;
  redisContext* ctx_ = nullptr;
  SystemClock real_clock_;  // reconnect backoff runs on real time, not on the domain clock
  Millis next_attempt_ms_ = 0;
  std::int64_t backoff_ms_ = 0;
  std::uint64_t round_trips_ = 0;
  std::vector<std::int64_t> rtt_us_;  // bounded: the broker takes them every turn
  bool require_durable_ = false;
  bool allow_unsafe_ = false;
  std::string refusal_;
  std::string last_error_;  // why the connection was last lost, for "unavailable" messages
};

// Maps a script error reply "DUBAN NOT_FOUND suggestion S2026-00001 not found" to its Status;
// "OOM ..." (Redis at maxmemory refused a write script before it ran) to ResourceExhausted;
// LOADING, BUSY, MASTERDOWN, TRYAGAIN to Unavailable; other error replies become Internal.
Status ScriptErrorToStatus(const std::string& error);

}  // namespace duban::store
