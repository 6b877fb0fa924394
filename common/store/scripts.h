// Scripts: every change Duban makes to Redis, and every read that needs several keys at once, as
// Lua run atomically by FCALL. Most scripts work on a batch (many tasks per call), so one round
// trip serves one turn of the broker loop. They are one Redis Functions library: the shared
// prelude (key builders; the task, retry, timer, notice, calendar-index and agenda steps; the
// lifecycle tables of common/protocol/lifecycle.h rendered into Lua) is defined once when the
// library loads, and each script is a function registered after it, whose body starts by
// resetting the per-call state (begin_call). Keys are built inside the scripts from the prefix
// "{NAME}", the call's one key (KEYS[1], the deployment's hash tag: one slot per call, see
// common/store/key_layout.h); docs/redis-schema.md lists every key and which script touches it.
//
// Invariants every script keeps:
//   - a task id is in at most one of: its service queue, its service's lease set, the retries set,
//     its service's dead-letter list; its hash field "st" says which
//     (queued|leased|scheduled|dead).
//     A pending timer has no task hash: it is a member of the timers set and a field of its
//     suggestion's timer index, and becomes a queued task when it fires (timers of the layout
//     before 2026-11 are converted by UpgradeKeyLayout, common/store/key_layout.h);
//   - a lease is honoured only with the fencing token handed out with it, so a late reply from a
//     worker whose lease ran out changes nothing. The token is 128 random bits (32 hex digits)
//     that the broker draws for each lease (FencingToken in task_store.cc) and passes to
//     `dispatch` as an argument, never a counter in Redis: a counter could roll back when Redis
//     loses its last writes, and hand an old (task, token) pair to a second lease;
//   - every suggestion state change raises "ver" and appends one audit entry.
// Scripts that only read are registered with the flag no-writes (they run at maxmemory and on a
// replica); `ack`, which only deletes, with allow-oom; the others are refused whole at maxmemory
// before they run. Domain errors are raised as "DUBAN <CODE> <message>" (see
// ScriptErrorToStatus in redis_client.h).
#pragma once

#include <vector>

#include "common/store/redis_client.h"

namespace duban::store {

// The library: the shared steps of common/store/lua/lib/ (tasks, calendar_index, timers, agenda,
// the lifecycle tables rendered from common/protocol/lifecycle.h, outcome), then one function per
// operation, each a file of common/store/lua/ whose name is the operation's (44: submit, enqueue,
// dispatch, ack, peek, extend, complete, update, fail, reap, assign, get, list, queues, dlq_list,
// dlq_replay, inbox, pause, paused, pump, set_timers, audit_read, check, report_read, cal_status,
// cal_scan, cal_replan, cal_mark, agenda_items, agenda_act, meetings, hot, hot_scan, bundle,
// bundles, layout_timers, timers, checkpoint, audit_links,
// propose, session, session_read, request, request_read). A file's first line "--! flags: no-writes" or "--! flags: allow-oom"
// sets its flags. The library's name carries a digest of its source.
ScriptLibrary DubanScripts();

}  // namespace duban::store
