// Messages: every body that travels between clients, the broker and role workers, as typed structs.
// One struct per message, and under it its description (DUBAN_DESCRIBE, describe.h): each
// member's wire name, how it is read and written, and its meaning. The codec (codec.h), the JSON
// views (json_view.h) and the field tables of docs/protocol.md are made from the descriptions;
// checks beyond a field's type are the message's Validate (validate.h).
//
// Thread rules: plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/protocol/describe.h"
#include "common/protocol/agenda_messages.h"
#include "common/protocol/api_messages.h"
#include "common/protocol/handling_messages.h"
#include "common/protocol/ops_messages.h"
#include "common/protocol/request_messages.h"
#include "common/protocol/review_messages.h"
#include "common/protocol/session_messages.h"
#include "common/protocol/timer_messages.h"
#include "common/result.h"

namespace duban::protocol {

inline constexpr std::int64_t kProtocolVersion = 1;
// The most rows one list or dead-letter request may ask for: with the longest titles a reply stays
// well under the 1 MiB message limit (bug: a limit of 10000 made replies no client could read).
inline constexpr std::int64_t kMaxListLimit = 1000;

// The life of a suggestion (docs/domain.md#suggestion-states). Wire names are the enumerator
// names without the k, in upper snake case: "SUBMITTED", "IN_REVIEW", ...
enum class SuggestionState {
  kSubmitted,
  kInReview,
  kWithdrawn,
  kMerged,
  kReturnedForRework,
  kAccepted,
  kAssigned,
  kInHandling,
  kReplied,
  kEvaluated,
  kClosed,
  kRehandling,
  kFollowUp,
};
std::string_view StateName(SuggestionState s);
Result<SuggestionState> ParseState(std::string_view name);
inline std::string_view WireName(SuggestionState s) { return StateName(s); }
Status ParseWire(std::string_view name, SuggestionState* out);

// The role of a unit in handling one suggestion: lead (主办) or co-handler (协办).
enum class UnitRole { kLead, kCo };
std::string_view RoleName(UnitRole r);
Result<UnitRole> ParseRole(std::string_view name);
inline std::string_view WireName(UnitRole r) { return RoleName(r); }
Status ParseWire(std::string_view name, UnitRole* out);

struct Deputy {
  std::string id;
  std::string name;
  std::string contact;  // private: never shown by public queries
};
DUBAN_DESCRIBE(Deputy) {
  v("id", m.id, kRequired,
    "1..200 bytes; the audit actor is `deputy:<id>`");
  v("name", m.name, kRequired,
    "1..200 bytes");
  v("contact", m.contact, kOptional | kPrivate,
    "≤ 200 bytes; private");
}

// What a deputy submits.
struct SuggestionDraft {
  std::string title;
  std::string content;
  std::string category;
  std::vector<std::string> keywords;
  Deputy deputy;                        // the lead deputy (领衔代表)
  std::vector<std::string> co_signers;  // names of co-signing deputies (联名)
  std::string session;                  // e.g. "2026"
  std::vector<std::string> requests;    // the requests from the people it gathers (社情民意)
};
DUBAN_DESCRIBE(SuggestionDraft) {
  v("title", m.title, kRequired,
    "1..600 bytes, UTF-8 (every text of the draft: `<field> is not valid UTF-8` otherwise)");
  v("content", m.content, kRequired,
    "1..60 000 bytes");
  v("category", m.category, kOptional,
    "≤ 200 bytes; routing tries it first");
  v("keywords", m.keywords, kOptional,
    "≤ 200 items, each 1..200 bytes");
  v("deputy", m.deputy, kRequired,
    "the lead deputy (领衔代表)");
  v("co_signers", m.co_signers, kOptional,
    "co-signing deputies (联名): ≤ 200 items, each 1..200 bytes");
  v("session", m.session, kRequired,
    "a 4-digit year, e.g. `\"2026\"`; becomes part of the code and of Redis keys");
  v("requests", m.requests, kOmitEmpty,
    "the requests from the people (社情民意) it was made of, `R2026-00001`…: set by `duban.request` `convert` only (`duban.submit` refuses it)");
}
// InvalidArgument naming the first bad field: empty title, oversized text, etc.
Status ValidateDraft(const SuggestionDraft& d);

struct UnitAssignment {
  std::string unit;
  UnitRole role = UnitRole::kLead;
  std::string state = "ISSUED";  // the unit task's state (ISSUED, SIGNED, ...)
  std::string pending_until;     // an extension asked for and not yet decided: YYYY-MM-DD
  std::string before;            // EXTENSION_PENDING: the state to go back to if refused
  Millis issued_ms = 0;          // when this unit got the task, if later than the assignment
                                 // (调整交办); 0 = the suggestion's assignment time
};
DUBAN_DESCRIBE(UnitAssignment) {
  v("unit", m.unit, kRequired,
    "unit id");
  v("role", m.role, kRequired,
    "`lead` (主办) or `co` (协办)");
  v("state", m.state, kOptional,
    "the unit task's state (see [Unit tasks](#unit-tasks)); optional when decoding, default `ISSUED`");
  v("pending_until", m.pending_until, kOmitEmpty,
    "`YYYY-MM-DD`: the deadline an extension request asks for, while it waits for staff (`EXTENSION_PENDING`); absent otherwise (optional when decoding)");
  v("before", m.before, kOmitEmpty,
    "while `EXTENSION_PENDING`: the unit-task state the request came from (`SIGNED`, `IN_PROGRESS` or `EXTENDED`), to go back to if staff refuse it; absent otherwise (optional when decoding)");
  v("issued_ms", m.issued_ms, kOmitEmpty | kTime,
    "domain time this unit got its task, when later than the assignment: a unit that took a returned task over (调整交办); absent (0) = the suggestion's `assigned_ms` (optional when decoding)");
}

// A deadline and the rule that produced it ("reply: 3 calendar months from assignment").
struct Deadline {
  std::string date;  // local date YYYY-MM-DD (the last day to act)
  std::string rule;
  Millis due_ms = 0;  // end of that day in the jurisdiction's time zone
};
DUBAN_DESCRIBE(Deadline) {
  v("date", m.date, kRequired,
    "`YYYY-MM-DD`, the last local day to reply");
  v("rule", m.rule, kRequired,
    "the rule in words, e.g. `reply (答复): 3 calendar months from assignment (交办) on 2026-03-10`, or after an extension `reply (答复): extended (延期) from 2026-06-10 to 2026-08-31 by wang`");
  v("due_ms", m.due_ms, kTime,
    "the end of that local day, ms since the epoch");
}

struct Suggestion {
  std::string code;  // tracking code (一事一码), e.g. "S2026-00042"
  SuggestionDraft draft;
  SuggestionState state = SuggestionState::kSubmitted;
  std::int64_t version = 0;  // raised by every state change; outcomes name the version they saw
  Millis submitted_ms = 0;
  Millis assigned_ms = 0;  // when it was assigned (交办); 0 before
  std::vector<UnitAssignment> units;
  std::optional<Deadline> deadline;
  HandlingRecord record;
  std::string committee;  // the supervising committee (分工督办), "" when none
};
DUBAN_DESCRIBE(Suggestion) {
  v("code", m.code, kRequired,
    "tracking code");
  v("draft", m.draft, kRequired,
    "the `SuggestionDraft` as submitted (same fields as in `duban.submit`, **including `deputy.contact`**)");
  v("state", m.state, kRequired,
    "the suggestion state (see [Lifecycle](#lifecycle))");
  v("version", m.version, kRequired,
    "raised by every change; outcomes name the version they saw");
  v("submitted_ms", m.submitted_ms, kOptional | kTime,
    "domain time of the submit (optional when decoding)");
  v("assigned_ms", m.assigned_ms, kOmitEmpty | kTime,
    "domain time of the assignment (交办), by rule or by staff; absent (0) before (optional when decoding)");
  v("units", m.units, kOptional,
    "`UnitAssignment`s (optional when decoding, empty before assignment)");
  v("deadline", m.deadline, kOmitEmpty,
    "absent until assigned: `Deadline`");
  v("record", m.record, kOptional,
    "`HandlingRecord`: replies, evaluations, unit notes, look-backs, close-out (see [The handling record](#the-handling-record)); always written, optional when decoding (empty before the first reply, contact or opinion)");
  v("committee", m.committee, kOmitEmpty,
    "the id of the committee that supervises it (分工督办, set at assignment from its field, changed by staff with `duban.committee`); absent when none");
}

struct AuditEntry {
  Millis at_ms = 0;
  std::string actor;   // "deputy:D001", "staff:wang", "worker:assignment"
  std::string action;  // "submitted", "assigned", ...
  std::string from;    // state before ("" for the first entry)
  std::string to;      // state after
  std::string note;
  std::string task;  // the task id that caused it, if any
  // Hex SHA-1 of the stored bytes of the entry before it (of the code for the first entry): the
  // audit chain, see common/audit_chain.h. "" for entries written before the chain existed.
  std::string prev;
  // Hex SHA-1 of the record's fields after the change (RecordDigest, common/audit_chain.h); "" for
  // entries written before record digests.
  std::string rs;
};
DUBAN_DESCRIBE(AuditEntry) {
  v("at_ms", m.at_ms, kTime,
    "when (domain time, ms)");
  v("actor", m.actor, kOptional,
    "`deputy:D001`, `staff:wang`, `worker:assignment`, `unit:jyj/li` (a unit action: `unit:<unit>/<actor>`)");
  v("action", m.action, kRequired,
    "what happened, e.g. `submitted`, `assigned`, `reminded` (every action is listed under [Audit actions](#audit-actions))");
  v("from", m.from, kOptional,
    "state before (`\"\"` for the first entry)");
  v("to", m.to, kOptional,
    "state after");
  v("note", m.note, kOptional,
    "why");
  v("task", m.task, kOptional,
    "the task id that caused it (`\"\"` for API changes)");
  v("prev", m.prev, kOmitEmpty,
    "hex SHA-1 of the stored entry before it (the first: of the code) — the audit chain, see [duban.verify](#dubanverify--check-audit-chains); absent for entries written before the chain");
  v("rs", m.rs, kOmitEmpty,
    "hex SHA-1 of the suggestion's record as this change left it (state, version, units, deadline, lead, replies and evaluation, the text's hash) — see [duban.verify](#dubanverify--check-audit-chains); absent for entries written before record digests");
}

// ---- duban.* API ----------------------------------------------------------------------------

struct SubmitRequest {
  std::string request_id;  // client's idempotency key: a repeat answers the first result
  SuggestionDraft draft;
};
DUBAN_DESCRIBE(SubmitRequest) {
  v("request_id", m.request_id, kRequired,
    "1..200 bytes. Idempotency key: a repeat within `broker.request_id_ttl_s` (default 604 800 s = 7 days) answers the first code with `duplicate: true` and files nothing; the same id with a different draft is refused `FAILED_PRECONDITION` (naming the first code) and files nothing.");
  v("draft", m.draft, kRequired,
    "what the deputy files");
}
struct SubmitReply {
  std::string request_id;  // echoed, so a client with many submits in flight can match replies
  std::string code;
  std::string state;
  bool duplicate = false;  // true when request_id was seen before
};
DUBAN_DESCRIBE(SubmitReply) {
  v("request_id", m.request_id, kOptional,
    "the request's `request_id`, echoed so a client with many submits in flight can match replies");
  v("code", m.code, kRequired,
    "the tracking code (一事一码) `S<session>-NNNNN`, numbered per session from 00001");
  v("state", m.state, kRequired,
    "`SUBMITTED` for a new suggestion; for a duplicate, the suggestion's state now");
  v("duplicate", m.duplicate, kOptional,
    "`true` when `request_id` was seen before");
}

struct AssignRequest {
  std::string code;
  std::string lead_unit;
  std::vector<std::string> co_units;
  std::string actor;
  std::string note;
  std::string committee;  // "" = keep the suggestion's, or choose one from its field
};
DUBAN_DESCRIBE(AssignRequest) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("lead_unit", m.lead_unit, kRequired,
    "a unit id of the config: the lead unit (主办)");
  v("co_units", m.co_units, kOptional,
    "unit ids of co-handlers (协办); each configured, none repeated nor equal to the lead");
  v("actor", m.actor, kRequired,
    "not empty; recorded as `staff:<actor>`");
  v("note", m.note, kOptional,
    "the audit note; default `assigned by staff to <lead unit name>`");
  v("committee", m.committee, kOptional,
    "a committee id of the units file: the supervising committee (分工督办); default: the one it has, else the one whose field it falls in");
}
struct AssignReply {
  std::string code;
  std::string state;
  std::int64_t version = 0;
};
DUBAN_DESCRIBE(AssignReply) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("state", m.state, kRequired,
    "`ASSIGNED`");
  v("version", m.version, kRequired,
    "the suggestion's new version");
}

