// API messages of operating the system: queues, dead letters, live workers, pausing a service,
// counters, and the notices kept in each recipient's outbox (duban.inbox). messages.h includes this
// file. Same rules as messages.h: one struct per message with its description under it
// (describe.h), from which the codec, the JSON views and docs/protocol.md's field tables are made.
//
// Thread rules: plain value types.
#pragma once

#include <cstdint>
#include <utility>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/protocol/describe.h"

namespace duban::protocol {

struct QueuesRequest {};
DUBAN_DESCRIBE(QueuesRequest) {
  (void)v;
  (void)m;
}
struct ServiceStats {
  std::string name;
  std::int64_t queued = 0;
  std::int64_t inflight = 0;
  std::int64_t dead = 0;
  std::int64_t workers = 0;       // live workers registered with this broker
  std::int64_t idle_workers = 0;
  bool paused = false;  // staff paused dispatching (duban.pause); work still queues
};
DUBAN_DESCRIBE(ServiceStats) {
  v("name", m.name, kRequired,
    "service name");
  v("queued", m.queued, kRequired,
    "tasks waiting in its queue (due timers included; pending timers are not)");
  v("inflight", m.inflight, kRequired,
    "tasks leased (including leases that expired and were not reaped yet)");
  v("dead", m.dead, kRequired,
    "dead letters");
  v("workers", m.workers, kRequired,
    "live workers registered with **this** broker");
  v("idle_workers", m.idle_workers, kRequired,
    "of those, idle");
  v("paused", m.paused, kOptional,
    "staff paused dispatching (`duban.pause`); its work still queues (optional when decoding, default `false`)");
}
struct QueuesReply {
  std::vector<ServiceStats> services;
  std::int64_t timers = 0;  // timers pending (scheduled retries and deadlines)
  Millis next_timer_due_ms = -1;  // domain time of the earliest pending timer; -1 when none
  // "ok", or "out_of_memory" while Redis refuses writes at maxmemory (no new leases then).
  std::string store = "ok";
};
DUBAN_DESCRIBE(QueuesReply) {
  v("services", m.services, kRequired,
    "one `ServiceStats` per service, sorted by name: every service that ever had a task or was paused, plus services with workers on this broker");
  v("timers", m.timers, kRequired,
    "entries in the `timers` set (pending domain timers) plus the `retries` set (scheduled retries)");
  v("next_timer_due_ms", m.next_timer_due_ms, kOptional | kTime,
    "domain time of the earliest pending timer (retries not counted), `-1` when none (optional when decoding, default `-1`)");
  v("store", m.store, kOptional,
    "`ok`, or `out_of_memory` while Redis refuses writes at maxmemory (no new leases then) (optional when decoding)");
}

struct DlqRequest {
  std::string action = "list";  // "list" | "replay"
  std::string service;          // required for list; "" lists every service
  std::string task_id;          // replay: the task to put back
  std::int64_t limit = 50;
};
DUBAN_DESCRIBE(DlqRequest) {
  v("action", m.action, kRequired,
    "`\"list\"` or `\"replay\"`");
  v("service", m.service, kOptional,
    "list: `\"\"` = every service; replay: the task's service");
  v("task_id", m.task_id, kOptional,
    "the task to put back");
  v("limit", m.limit, kOptional,
    "1..1 000 (checked for both actions), default 50; used by list");
}
struct DeadLetter {
  std::string task_id;
  std::string service;
  std::string reason;
  std::int64_t attempts = 0;
  Millis at_ms = 0;
};
DUBAN_DESCRIBE(DeadLetter) {
  v("task_id", m.task_id, kRequired,
    "task id");
  v("service", m.service, kRequired,
    "service");
  v("reason", m.reason, kOptional,
    "why, e.g. `lease expired`, `INVALID_ARGUMENT: outcome names unknown unit 'x'`, `FAILED_PRECONDITION: invalid transition to CLOSED for S2026-00001` (optional when decoding)");
  v("attempts", m.attempts, kOptional,
    "deliveries made (optional when decoding)");
  v("at_ms", m.at_ms, kOptional | kTime,
    "when it died, **real** time (optional when decoding)");
}
struct DlqReply {
  std::vector<DeadLetter> entries;
  std::int64_t replayed = 0;
};
DUBAN_DESCRIBE(DlqReply) {
  v("entries", m.entries, kRequired,
    "list: `DeadLetter`s, newest first within a service (empty for replay)");
  v("replayed", m.replayed, kRequired,
    "replay: `1`; list: `0`");
}

// A handling unit acts on its task (duban.sign, duban.start, duban.return, duban.extend,

// Live workers connected to this broker (duban.workers).
struct WorkersRequest {};
DUBAN_DESCRIBE(WorkersRequest) {
  (void)v;
  (void)m;
}
struct WorkerInfo {
  std::string id;       // the routing id in hex
  std::string service;
  bool busy = false;
  std::string task;     // the task id it holds, when busy
  std::int64_t last_seen_age_ms = 0;  // since its last message (heartbeat or reply)
  std::string key;  // the name of the key it connected with ("" without keys)
};
DUBAN_DESCRIBE(WorkerInfo) {
  v("id", m.id, kRequired,
    "its ZeroMQ routing id, in lowercase hex");
  v("service", m.service, kRequired,
    "the service it said READY for");
  v("busy", m.busy, kRequired,
    "it holds a task");
  v("task", m.task, kOptional,
    "the id of that task, `\"\"` when idle (optional when decoding)");
  v("last_seen_age_ms", m.last_seen_age_ms, kRequired,
    "**real** ms since its last message (heartbeat, READY or REPLY)");
  v("key", m.key, kOmitEmpty,
    "the name of the key it connected with (its entry in the key registry); absent on a broker without keys");
}
struct WorkersReply {
  std::vector<WorkerInfo> workers;
};
DUBAN_DESCRIBE(WorkersReply) {
  v("workers", m.workers, kRequired,
    "one `WorkerInfo` per live worker registered with **this** broker");
}

// Staff pause or resume dispatching for a service (duban.pause). Paused work stays queued and
// durable; timers still fire into the queue. Kept in Redis, so every broker honours it.
struct PauseRequest {
  std::string service;
  bool paused = true;
  std::string actor;
};
DUBAN_DESCRIBE(PauseRequest) {
  v("service", m.service, kRequired,
    "a service name `[A-Za-z0-9._-]{1,64}` not starting with `duban.` (a role such as `reminder`, or an opaque service)");
  v("paused", m.paused, kRequired,
    "`true` pauses, `false` resumes");
  v("actor", m.actor, kRequired,
    "1..200 bytes; logged (`service 'reminder' paused by wang`), not put on any timeline");
}
struct PauseReply {
  std::string service;
  bool paused = true;
};
DUBAN_DESCRIBE(PauseReply) {
  v("service", m.service, kRequired,
    "the worker service, as in `PauseRequest`");
  v("paused", m.paused, kRequired,
    "whether it is paused now");
}

// Counters and histograms. Histograms appear as counters named NAME.le_B (cumulative, B in the
// unit of the name, "inf" for the last), NAME.sum and NAME.count, e.g.
// "broker.timer_lateness_ms.le_5"; see docs/protocol.md.
struct StatsRequest {};
DUBAN_DESCRIBE(StatsRequest) {
  (void)v;
  (void)m;
}
struct StatsReply {
  std::vector<std::pair<std::string, std::int64_t>> counters;
};
DUBAN_DESCRIBE(StatsReply) {
  v("counters", m.counters, kRequired,
    "counter name → int, e.g. `broker.dispatched`, `broker.stale_replies`, `broker.invalid_transitions`, `broker.timers_fired`, `api.errors.INVALID_ARGUMENT` (the keys are data, so any name is accepted when decoding)");
}


// A notice for a person or office, kept in that recipient's durable outbox (duban.inbox).
struct Notice {
  std::string recipient;  // "unit:jyj", "staff", "deputy:D2026001", "office:supervision", ...
  std::string kind;       // "reminder", "escalation", ...
  std::string text;
  std::string dedup_key;  // per suggestion; a notice whose key was used before is not sent again
  std::string webhook;    // filled by the broker from config: also POST it there (webhook role)
  std::vector<std::string> channels;  // filled by the broker from config ([[contact]]): "mail",
                                      // "sms" — also delivered so (delivery role)
};
DUBAN_DESCRIBE(Notice) {
  v("recipient", m.recipient, kRequired,
    "1..200 bytes without `{` or `}` (it becomes part of a Redis key)");
  v("kind", m.kind, kRequired,
    "e.g. `reminder`, `escalation` (every kind in use: below)");
  v("text", m.text, kRequired,
    "≤ 6 000 bytes, for people");
  v("dedup_key", m.dedup_key, kOptional,
    "per suggestion: a notice whose key this suggestion has used before is not sent again; `\"\"` = always send");
  v("webhook", m.webhook, kNotOnWire,
    "filled by the broker from config: also POST it there (webhook role)");
  v("channels", m.channels, kNotOnWire,
    "filled by the broker from config (`[[contact]]` of the recipient): `mail`, `sms` — also delivered so (delivery role)");
}

// A notice as stored in an outbox.
struct OutboxEntry {
  Millis at_ms = 0;
  std::string code;
  std::string kind;
  std::string text;
  std::string id;
  bool read = false;
};
DUBAN_DESCRIBE(OutboxEntry) {
  v("at_ms", m.at_ms, kTime,
    "when it was sent, domain time");
  v("code", m.code, kOptional,
    "the suggestion it is about (optional when decoding)");
  v("kind", m.kind, kRequired,
    "every kind is listed under [Notices](#notices): `reminder`, `escalation`, `agenda`, `progress_missing`, `decision_needed`, `decision`, `decision_overdue`, `opinion`, `assigned`, `replied`, `evaluation_request`, `evaluation_reminder`, `evaluation_overdue`, `closed`, `follow_up`, `rehandling`, `commitment_reminder`, `commitment_overdue`, `lookback`, `review`, `request`, `request_remind`, `request_overdue`");
  v("text", m.text, kRequired,
    "the text for people (Chinese), e.g. `【督办提醒】建议 S2026-00001《…》距答复期限 2026-06-10 还有 30 天，请按时答复。`");
  v("id", m.id, kOptional,
    "the notice's id in its outbox (12 hex digits): what `read` names (optional when decoding)");
  v("read", m.read, kOptional,
    "whether the recipient marked it read (`duban.inbox` `read`)");
}

struct InboxRequest {
  std::string recipient;
  std::int64_t limit = 50;
  std::string action = "list";
  std::string kind;
  std::string code;
  bool unread = false;
  std::vector<std::string> ids;
  std::string actor;
};
DUBAN_DESCRIBE(InboxRequest) {
  v("recipient", m.recipient, kRequired,
    "1..200 bytes without `{` or `}`, e.g. `unit:jyj`, `staff`, `office:supervision`, `agenda:directors`, `deputy:D2026001`");
  v("limit", m.limit, kOptional,
    "1..1 000, default 50");
  v("action", m.action, kOptional,
    "`list` (default) or `read`: mark the notices `ids` read (on each one's suggestion's timeline: `notice_read`)");
  v("kind", m.kind, kOptional,
    "`list`: only notices of this kind; `\"\"` = any");
  v("code", m.code, kOptional,
    "`list`: only notices about this suggestion; `\"\"` = any");
  v("unread", m.unread, kOptional,
    "`list`: only notices not marked read");
  v("ids", m.ids, kOptional,
    "`read`: 1..100 notice ids of this outbox");
  v("actor", m.actor, kOptional,
    "`read`: ≤ 200 bytes, who read them (with a key: the key's name)");
}
struct InboxReply {
  std::vector<OutboxEntry> notices;  // newest first
  std::int64_t total = 0;
  std::int64_t unread = 0;
  std::int64_t marked = 0;
};
DUBAN_DESCRIBE(InboxReply) {
  v("notices", m.notices, kRequired,
    "at most `limit` `OutboxEntry`s, newest first");
  v("total", m.total, kRequired,
    "notices in the outbox (at most 10 000: older ones are trimmed)");
  v("unread", m.unread, kOptional,
    "of those, not marked read");
  v("marked", m.marked, kOptional,
    "`read`: how many of `ids` were found and marked (a notice read before counts too)");
}

}  // namespace duban::protocol
