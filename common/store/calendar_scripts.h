// CalendarScripts: the Lua behind working-day timers' calendar indexes and duban.calendar
// (`dubanctl calendar status|replan`): the index steps every script shares (CalendarPreludeLua:
// set_timer, cancel_timer and pump keep the indexes with them), how many timers wait on each
// year, one page of the suggestions a year may concern with their planned timers, the moves (with
// their audit entries), and the mark that a year was re-planned. scripts.cc loads them with the
// shared prelude; docs/redis-schema.md ("The working calendar") describes the keys.
#pragma once

#include <string>

namespace duban::store {

// Lua defining CAL_YEARS, cal_touch(year), cal_assumed(year), plan_index(code, member, years,
// assumed) and plan_unindex(member, value); inserted in the prelude before set_timer.
std::string CalendarPreludeLua();

// ARGV: prefix. Read only. Returns {{year, suggestions, assumed, fingerprint}...} for every year
// that has an index or a re-plan mark, ascending: suggestions = members of cal:touch:YEAR (codes
// with a planned timer that read the year; an upper bound, pruned by re-plans), assumed = pending
// timers that judged the year Monday to Friday (exact), fingerprint = the calendar year's at its
// last re-plan ('' never; '-' the year was missing).
extern const char* const kCalStatus;

// ARGV: prefix year cursor count. Read only. One SSCAN page of cal:touch:YEAR: {next_cursor,
// {codes...}, {{code, name, plan, due, assumed}...}} — every pending planned timer of those codes
// (assumed comma-separated), whether or not it read YEAR: the broker decides.
extern const char* const kCalScan;

// ARGV: prefix now year actor n {member plan old_due new_due years assumed note}*n m {code}*m.
// Moves each timer still pending with the same plan and due time: new due time, new assumed years
// (exact index), its code added to cal:touch of each year it reads now and, when the due time
// changes, one `timer_replanned` audit entry (note) on its suggestion. Then drops from
// cal:touch:YEAR each of the m codes that has no pending planned timer with a base date in YEAR-2
// to YEAR (none can read YEAR). Returns {{per move 'moved' | 'reindexed' (due unchanged) |
// 'changed' (set again, fired or cancelled meanwhile: left alone)}, codes dropped}.
extern const char* const kCalReplan;

// ARGV: prefix mode ('set' | 'nx') n {year fingerprint}*n. 'set' records that every timer of each
// year was re-planned against the calendar year with that fingerprint; 'nx' records a year only
// when it has no mark yet (the broker's calendar at start: the edition its timers are planned
// with). Returns how many marks were written.
extern const char* const kCalMark;

}  // namespace duban::store