// One suggestion and one page of its timeline (the newest page unless `before` names an older
// one). The timeline is append-only and may hold more entries than a message can: read it a page
// at a time (dubanctl show --all pages through).
// Timeline entries per duban.get page when the request names none (limits.h has the rest).
inline constexpr std::int64_t kTimelinePageDefault = 100;
struct GetRequest {
  std::string code;
  std::int64_t before = 0;   // the page ends just before this entry index; 0 = the newest page
  std::int64_t limit = kTimelinePageDefault;  // entries per page, 1..kTimelinePageMax (limits.h)
};
DUBAN_DESCRIBE(GetRequest) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("before", m.before, kOptional,
    "≥ 0: the page of the timeline that ends just before this entry index (the `timeline_cursor` of the previous reply); `0` (default), or an index past the end, = the newest page");
  v("limit", m.limit, kOptional,
    "entries per page, 1..1 000 (`kTimelinePageMax`); default 100 (`kTimelinePageDefault`)");
}
struct GetReply {
  Suggestion suggestion;
  std::vector<AuditEntry> timeline;  // the page, oldest first
  std::int64_t timeline_total = 0;   // entries in the whole timeline
  // The index of the page's first entry: send it as `before` for the next older page; 0 when
  // this page starts at the first entry.
  std::int64_t timeline_cursor = 0;
};
DUBAN_DESCRIBE(GetReply) {
  v("suggestion", m.suggestion, kRequired,
    "`Suggestion`, below");
  v("timeline", m.timeline, kRequired,
    "one page of the audit trail (see above), oldest first: `AuditEntry`, below");
  v("timeline_total", m.timeline_total, kOptional,
    "entries in the whole audit trail (optional when decoding: the page's length)");
  v("timeline_cursor", m.timeline_cursor, kOptional,
    "the index of `timeline[0]` in the trail: the `before` of the next older page; `0` when there is none (optional when decoding)");
}

