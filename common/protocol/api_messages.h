// API messages of closing the loop (replies, evaluations, close-out, public status), the audit
// chain and the invariant checker, and reports: the duban.* services beyond the core ones of
// messages.h, which includes this file (the agenda's are in agenda_messages.h, the calendar's and
// the timers' in timer_messages.h).
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
  std::vector<std::string> warnings;  // taken, but worth saying (a co-handler's opinion missing)
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
  v("warnings", m.warnings, kOmitEmpty,
    "what was taken but is worth saying, for people: `duban.reply` while a co-handler's opinion (协办意见) is missing (`jurisdiction.reply_without_opinions` `warn`)");
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
  std::string title;             // the title once accepted (public: 一事一码 pages show it)
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
  v("title", m.title, kOptional,
    "the suggestion's title once it is accepted (立案; \"\" while SUBMITTED, IN_REVIEW or RETURNED_FOR_REWORK and when WITHDRAWN or MERGED); its text, the deputy and every other field stay private");
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
  bool heads = false;       // also return each entry's hash (dubanctl verify --checkpoints)
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
  v("heads", m.heads, kOptional,
    "`true`: each result also carries `heads`, the hash of every entry, to compare with signed checkpoints");
}
struct ChainResult {
  std::string code;
  bool ok = false;
  std::int64_t entries = 0;     // entries in the stored list
  std::int64_t bad_index = -1;  // the first entry found wrong (0-based), -1 when ok
  std::string problem;  // "" | entry_changed | entry_missing | entries_reordered |
                        // entry_unchained | head_mismatch
  std::string detail;   // for people
  std::vector<std::string> heads;  // hex SHA-1 of each entry's bytes (when the request asked)
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
    "`\"\"` when ok; `entry_changed`, `entry_missing`, `entries_reordered`, `entry_unchained` (an entry without `prev`, e.g. written before the chain existed), `head_mismatch`, `record_changed` (the record is not the one its last entry recorded, or its text not the one submitted) (optional when decoding)");
  v("detail", m.detail, kOptional,
    "for people, e.g. `an entry before entry 1 was removed (the list holds 4 of 5 entries)` (optional when decoding)");
  v("heads", m.heads, kOmitEmpty,
    "hex SHA-1 of each entry's stored bytes, oldest first, when the request asked for `heads`");
}
struct VerifyReply {
  std::vector<ChainResult> results;
  std::int64_t cursor = 0;  // next page's cursor; 0 when done (always 0 for one code)
  std::int64_t total = 0;   // suggestions in the store
  std::vector<std::string> checkpoints;  // all + heads, first page: the lines Redis holds
};
DUBAN_DESCRIBE(VerifyReply) {
  v("results", m.results, kRequired,
    "one `ChainResult` per suggestion verified, in submission order");
  v("cursor", m.cursor, kRequired,
    "the next page's cursor; `0` when the scan is complete (always `0` for one `code`)");
  v("total", m.total, kOptional,
    "suggestions in the store (optional when decoding)");
  v("checkpoints", m.checkpoints, kOmitEmpty,
    "`all` with `heads`, first page: the signed checkpoint lines Redis holds (its last 100), oldest first (see [Checkpoints](#checkpoints))");
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
  std::string committee;  // a committee's row (分工督办): its id; "" for unit and overall rows
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
  v("committee", m.committee, kOmitEmpty,
    "in `committees`: the committee's id (分工督办); absent in unit and overall rows");
}
// The 代表·局长面对面 sessions that discussed the suggestions in a report's scope.
struct ReportSessions {
  std::int64_t held = 0;         // distinct sessions that discussed one of them
  std::int64_t discussed = 0;    // suggestions in scope discussed at a session
  std::int64_t resolved = 0;     // outcomes: problems resolved on the spot
  std::int64_t commitments = 0;  // outcomes: commitments with a due date
  std::int64_t commitments_met = 0;  // of those, closed out (销号)
  std::int64_t referred = 0;     // outcomes: referred on
};
DUBAN_DESCRIBE(ReportSessions) {
  v("held", m.held, kRequired,
    "distinct sessions that discussed a suggestion in scope");
  v("discussed", m.discussed, kRequired,
    "suggestions in scope discussed at one session or more");
  v("resolved", m.resolved, kRequired,
    "outcomes `resolved`: problems resolved on the spot (当场解决)");
  v("commitments", m.commitments, kRequired,
    "outcomes `commitment`");
  v("commitments_met", m.commitments_met, kRequired,
    "of those, closed out (销号)");
  v("referred", m.referred, kRequired,
    "outcomes `referred`");
}

