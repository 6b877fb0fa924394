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

// Field writers/readers for each struct (used by the generic Encode/Decode below and nested).
#define DUBAN_MESSAGE(T)                       \
  void WriteFields(MapWriter& w, const T& m);  \
  Status ReadFields(MapReader& r, T* m);
DUBAN_MESSAGE(Deputy)
DUBAN_MESSAGE(SuggestionDraft)
DUBAN_MESSAGE(UnitAssignment)
DUBAN_MESSAGE(Deadline)
DUBAN_MESSAGE(Suggestion)
DUBAN_MESSAGE(AuditEntry)
DUBAN_MESSAGE(SubmitRequest)
DUBAN_MESSAGE(SubmitReply)
DUBAN_MESSAGE(AssignRequest)
DUBAN_MESSAGE(AssignReply)
DUBAN_MESSAGE(GetRequest)
DUBAN_MESSAGE(GetReply)
DUBAN_MESSAGE(ListRequest)
DUBAN_MESSAGE(SuggestionSummary)
DUBAN_MESSAGE(ListReply)
DUBAN_MESSAGE(QueuesRequest)
DUBAN_MESSAGE(ServiceStats)
DUBAN_MESSAGE(QueuesReply)
DUBAN_MESSAGE(DlqRequest)
DUBAN_MESSAGE(DeadLetter)
DUBAN_MESSAGE(DlqReply)
DUBAN_MESSAGE(UnitActionRequest)
DUBAN_MESSAGE(DecideRequest)
DUBAN_MESSAGE(UnitActionReply)
DUBAN_MESSAGE(WorkersRequest)
DUBAN_MESSAGE(WorkerInfo)
DUBAN_MESSAGE(WorkersReply)
DUBAN_MESSAGE(PauseRequest)
DUBAN_MESSAGE(PauseReply)
DUBAN_MESSAGE(StatsRequest)
DUBAN_MESSAGE(StatsReply)
DUBAN_MESSAGE(TimerPlan)
DUBAN_MESSAGE(TimerSpec)
DUBAN_MESSAGE(Notice)
DUBAN_MESSAGE(OutboxEntry)
DUBAN_MESSAGE(InboxRequest)
DUBAN_MESSAGE(InboxReply)
DUBAN_MESSAGE(TaskMessage)
DUBAN_MESSAGE(Outcome)
DUBAN_MESSAGE(Commitment)
DUBAN_MESSAGE(ReplyRound)
DUBAN_MESSAGE(UnitNote)
DUBAN_MESSAGE(HandlingRecord)
DUBAN_MESSAGE(CommitmentDraft)
DUBAN_MESSAGE(ReplyRequest)
DUBAN_MESSAGE(EvaluateRequest)
DUBAN_MESSAGE(CloseoutRequest)
DUBAN_MESSAGE(HandlingReply)
DUBAN_MESSAGE(PublicStatusRequest)
DUBAN_MESSAGE(PublicUnit)
DUBAN_MESSAGE(PublicStatus)
DUBAN_MESSAGE(VerifyRequest)
DUBAN_MESSAGE(ChainResult)
DUBAN_MESSAGE(VerifyReply)
DUBAN_MESSAGE(CheckRequest)
DUBAN_MESSAGE(StuckSuggestion)
DUBAN_MESSAGE(CheckReply)
DUBAN_MESSAGE(MeetingRequest)
DUBAN_MESSAGE(MeetingDate)
DUBAN_MESSAGE(MeetingReply)
DUBAN_MESSAGE(AgendaRequest)
DUBAN_MESSAGE(AgendaReason)
DUBAN_MESSAGE(AgendaMember)
DUBAN_MESSAGE(AgendaItem)
DUBAN_MESSAGE(AgendaReply)
DUBAN_MESSAGE(HotRequest)
DUBAN_MESSAGE(HotMark)
DUBAN_MESSAGE(HotProposal)
DUBAN_MESSAGE(HotReply)
DUBAN_MESSAGE(BundleRequest)
DUBAN_MESSAGE(Bundle)
DUBAN_MESSAGE(BundleReply)
DUBAN_MESSAGE(AgendaEffect)
DUBAN_MESSAGE(ReportRequest)
DUBAN_MESSAGE(ReportCount)
DUBAN_MESSAGE(ReportRow)
DUBAN_MESSAGE(ReportReply)
DUBAN_MESSAGE(CalendarRequest)
DUBAN_MESSAGE(CalendarYearStatus)
DUBAN_MESSAGE(TimerChange)
DUBAN_MESSAGE(CalendarReply)
#undef DUBAN_MESSAGE

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
