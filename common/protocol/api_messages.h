// API messages of closing the loop (replies, evaluations, close-out, public status), the audit
// chain and the invariant checker, the directors' meeting agenda (meetings, hot items, bundles)
// and reports: the duban.* services beyond the core ones of messages.h, which includes this file.
// Same rules as messages.h: one struct per message with its description under it (describe.h),
// from which the codec, the JSON views and docs/protocol.md's field tables are made.
//
// Thread rules: plain value types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/protocol/describe.h"

namespace duban::protocol {

// ---- closing the loop: the API -----------------------------------------------------------------

struct CommitmentDraft {
  std::string text;
  std::string due;  // YYYY-MM-DD
};
DUBAN_DESCRIBE(CommitmentDraft) {
  v("text", m.text, kRequired,
    "what is promised: ≤ 2 000 bytes, UTF-8");
  v("due", m.due, kRequired,
    "YYYY-MM-DD");
}

// The lead unit replies (duban.reply).
struct ReplyRequest {
  std::string code;
  std::string unit;
  std::string actor;
  std::string result_class;
  std::string text;
  std::string signer;
  std::vector<CommitmentDraft> commitments;
};
DUBAN_DESCRIBE(ReplyRequest) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("unit", m.unit, kRequired,
    "the lead unit (主办): it must have a task on the suggestion (not `REASSIGNED`) with role `lead`");
  v("actor", m.actor, kRequired,
    "1..200 bytes; the audit actor is `unit:<unit>/<actor>`");
  v("result_class", m.result_class, kRequired,
    "a code of the configured `[[result_class]]` tables (default `A` 已解决或基本解决, `B` 正在解决或列入计划逐步解决, `C` 因条件限制暂时无法解决, `D` 留作参考)");
  v("text", m.text, kRequired,
    "1..30 000 bytes (`kMaxReplyTextBytes`), UTF-8: the reply; never shown by `duban.status`");
  v("signer", m.signer, kOptional,
    "≤ 200 bytes: who signed it (签发人); an empty signer is refused by the rules");
  v("commitments", m.commitments, kOptional,
    "≤ 20 `CommitmentDraft`s (`kMaxCommitmentsPerReply`): `text` (str, required, 1..2 000 bytes, `kMaxBasisBytes`), `due` (str, required, `YYYY-MM-DD`, not before today's local date)");
}

// The lead deputy evaluates the latest reply (duban.evaluate); staff may record it for the deputy
// (actor "staff:<name>").
struct EvaluateRequest {
  std::string code;
  std::string deputy;        // the lead deputy's id: must match the suggestion's
  std::string actor;         // "" = the deputy
  std::string satisfaction;  // a level code: satisfied | basic | dissatisfied by default
  std::string reasons;
};
DUBAN_DESCRIBE(EvaluateRequest) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("deputy", m.deputy, kRequired,
    "the lead deputy's id; must equal the suggestion's `draft.deputy.id`");
  v("actor", m.actor, kOptional,
    "≤ 200 bytes; the audit actor **as given** (e.g. `staff:wang` when staff record the evaluation for the deputy); `\"\"` (default) = `deputy:<deputy>`");
  v("satisfaction", m.satisfaction, kRequired,
    "a level of the configured `[[satisfaction]]` tables, by code or by name (default `satisfied` 满意, `basic` 基本满意, `dissatisfied` 不满意)");
  v("reasons", m.reasons, kOptional,
    "≤ 6 000 bytes, UTF-8: the deputy's reasons; required for a level that is not `accepted` (不满意)");
}

// Staff close out (销号) one commitment, or (commitment "") the whole follow-up; staff record a
// look-back round (回头看) with duban.lookback (commitment and basis unused, note in basis).
struct CloseoutRequest {
  std::string code;
  std::string commitment;
  std::string basis;
  std::string actor;
};
DUBAN_DESCRIBE(CloseoutRequest) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("commitment", m.commitment, kOptional,
    "`duban.closeout`: the commitment id (`r1c2`), or `\"\"` for the whole follow-up; unused by `duban.lookback`");
  v("basis", m.basis, kRequired,
    "the close-out basis (销号依据), or the look-back's note: ≤ 2 000 bytes");
  v("actor", m.actor, kRequired,
    "staff: 1..200 bytes, recorded as `staff:<actor>`");
}

