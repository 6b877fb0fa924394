// TimerScripts: the Lua scripts that fire and set timers — pump (due timers and due retries into
// their queues) and set_timers (staff tools and benchmarks set timers as an outcome would).
// scripts.cc loads them with the shared prelude, whose set_timer and cancel_timer steps every
// outcome uses too; docs/redis-schema.md ("P:timers", "P:tm:{CODE}") describes the keys.
#pragma once

namespace duban::store {

// ARGV: prefix now limit which ('timers' | 'retries'). Returns {moved, next_due_ms or -1,
// {services}, {lateness_ms of each moved entry}}.
extern const char* const kPump;

// ARGV: prefix now code n {name service kind due_ms priority_ms payload plan years assumed}*n
// (plan: the stored form of common/timer_plan.h or ''; years, assumed: comma-separated). Returns n.
extern const char* const kSetTimers;

}  // namespace duban::store
