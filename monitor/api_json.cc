#include "monitor/api_json.h"

#include <cstdio>

#include "common/calendar.h"

namespace duban::monitor {
namespace {

using namespace protocol;

std::string UnitName(const Presentation& p, const std::string& id) {
  auto it = p.unit_names.find(id);
  return it == p.unit_names.end() ? "" : it->second;
}

// The instant and its ISO text; null for "none" (negative).
void PutInstant(Json& j, const char* key_ms, const char* key_text, Millis ms,
                const Presentation& p) {
  if (ms < 0) {
    j[key_ms] = nullptr;
    j[key_text] = nullptr;
    return;
  }
  j[key_ms] = ms;
  j[key_text] = FormatLocalIso(ms, p.utc_offset_minutes);
}

Json BrokerJson(const Snapshot& s, const Presentation& p) {
  Json b;
  b["endpoint"] = s.broker_endpoint;
  b["up"] = s.broker_up;
  b["error"] = s.broker_up ? "" : s.broker_status.ToString();
  PutInstant(b, "sampled_at_ms", "sampled_at", s.sampled_at_ms, p);
  PutInstant(b, "last_up_ms", "last_up", s.last_up_ms > 0 ? s.last_up_ms : -1, p);
  b["sample_interval_ms"] = s.sample_interval_ms;
  return b;
}

std::int64_t Counter(const CounterMap& c, const char* name) {
  auto it = c.find(name);
  return it == c.end() ? 0 : it->second;
}

Json NoticeList(const Part<InboxReply>& part, const char* recipient, const Presentation& p) {
  Json j;
  j["recipient"] = recipient;
  j["error"] = part.error;
  j["total"] = part.value ? part.value->total : 0;
  Json items = Json::array();
  if (part.value) {
    for (const OutboxEntry& n : part.value->notices) {
      Json item;
      PutInstant(item, "at_ms", "at", n.at_ms, p);
      item["code"] = n.code;
      item["kind"] = n.kind;
      item["text"] = n.text;
      items.push_back(std::move(item));
    }
  }
  j["items"] = std::move(items);
  return j;
}

}  // namespace

Json OverviewJson(const Snapshot& s, const Presentation& p) {
  Json j;
  j["broker"] = BrokerJson(s, p);
  Json totals;
  std::int64_t queued = 0, inflight = 0, dead = 0, workers = 0, idle = 0, paused = 0;
  Json services = Json::array();
  for (const ServiceStats& svc : s.queues.services) {
    queued += svc.queued;
    inflight += svc.inflight;
    dead += svc.dead;
    workers += svc.workers;
    idle += svc.idle_workers;
    paused += svc.paused ? 1 : 0;
    services.push_back({{"name", svc.name},
                        {"queued", svc.queued},
                        {"inflight", svc.inflight},
                        {"dead", svc.dead},
                        {"workers", svc.workers},
                        {"idle_workers", svc.idle_workers},
                        {"paused", svc.paused}});
  }
  totals["services"] = s.queues.services.size();
  totals["queued"] = queued;
  totals["inflight"] = inflight;
  totals["dead"] = dead;
  totals["workers"] = workers;
  totals["idle_workers"] = idle;
  totals["paused_services"] = paused;
  j["totals"] = std::move(totals);
  j["services"] = std::move(services);

  Json list = Json::array();
  if (s.workers.value) {
    for (const WorkerInfo& w : s.workers.value->workers) {
      list.push_back({{"id", w.id},
                      {"service", w.service},
                      {"busy", w.busy},
                      {"task", w.task},
                      {"last_seen_age_ms", w.last_seen_age_ms}});
    }
  }
  j["workers"] = std::move(list);
  j["workers_error"] = s.workers.error;

  Json timers;
  timers["pending"] = s.queues.timers;
  PutInstant(timers, "next_due_ms", "next_due", s.queues.next_timer_due_ms, p);
  j["timers"] = std::move(timers);

  // The working calendar: years whose pending timers assumed Monday to Friday (no file for the
  // year), or that need a re-plan; the page shows a warning for each.
  Json calendar;
  calendar["error"] = s.calendar.error;
  calendar["loaded"] = s.calendar.value ? s.calendar.value->loaded : std::vector<std::int64_t>{};
  Json years = Json::array();
  Json warnings = Json::array();
  if (s.calendar.value) {
    for (const CalendarYearStatus& y : s.calendar.value->years) {
      Json item = {{"year", y.year},
                   {"loaded", y.loaded},
                   {"suggestions", y.suggestions},
                   {"assumed", y.assumed},
                   {"replan_needed", y.replan_needed}};
      years.push_back(item);
      if ((y.assumed > 0 && !y.loaded) || (y.replan_needed && y.suggestions > 0)) {
        warnings.push_back(std::move(item));
      }
    }
  }
  calendar["years"] = std::move(years);
  calendar["warnings"] = std::move(warnings);
  j["calendar"] = std::move(calendar);

  const CounterMap& c = s.counters;
  j["counters"] = {{"dispatched", Counter(c, "broker.dispatched")},
                   {"acked", Counter(c, "broker.acked")},
                   {"outcomes_applied", Counter(c, "broker.outcomes_applied")},
                   {"completed", TotalsFrom(c).completed},
                   {"retried", Counter(c, "broker.retried")},
                   {"dead_lettered", Counter(c, "broker.dead_lettered")},
                   {"timers_fired", Counter(c, "broker.timers_fired")}};
  return j;
}

Json ThroughputJson(const std::vector<ThroughputPoint>& points, Millis window_ms,
                    Millis interval_ms, const Presentation& p) {
  Json j;
  j["window_ms"] = window_ms;
  j["interval_ms"] = interval_ms;
  Json list = Json::array();
  std::int64_t completed = 0;
  for (const ThroughputPoint& pt : points) {
    Json item;
    PutInstant(item, "at_ms", "at", pt.at_ms, p);
    item["interval_ms"] = pt.interval_ms;
    item["completed"] = pt.completed;
    item["dispatched"] = pt.dispatched;
    item["dead_lettered"] = pt.dead_lettered;
    item["completed_per_min"] =
        pt.interval_ms > 0 ? static_cast<double>(pt.completed) * 60000.0 / pt.interval_ms : 0.0;
    completed += pt.completed;
    list.push_back(std::move(item));
  }
  j["completed"] = completed;
  j["points"] = std::move(list);
  return j;
}

Json OverdueJson(const Snapshot& s, const Presentation& p) {
  Json j;
  j["error"] = s.overdue.error;
  j["list_limit"] = kMaxListLimit;
  if (!s.overdue.value) {
    j["today"] = nullptr;
    j["total"] = 0;
    j["capped"] = false;
    j["units"] = Json::array();
    return j;
  }
  const OverdueReport& r = *s.overdue.value;
  j["today"] = r.today;
  j["total"] = r.total;
  j["capped"] = r.capped;
  Json units = Json::array();
  for (const OverdueUnit& u : r.units) {
    units.push_back({{"unit", u.unit},
                     {"name", UnitName(p, u.unit)},
                     {"count", u.count},
                     {"oldest_deadline", u.oldest_deadline},
                     {"codes", u.codes}});
  }
  j["units"] = std::move(units);
  return j;
}

Json NoticesJson(const Snapshot& s, const Presentation& p) {
  return {{"escalations", NoticeList(s.escalations, "office:supervision", p)},
          {"agenda", NoticeList(s.agenda, "agenda:directors", p)}};
}

Json SuggestionJson(const GetReply& r, const Presentation& p) {
  // The reply as duban.get gives it (docs/protocol.md), without the private fields (the deputy's
  // contact), and each unit with its name.
  Json j = ToJson(r, JsonOptions{p.utc_offset_minutes, /*drop_private=*/true});
  for (Json& u : j["suggestion"]["units"]) u["name"] = UnitName(p, u["unit"].get<std::string>());
  return j;
}

Json DeadLettersJson(const DlqReply& r, const Presentation& p) {
  return ToJson(r, JsonOptions{p.utc_offset_minutes, false});
}

Json ErrorJson(const Status& s) { return ErrorJson(StatusCodeName(s.code()), s.message()); }

Json ErrorJson(std::string_view code, std::string_view message) {
  return {{"error", {{"code", std::string(code)}, {"message", std::string(message)}}}};
}

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kFailedPrecondition:
      return 409;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kUnavailable:
    case StatusCode::kDeadlineExceeded:
      return 503;
    case StatusCode::kProtocolError:
      return 502;
    default:
      return 500;
  }
}

std::string Dump(const Json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace duban::monitor