struct ReportReply {
  std::string session;  // the scope, echoed
  std::string from;
  std::string to;
  ReportRow overall;
  std::vector<ReportRow> units;  // by unit id
  std::vector<ReportRow> committees;  // by supervising committee's id (分工督办)
  ReportSessions sessions;            // 代表·局长面对面 over the suggestions in scope
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
  v("committees", m.committees, kOmitEmpty,
    "one `ReportRow` per supervising committee (分工督办) over every suggestion in scope it supervises, by committee id (`committee` set, `unit` `\"\"`); absent without committees");
  v("sessions", m.sessions, kOptional,
    "`ReportSessions`: the face-to-face sessions (代表·局长面对面) that discussed the suggestions in scope and their outcomes (optional when decoding)");
  v("scanned", m.scanned, kOptional,
    "suggestions the broker read to build it (optional when decoding)");
  v("generated_ms", m.generated_ms, kOptional | kTime,
    "when the figures were taken, domain ms (optional when decoding)");
}

// Sets the committee that supervises a suggestion (分工督办; duban.committee), staff only.
struct CommitteeRequest {
  std::string code;
  std::string committee;
  std::string actor;
  std::string note;
};
DUBAN_DESCRIBE(CommitteeRequest) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("committee", m.committee, kRequired,
    "a committee id of the units file (`[[committee]]`)");
  v("actor", m.actor, kRequired,
    "not empty; recorded as `staff:<actor>` (with keys: the key's name)");
  v("note", m.note, kOptional,
    "why, for the timeline");
}
struct CommitteeReply {
  std::string code;
  std::string committee;
  std::string state;
  std::int64_t version = 0;
};
DUBAN_DESCRIBE(CommitteeReply) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("committee", m.committee, kRequired,
    "the committee now supervising it");
  v("state", m.state, kRequired,
    "the suggestion's state (unchanged)");
  v("version", m.version, kRequired,
    "the suggestion's version after the change");
}

// A committee's (or staff's) supervision note or visit on a suggestion's timeline (duban.supervise).
struct SuperviseRequest {
  std::string code;
  std::string committee;  // the committee acting: it must supervise the suggestion; "" = staff
  std::string kind;       // note | visit
  std::string text;
  std::string date;  // visit: the day of the visit, YYYY-MM-DD ("" = today)
  std::string actor;
};
DUBAN_DESCRIBE(SuperviseRequest) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("committee", m.committee, kOptional,
    "the committee acting (`committee:<id>` keys: their own id); it must be the one supervising the suggestion. `\"\"`: staff");
  v("kind", m.kind, kRequired,
    "`note` (a supervision note, 督办意见) or `visit` (a visit to the unit or the site, 走访/视察)");
  v("text", m.text, kRequired,
    "1..6 000 bytes (`kMaxNoteBytes`), UTF-8: what was found, asked or agreed");
  v("date", m.date, kOptional,
    "`visit`: the day of the visit, `YYYY-MM-DD`; default today");
  v("actor", m.actor, kRequired,
    "1..200 bytes; recorded as `committee:<id>/<actor>` (staff: `staff:<actor>`); with keys the key's name");
}
struct SuperviseReply {
  std::string code;
  std::int64_t version = 0;
};
DUBAN_DESCRIBE(SuperviseReply) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("version", m.version, kRequired,
    "the suggestion's version after the entry");
}

// A committee proposes a suggestion it supervises for the directors' meeting agenda (duban.propose).
struct ProposeRequest {
  std::string code;
  std::string committee;
  std::string reason;
  std::string actor;
};
DUBAN_DESCRIBE(ProposeRequest) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("committee", m.committee, kRequired,
    "the committee proposing: the one that supervises the suggestion (`committee:<id>` keys: their own)");
  v("reason", m.reason, kRequired,
    "1..6 000 bytes, UTF-8: why the directors should take it up");
  v("actor", m.actor, kRequired,
    "1..200 bytes; recorded as `committee:<id>/<actor>` (with keys the key's name)");
}
struct ProposeReply {
  std::string code;
  std::string item;    // the agenda item: the code, or its bundle's id
  std::string result;  // new | reopened | added
};
DUBAN_DESCRIBE(ProposeReply) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("item", m.item, kRequired,
    "the agenda item it is on: its code, or its bundle's id");
  v("result", m.result, kRequired,
    "`new`, `reopened` or `added` (a reason added to its open item, e.g. another committee's)");
}

}  // namespace duban::protocol
