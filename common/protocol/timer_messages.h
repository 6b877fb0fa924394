// API messages of the working calendar and the timers (duban.calendar, duban.timers): the years
// the broker counts working days on, the re-plan of the timers counted on them, and one
// suggestion's timers as the store keeps them; and the timers a role's outcome sets (TimerSpec,
// with its working-day TimerPlan). Included by messages.h, with api_messages.h; the
// same rules: one struct per message with its description under it (describe.h).
//
// Thread rules: plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/protocol/describe.h"

namespace duban::protocol {

// ---- the working calendar and the timers counted on it (duban.calendar) -----------------------

// action: status | replan. `replan` first reads the calendar files the broker's config names
// (jurisdiction.calendar_files, from the config file on disk), then re-plans, a page at a time,
// every pending working-day timer of each year that needs it (a year now loaded whose timers
// assumed it, or whose file changed since its timers were planned). With dry_run nothing changes:
// the changes are only listed, and the broker keeps its calendar. Without it the broker takes the
// new calendar, moves each timer whose due time changes (one `timer_replanned` entry on its
// suggestion's timeline) and marks each year done; running it again changes nothing.
struct CalendarRequest {
  std::string action = "status";
  bool dry_run = false;      // replan: list, change nothing
  std::string actor;         // replan without dry_run: who (the entries' actor is staff:<actor>)
  std::string cursor;        // replan: "" starts a run; then the reply's cursor ("YEAR:N")
  std::int64_t limit = 500;  // replan: suggestions looked at per page, 1..kMaxListLimit
};
DUBAN_DESCRIBE(CalendarRequest) {
  v("action", m.action, kOptional,
    "`status` (default) or `replan`");
  v("dry_run", m.dry_run, kOptional,
    "`replan`: list the changes, change nothing (default `false`)");
  v("actor", m.actor, kOptional,
    "≤ 200 bytes, UTF-8: the timeline entries' actor is `staff:<actor>`");
  v("cursor", m.cursor, kOptional,
    "`replan`: `\"\"` starts a run (default); then the reply's `cursor`, `YEAR:N`");
  v("limit", m.limit, kOptional,
    "`replan`: 1..1 000, default 500: suggestions of the year's index looked at per request (about: `SSCAN`'s count)");
}
struct CalendarYearStatus {
  std::int64_t year = 0;
  bool loaded = false;         // the broker's calendar has the year
  std::string source;          // the notice it comes from, when loaded
  std::int64_t suggestions = 0;  // with a working-day timer that read the year (an upper bound:
                                 // a re-plan of the year prunes those whose timers are gone)
  std::int64_t assumed = 0;      // pending working-day timers that judged it Monday to Friday
  bool replan_needed = false;    // loaded with assumed timers, or changed since they were planned
};
DUBAN_DESCRIBE(CalendarYearStatus) {
  v("year", m.year, kRequired,
    "the calendar year");
  v("loaded", m.loaded, kRequired,
    "the calendar has the year");
  v("source", m.source, kOptional,
    "the notice it was copied from (`source` of its file); `\"\"` when not loaded (optional when decoding)");
  v("suggestions", m.suggestions, kRequired,
    "suggestions with a pending working-day timer whose due time read the year — an upper bound: the index keeps a suggestion until a re-plan of the year finds its timers gone");
  v("assumed", m.assumed, kRequired,
    "pending working-day timers that judged the year Monday to Friday (no file when they were planned); exact");
  v("replan_needed", m.replan_needed, kOptional,
    "loaded with assumed timers, or its file changed since its timers were planned (optional when decoding)");
}
struct TimerChange {
  std::string code;
  std::string timer;  // the timer's name
  Millis old_due_ms = 0;
  Millis new_due_ms = 0;  // never before the replan's domain "now": a past date fires at once
  std::string rule;       // e.g. "next working day from 2027-01-28"
};
DUBAN_DESCRIBE(TimerChange) {
  v("code", m.code, kRequired,
    "the suggestion and the timer's name");
  v("timer", m.timer, kRequired,
    "the suggestion and the timer's name");
  v("old_due_ms", m.old_due_ms, kTime,
    "the due time it had, domain ms");
  v("new_due_ms", m.new_due_ms, kTime,
    "domain ms; `new_due_ms` is never before the broker's domain now (a date that has passed fires at once)");
  v("rule", m.rule, kOptional,
    "e.g. `next working day from 2027-01-30`, `3rd working day after 2026-12-30` (optional when decoding)");
}
struct CalendarReply {
  std::vector<std::int64_t> loaded;        // the years of the broker's calendar (after a replan:
                                           // of the one it read; with dry_run not taken)
  std::vector<CalendarYearStatus> years;   // every year with an index, a mark or a file
  std::vector<std::int64_t> replanning;    // replan: the years this run still has to do
  std::vector<TimerChange> changes;        // replan: this page's (applied unless dry_run)
  bool dry_run = false;
  std::string cursor;        // replan: the next page's cursor; "" when the run is complete
  std::int64_t scanned = 0;  // replan: planned timers looked at in this page (of its suggestions)
  std::int64_t skipped = 0;  // replan: timers set again or fired while the page was decided
};
DUBAN_DESCRIBE(CalendarReply) {
  v("loaded", m.loaded, kRequired,
    "the years of the broker's calendar; after a `replan` request, of the calendar it read (with `dry_run`: read, not taken)");
  v("years", m.years, kRequired,
    "`CalendarYearStatus`, ascending: every loaded year and every year with pending planned timers or a re-plan mark");
  v("replanning", m.replanning, kOptional,
    "the years that still need a re-plan (optional when decoding)");
  v("changes", m.changes, kOptional,
    "`replan`: this page's `TimerChange`s, applied unless `dry_run` (optional when decoding)");
  v("dry_run", m.dry_run, kOptional,
    "as asked (optional when decoding)");
  v("cursor", m.cursor, kOptional,
    "`replan`: the next request's cursor; `\"\"` when the run is complete (optional when decoding)");
  v("scanned", m.scanned, kOptional,
    "`replan`: planned timers of this page's suggestions looked at (optional when decoding)");
  v("skipped", m.skipped, kOptional,
    "`replan`: timers set again or fired between the look and the move, left alone (optional when decoding)");
}

// ---- a suggestion's timers (duban.timers) ------------------------------------------------------

// Every timer a suggestion has, as the store keeps them (docs/redis-schema.md, "Timers"): the
// pending ones with their due time, then the fired ones with the task each became and what that
// task is doing. Staff use it to answer "when is the next reminder?" and "did it go out?".
struct TimersRequest {
  std::string code;
};
DUBAN_DESCRIBE(TimersRequest) {
  v("code", m.code, kRequired,
    "the tracking code; 1..64 bytes without braces, `:`, `|` or spaces");
}
struct TimerRow {
  std::string name;        // e.g. "reply.remind.30d"
  std::string service;     // the worker service it fires to
  std::string kind;        // what that service is asked to do
  std::string state;       // "pending" | "fired" | "unreadable"
  Millis due_ms = 0;       // pending: when it fires (domain time); otherwise 0
  bool planned = false;    // counted in working days (its due time moves with the calendar)
  std::string task_id;     // fired: the task it became
  std::string task_state;  // fired: queued | leased | scheduled | dead, "" once done
};
DUBAN_DESCRIBE(TimerRow) {
  v("name", m.name, kRequired,
    "the timer's name, unique per suggestion, e.g. `reply.remind.30d`, `sign.overdue.jyj`, `decision.return.czj`");
  v("service", m.service, kRequired,
    "the worker service it fires to, e.g. `reminder` (`\"\"` when `unreadable`)");
  v("kind", m.kind, kRequired,
    "what that service is asked to do, e.g. `remind`");
  v("state", m.state, kRequired,
    "`pending` (waits for `due_ms`), `fired` (became `task_id`), or `unreadable` (a value edited by hand: never fires, `dubanctl check` reports the suggestion)");
  v("due_ms", m.due_ms, kOptional | kTime,
    "`pending`: when it fires, domain ms; `0` otherwise");
  v("planned", m.planned, kOptional,
    "counted in working days: a `duban.calendar` re-plan may move it (default `false`)");
  v("task_id", m.task_id, kOptional,
    "`fired`: the task it became (`T<CODE>.<NAME>.<seq>`)");
  v("task_state", m.task_state, kOptional,
    "`fired`: that task's state, `queued`, `leased`, `scheduled` (waiting to be retried) or `dead` (a dead letter); `\"\"` once it is done");
}
struct TimersReply {
  std::string code;
  std::vector<TimerRow> timers;  // pending by due time, then the others by name
};
DUBAN_DESCRIBE(TimersReply) {
  v("code", m.code, kRequired,
    "as asked");
  v("timers", m.timers, kRequired,
    "`TimerRow`s: the pending ones by due time, then the others by name (a handful per deadline, five per unit, two per commitment)");
}

// A timer an outcome sets: when it is due (domain time), a task of `kind` for the same suggestion
// is queued for `service`. Its name is unique per suggestion: setting it again moves it, and a later
// outcome can cancel it by name (a reply cancels the reminders it makes pointless).
//
// A timer counted in working days carries the rule that produced its due time
// (docs/domain.md#each-deadline-keeps-its-rule), so that a new or corrected calendar year can move
// it (common/timer_plan.h computes the due time from it; `dubanctl calendar replan`).
struct TimerPlan {
  std::string rule;         // "next_working_day" | "working_days_after"
  std::string base;         // YYYY-MM-DD: the local date the count starts from
  std::int64_t n = 0;       // working_days_after: the n-th working day after base (1..366);
                            // next_working_day: 0 (base itself if a working day, else the next)
  std::int64_t minute = 0;  // 0..1439: the minute of that local day the timer is due
};
DUBAN_DESCRIBE(TimerPlan) {
  v("rule", m.rule, kRequired,
    "\"next_working_day\" | \"working_days_after\"");
  v("base", m.base, kRequired,
    "YYYY-MM-DD: the local date the count starts from");
  v("n", m.n, kRequired,
    "working_days_after: the n-th working day after base (1..366);");
  v("minute", m.minute, kRequired,
    "0..1439: the minute of that local day the timer is due");
}

struct TimerSpec {
  std::string name;     // [A-Za-z0-9._-]{1,64}, e.g. "reply.remind.30d"
  std::string service;  // the role that gets the task, e.g. "reminder"
  std::string kind;     // the task kind, e.g. "remind"
  Millis due_ms = 0;
  Millis priority_ms = 0;  // queue order once due (earliest deadline first); 0 = due_ms
  std::string payload;     // opaque to the broker; handed back in TaskMessage.payload
  // Working-day timers only: the rule due_ms comes from. The broker computes due_ms from it again
  // with its own calendar (broker/timer_plans.h) and stores it with the timer.
  std::optional<TimerPlan> plan;
  // Filled by the broker from `plan` (never on the wire, like Notice::webhook): the calendar
  // years the computation read, and those of them the calendar lacks (judged Monday to Friday).
  std::vector<std::int64_t> plan_years;
  std::vector<std::int64_t> assumed_years;
};
DUBAN_DESCRIBE(TimerSpec) {
  v("name", m.name, kRequired,
    "[A-Za-z0-9._-]{1,64}, e.g. \"reply.remind.30d\"");
  v("service", m.service, kRequired,
    "the role that gets the task, e.g. \"reminder\"");
  v("kind", m.kind, kRequired,
    "the task kind, e.g. \"remind\"");
  v("due_ms", m.due_ms, kTime,
    "domain time it is due");
  v("priority_ms", m.priority_ms, kOptional | kTime,
    "queue order once due (earliest deadline first); 0 = due_ms");
  v("payload", m.payload, kOptional | kAnyBytes,
    "opaque to the broker; handed back in TaskMessage.payload");
  v("plan", m.plan, kOmitEmpty,
    "working-day timers: the rule `due_ms` comes from (`TimerPlan`); the broker computes `due_ms` from it again with its own calendar");
  v("plan_years", m.plan_years, kNotOnWire,
    "filled by the broker: the calendar years the plan's computation read");
  v("assumed_years", m.assumed_years, kNotOnWire,
    "filled by the broker: those of them the calendar lacks");
}

}  // namespace duban::protocol