// The answer to duban.reply, duban.evaluate, duban.closeout and duban.lookback.
struct HandlingReply {
  std::string code;
  std::string state;
  std::int64_t version = 0;
  std::int64_t round = 0;  // the reply round concerned
};
DUBAN_DESCRIBE(HandlingReply) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("state", m.state, kRequired,
    "the suggestion's state now");
  v("version", m.version, kRequired,
    "its new version");
  v("round", m.round, kRequired,
    "the latest reply round of the record (the one concerned); `0` when there is none");
}

// The public progress of one matter by its code (duban.status, 一事一码): only public fields —
// never the deputy, the text of the suggestion or of a reply, or anything not listed here.
struct PublicStatusRequest {
  std::string code;
};
DUBAN_DESCRIBE(PublicStatusRequest) {
  v("code", m.code, kRequired,
    "the tracking code: ≤ 200 bytes");
}
struct PublicUnit {
  std::string name;  // the unit's name (e.g. 市教育局)
  std::string role;  // lead | co
};
DUBAN_DESCRIBE(PublicUnit) {
  v("name", m.name, kRequired,
    "the unit's name (e.g. 市教育局)");
  v("role", m.role, kRequired,
    "lead | co");
}
struct PublicStatus {
  std::string code;
  std::string session;
  std::string state;             // e.g. IN_HANDLING
  std::string state_label;       // e.g. 办理中
  std::vector<PublicUnit> units;
  std::string deadline;          // YYYY-MM-DD, "" before assignment
  std::string reply_date;        // the latest reply's date, "" before
  std::string result_class;      // of the latest reply: code and name, e.g. "A 已解决或基本解决"
  std::string satisfaction;      // of the latest evaluated reply: e.g. 满意, "" before
  std::int64_t rounds = 0;       // replies so far (2 after a re-handling)
};
DUBAN_DESCRIBE(PublicStatus) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("session", m.session, kRequired,
    "the session (year) it was filed in");
  v("state", m.state, kRequired,
    "e.g. IN_HANDLING");
  v("state_label", m.state_label, kRequired,
    "e.g. 办理中");
  v("units", m.units, kRequired,
    "`PublicUnit`s: the handling units by name, lead first");
  v("deadline", m.deadline, kRequired,
    "YYYY-MM-DD, \"\" before assignment");
  v("reply_date", m.reply_date, kRequired,
    "the latest reply's date, \"\" before");
  v("result_class", m.result_class, kRequired,
    "of the latest reply: code and name, e.g. \"A 已解决或基本解决\"");
  v("satisfaction", m.satisfaction, kRequired,
    "of the latest evaluated reply: e.g. 满意, \"\" before");
  v("rounds", m.rounds, kRequired,
    "replies so far (2 after a re-handling)");
}

