// Messages: every body that travels between clients, the broker and role workers, as typed structs.
// One struct per message; the codec (codec.h) is the only code that turns them into bytes.
// See docs/protocol.md for the field tables. Field names on the wire are the snake_case names here.
//
// Thread rules: plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/protocol/api_messages.h"
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

// The role of a unit in handling one suggestion: lead (主办) or co-handler (协办).
enum class UnitRole { kLead, kCo };
std::string_view RoleName(UnitRole r);
Result<UnitRole> ParseRole(std::string_view name);

struct Deputy {
  std::string id;
  std::string name;
  std::string contact;  // private: never shown by public queries
};

// What a deputy submits.
struct SuggestionDraft {
  std::string title;
  std::string content;
  std::string category;
  std::vector<std::string> keywords;
  Deputy deputy;                        // the lead deputy (领衔代表)
  std::vector<std::string> co_signers;  // names of co-signing deputies (联名)
  std::string session;                  // e.g. "2026"
};
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

// A deadline and the rule that produced it ("reply: 3 calendar months from assignment").
struct Deadline {
  std::string date;  // local date YYYY-MM-DD (the last day to act)
  std::string rule;
  Millis due_ms = 0;  // end of that day in the jurisdiction's time zone
};

// ---- closing the loop: replies, evaluations, follow-up (docs/domain.md#closing-the-loop) ------

// A commitment (承诺事项) a B or C reply makes, each with its own due date, followed up (回头看)
// until staff close it out (销号) with the basis recorded.
struct Commitment {
  std::string id;    // "r1c1": reply round 1, commitment 1
  std::string text;
  std::string due;   // YYYY-MM-DD
  // OPEN | MET | SUPERSEDED (the reply was not accepted and a later reply replaced it)
  std::string state = "OPEN";
  std::string basis;           // MET: the close-out basis (销号依据)
  std::string closed_by;
  Millis closed_ms = 0;
};

// One reply (答复) of the lead unit and the deputy's evaluation (测评) of it.
struct ReplyRound {
  std::int64_t round = 1;  // 1 for the first reply, 2 after a re-handling, ...
  std::string unit;
  std::string result_class;  // a code of the jurisdiction's scheme (A, B, C, D)
  std::string text;          // the reply itself: never shown by public queries
  std::string signer;        // who signed it (签发人)
  Millis replied_ms = 0;
  std::string deadline;      // the deadline it answered, YYYY-MM-DD
  bool on_time = true;       // replied by the end of that day
  std::vector<Commitment> commitments;
  std::string satisfaction;  // "" until evaluated, else a level code (satisfied, basic, ...)
  std::string reasons;       // the deputy's reasons
  Millis evaluated_ms = 0;
};

// A co-handler's opinion (协办意见) to the lead unit, or a 三见面 contact record.
struct UnitNote {
  std::string unit;
  std::string kind;   // opinion | contact
  std::string phase;  // contact: before | during | after
  std::string text;
  Millis at_ms = 0;
};

// Everything the handling produced beyond the state: replies, evaluations, opinions, contacts,
// look-backs and the close-out. Stored with the suggestion (field `rec`).
struct HandlingRecord {
  std::vector<ReplyRound> rounds;
  std::vector<UnitNote> notes;
  std::int64_t lookbacks = 0;  // look-back rounds (回头看) staff recorded
  Millis closed_ms = 0;        // when staff closed out (销号) a follow-up, 0 otherwise (an item
                               // closed by its evaluation has its date in the audit trail)
  std::string close_basis;
};

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
};

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
};

// ---- duban.* API ----------------------------------------------------------------------------

struct SubmitRequest {
  std::string request_id;  // client's idempotency key: a repeat answers the first result
  SuggestionDraft draft;
};
struct SubmitReply {
  std::string request_id;  // echoed, so a client with many submits in flight can match replies
  std::string code;
  std::string state;
  bool duplicate = false;  // true when request_id was seen before
};

struct AssignRequest {
  std::string code;
  std::string lead_unit;
  std::vector<std::string> co_units;
  std::string actor;
  std::string note;
};
struct AssignReply {
  std::string code;
  std::string state;
  std::int64_t version = 0;
};

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
struct GetReply {
  Suggestion suggestion;
  std::vector<AuditEntry> timeline;  // the page, oldest first
  std::int64_t timeline_total = 0;   // entries in the whole timeline
  // The index of the page's first entry: send it as `before` for the next older page; 0 when
  // this page starts at the first entry.
  std::int64_t timeline_cursor = 0;
};

