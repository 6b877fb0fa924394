// Snapshot: what one sampling round read from the broker, as plain values. The HTTP handlers and
// /metrics render from the latest snapshot instead of asking the broker on every page load, so a
// dashboard open in many browsers costs the broker one round per interval.
//
// Thread rules: a Snapshot is immutable once published (the Sampler hands out
// shared_ptr<const Snapshot>), so any thread may read it.
// Invariant: when broker_up is false the data fields are empty; the page and /api say why
// (broker_status) instead of showing stale numbers as current.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/protocol/messages.h"
#include "common/status.h"
#include "monitor/histogram.h"
#include "monitor/overdue.h"

namespace duban::monitor {

// One optional part of a round: its value, or why it could not be read. A part failing (an older
// broker without duban.workers, a list reply too large) does not fail the round.
template <typename T>
struct Part {
  std::optional<T> value;
  std::string error;  // "" when value is set
};

struct Snapshot {
  Millis sampled_at_ms = 0;  // wall clock when the round started
  Millis sample_interval_ms = 0;
  bool broker_up = false;  // duban.queues answered
  Status broker_status;    // why not (the call's status), for the banner and the 503 body
  Millis last_up_ms = 0;   // the last round in which the broker answered (0: never)
  std::string broker_endpoint;

  protocol::QueuesReply queues;            // valid when broker_up
  CounterMap counters;                     // duban.stats, valid when broker_up
  Part<protocol::WorkersReply> workers;    // duban.workers
  Part<OverdueReport> overdue;             // duban.list of the owed states
  Part<protocol::InboxReply> escalations;  // duban.inbox "office:supervision"
  Part<protocol::InboxReply> agenda;       // duban.inbox "agenda:directors"
  Part<protocol::DlqReply> dead_letters;   // duban.dlq list, every service, newest first
  Part<protocol::CalendarReply> calendar;  // duban.calendar status: timers on assumed years

  std::int64_t rounds = 0;         // sampling rounds so far (this monitor process)
  std::int64_t failed_rounds = 0;  // of those, rounds in which the broker did not answer
};

}  // namespace duban::monitor