struct ListRequest {
  std::string state;  // "" = any
  std::string unit;   // "" = any
  std::int64_t limit = 100;
  std::string committee;  // "" = any
  std::string deputy;     // "" = any
};
DUBAN_DESCRIBE(ListRequest) {
  v("state", m.state, kOptional,
    "a state name (see [Lifecycle](#lifecycle)); `\"\"` = any");
  v("unit", m.unit, kOptional,
    "a unit id; `\"\"` = any. An unknown id simply matches nothing.");
  v("limit", m.limit, kOptional,
    "1..1 000 (`kMaxListLimit`), default 100");
  v("committee", m.committee, kOptional,
    "a committee id: the suggestions it supervises (分工督办); `\"\"` = any. A committee's key lists its own only");
  v("deputy", m.deputy, kOptional,
    "a deputy id: the suggestions it leads (领衔); `\"\"` = any. A deputy's key lists its own only");
}
struct SuggestionSummary {
  std::string code;
  std::string title;
  std::string state;
  std::string lead_unit;
  std::string deadline;
};
DUBAN_DESCRIBE(SuggestionSummary) {
  v("code", m.code, kRequired,
    "tracking code");
  v("title", m.title, kOptional,
    "the draft's title (optional when decoding)");
  v("state", m.state, kRequired,
    "state");
  v("lead_unit", m.lead_unit, kOptional,
    "the lead unit's id, `\"\"` before assignment (optional when decoding)");
  v("deadline", m.deadline, kOptional,
    "the deadline's date `YYYY-MM-DD`, `\"\"` before assignment (optional when decoding)");
}
struct ListReply {
  std::vector<SuggestionSummary> items;
  std::int64_t total = 0;  // matches before the limit
};
DUBAN_DESCRIBE(ListReply) {
  v("items", m.items, kRequired,
    "at most `limit` `SuggestionSummary`s, oldest submission first");
  v("total", m.total, kRequired,
    "how many suggestions match, before the limit");
}