// Verifies the audit chain of one suggestion, or of all of them a page at a time (duban.verify).
// Exactly one of code and all. Cursors are positions in submission order; 0 starts, and a reply
// cursor of 0 means the scan is complete (as Redis SCAN).
struct VerifyRequest {
  std::string code;
  bool all = false;
  std::int64_t cursor = 0;  // all: where this page starts
  std::int64_t limit = 100; // all: suggestions per page, 1..kMaxListLimit
};
DUBAN_DESCRIBE(VerifyRequest) {
  v("code", m.code, kOptional,
    "≤ 200 bytes: verify this suggestion");
  v("all", m.all, kOptional,
    "`true`: verify every suggestion, a page at a time");
  v("cursor", m.cursor, kOptional,
    "≥ 0, default 0: where the page starts (rank in submission order); pass the reply's `cursor` for the next page");
  v("limit", m.limit, kOptional,
    "1..1 000, default 100: suggestions per page (`all` only)");
}
struct ChainResult {
  std::string code;
  bool ok = false;
  std::int64_t entries = 0;     // entries in the stored list
  std::int64_t bad_index = -1;  // the first entry found wrong (0-based), -1 when ok
  std::string problem;  // "" | entry_changed | entry_missing | entries_reordered |
                        // entry_unchained | head_mismatch
  std::string detail;   // for people
};
DUBAN_DESCRIBE(ChainResult) {
  v("code", m.code, kRequired,
    "tracking code");
  v("ok", m.ok, kRequired,
    "the chain and the head are intact");
  v("entries", m.entries, kOptional,
    "entries in the stored list (optional when decoding)");
  v("bad_index", m.bad_index, kOptional,
    "the first entry found wrong, from 0; `-1` when ok (optional when decoding)");
  v("problem", m.problem, kOptional,
    "`\"\"` when ok; `entry_changed`, `entry_missing`, `entries_reordered`, `entry_unchained` (an entry without `prev`, e.g. written before the chain existed), `head_mismatch` (optional when decoding)");
  v("detail", m.detail, kOptional,
    "for people, e.g. `an entry before entry 1 was removed (the list holds 4 of 5 entries)` (optional when decoding)");
}
struct VerifyReply {
  std::vector<ChainResult> results;
  std::int64_t cursor = 0;  // next page's cursor; 0 when done (always 0 for one code)
  std::int64_t total = 0;   // suggestions in the store
};
DUBAN_DESCRIBE(VerifyReply) {
  v("results", m.results, kRequired,
    "one `ChainResult` per suggestion verified, in submission order");
  v("cursor", m.cursor, kRequired,
    "the next page's cursor; `0` when the scan is complete (always `0` for one `code`)");
  v("total", m.total, kOptional,
    "suggestions in the store (optional when decoding)");
}

// Lists open suggestions that nothing is waiting on (duban.check), a page at a time.
struct CheckRequest {
  std::int64_t cursor = 0;
  std::int64_t limit = 500;  // suggestions scanned per page, 1..kMaxListLimit
};
DUBAN_DESCRIBE(CheckRequest) {
  v("cursor", m.cursor, kOptional,
    "≥ 0, default 0: where the page starts; pass the reply's `cursor` for the next page");
  v("limit", m.limit, kOptional,
    "1..1 000, default 500: suggestions scanned per page");
}
struct StuckSuggestion {
  std::string code;
  std::string state;
  std::string last_action;  // the last audit entry's action ("" when there is none)
  Millis last_at_ms = 0;    // and its time (domain)
  std::string why;          // "no task, no timer" | "dead letter: <reason>"
  std::string dead_service; // the dead task, for `dubanctl dlq replay` ("" when none)
  std::string dead_task;
};
DUBAN_DESCRIBE(StuckSuggestion) {
  v("code", m.code, kRequired,
    "tracking code");
  v("state", m.state, kRequired,
    "its state");
  v("last_action", m.last_action, kOptional,
    "the action of its last audit entry (`(unreadable entry)` when that entry does not decode); optional when decoding");
  v("last_at_ms", m.last_at_ms, kOptional | kTime,
    "that entry's time, domain ms (optional when decoding)");
  v("why", m.why, kRequired,
    "`no task, no timer`, or `dead letter: <reason>` when a task for it is among the dead letters");
  v("dead_service", m.dead_service, kOptional,
    "that dead letter's service and task id, for `duban.dlq` replay; `\"\"` when none (optional when decoding)");
  v("dead_task", m.dead_task, kOptional,
    "that dead letter's service and task id, for `duban.dlq` replay; `\"\"` when none (optional when decoding)");
}
struct CheckReply {
  std::vector<StuckSuggestion> stuck;
  std::int64_t cursor = 0;   // next page's cursor; 0 when done
  std::int64_t scanned = 0;  // suggestions looked at in this page
  std::int64_t total = 0;    // suggestions in the store
};
DUBAN_DESCRIBE(CheckReply) {
  v("stuck", m.stuck, kRequired,
    "the stuck suggestions of this page, in submission order: `StuckSuggestion`");
  v("cursor", m.cursor, kRequired,
    "the next page's cursor; `0` when the scan is complete");
  v("scanned", m.scanned, kOptional,
    "suggestions looked at in this page (optional when decoding)");
  v("total", m.total, kOptional,
    "suggestions in the store (optional when decoding)");
}

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

