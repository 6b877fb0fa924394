// KeyGate: who may connect, and who each connection is. It holds the key registry
// (config/key_registry.h) and answers the ZAP requests (RFC 27) of the broker's CURVE socket on
// its own thread: a client key in the registry and not expired is let in with its name as the
// connection's User-Id (the loop reads it from every message, transport::Received::user_id); any
// other is refused at the handshake (status 400), logged and counted (broker.keys_refused).
// The User-Id is "<name>/<public key>", so a name whose key is replaced in the registry (a key
// rotated after a leak) stops resolving for the connections made with the old key.
// Reload() reads the file again (SIGHUP): a file that does not load keeps the keys in force.
//
// The loop resolves the User-Id to a Caller for every message (Resolve), so a key removed from the
// registry or past its expiry stops acting at once, even on a connection made before.
//
// Thread rules: Reload, Resolve and size may be called from any thread (a mutex guards the
// registry); the ZAP thread is started by Start and joined by Stop or the destructor. That thread
// reads the Clock and increments the Counters too: both must be thread-safe (SystemClock and
// Counters are).
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <zmq.hpp>

#include "common/clock.h"
#include "common/counters.h"
#include "common/protocol/caller.h"
#include "common/result.h"
#include "config/key_registry.h"

namespace duban::broker {

inline constexpr const char* kZapDomain = "duban";

class KeyGate {
 public:
  // Loads the registry; its error (the file, line and problem) when it does not load.
  static Result<std::unique_ptr<KeyGate>> Create(std::string path, std::int64_t utc_offset_minutes,
                                                 const Clock& clock, Counters& counters);
  ~KeyGate();

  // Binds the ZAP endpoint in `context` (the broker socket's) and starts answering. Call before
  // the CURVE socket binds.
  Status Start(zmq::context_t& context);
  // Stops the ZAP thread and closes its socket (before the context it lives in ends).
  void Stop();
  // Reads the registry file again; on error keeps the current keys and returns why.
  Status Reload();

  // The caller a connection's User-Id ("<name>/<key>") stands for now: PermissionDenied when the
  // name is gone, holds another key, or has expired.
  Result<protocol::Caller> Resolve(const std::string& user) const;
  std::size_t size() const;

 private:
  KeyGate(std::string path, std::int64_t utc_offset_minutes, const Clock& clock, Counters& counters)
      : path_(std::move(path)), utc_offset_minutes_(utc_offset_minutes), clock_(clock),
        counters_(counters) {}
  void Serve(zmq::socket_t socket);
  // The ZAP answer for a CURVE client key (32 raw bytes): {"200", name} or {"400", why}.
  std::pair<std::string, std::string> Decide(const std::string& mechanism, const std::string& key);
  std::shared_ptr<const config::KeyRegistry> Current() const;

  std::string path_;
  std::int64_t utc_offset_minutes_;
  const Clock& clock_;
  Counters& counters_;
  mutable std::mutex mu_;
  std::shared_ptr<const config::KeyRegistry> registry_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace duban::broker