// duban.contact, duban.opinion); the service names the action.
struct UnitActionRequest {
  std::string code;
  std::string unit;
  std::string actor;
  std::string reason;  // return/extend: why; contact: the record; opinion: its text
  std::string phase;   // contact: before | during | after (三见面)
  std::string until;   // extend: the new deadline asked for, YYYY-MM-DD
};
DUBAN_DESCRIBE(UnitActionRequest) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("unit", m.unit, kRequired,
    "the unit acting: it must have a task on the suggestion (one not `REASSIGNED`)");
  v("actor", m.actor, kRequired,
    "1..200 bytes; the audit actor is `unit:<unit>/<actor>`");
  v("reason", m.reason, kOptional,
    "≤ 6 000 bytes (`kMaxNoteBytes`), UTF-8. return, extend: why (required); contact: the record of the meeting (required); opinion, progress: its text (required)");
  v("phase", m.phase, kOptional,
    "`before`, `during` or `after` handling (三见面: meet the deputy before, during and after)");
  v("until", m.until, kOptional,
    "the new reply deadline asked for, `YYYY-MM-DD`");
}
// Staff decide a pending return or extension (duban.decide).
struct DecideRequest {
  std::string code;
  std::string unit;
  std::string request;  // return | extension
  bool approve = false;
  std::string new_unit;  // return approved: who takes over (required for the lead unit)
  std::string actor;
  std::string note;
};
DUBAN_DESCRIBE(DecideRequest) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("unit", m.unit, kRequired,
    "the unit whose request is decided");
  v("request", m.request, kRequired,
    "`return` or `extension`");
  v("approve", m.approve, kRequired,
    "the decision");
  v("new_unit", m.new_unit, kOptional,
    "a return approved: the unit that takes the task over (调整交办); **required when the returning unit is the lead**; must be configured and not already hold a task on the suggestion");
  v("actor", m.actor, kRequired,
    "1..200 bytes; recorded as `staff:<actor>`");
  v("note", m.note, kOptional,
    "≤ 6 000 bytes, UTF-8; appended to the audit note and to the notice");
}
struct UnitActionReply {
  std::string code;
  std::string unit;
  std::string unit_state;  // the unit's task state now
  std::string state;       // the suggestion's state now
  std::int64_t version = 0;
};
DUBAN_DESCRIBE(UnitActionReply) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("unit", m.unit, kRequired,
    "the unit of the request");
  v("unit_state", m.unit_state, kRequired,
    "that unit's task state now");
  v("state", m.state, kRequired,
    "the suggestion's state now");
  v("version", m.version, kRequired,
    "the suggestion's new version");
}