// ---- directors' meeting agenda (主任会议议程), hot items, bundles ----------------------------

// Meeting dates of the directors' meeting (主任会议), from config ([meetings] dates) and set by
// staff (duban.meeting). action: list | add | remove (remove: staff-set dates only).
struct MeetingRequest {
  std::string action = "list";
  std::string date;  // add, remove: YYYY-MM-DD
  std::string actor;
};
DUBAN_DESCRIBE(MeetingRequest) {
  v("action", m.action, kRequired,
    "`list`, `add` or `remove`");
  v("date", m.date, kOptional,
    "add, remove: YYYY-MM-DD");
  v("actor", m.actor, kOptional,
    "add and remove: who (staff), 1..200 bytes");
}
struct MeetingDate {
  std::string date;
  std::string source;  // "config" | "staff"
};
DUBAN_DESCRIBE(MeetingDate) {
  v("date", m.date, kRequired,
    "the meeting's date, `YYYY-MM-DD`");
  v("source", m.source, kOptional,
    "\"config\" | \"staff\"");
}
struct MeetingReply {
  std::vector<MeetingDate> dates;  // ascending, each date once (config wins over staff)
  std::string next;                // the first date on or after today (domain clock); "" = none
};
DUBAN_DESCRIBE(MeetingReply) {
  v("dates", m.dates, kRequired,
    "ascending, each date once (config wins over staff)");
  v("next", m.next, kOptional,
    "the first date on or after today (domain clock); \"\" = none");
}

