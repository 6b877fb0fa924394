#include "monitor/metrics.h"

#include "monitor/prometheus.h"

namespace duban::monitor {
namespace {

using protocol::ServiceStats;

// A per-service gauge from one field of ServiceStats.
struct ServiceGauge {
  const char* name;
  const char* help;
  std::int64_t (*value)(const ServiceStats&);
};

const ServiceGauge kServiceGauges[] = {
    {"duban_queue_depth", "Tasks waiting in the service's queue.",
     [](const ServiceStats& s) { return s.queued; }},
    {"duban_inflight_tasks",
     "Tasks leased to a worker and not yet answered (expired leases not yet reaped included).",
     [](const ServiceStats& s) { return s.inflight; }},
    {"duban_dead_letters", "Tasks in the service's dead-letter list.",
     [](const ServiceStats& s) { return s.dead; }},
    {"duban_workers_live", "Live workers of the service registered with the sampled broker.",
     [](const ServiceStats& s) { return s.workers; }},
    {"duban_workers_idle", "Of the live workers, those waiting for a task.",
     [](const ServiceStats& s) { return s.idle_workers; }},
    {"duban_service_paused", "1 when staff paused dispatching for the service, else 0.",
     [](const ServiceStats& s) { return std::int64_t{s.paused ? 1 : 0}; }},
};

// A broker counter exported as a Prometheus counter.
struct CounterFamily {
  const char* name;
  const char* counter;  // the duban.stats name
  const char* help;
};

const CounterFamily kCounterFamilies[] = {
    {"duban_dispatched_total", "broker.dispatched", "Tasks sent to workers (each delivery)."},
    {"duban_acked_total", "broker.acked",
     "Opaque tasks whose worker reply was accepted and forwarded to the client."},
    {"duban_outcomes_applied_total", "broker.outcomes_applied",
     "Role task outcomes applied to a suggestion."},
    {"duban_retried_total", "broker.retried", "Task failures put back for a retry with backoff."},
    {"duban_dead_lettered_total", "broker.dead_lettered",
     "Tasks moved to the dead letters after a permanent error or their last attempt."},
    {"duban_timers_fired_total", "broker.timers_fired", "Due timers moved into their queues."},
};

struct HistogramFamily {
  const char* name;
  const char* counter;    // the histogram's name in duban.stats
  double units_per_base;  // 1000 for ms, 1e6 for us
  const char* help;
};

const HistogramFamily kHistograms[] = {
    {"duban_timer_lateness_seconds", "broker.timer_lateness_ms", 1e3,
     "How late timers fired after their due time (domain time)."},
    {"duban_redis_roundtrip_seconds", "broker.redis_rtt_us", 1e6,
     "Round-trip time of the broker's Redis calls (one script call or pipeline)."},
};

std::int64_t CounterValue(const CounterMap& counters, const char* name) {
  auto it = counters.find(name);
  return it == counters.end() ? 0 : it->second;
}

bool IsNamedCounter(const std::string& name) {
  for (const CounterFamily& c : kCounterFamilies) {
    if (name == c.counter) return true;
  }
  return false;
}

void MonitorFamilies(Exposition& e, const Snapshot& s, const RefusalCounts& refused) {
  e.Family("duban_broker_up", "1 when the broker answered the monitor's last sampling round.",
           MetricType::kGauge);
  e.Sample({}, std::int64_t{s.broker_up ? 1 : 0});
  e.Family("duban_monitor_rounds_total", "Sampling rounds of this duban-monitor process.",
           MetricType::kCounter);
  e.Sample({}, s.rounds);
  e.Family("duban_monitor_failed_rounds_total",
           "Sampling rounds in which the broker did not answer.", MetricType::kCounter);
  e.Sample({}, s.failed_rounds);
  e.Family("duban_monitor_last_sample_timestamp_seconds",
           "When the last sampling round started (Unix time).", MetricType::kGauge);
  e.Sample({}, static_cast<double>(s.sampled_at_ms) / 1e3);
  e.Family("duban_monitor_refused_requests_total",
           "HTTP requests this duban-monitor refused, by reason (host: DNS rebinding; csrf, "
           "origin, fetch_site, content_type: cross-site; peer, not_signed_in, sign_in_*: remote).",
           MetricType::kCounter);
  for (std::size_t i = 0; i < kRefusalCount; ++i) {
    e.Sample({{"reason", Describe(static_cast<Refusal>(i)).reason}}, refused[i]);
  }
}

}  // namespace

std::string RenderMetrics(const Snapshot& s, const RefusalCounts& refused) {
  Exposition e;
  MonitorFamilies(e, s, refused);
  if (!s.broker_up) return e.text();

  for (const ServiceGauge& g : kServiceGauges) {
    e.Family(g.name, g.help, MetricType::kGauge);
    for (const ServiceStats& svc : s.queues.services)
      e.Sample({{"service", svc.name}}, g.value(svc));
  }
  e.Family("duban_timers_pending", "Timers and scheduled retries waiting for their due time.",
           MetricType::kGauge);
  e.Sample({}, s.queues.timers);
  e.Family("duban_next_timer_due_timestamp_seconds",
           "Due time of the earliest pending timer (Unix time, domain clock); absent when none.",
           MetricType::kGauge);
  if (s.queues.next_timer_due_ms >= 0) {
    e.Sample({}, static_cast<double>(s.queues.next_timer_due_ms) / 1e3);
  }

  for (const CounterFamily& c : kCounterFamilies) {
    e.Family(c.name, c.help, MetricType::kCounter);
    e.Sample({}, CounterValue(s.counters, c.counter));
  }
  for (const HistogramFamily& h : kHistograms) {
    e.Family(h.name, h.help, MetricType::kHistogram);
    // A broker that has not observed anything yet still gets an (empty) histogram.
    e.HistogramSamples(
        {}, HistogramFromCounters(s.counters, h.counter, h.units_per_base).value_or(Histogram{}));
  }

  if (s.calendar.value) {
    // One series per year that has pending working-day timers (or a re-plan mark), so a year
    // whose calendar arrived and was re-planned reads 0 rather than disappearing.
    e.Family("duban_timers_on_assumed_calendar",
             "Pending working-day timers whose due time assumed the year Monday to Friday (no "
             "working calendar for it when they were planned); `dubanctl calendar replan` moves "
             "them once the year's file is in.",
             MetricType::kGauge);
    for (const auto& y : s.calendar.value->years) {
      e.Sample({{"year", std::to_string(y.year)}}, y.assumed);
    }
    e.Family("duban_calendar_replan_needed",
             "1 when the year's working calendar arrived or changed since pending timers were "
             "planned on it (run `dubanctl calendar replan`), else 0.",
             MetricType::kGauge);
    for (const auto& y : s.calendar.value->years) {
      e.Sample({{"year", std::to_string(y.year)}}, std::int64_t{y.replan_needed ? 1 : 0});
    }
  }

  if (s.workers.value) {
    e.Family("duban_worker_last_seen_seconds",
             "Seconds since the broker last heard from the worker (heartbeat or reply).",
             MetricType::kGauge);
    for (const auto& w : s.workers.value->workers) {
      e.Sample({{"service", w.service}, {"worker", w.id}},
               static_cast<double>(w.last_seen_age_ms) / 1e3);
    }
  }

  // Every other broker counter (bad frames, API errors, ...), one series per counter name.
  e.Family("duban_broker_events_total",
           "Every other counter of the broker's duban.stats, labelled with its name there.",
           MetricType::kCounter);
  for (const auto& [name, value] : s.counters) {
    if (IsHistogramPart(s.counters, name) || IsNamedCounter(name)) continue;
    e.Sample({{"counter", name}}, value);
  }
  return e.text();
}

}  // namespace duban::monitor
