// CalendarScripts: the Lua scripts behind duban.calendar (`dubanctl calendar status|replan`): the
// year indexes of planned timers, one page of the timers a calendar year may move, the move
// itself (with its audit entry) and the mark that a year was re-planned. scripts.cc loads them
// with the shared prelude, whose set_timer, cancel_timer and pump keep the indexes
// (plan_index); docs/redis-schema.md ("P:cal:*") describes the keys.
#pragma once

namespace duban::store {

// ARGV: prefix. Read only. Returns {{year, timers, assumed, fingerprint}...} for every year that
// has a touch index or a re-planned mark, ascending: timers = pending planned timers whose due
// time read that year, assumed = those that had to assume it, fingerprint = the calendar year's
// fingerprint at its last re-plan ('' never, '-' re-planned while the year was missing).
extern const char* const kCalStatus;

// ARGV: prefix year cursor count. Read only. One SSCAN page of cal:touch:YEAR: {next_cursor,
// {{member, plan, due, years, assumed}...}}; plan '' (and due '' when not in P:timers) for a
// member that is no longer a pending planned timer; years and assumed comma-separated.
extern const char* const kCalScan;

// ARGV: prefix now year actor n {member plan old_due new_due years assumed note}*n.
// Moves each timer that is still pending with the same plan and due time: its new due time and
// year indexes, and, when the due time changes, one `timer_replanned` audit entry (note) on its
// suggestion. Per item 'moved' | 'reindexed' (due unchanged, indexes updated) | 'changed' (set
// again or fired meanwhile: left alone) | 'gone' (not a pending planned timer: its entries in
// this year's indexes are removed).
extern const char* const kCalReplan;

// ARGV: prefix mode ('set' | 'nx') n {year fingerprint}*n. 'set' records that every timer of each
// year was re-planned against the calendar year with that fingerprint; 'nx' records a year only
// when it has no mark yet (the broker's calendar at start: the edition its timers are planned
// with). Returns how many marks were written.
extern const char* const kCalMark;

}  // namespace duban::store