// The agenda (duban.agenda). action: show | lead (set the leading director, 领衔督办) | resolve.
struct AgendaRequest {
  std::string action = "show";
  std::string meeting;  // show: the meeting date to show (default: the next meeting)
  bool all = false;     // show: resolved items too
  std::string id;       // lead, resolve: the item (a suggestion code or a bundle id)
  std::string director; // lead: the director's name
  std::string note;     // resolve: why (required)
  std::string actor;    // lead, resolve: the staff member
};
DUBAN_DESCRIBE(AgendaRequest) {
  v("action", m.action, kRequired,
    "`show`, `lead` or `resolve`");
  v("meeting", m.meeting, kOptional,
    "show: the meeting date to show (default: the next meeting)");
  v("all", m.all, kOptional,
    "show: resolved items too");
  v("id", m.id, kOptional,
    "lead, resolve: the item (a suggestion code or a bundle id)");
  v("director", m.director, kOptional,
    "lead: the director's name");
  v("note", m.note, kOptional,
    "resolve: why (required)");
  v("actor", m.actor, kOptional,
    "lead, resolve: the staff member");
}
// Why an item is on the agenda; each placement adds one (once per key).
struct AgendaReason {
  std::string key;   // e.g. "reply_overdue:2026-05-10", "hot", "S2026-00002/hot"
  std::string text;  // for people, e.g. "逾期15日未答复"
  Millis at_ms = 0;
  std::string by;    // who placed it: "worker:escalation", "staff:wang"
};
DUBAN_DESCRIBE(AgendaReason) {
  v("key", m.key, kRequired,
    "e.g. \"reply_overdue:2026-05-10\", \"hot\", \"S2026-00002/hot\"");
  v("text", m.text, kOptional,
    "for people, e.g. \"逾期15日未答复\"");
  v("at_ms", m.at_ms, kOptional | kTime,
    "domain time the reason was added");
  v("by", m.by, kOptional,
    "who placed it: \"worker:escalation\", \"staff:wang\"");
}
// A suggestion on the agenda, or a member of a bundle.
struct AgendaMember {
  std::string code;
  std::string title;
  std::string state;
  std::string lead_unit;
};
DUBAN_DESCRIBE(AgendaMember) {
  v("code", m.code, kRequired,
    "a suggestion's tracking code");
  v("title", m.title, kOptional,
    "its title");
  v("state", m.state, kOptional,
    "its state");
  v("lead_unit", m.lead_unit, kOptional,
    "its lead unit");
}
struct AgendaItem {
  std::string id;    // a suggestion code, or a bundle id (B0001)
  std::string kind;  // "suggestion" | "bundle"
  std::string title; // the suggestion's title or the bundle's topic
  std::string lead_unit;
  std::string supervisor;  // bundles: the supervisor; "" for a suggestion
  std::vector<AgendaReason> reasons;
  Millis placed_ms = 0;
  std::string placed_by;
  std::string director;  // 领衔督办; "" = not set yet
  std::string state;     // OPEN | RESOLVED
  Millis resolved_ms = 0;
  std::string resolved_by;
  std::string note;  // the resolution note
  std::int64_t meetings = 0;  // meetings it has been on, up to and including the one shown
  std::vector<AgendaMember> members;  // bundles: every member; a suggestion: itself
};
DUBAN_DESCRIBE(AgendaItem) {
  v("id", m.id, kRequired,
    "a suggestion code, or a bundle id (B0001)");
  v("kind", m.kind, kRequired,
    "\"suggestion\" | \"bundle\"");
  v("title", m.title, kOptional,
    "the suggestion's title or the bundle's topic");
  v("lead_unit", m.lead_unit, kOptional,
    "the lead unit");
  v("supervisor", m.supervisor, kOptional,
    "bundles: the supervisor; \"\" for a suggestion");
  v("reasons", m.reasons, kOptional,
    "`AgendaReason`s: why it is on the agenda, one per reason key");
  v("placed_ms", m.placed_ms, kOptional | kTime,
    "domain time it was placed");
  v("placed_by", m.placed_by, kOptional,
    "who or what placed it (an actor)");
  v("director", m.director, kOptional,
    "领衔督办; \"\" = not set yet");
  v("state", m.state, kRequired,
    "OPEN | RESOLVED");
  v("resolved_ms", m.resolved_ms, kOptional | kTime,
    "domain time it was resolved; 0 while open");
  v("resolved_by", m.resolved_by, kOptional,
    "who resolved it");
  v("note", m.note, kOptional,
    "the resolution note");
  v("meetings", m.meetings, kOptional,
    "meetings it has been on, up to and including the one shown");
  v("members", m.members, kOptional,
    "bundles: every member; a suggestion: itself");
}
struct AgendaReply {
  std::string meeting;  // the meeting shown; "" when no meeting is scheduled
  std::vector<AgendaItem> items;
};
DUBAN_DESCRIBE(AgendaReply) {
  v("meeting", m.meeting, kOptional,
    "the meeting shown; \"\" when no meeting is scheduled");
  v("items", m.items, kRequired,
    "the `AgendaItem`s");
}

// Hot and difficult items (热点难点, duban.hot). action: list | mark | unmark.
struct HotRequest {
  std::string action = "list";
  std::string code;    // mark, unmark
  std::string reason;  // mark: why (required)
  std::string actor;   // mark, unmark
};
DUBAN_DESCRIBE(HotRequest) {
  v("action", m.action, kRequired,
    "`list`, `mark` or `unmark`");
  v("code", m.code, kOptional,
    "mark, unmark");
  v("reason", m.reason, kOptional,
    "mark: why (required)");
  v("actor", m.actor, kOptional,
    "mark, unmark");
}
struct HotMark {
  std::string code;
  std::string title;
  std::string reason;
  std::string actor;
  Millis at_ms = 0;
};
DUBAN_DESCRIBE(HotMark) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("title", m.title, kOptional,
    "its title");
  v("reason", m.reason, kOptional,
    "why staff marked it hot");
  v("actor", m.actor, kOptional,
    "who marked it");
  v("at_ms", m.at_ms, kOptional | kTime,
    "domain time it was marked");
}
// A suggestion a rule proposes as hot; staff decide by marking it.
struct HotProposal {
  std::string code;
  std::string title;
  std::vector<std::string> rules;  // e.g. "co_signers>=10 (12)", "same_topic>=5 (环保/垃圾分类: 6)"
};
DUBAN_DESCRIBE(HotProposal) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("title", m.title, kOptional,
    "its title");
  v("rules", m.rules, kRequired,
    "e.g. \"co_signers>=10 (12)\", \"same_topic>=5 (环保/垃圾分类: 6)\"");
}
struct HotReply {
  std::vector<HotMark> marked;
  std::vector<HotProposal> proposals;
  std::int64_t scanned = 0;  // suggestions the rules looked at (hot.scan_limit newest)
};
DUBAN_DESCRIBE(HotReply) {
  v("marked", m.marked, kRequired,
    "the `HotMark`s staff made");
  v("proposals", m.proposals, kRequired,
    "the `HotProposal`s the hot rules found");
  v("scanned", m.scanned, kOptional,
    "suggestions the rules looked at (hot.scan_limit newest)");
}

