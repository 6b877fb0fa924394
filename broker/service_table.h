// ServiceTable: which services to ask Redis for work in this turn of the loop.
//
// A service is worth a dispatch call when it has idle workers here and either this broker knows it
// queued something for it (a submit, a timer moved, a retry) or the poll interval passed (another
// broker, or a timer pump elsewhere, may have queued work). A dispatch that returns fewer tasks than
// asked clears the "pending" mark: the queue is empty.
//
// Thread rules: owned by the broker loop thread.
#pragma once

#include "common/protocol/mdp.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"

namespace duban::broker {

// Service names are 1..64 of [A-Za-z0-9._-] (common/protocol/mdp.h).
using protocol::IsValidServiceName;

class ServiceTable {
 public:
  explicit ServiceTable(std::int64_t poll_interval_ms) : poll_interval_ms_(poll_interval_ms) {}

  void MarkPending(const std::string& service) { state_[service].pending = true; }
  // Services staff paused (duban.pause): never dispatched while paused; their work stays queued.
  void SetPaused(std::set<std::string> paused) { paused_ = std::move(paused); }
  bool IsPaused(const std::string& service) const { return paused_.count(service) != 0; }
  void MarkAllPending() {
    for (auto& [svc, s] : state_) s.pending = true;
  }
  // From (service, idle workers) pairs, the ones to dispatch now with how many to take.
  std::vector<std::pair<std::string, std::int64_t>> Wants(
      const std::vector<std::pair<std::string, std::int64_t>>& idle, Millis now);
  void Dispatched(const std::string& service, std::int64_t asked, std::int64_t got, Millis now);
  // The next time a poll is due for a service with idle workers (for the loop's poll timeout).
  Millis NextPollMs(const std::vector<std::pair<std::string, std::int64_t>>& idle) const;

 private:
  struct State {
    bool pending = true;  // unknown at start: look once
    Millis last_poll_ms = 0;
  };
  std::int64_t poll_interval_ms_;
  std::map<std::string, State> state_;
  std::set<std::string> paused_;
};

}  // namespace duban::broker
