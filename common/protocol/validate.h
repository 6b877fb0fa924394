// Validate: the checks of a message beyond its fields' types — lengths, ranges, formats and which
// fields an action needs. The reader of a message (described_codec.h) runs its Validate after the
// fields are read, so a handler only ever sees a message that passed it; each returns
// InvalidArgument naming the first bad field. Messages without checks have no Validate.
//
// Stored values the broker reads back (a Suggestion, its units and record) have none on purpose:
// a limit tightened later must never make a stored suggestion unreadable (see limits.h).
//
// Thread rules: pure functions.
#pragma once

#include "common/protocol/messages.h"
#include "common/status.h"

namespace duban::protocol {

#define DUBAN_VALIDATED_MESSAGES(X)                                                              \
  X(SubmitRequest) X(AssignRequest) X(GetRequest) X(ListRequest) X(DlqRequest)                   \
  X(UnitActionRequest) X(DecideRequest) X(PauseRequest) X(TimerPlan) X(TimerSpec) X(Notice)      \
  X(InboxRequest) X(Outcome) X(CommitmentDraft) X(ReplyRequest) X(EvaluateRequest)               \
  X(CloseoutRequest) X(PublicStatusRequest) X(VerifyRequest) X(CheckRequest) X(CalendarRequest)  \
  X(MeetingRequest) X(AgendaRequest) X(HotRequest) X(BundleRequest) X(AgendaEffect)              \
  X(ReportRequest) X(ReportCount) X(ReportRow) X(TimersRequest) X(CommitteeRequest) \
  X(SuperviseRequest) X(ProposeRequest) X(SessionRequest) X(RequestRequest) \
  X(ReviewRequest)

#define DUBAN_DECLARE_VALIDATE(T) Status Validate(const T& m);
DUBAN_VALIDATED_MESSAGES(DUBAN_DECLARE_VALIDATE)
#undef DUBAN_DECLARE_VALIDATE

}  // namespace duban::protocol