// Bundled supervision (打捆督办, duban.bundle). action: create | add | remove | show | list.
struct BundleRequest {
  std::string action = "list";
  std::string id;          // add, remove, show
  std::string topic;       // create
  std::string lead_unit;   // create
  std::string supervisor;  // create
  std::vector<std::string> codes;  // create, add, remove
  std::string actor;       // create, add, remove
};
DUBAN_DESCRIBE(BundleRequest) {
  v("action", m.action, kRequired,
    "`list`, `show`, `create`, `add` or `remove`");
  v("id", m.id, kOptional,
    "add, remove, show");
  v("topic", m.topic, kOptional,
    "create");
  v("lead_unit", m.lead_unit, kOptional,
    "create");
  v("supervisor", m.supervisor, kOptional,
    "create");
  v("codes", m.codes, kOptional,
    "create, add, remove");
  v("actor", m.actor, kOptional,
    "create, add, remove");
}
struct Bundle {
  std::string id;
  std::string topic;
  std::string lead_unit;
  std::string supervisor;
  Millis created_ms = 0;
  std::string created_by;
  std::vector<AgendaMember> members;
};
DUBAN_DESCRIBE(Bundle) {
  v("id", m.id, kRequired,
    "the bundle id");
  v("topic", m.topic, kOptional,
    "its topic");
  v("lead_unit", m.lead_unit, kOptional,
    "the unit that leads the bundle");
  v("supervisor", m.supervisor, kOptional,
    "who supervises it (督办人)");
  v("created_ms", m.created_ms, kOptional | kTime,
    "domain time it was created");
  v("created_by", m.created_by, kOptional,
    "who created it");
  v("members", m.members, kOptional,
    "the `AgendaMember`s: its suggestions");
}
struct BundleReply {
  std::vector<Bundle> bundles;
};
DUBAN_DESCRIBE(BundleReply) {
  v("bundles", m.bundles, kRequired,
    "the `Bundle`s");
}

