// The message types of common/protocol/codec.h, as one list for the codec fuzz target and the
// corpus generator (make_corpus.cc): DUBAN_FUZZ_MESSAGES(X) calls X(T) for every struct that has
// WriteFields/ReadFields. Keep it in step with DUBAN_MESSAGES in codec.h (in its own order: the
// seed corpus's selector bytes name types by their place here); a type missing here is simply
// not fuzzed, so the list is checked against codec.h's by a static count below.
#pragma once

#include "common/protocol/codec.h"

#define DUBAN_FUZZ_MESSAGES(X)                                                                  \
  X(Deputy) X(SuggestionDraft) X(UnitAssignment) X(Deadline) X(Suggestion) X(AuditEntry)        \
  X(SubmitRequest) X(SubmitReply) X(AssignRequest) X(AssignReply) X(GetRequest) X(GetReply)     \
  X(ListRequest) X(SuggestionSummary) X(ListReply) X(QueuesRequest) X(ServiceStats)             \
  X(QueuesReply) X(DlqRequest) X(DeadLetter) X(DlqReply) X(UnitActionRequest) X(DecideRequest)  \
  X(UnitActionReply) X(WorkersRequest) X(WorkerInfo) X(WorkersReply) X(PauseRequest)            \
  X(PauseReply) X(StatsRequest) X(StatsReply) X(TimerSpec) X(Notice) X(OutboxEntry)             \
  X(InboxRequest) X(InboxReply) X(TaskMessage) X(Outcome) X(Commitment) X(ReplyRound)           \
  X(UnitNote) X(HandlingRecord) X(CommitmentDraft) X(ReplyRequest) X(EvaluateRequest)           \
  X(CloseoutRequest) X(HandlingReply) X(PublicStatusRequest) X(PublicUnit) X(PublicStatus)      \
  X(VerifyRequest) X(ChainResult) X(VerifyReply) X(CheckRequest) X(StuckSuggestion)             \
  X(CheckReply) X(MeetingRequest) X(MeetingDate) X(MeetingReply) X(AgendaRequest)               \
  X(AgendaReason) X(AgendaMember) X(AgendaItem) X(AgendaReply) X(HotRequest) X(HotMark)         \
  X(HotProposal) X(HotReply) X(BundleRequest) X(Bundle) X(BundleReply) X(AgendaEffect)          \
  X(ReportRequest) X(ReportCount) X(ReportRow) X(ReportReply) X(TimerPlan) X(CalendarRequest)   \
  X(CalendarYearStatus) X(TimerChange) X(CalendarReply) X(TimersRequest) X(TimerRow)            \
  X(TimersReply) X(CommitteeRequest) X(CommitteeReply) X(SuperviseRequest) X(SuperviseReply)     \
  X(ProposeRequest) X(ProposeReply) X(SessionOutcome) X(SessionUnit) X(SessionItem) X(Session)    \
  X(SessionRequest) X(SessionReply) X(ReportSessions) X(RequestEvent) X(PeopleRequest)        \
  X(PublicRequest) X(RequestCount) X(RequestRequest) X(RequestReply) X(ReviewRequest)           \
  X(ReviewReply)

namespace duban::fuzz {

// Selector layout of the codec target's first input byte (mod kCodecCases):
//   3*i + 0  Decode<T_i>       (request / worker message, {"v":1,...})
//   3*i + 1  DecodeReply<T_i>  ({"v":1,"ok":true,...} or an error reply)
//   3*i + 2  DecodeBare<T_i>   (stored values, no "v")
//   then the extra decoders below.
enum class Extra { kUnits, kFrames, kDecisionPayload, kUnitTimerPayload, kReminderPayload,
                   kRoundPayload, kCount };

#define DUBAN_FUZZ_COUNT(T) +1
inline constexpr int kMessageTypes = 0 DUBAN_FUZZ_MESSAGES(DUBAN_FUZZ_COUNT);
#undef DUBAN_FUZZ_COUNT
#define DUBAN_CODEC_COUNT(T) +1
static_assert(kMessageTypes == 0 DUBAN_MESSAGES(DUBAN_CODEC_COUNT),
              "codec.h's DUBAN_MESSAGES list changed: update codec_types.h");
#undef DUBAN_CODEC_COUNT
inline constexpr int kCodecCases = 3 * kMessageTypes + static_cast<int>(Extra::kCount);

}  // namespace duban::fuzz