struct ListRequest {
  std::string state;  // "" = any
  std::string unit;   // "" = any
  std::int64_t limit = 100;
};
struct SuggestionSummary {
  std::string code;
  std::string title;
  std::string state;
  std::string lead_unit;
  std::string deadline;
};
struct ListReply {
  std::vector<SuggestionSummary> items;
  std::int64_t total = 0;  // matches before the limit
};

struct QueuesRequest {};
struct ServiceStats {
  std::string name;
  std::int64_t queued = 0;
  std::int64_t inflight = 0;
  std::int64_t dead = 0;
  std::int64_t workers = 0;       // live workers registered with this broker
  std::int64_t idle_workers = 0;
  bool paused = false;  // staff paused dispatching (duban.pause); work still queues
};
struct QueuesReply {
  std::vector<ServiceStats> services;
  std::int64_t timers = 0;  // timers pending (scheduled retries and deadlines)
  Millis next_timer_due_ms = -1;  // domain time of the earliest pending timer; -1 when none
  // "ok", or "out_of_memory" while Redis refuses writes at maxmemory (no new leases then).
  std::string store = "ok";
};

struct DlqRequest {
  std::string action = "list";  // "list" | "replay"
  std::string service;          // required for list; "" lists every service
  std::string task_id;          // replay: the task to put back
  std::int64_t limit = 50;
};
struct DeadLetter {
  std::string task_id;
  std::string service;
  std::string reason;
  std::int64_t attempts = 0;
  Millis at_ms = 0;
};
struct DlqReply {
  std::vector<DeadLetter> entries;
  std::int64_t replayed = 0;
};

// A handling unit acts on its task (duban.sign, duban.start, duban.return, duban.extend,
// duban.contact, duban.opinion); the service names the action.
struct UnitActionRequest {
  std::string code;
  std::string unit;
  std::string actor;
  std::string reason;  // return/extend: why; contact: the record; opinion: its text
  std::string phase;   // contact: before | during | after (三见面)
  std::string until;   // extend: the new deadline asked for, YYYY-MM-DD
};
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
struct UnitActionReply {
  std::string code;
  std::string unit;
  std::string unit_state;  // the unit's task state now
  std::string state;       // the suggestion's state now
  std::int64_t version = 0;
};

// Live workers connected to this broker (duban.workers).
struct WorkersRequest {};
struct WorkerInfo {
  std::string id;       // the routing id in hex
  std::string service;
  bool busy = false;
  std::string task;     // the task id it holds, when busy
  std::int64_t last_seen_age_ms = 0;  // since its last message (heartbeat or reply)
};
struct WorkersReply {
  std::vector<WorkerInfo> workers;
};

// Staff pause or resume dispatching for a service (duban.pause). Paused work stays queued and
// durable; timers still fire into the queue. Kept in Redis, so every broker honours it.
struct PauseRequest {
  std::string service;
  bool paused = true;
  std::string actor;
};
struct PauseReply {
  std::string service;
  bool paused = true;
};

// Counters and histograms. Histograms appear as counters named NAME.le_B (cumulative, B in the
// unit of the name, "inf" for the last), NAME.sum and NAME.count, e.g.
// "broker.timer_lateness_ms.le_5"; see docs/protocol.md.
struct StatsRequest {};
struct StatsReply {
  std::vector<std::pair<std::string, std::int64_t>> counters;
};

// ---- broker <-> role workers ----------------------------------------------------------------

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

// A notice for a person or office, kept in that recipient's durable outbox (duban.inbox).
struct Notice {
  std::string recipient;  // "unit:jyj", "staff", "deputy:D2026001", "office:supervision", ...
  std::string kind;       // "reminder", "escalation", ...
  std::string text;
  std::string dedup_key;  // per suggestion; a notice whose key was used before is not sent again
  std::string webhook;    // filled by the broker from config: also POST it there (webhook role)
};

// A notice as stored in an outbox.
struct OutboxEntry {
  Millis at_ms = 0;
  std::string code;
  std::string kind;
  std::string text;
};

struct InboxRequest {
  std::string recipient;
  std::int64_t limit = 50;
};
struct InboxReply {
  std::vector<OutboxEntry> notices;  // newest first
  std::int64_t total = 0;
};

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
};

}  // namespace duban::protocol
