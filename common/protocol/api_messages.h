// API messages of closing the loop (replies, evaluations, close-out, public status), the audit
// chain and the invariant checker, the directors' meeting agenda (meetings, hot items, bundles)
// and reports: the duban.* services beyond the core ones of messages.h, which includes this file.
// Same rules as messages.h: one struct per message, wire names are the snake_case field names, and
// the codec (codec.h) is the only code that turns them into bytes. See docs/protocol.md.
//
// Thread rules: plain value types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"

namespace duban::protocol {

// ---- closing the loop: the API -----------------------------------------------------------------

struct CommitmentDraft {
  std::string text;
  std::string due;  // YYYY-MM-DD
};

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

// The lead deputy evaluates the latest reply (duban.evaluate); staff may record it for the deputy
// (actor "staff:<name>").
struct EvaluateRequest {
  std::string code;
  std::string deputy;        // the lead deputy's id: must match the suggestion's
  std::string actor;         // "" = the deputy
  std::string satisfaction;  // a level code: satisfied | basic | dissatisfied by default
  std::string reasons;
};

// Staff close out (销号) one commitment, or (commitment "") the whole follow-up; staff record a
// look-back round (回头看) with duban.lookback (commitment and basis unused, note in basis).
struct CloseoutRequest {
  std::string code;
  std::string commitment;
  std::string basis;
  std::string actor;
};

// The answer to duban.reply, duban.evaluate, duban.closeout and duban.lookback.
struct HandlingReply {
  std::string code;
  std::string state;
  std::int64_t version = 0;
  std::int64_t round = 0;  // the reply round concerned
};

// The public progress of one matter by its code (duban.status, 一事一码): only public fields —
// never the deputy, the text of the suggestion or of a reply, or anything not listed here.
struct PublicStatusRequest {
  std::string code;
};
struct PublicUnit {
  std::string name;  // the unit's name (e.g. 市教育局)
  std::string role;  // lead | co
};
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

// Verifies the audit chain of one suggestion, or of all of them a page at a time (duban.verify).
// Exactly one of code and all. Cursors are positions in submission order; 0 starts, and a reply
// cursor of 0 means the scan is complete (as Redis SCAN).
struct VerifyRequest {
  std::string code;
  bool all = false;
  std::int64_t cursor = 0;  // all: where this page starts
  std::int64_t limit = 100; // all: suggestions per page, 1..kMaxListLimit
};
struct ChainResult {
  std::string code;
  bool ok = false;
  std::int64_t entries = 0;     // entries in the stored list
  std::int64_t bad_index = -1;  // the first entry found wrong (0-based), -1 when ok
  std::string problem;  // "" | entry_changed | entry_missing | entries_reordered |
                        // entry_unchained | head_mismatch
  std::string detail;   // for people
};
struct VerifyReply {
  std::vector<ChainResult> results;
  std::int64_t cursor = 0;  // next page's cursor; 0 when done (always 0 for one code)
  std::int64_t total = 0;   // suggestions in the store
};

// Lists open suggestions that nothing is waiting on (duban.check), a page at a time.
struct CheckRequest {
  std::int64_t cursor = 0;
  std::int64_t limit = 500;  // suggestions scanned per page, 1..kMaxListLimit
};
struct StuckSuggestion {
  std::string code;
  std::string state;
  std::string last_action;  // the last audit entry's action ("" when there is none)
  Millis last_at_ms = 0;    // and its time (domain)
  std::string why;          // "no task, no timer" | "dead letter: <reason>"
  std::string dead_service; // the dead task, for `dubanctl dlq replay` ("" when none)
  std::string dead_task;
};
struct CheckReply {
  std::vector<StuckSuggestion> stuck;
  std::int64_t cursor = 0;   // next page's cursor; 0 when done
  std::int64_t scanned = 0;  // suggestions looked at in this page
  std::int64_t total = 0;    // suggestions in the store
};

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
struct CalendarYearStatus {
  std::int64_t year = 0;
  bool loaded = false;         // the broker's calendar has the year
  std::string source;          // the notice it comes from, when loaded
  std::int64_t suggestions = 0;  // with a working-day timer that read the year (an upper bound:
                                 // a re-plan of the year prunes those whose timers are gone)
  std::int64_t assumed = 0;      // pending working-day timers that judged it Monday to Friday
  bool replan_needed = false;    // loaded with assumed timers, or changed since they were planned
};
struct TimerChange {
  std::string code;
  std::string timer;  // the timer's name
  Millis old_due_ms = 0;
  Millis new_due_ms = 0;  // never before the replan's domain "now": a past date fires at once
  std::string rule;       // e.g. "next working day from 2027-01-28"
};
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

// ---- directors' meeting agenda (主任会议议程), hot items, bundles ----------------------------

// Meeting dates of the directors' meeting (主任会议), from config ([meetings] dates) and set by
// staff (duban.meeting). action: list | add | remove (remove: staff-set dates only).
struct MeetingRequest {
  std::string action = "list";
  std::string date;  // add, remove: YYYY-MM-DD
  std::string actor;
};
struct MeetingDate {
  std::string date;
  std::string source;  // "config" | "staff"
};
struct MeetingReply {
  std::vector<MeetingDate> dates;  // ascending, each date once (config wins over staff)
  std::string next;                // the first date on or after today (domain clock); "" = none
};

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
// Why an item is on the agenda; each placement adds one (once per key).
struct AgendaReason {
  std::string key;   // e.g. "reply_overdue:2026-05-10", "hot", "S2026-00002/hot"
  std::string text;  // for people, e.g. "逾期15日未答复"
  Millis at_ms = 0;
  std::string by;    // who placed it: "worker:escalation", "staff:wang"
};
// A suggestion on the agenda, or a member of a bundle.
struct AgendaMember {
  std::string code;
  std::string title;
  std::string state;
  std::string lead_unit;
};
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
struct AgendaReply {
  std::string meeting;  // the meeting shown; "" when no meeting is scheduled
  std::vector<AgendaItem> items;
};

// Hot and difficult items (热点难点, duban.hot). action: list | mark | unmark.
struct HotRequest {
  std::string action = "list";
  std::string code;    // mark, unmark
  std::string reason;  // mark: why (required)
  std::string actor;   // mark, unmark
};
struct HotMark {
  std::string code;
  std::string title;
  std::string reason;
  std::string actor;
  Millis at_ms = 0;
};
// A suggestion a rule proposes as hot; staff decide by marking it.
struct HotProposal {
  std::string code;
  std::string title;
  std::vector<std::string> rules;  // e.g. "co_signers>=10 (12)", "same_topic>=5 (环保/垃圾分类: 6)"
};
struct HotReply {
  std::vector<HotMark> marked;
  std::vector<HotProposal> proposals;
  std::int64_t scanned = 0;  // suggestions the rules looked at (hot.scan_limit newest)
};

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
struct Bundle {
  std::string id;
  std::string topic;
  std::string lead_unit;
  std::string supervisor;
  Millis created_ms = 0;
  std::string created_by;
  std::vector<AgendaMember> members;
};
struct BundleReply {
  std::vector<Bundle> bundles;
};

// Handling-performance figures per lead unit and overall (duban.report; docs/reports.md defines
// every figure). The scope is a session (suggestion.draft.session) or a range of assignment dates
// (交办日期, local dates of the jurisdiction, both ends included): exactly one of them.
struct ReportRequest {
  std::string session;  // e.g. "2026"
  std::string from;     // YYYY-MM-DD; with `to`
  std::string to;       // YYYY-MM-DD; with `from`, not before it
  std::string unit;     // "" = every lead unit; else only that unit's row (overall stays overall)
};
// How many suggestions of a row have one result class or satisfaction level, with its name.
struct ReportCount {
  std::string code;  // "A", "satisfied"; a code no longer in config keeps its code as name
  std::string name;  // "已解决或基本解决", "满意"
  std::int64_t count = 0;
};
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
struct ReportReply {
  std::string session;  // the scope, echoed
  std::string from;
  std::string to;
  ReportRow overall;
  std::vector<ReportRow> units;  // by unit id
  std::int64_t scanned = 0;      // suggestions read from the store to build it
  Millis generated_ms = 0;       // domain time the figures were taken
};

}  // namespace duban::protocol