// ---- broker <-> role workers ----------------------------------------------------------------

// TimerPlan and TimerSpec, the timers an outcome sets: timer_messages.h.

// A task handed to a role worker, with the suggestion as it is now.
struct TaskMessage {
  std::string task_id;
  std::string service;
  std::string kind;  // what to do, e.g. "assign"
  std::int64_t attempt = 1;
  Millis now_ms = 0;  // the domain time at dispatch: roles decide as of this instant
  std::optional<Suggestion> suggestion;
  std::string payload;  // for a task from a timer: the payload the timer was set with
};
DUBAN_DESCRIBE(TaskMessage) {
  v("task_id", m.task_id, kRequired,
    "the task id (also in the address)");
  v("service", m.service, kRequired,
    "the service, e.g. `assignment`");
  v("kind", m.kind, kRequired,
    "what to do, e.g. `assign` (see [Task kinds](#task-kinds))");
  v("attempt", m.attempt, kOptional,
    "this delivery's number, from 1");
  v("now_ms", m.now_ms, kOptional | kTime,
    "domain time at dispatch, ms: roles decide as of this instant");
  v("suggestion", m.suggestion, kOmitEmpty,
    "the suggestion as it is now (the `Suggestion` map of `duban.get`, `assigned_ms` included); absent when the task names none");
  v("payload", m.payload, kOmitEmpty | kAnyBytes | kBin,
    "for the task of a timer: the `payload` the timer was set with, as msgpack `bin`; absent when empty");
}

