// ClientQuotas: what one client connection (its ROUTER routing id) may make the broker do, so one
// caller cannot starve the others or fill Redis: a request rate over every request (a token
// bucket: `rate_per_s` tokens a second, at most `burst` saved up) and a number of 7/MDP requests in
// flight (queued or leased, not yet answered). Over either, the request is answered
// RESOURCE_EXHAUSTED at once and nothing is stored. Identities are routing ids until keys exist
// (CURVE): a client that reconnects starts afresh, so these bound a connection, not a person.
//
// Invariants: a client's entry exists while it has requests in flight or was seen within the
// idle time; Prune() drops the others (an answer never seen, e.g. a dead-lettered request, is
// forgotten with its entry). Thread rules: broker loop thread; times are protocol (real) time.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "common/clock.h"

namespace duban::broker {

class ClientQuotas {
 public:
  ClientQuotas(std::int64_t rate_per_s, std::int64_t burst, std::int64_t max_inflight);

  // One request of `client` at `now`: true, or false when it is over its rate (no token used).
  bool AdmitRequest(const std::string& client, Millis now);
  // One more 7/MDP request in flight: true, or false when `max_inflight` are already.
  bool AdmitOpaque(const std::string& client);
  // A request of `client` in flight was answered (or refused after AdmitOpaque).
  void OpaqueDone(const std::string& client);
  // Forgets clients not seen for `idle_ms`.
  void Prune(Millis now, Millis idle_ms);

  std::int64_t InFlight(const std::string& client) const;
  std::size_t size() const { return clients_.size(); }

 private:
  struct Entry {
    double tokens = 0;
    Millis refilled_ms = 0;
    Millis seen_ms = 0;
    std::int64_t inflight = 0;
  };
  Entry& Get(const std::string& client, Millis now);

  double rate_per_ms_;
  double burst_;
  std::int64_t max_inflight_;
  std::unordered_map<std::string, Entry> clients_;
};

}  // namespace duban::broker
