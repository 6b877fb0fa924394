// Codec: structs of messages.h <-> msgpack bytes (through wire.h). Requests and replies carry
// "v" (the protocol version); replies carry "ok", and on failure "code" and "message".
//
// Every Decode returns ProtocolError for bytes that are not a bounded msgpack map, ProtocolError
// for a missing or unsupported version, and InvalidArgument for a missing, mistyped or unknown
// field. Nothing here throws.
#pragma once

#include <string>
#include <string_view>

#include "common/protocol/messages.h"
#include "common/protocol/wire.h"

namespace duban::protocol {

// Every message with a description (describe.h), for the code that does the same to each: the
// codec's WriteFields/ReadFields below, the JSON views (json_view.h) and the field tables of
// docs/protocol.md (field_table.h). A new message is added here and nowhere else by hand.
#define DUBAN_MESSAGES(X) \
  X(Deputy) X(SuggestionDraft) X(UnitAssignment) X(Deadline) X(Suggestion) X(AuditEntry) \
  X(SubmitRequest) X(SubmitReply) X(AssignRequest) X(AssignReply) X(GetRequest) X(GetReply) \
  X(ListRequest) X(SuggestionSummary) X(ListReply) X(QueuesRequest) X(ServiceStats) \
  X(QueuesReply) X(DlqRequest) X(DeadLetter) X(DlqReply) X(UnitActionRequest) X(DecideRequest) \
  X(UnitActionReply) X(WorkersRequest) X(WorkerInfo) X(WorkersReply) X(PauseRequest) \
  X(PauseReply) X(StatsRequest) X(StatsReply) X(TimerPlan) X(TimerSpec) X(Notice) \
  X(OutboxEntry) X(InboxRequest) X(InboxReply) X(TaskMessage) X(Outcome) X(Commitment) \
  X(ReplyRound) X(UnitNote) X(HandlingRecord) X(CommitmentDraft) X(ReplyRequest) \
  X(EvaluateRequest) X(CloseoutRequest) X(HandlingReply) X(PublicStatusRequest) X(PublicUnit) \
  X(PublicStatus) X(VerifyRequest) X(ChainResult) X(VerifyReply) X(CheckRequest) \
  X(StuckSuggestion) X(CheckReply) X(MeetingRequest) X(MeetingDate) X(MeetingReply) \
  X(AgendaRequest) X(AgendaReason) X(AgendaMember) X(AgendaItem) X(AgendaReply) X(HotRequest) \
  X(HotMark) X(HotProposal) X(HotReply) X(BundleRequest) X(Bundle) X(BundleReply) \
  X(AgendaEffect) X(ReportRequest) X(ReportCount) X(ReportRow) X(ReportReply) \
  X(CalendarRequest) X(CalendarYearStatus) X(TimerChange) X(CalendarReply) X(TimersRequest) \
  X(TimerRow) X(TimersReply) X(CommitteeRequest) X(CommitteeReply) \
  X(SuperviseRequest) X(SuperviseReply) X(ProposeRequest) X(ProposeReply) X(SessionOutcome) X(ReportSessions) X(RequestEvent) X(PeopleRequest) \
  X(PublicRequest) X(RequestCount) X(RequestRequest) X(RequestReply) \
  X(SessionUnit) X(SessionItem) X(Session) X(SessionRequest) X(SessionReply) \
  X(ReviewRequest) X(ReviewReply)

// Field writers and readers for each message, from its description (used by the generic
// Encode/Decode below and for nested messages); the reader runs the message's Validate.
#define DUBAN_DECLARE_FIELDS(T)                \
  void WriteFields(MapWriter& w, const T& m);  \
  Status ReadFields(MapReader& r, T* m);
DUBAN_MESSAGES(DUBAN_DECLARE_FIELDS)
#undef DUBAN_DECLARE_FIELDS

// Checks "v": ProtocolError when missing or not kProtocolVersion.
Status CheckVersion(MapReader& r);

// A request or a worker message: {"v":1, fields...}.
template <typename T>
std::string Encode(const T& m) {
  MapWriter w;
  w.Int("v", kProtocolVersion);
  WriteFields(w, m);
  return w.Take();
}

template <typename T>
Result<T> Decode(std::string_view bytes) {
  DUBAN_ASSIGN_OR_RETURN(MapReader r, MapReader::Parse(bytes));
  DUBAN_RETURN_IF_ERROR(CheckVersion(r));
  T m;
  DUBAN_RETURN_IF_ERROR(ReadFields(r, &m));
  DUBAN_RETURN_IF_ERROR(r.Finish());
  return m;
}

// A successful reply: {"v":1, "ok":true, fields...}.
template <typename T>
std::string EncodeReply(const T& m) {
  MapWriter w;
  w.Int("v", kProtocolVersion).Bool("ok", true);
  WriteFields(w, m);
  return w.Take();
}

// An error reply: {"v":1, "ok":false, "code":"INVALID_ARGUMENT", "message":"..."}.
std::string EncodeError(const Status& s);

// Reads "v" and "ok"; for an error reply returns its Status (with the code it names), for a
// successful one leaves the fields to the caller.
Status ReadReplyHeader(MapReader& r);

template <typename T>
Result<T> DecodeReply(std::string_view bytes) {
  DUBAN_ASSIGN_OR_RETURN(MapReader r, MapReader::Parse(bytes));
  DUBAN_RETURN_IF_ERROR(ReadReplyHeader(r));
  T m;
  DUBAN_RETURN_IF_ERROR(ReadFields(r, &m));
  DUBAN_RETURN_IF_ERROR(r.Finish());
  return m;
}

// A struct as a bare map, without "v" (for values stored in Redis: drafts, units, deadlines, audit
// entries), and back.
template <typename T>
std::string EncodeBare(const T& m) {
  MapWriter w;
  WriteFields(w, m);
  return w.Take();
}

template <typename T>
Result<T> DecodeBare(std::string_view bytes) {
  DUBAN_ASSIGN_OR_RETURN(MapReader r, MapReader::Parse(bytes));
  T m;
  DUBAN_RETURN_IF_ERROR(ReadFields(r, &m));
  DUBAN_RETURN_IF_ERROR(r.Finish());
  return m;
}

// Units are stored as {"units": [...]} so they decode like any other map.
std::string EncodeUnits(const std::vector<UnitAssignment>& units);
Result<std::vector<UnitAssignment>> DecodeUnits(std::string_view bytes);

// An outcome's timers, cancellations, notices and agenda effects as one map for the "complete"
// script, which reads it with cmsgpack: {"timers":[...], "cancel":[...], "notices":[...],
// "agenda":[...]}; "" when all are empty.
std::string EncodeOutcomeEffects(const Outcome& o);

// The body frames of an opaque client request, stored in a task: {"frames": [bin...]}.
std::string EncodeFrames(const std::vector<std::string>& frames);
Result<std::vector<std::string>> DecodeFrames(std::string_view bytes);

}  // namespace duban::protocol