// An agenda effect of an outcome, applied in the same script as the rest of it:
//   "place": put the suggestion (or the bundle it belongs to) on the directors' meeting agenda
//            with this reason; an item appears once, each new reason key is added to it; a new
//            (or re-opened) item gets its monthly progress timer, first due at next_check_ms;
//   "progress_check": the monthly progress timer of item `item` fired: when no unit reported
//            progress (duban.progress) since the previous check, `text` goes to the leading
//            director's office ("office:director:<name>", or "staff" when none is set); the
//            timer is armed again at next_check_ms while the item is OPEN.
// A key item's progress report (重点督办) is due every this many calendar months: the first check
// comes that long after the placement, at the start of working hours, and each check arms the next.
inline constexpr int kAgendaProgressMonths = 1;
struct AgendaEffect {
  std::string op;      // "place" | "progress_check"
  std::string key;     // place: the reason key (dedup per item)
  std::string text;    // place: the reason for people; progress_check: the notice text
  std::string item;    // progress_check: the item id (the timer's payload)
  Millis next_check_ms = 0;
};
DUBAN_DESCRIBE(AgendaEffect) {
  v("op", m.op, kRequired,
    "\"place\" | \"progress_check\"");
  v("key", m.key, kOptional,
    "place: the reason key (dedup per item)");
  v("text", m.text, kOptional,
    "place: the reason for people; progress_check: the notice text");
  v("item", m.item, kOptional,
    "progress_check: the item id (the timer's payload)");
  v("next_check_ms", m.next_check_ms, kOptional | kTime,
    "domain time of the item's next progress check (must be > 0)");
}

// What a role worker decided. The broker applies it atomically, only if the task's lease is still
// the worker's and the suggestion is still at expect_version. An outcome that changes neither the
// state, the units nor the deadline may say expect_version = kAnyVersion (a reminder does not
// conflict with a staff action); it then does not raise the version either.
inline constexpr std::int64_t kAnyVersion = -1;
struct Outcome {
  std::int64_t expect_version = 0;
  std::string to_state;  // "" = no state change
  std::vector<UnitAssignment> units;
  std::optional<Deadline> deadline;
  std::string action;  // audit action, e.g. "assigned"
  std::string note;
  std::vector<TimerSpec> timers;           // set (or moved)
  std::vector<std::string> cancel_timers;  // cancelled by name; unknown names are ignored
  std::vector<Notice> notices;
  std::vector<AgendaEffect> agenda;  // agenda placements and progress checks (AgendaEffect)
  std::string committee;  // the supervising committee to set, "" = keep
};
DUBAN_DESCRIBE(Outcome) {
  v("expect_version", m.expect_version, kRequired,
    "the suggestion version the role saw; the outcome applies only if it is still current. `-1` (`kAnyVersion`): see below");
  v("to_state", m.to_state, kOptional,
    "the new state (a state name); `\"\"` = no state change");
  v("units", m.units, kOptional,
    "`UnitAssignment`s (`unit`, `role`, `state`, `pending_until`) that replace the suggestion's units; `[]` = keep");
  v("deadline", m.deadline, kOmitEmpty,
    "a `Deadline` (`date`, `rule`, `due_ms`) that replaces the current one; absent = keep");
  v("action", m.action, kRequired,
    "the audit action, e.g. `assigned`, `awaiting_staff`");
  v("note", m.note, kOptional,
    "the audit note");
  v("timers", m.timers, kOmitEmpty,
    "`TimerSpec`s to set, or move when already set (see [Timers](#timers))");
  v("cancel_timers", m.cancel_timers, kOmitEmpty,
    "names of this suggestion's timers to cancel; unknown names are ignored");
  v("notices", m.notices, kOmitEmpty,
    "`Notice`s to put in outboxes (see [Notices](#notices))");
  v("committee", m.committee, kOmitEmpty,
    "the id of the supervising committee to set (分工督办, a committee of the units file); absent = keep");
  v("agenda", m.agenda, kOmitEmpty,
    "`progress_check`), `key` (place: the reason key, 1..200 bytes), `text` (≤ 6 000 bytes: place, the reason for people; progress_check, the notice text), `item` (progress_check: the agenda item id), `next_check_ms` (> 0, domain time: the next progress check). See [The directors' meeting agenda](#the-directors-meeting-agenda-dubanmeeting-agenda-hot-bundle)");
}

}  // namespace duban::protocol
