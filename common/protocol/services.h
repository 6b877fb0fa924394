// Services: the table of the broker's own services (duban.*), one line per service: its name, its
// request and reply messages, who may call it and whether it may run on the broker's loop
// thread. Everything that names a duban.* service reads it from here: the broker binds a handler
// to each entry (services/api_table.h, which checks at start that every entry has one), dubanctl
// and duban-monitor call `svc::Get` instead of a string, `mmi.service` answers from it, and
// docs/protocol.md's service list is checked against it (tests/common/protocol/services_test.cc).
// No duban.* service name is written anywhere else.
//
// Adding a service: its line here, its request and reply structs (messages.h or api_messages.h)
// with their codec, its handler bound in the broker, its test (docs/adding-a-service.md).
//
// Callers are the roles of the identity model (common/protocol/caller.h, docs/security.md). The
// broker enforces them when it authenticates keys (CurveZMQ): a caller none of whose roles is
// listed gets PERMISSION_DENIED before its request is decoded; services/authorize.h then checks
// the scope (a unit acts only as itself, ...). A service whose action decides the role (duban.dlq
// lists for monitor, replays for admin) lists every role that may call some action of it.
//
// Thread rules: constants only.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/protocol/caller.h"
#include "common/protocol/messages.h"

namespace duban::protocol::svc {


// Where a handler may run. kLoop: a bounded amount of work (one key, or one page of a scan) on
// the broker's loop thread. kOffLoop: may scan without bound and must not hold up the loop.
enum class Runs : std::uint8_t { kLoop, kOffLoop };

// The table. X(Type, "name", Request, Reply, callers, runs, "summary")
#define DUBAN_SERVICES(X)                                                                           \
  X(Submit, "duban.submit", SubmitRequest, SubmitReply, kStaff | kDeputy, kLoop,                    \
    "File a suggestion (idempotent by request id)")                                                 \
  X(Assign, "duban.assign", AssignRequest, AssignReply, kStaff, kLoop,                              \
    "Assign a suggestion to a lead unit and co-handlers (交办)")                                      \
  X(Get, "duban.get", GetRequest, GetReply, kStaff | kUnit | kDeputy | kDirector | kCommittee, kLoop,\
    "One suggestion and a page of its timeline")                                                    \
  X(List, "duban.list", ListRequest, ListReply, kStaff | kUnit | kCommittee | kDeputy, kLoop,       \
    "Suggestions by state or unit")                                                                 \
  X(Queues, "duban.queues", QueuesRequest, QueuesReply, kStaff | kMonitor | kAdmin, kLoop,          \
    "Queue depths, workers and the store's state per service")                                      \
  X(Dlq, "duban.dlq", DlqRequest, DlqReply, kStaff | kMonitor | kAdmin, kLoop,                      \
    "List dead letters (staff, monitor) or replay one (admin)")                                     \
  X(Stats, "duban.stats", StatsRequest, StatsReply, kStaff | kMonitor | kAdmin, kLoop,              \
    "The broker's counters")                                                                        \
  X(Inbox, "duban.inbox", InboxRequest, InboxReply,                                                 \
    kStaff | kUnit | kDeputy | kDirector | kOffice | kCommittee, kLoop,                            \
    "A recipient's notices, newest first")                                                          \
  X(Workers, "duban.workers", WorkersRequest, WorkersReply, kStaff | kMonitor | kAdmin, kLoop,      \
    "The live workers: service, busy or idle, heartbeat age")                                       \
  X(Pause, "duban.pause", PauseRequest, PauseReply, kAdmin, kLoop,                                  \
    "Pause or resume dispatching of a worker service")                                              \
  X(Decide, "duban.decide", DecideRequest, UnitActionReply, kStaff, kLoop,                          \
    "Approve or reject a unit's pending return or extension")                                       \
  X(Sign, "duban.sign", UnitActionRequest, UnitActionReply, kUnit, kLoop,                           \
    "A unit signs for its task (签收)")                                                               \
  X(Start, "duban.start", UnitActionRequest, UnitActionReply, kUnit, kLoop,                         \
    "A unit starts handling its task")                                                              \
  X(Return, "duban.return", UnitActionRequest, UnitActionReply, kUnit, kLoop,                       \
    "A unit asks to return its task (退回)")                                                          \
  X(Extend, "duban.extend", UnitActionRequest, UnitActionReply, kUnit, kLoop,                       \
    "A unit asks to extend the reply deadline (延期)")                                                \
  X(Contact, "duban.contact", UnitActionRequest, UnitActionReply, kUnit, kLoop,                     \
    "A unit records its contact with the deputy (见面沟通)")                                            \
  X(Opinion, "duban.opinion", UnitActionRequest, UnitActionReply, kUnit, kLoop,                     \
    "A co-handler sends its opinion to the lead unit (协办意见)")                                       \
  X(Progress, "duban.progress", UnitActionRequest, UnitActionReply, kUnit, kLoop,                   \
    "A unit reports a key item's monthly progress (重点督办)")                                          \
  X(UnitReply, "duban.reply", ReplyRequest, HandlingReply, kUnit, kLoop,                            \
    "The lead unit replies with a result class and commitments (答复)")                               \
  X(Evaluate, "duban.evaluate", EvaluateRequest, HandlingReply, kDeputy, kLoop,                     \
    "The lead deputy evaluates the reply (测评)")                                                     \
  X(Closeout, "duban.closeout", CloseoutRequest, HandlingReply, kStaff, kLoop,                      \
    "Close out a commitment or a follow-up (销号)")                                                   \
  X(Lookback, "duban.lookback", CloseoutRequest, HandlingReply, kStaff, kLoop,                      \
    "Record a look-back round on a follow-up (回头看)")                                                \
  X(StatusByCode, "duban.status", PublicStatusRequest, PublicStatus, kPublic, kLoop,                \
    "Public progress of a matter by its tracking code (一事一码)")                                      \
  X(Verify, "duban.verify", VerifyRequest, VerifyReply, kStaff | kAdmin, kLoop,                     \
    "Verify audit chains: one suggestion, or a page of all")                                        \
  X(Check, "duban.check", CheckRequest, CheckReply, kStaff | kMonitor | kAdmin, kLoop,              \
    "A page of open suggestions nothing waits on")                                                  \
  X(Meeting, "duban.meeting", MeetingRequest, MeetingReply, kStaff | kDirector, kLoop,              \
    "Directors' meeting dates: list, add, remove")                                                  \
  X(Agenda, "duban.agenda", AgendaRequest, AgendaReply, kStaff | kDirector, kLoop,                  \
    "A meeting's agenda items: show, lead, resolve")                                                \
  X(Hot, "duban.hot", HotRequest, HotReply, kStaff | kDirector, kLoop,                              \
    "Hot issues: list, mark, unmark")                                                               \
  X(Bundle, "duban.bundle", BundleRequest, BundleReply, kStaff, kLoop,                              \
    "Bundles of related suggestions (打捆督办)")                                                        \
  X(Report, "duban.report", ReportRequest, ReportReply, kStaff | kDirector, kOffLoop,               \
    "Handling-performance figures per lead unit")                                                   \
  X(Calendar, "duban.calendar", CalendarRequest, CalendarReply, kStaff | kMonitor | kAdmin, kLoop,  \
    "The working calendar's years and the timers counted on them; re-plan (admin)")               \
  X(Timers, "duban.timers", TimersRequest, TimersReply, kStaff | kMonitor | kAdmin, kLoop,          \
    "A suggestion's timers: pending with due times, fired with their tasks")                        \
  X(Committee, "duban.committee", CommitteeRequest, CommitteeReply, kStaff, kLoop,                 \
    "Set the committee that supervises a suggestion (分工督办)")                                      \
  X(Supervise, "duban.supervise", SuperviseRequest, SuperviseReply, kStaff | kCommittee, kLoop,     \
    "A committee's supervision note or visit on a suggestion's timeline")                           \
  X(Propose, "duban.propose", ProposeRequest, ProposeReply, kCommittee, kLoop,                      \
    "A committee proposes a suggestion it supervises for the directors' meeting agenda")           \
  X(Session, "duban.session", SessionRequest, SessionReply, kStaff | kDirector, kLoop,              \
    "代表·局长面对面 sessions: list, show, schedule, record an outcome")                          \
  X(Requests, "duban.request", RequestRequest, RequestReply, kStaff | kDeputy | kPublic, kLoop,     \
    "Requests from the people through deputies (社情民意): submit, follow, acknowledge, answer, convert") \
  X(Review, "duban.review", ReviewRequest, ReviewReply, kStaff | kDeputy, kLoop,                    \
    "The review of a filed suggestion: accept, merge, return for rework, withdraw; resubmit")

// One type per service: svc::Get::kName, svc::Get::Request, svc::Get::Reply, ...
#define DUBAN_SERVICE_TYPE(T, NAME, REQ, REP, CALLERS, RUNS, SUMMARY) \
  struct T {                                                          \
    using Request = ::duban::protocol::REQ;                           \
    using Reply = ::duban::protocol::REP;                             \
    static constexpr std::string_view kName = NAME;                   \
    static constexpr Roles kCallers = CALLERS;                        \
    static constexpr Runs kRuns = Runs::RUNS;                         \
    static constexpr std::string_view kSummary = SUMMARY;             \
  };
DUBAN_SERVICES(DUBAN_SERVICE_TYPE)
#undef DUBAN_SERVICE_TYPE

// The same table at run time, in the order above.
struct ServiceInfo {
  std::string_view name;
  std::string_view request;  // the request struct's name
  std::string_view reply;    // the reply struct's name
  Roles callers = 0;
  Runs runs = Runs::kLoop;
  std::string_view summary;
};

#define DUBAN_SERVICE_INFO(T, NAME, REQ, REP, CALLERS, RUNS, SUMMARY)                               \
  ServiceInfo{NAME, #REQ, #REP, CALLERS, Runs::RUNS, SUMMARY},
inline constexpr ServiceInfo kServices[] = {DUBAN_SERVICES(DUBAN_SERVICE_INFO)};
#undef DUBAN_SERVICE_INFO

// The entry named `name`, or nullptr.
constexpr const ServiceInfo* FindService(std::string_view name) {
  for (const ServiceInfo& s : kServices) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

// The prefix every service of the broker's own starts with; worker services may not use it.
inline constexpr std::string_view kOwnPrefix = "duban.";

}  // namespace duban::protocol::svc