// Handling-performance figures per lead unit and overall (duban.report; docs/reports.md defines
// every figure). The scope is a session (suggestion.draft.session) or a range of assignment dates
// (交办日期, local dates of the jurisdiction, both ends included): exactly one of them.
struct ReportRequest {
  std::string session;  // e.g. "2026"
  std::string from;     // YYYY-MM-DD; with `to`
  std::string to;       // YYYY-MM-DD; with `from`, not before it
  std::string unit;     // "" = every lead unit; else only that unit's row (overall stays overall)
};
DUBAN_DESCRIBE(ReportRequest) {
  v("session", m.session, kOptional,
    "≤ 200 bytes: suggestions of this session (`draft.session`)");
  v("from", m.from, kOptional,
    "`YYYY-MM-DD`, a local date of the jurisdiction: first assignment date (交办) included");
  v("to", m.to, kOptional,
    "`YYYY-MM-DD`, not before `from`: last assignment date included");
  v("unit", m.unit, kOptional,
    "≤ 200 bytes; default `\"\"` = every lead unit. Else only that unit's row (zeros when it led nothing in scope); `overall` still covers the whole scope");
}
// How many suggestions of a row have one result class or satisfaction level, with its name.
struct ReportCount {
  std::string code;  // "A", "satisfied"; a code no longer in config keeps its code as name
  std::string name;  // "已解决或基本解决", "满意"
  std::int64_t count = 0;
};
DUBAN_DESCRIBE(ReportCount) {
  v("code", m.code, kRequired,
    "\"A\", \"satisfied\"; a code no longer in config keeps its code as name");
  v("name", m.name, kOptional,
    "\"已解决或基本解决\", \"满意\"");
  v("count", m.count, kRequired,
    "how many (≥ 0)");
}
// One lead unit's figures, or the overall ones (unit ""). Rates are numerator / denominator:
// reply = replied/assigned, on-time = on_time/replied, meeting = met/assigned,
// satisfaction = accepted/evaluated, solved = solved/replied.
struct ReportRow {
  std::string unit;              // unit id; "" for the overall row
  std::int64_t assigned = 0;     // suggestions in scope with this unit as lead (主办)
  std::int64_t replied = 0;      // of those, with at least one reply round
  std::int64_t on_time = 0;      // of the replied, whose first reply was on time
  std::int64_t met = 0;          // of the assigned, with a contact record (三见面) of the lead
  std::int64_t evaluated = 0;    // of the replied, with at least one evaluated round
  std::int64_t accepted = 0;     // of the evaluated, whose latest evaluation is an accepted level
  std::int64_t solved = 0;       // of the replied, whose latest reply's class counts as solved
  std::vector<ReportCount> by_class;         // replied, by the latest reply's class
  std::vector<ReportCount> by_satisfaction;  // evaluated, by the latest evaluation's level
};
DUBAN_DESCRIBE(ReportRow) {
  v("unit", m.unit, kOptional,
    "lead unit id; `\"\"` for `overall` (optional when decoding)");
  v("assigned", m.assigned, kRequired,
    "suggestions in scope it leads");
  v("replied", m.replied, kRequired,
    "of them, with at least one reply round — reply rate = replied / assigned");
  v("on_time", m.on_time, kRequired,
    "of the replied, whose first reply was on time — on-time rate = on_time / replied");
  v("met", m.met, kRequired,
    "of the assigned, with a contact record (三见面) of the lead unit — meeting rate = met / assigned");
  v("evaluated", m.evaluated, kRequired,
    "of the replied, with an evaluated round");
  v("accepted", m.accepted, kRequired,
    "of the evaluated, whose latest evaluation is an accepted level — satisfaction rate = accepted / evaluated");
  v("solved", m.solved, kRequired,
    "of the replied, whose latest reply's class is solved — solved rate = solved / replied");
  v("by_class", m.by_class, kOptional,
    "`{code, name, count}`: the replied by their latest reply's class, every configured class in config order (zeros included), then codes config no longer lists (optional when decoding)");
  v("by_satisfaction", m.by_satisfaction, kOptional,
    "`{code, name, count}`: the evaluated by their latest evaluation's level, likewise (optional when decoding)");
}
struct ReportReply {
  std::string session;  // the scope, echoed
  std::string from;
  std::string to;
  ReportRow overall;
  std::vector<ReportRow> units;  // by unit id
  std::int64_t scanned = 0;      // suggestions read from the store to build it
  Millis generated_ms = 0;       // domain time the figures were taken
};
DUBAN_DESCRIBE(ReportReply) {
  v("session", m.session, kOptional,
    "the scope, echoed (optional when decoding)");
  v("from", m.from, kOptional,
    "the scope, echoed (optional when decoding)");
  v("to", m.to, kOptional,
    "the scope, echoed (optional when decoding)");
  v("overall", m.overall, kRequired,
    "`ReportRow` over every suggestion in scope, `unit` `\"\"`");
  v("units", m.units, kRequired,
    "one `ReportRow` per lead unit, by unit id");
  v("scanned", m.scanned, kOptional,
    "suggestions the broker read to build it (optional when decoding)");
  v("generated_ms", m.generated_ms, kOptional | kTime,
    "when the figures were taken, domain ms (optional when decoding)");
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

}  // namespace duban::protocol
