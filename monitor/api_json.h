// ApiJson: the JSON bodies of the monitor's /api/ endpoints, built from a Snapshot, the
// throughput points or a live broker reply. docs/monitoring.md shows each with an example. Field
// names are the wire names of docs/protocol.md where a field comes from the broker; every *_ms
// instant also appears as local ISO 8601 text beside it ("at_ms" and "at").
//
// Thread rules: pure functions.
// Invariant: no private data leaves through the API: a suggestion's deputy contact is dropped
// (the dashboard is open to every staff member, the contact is not).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/protocol/json_view.h"
#include "common/protocol/messages.h"
#include "common/status.h"
#include "monitor/snapshot.h"
#include "monitor/throughput.h"

namespace duban::monitor {

// What the JSON needs beyond the data: how to show units and local times.
struct Presentation {
  std::map<std::string, std::string> unit_names;  // unit id -> name (from --config)
  std::int64_t utc_offset_minutes = 480;          // local time for the ISO strings (UTC+8)
};

// FormatLocalIso (protocol::, common/protocol/json_view.h) writes the ISO text of instants.
using protocol::FormatLocalIso;
using protocol::Json;

// GET /api/overview: broker status, services, totals, workers, timers, counters.
Json OverviewJson(const Snapshot& s, const Presentation& p);
// GET /api/throughput: the points of the last hour with a per-minute rate each.
Json ThroughputJson(const std::vector<ThroughputPoint>& points, Millis window_ms,
                    Millis interval_ms, const Presentation& p);
// GET /api/overdue.
Json OverdueJson(const Snapshot& s, const Presentation& p);
// GET /api/notices: escalations and the directors' agenda.
Json NoticesJson(const Snapshot& s, const Presentation& p);
// GET /api/suggestions/{code}: the suggestion (without the deputy's contact) and its timeline.
Json SuggestionJson(const protocol::GetReply& r, const Presentation& p);
// GET /api/dlq: dead letters.
Json DeadLettersJson(const protocol::DlqReply& r, const Presentation& p);

// {"error": {"code": "UNAVAILABLE", "message": "..."}}
Json ErrorJson(const Status& s);
Json ErrorJson(std::string_view code, std::string_view message);
// The HTTP status for a failed broker call: 400 INVALID_ARGUMENT, 404 NOT_FOUND, 409
// FAILED_PRECONDITION, 403 PERMISSION_DENIED, 503 UNAVAILABLE / DEADLINE_EXCEEDED, 502 for an
// unreadable reply (PROTOCOL_ERROR), 500 otherwise.
int HttpStatusFor(StatusCode code);

// UTF-8 text of `j` (invalid UTF-8 from the broker is replaced, never thrown on).
std::string Dump(const Json& j);

}  // namespace duban::monitor
