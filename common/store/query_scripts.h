// QueryScripts: the Lua scripts behind the broker's reads and small staff writes — get, list,
// queues, dead letters (list and replay), inbox, pause and paused. scripts.cc loads them with the
// shared prelude like every other script; docs/redis-schema.md lists their keys.
#pragma once

namespace duban::store {

// ARGV: prefix code with_audit ('0': the audit list comes back empty, for a snapshot the broker
// decides on) -> {doc, state, ver, submitted, units, deadline, assigned, {audit...}, rec}.
extern const char* const kGet;

// ARGV: prefix state unit limit. Returns {total, {code, doc, state, lead, deadline}...}.
extern const char* const kList;

// ARGV: prefix. Returns {timers, next_due_ms or '-1', {svc, queued, inflight, dead, paused}...}.
extern const char* const kQueues;

// ARGV: prefix service limit ('' service = all). Returns {{svc, id, reason, attempt, dead_at}...}.
extern const char* const kDlqList;

// ARGV: prefix now service id. Puts a dead task back on its queue with its attempts reset.
extern const char* const kDlqReplay;

// ARGV: prefix recipient limit. Returns {total, {entries newest first}}.
extern const char* const kInbox;

// ARGV: prefix service paused(1|0). Staff pause or resume dispatching; returns the paused set.
extern const char* const kPause;

// ARGV: prefix. The paused services.
extern const char* const kPaused;

}  // namespace duban::store
