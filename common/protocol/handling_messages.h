// The handling record of a suggestion (办理记录): the reply rounds with their commitments,
// the units' opinions and contact records, the look-back rounds and the close-out. messages.h
// includes this file; the API that changes it is in api_messages.h. Same rules as messages.h: one
// struct per message with its description under it (describe.h).
//
// Thread rules: plain value types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/protocol/describe.h"

namespace duban::protocol {

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
DUBAN_DESCRIBE(Commitment) {
  v("id", m.id, kRequired,
    "`r<round>c<n>`, e.g. `r1c2`: reply round 1, commitment 2 (the id `duban.closeout` names)");
  v("text", m.text, kRequired,
    "what was promised");
  v("due", m.due, kRequired,
    "its due date, `YYYY-MM-DD`");
  v("state", m.state, kRequired,
    "`OPEN`; `MET` (closed out, 销号); `SUPERSEDED` (still open when a later reply came: a new reply after an evaluation that was not accepted replaces the open commitments of earlier rounds)");
  v("basis", m.basis, kOmitEmpty,
    "`MET`: the close-out basis, the staff actor, when; absent before");
  v("closed_by", m.closed_by, kOmitEmpty,
    "`MET`: the close-out basis, the staff actor, when; absent before");
  v("closed_ms", m.closed_ms, kOmitEmpty | kTime,
    "`MET`: the close-out basis, the staff actor, when; absent before");
}

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
DUBAN_DESCRIBE(ReplyRound) {
  v("round", m.round, kRequired,
    "1 for the first reply, 2 after a re-handling, …");
  v("unit", m.unit, kRequired,
    "the lead unit that replied");
  v("result_class", m.result_class, kRequired,
    "a code of `[[result_class]]` (default `A`, `B`, `C`, `D`)");
  v("text", m.text, kRequired,
    "the reply itself; never shown by `duban.status`");
  v("signer", m.signer, kRequired,
    "who signed it (签发人)");
  v("replied_ms", m.replied_ms, kTime,
    "domain time of the reply");
  v("deadline", m.deadline, kOptional,
    "the deadline date it answered, `YYYY-MM-DD` (optional when decoding)");
  v("on_time", m.on_time, kOptional,
    "replied no later than that deadline's `due_ms` (optional when decoding, default `true`)");
  v("commitments", m.commitments, kOptional,
    "`Commitment`s this reply made (optional when decoding)");
  v("satisfaction", m.satisfaction, kOmitEmpty,
    "the deputy's level code (default `satisfied`, `basic`, `dissatisfied`); absent until evaluated");
  v("reasons", m.reasons, kOmitEmpty,
    "the deputy's reasons; with `satisfaction`");
  v("evaluated_ms", m.evaluated_ms, kOmitEmpty | kTime,
    "domain time of the evaluation; with `satisfaction`");
}

// A co-handler's opinion (协办意见) to the lead unit, or a 三见面 contact record.
struct UnitNote {
  std::string unit;
  std::string kind;   // opinion | contact
  std::string phase;  // contact: before | during | after
  std::string text;
  Millis at_ms = 0;
};
DUBAN_DESCRIBE(UnitNote) {
  v("unit", m.unit, kRequired,
    "the unit that wrote it");
  v("kind", m.kind, kRequired,
    "opinion | contact");
  v("phase", m.phase, kOptional,
    "contact: before | during | after");
  v("text", m.text, kOptional,
    "the opinion, or the contact record");
  v("at_ms", m.at_ms, kTime,
    "domain time it was recorded");
}

// Everything the handling produced beyond the state: replies, evaluations, opinions, contacts,
// look-backs and the close-out. Stored with the suggestion (field `rec`).
// What a 代表·局长面对面 session (duban.session) did for this suggestion: recorded when the session is
// scheduled (outcome ""), then its outcome, once.
struct SessionOutcome {
  std::string session;  // F0003
  std::string date;     // the session's date, YYYY-MM-DD
  std::string outcome;  // "" | resolved | commitment | referred
  std::string note;
  std::string unit;         // commitment: the unit that committed
  std::string referred_to;  // referred: to whom
  std::vector<Commitment> commitments;  // commitment: one, id f<n>c1, followed up and closed out
  std::string recorded_by;
  Millis recorded_ms = 0;
};
DUBAN_DESCRIBE(SessionOutcome) {
  v("session", m.session, kRequired,
    "the session's id, `F0003`");
  v("date", m.date, kRequired,
    "the session's date, `YYYY-MM-DD`");
  v("outcome", m.outcome, kOptional,
    "`\"\"` until recorded; `resolved`, `commitment` or `referred`");
  v("note", m.note, kOmitEmpty,
    "what was resolved, promised or referred");
  v("unit", m.unit, kOmitEmpty,
    "`commitment`: the unit that committed");
  v("referred_to", m.referred_to, kOmitEmpty,
    "`referred`: to whom");
  v("commitments", m.commitments, kOmitEmpty,
    "`commitment`: the one `Commitment`, id `f<session number>c1`, followed up like a reply's and closed out (销号) with `duban.closeout`");
  v("recorded_by", m.recorded_by, kOmitEmpty,
    "`staff:<actor>` who recorded the outcome");
  v("recorded_ms", m.recorded_ms, kOmitEmpty | kTime,
    "domain time the outcome was recorded");
}

struct HandlingRecord {
  std::vector<ReplyRound> rounds;
  std::vector<UnitNote> notes;
  std::int64_t lookbacks = 0;  // look-back rounds (回头看) staff recorded
  Millis closed_ms = 0;        // when staff closed out (销号) a follow-up, 0 otherwise (an item
                               // closed by its evaluation has its date in the audit trail)
  std::string close_basis;
  std::vector<SessionOutcome> sessions;  // 代表·局长面对面 sessions that discussed it
  // The review (duban.review): why it was accepted, returned or withdrawn; whom it was merged into
  // (并案); the suggestions merged into it.
  std::string review_reason;
  std::string merged_into;
  std::vector<std::string> merged;
};
DUBAN_DESCRIBE(HandlingRecord) {
  v("rounds", m.rounds, kOptional,
    "`ReplyRound`s, oldest first (optional when decoding)");
  v("notes", m.notes, kOptional,
    "`UnitNote`s: opinions and contact records, oldest first (optional when decoding)");
  v("lookbacks", m.lookbacks, kOptional,
    "look-back rounds (回头看) staff recorded");
  v("closed_ms", m.closed_ms, kOmitEmpty | kTime,
    "domain time staff closed out (销号) the follow-up; absent otherwise (an item closed by its evaluation has its date in the audit trail)");
  v("close_basis", m.close_basis, kOmitEmpty,
    "the close-out basis (销号依据); with `closed_ms`");
  v("sessions", m.sessions, kOmitEmpty,
    "`SessionOutcome`s: the face-to-face sessions (代表·局长面对面) that discussed it, oldest first");
  v("review_reason", m.review_reason, kOmitEmpty,
    "the reason of the latest review outcome (`duban.review`: return for rework, withdrawal, acceptance, merge)");
  v("merged_into", m.merged_into, kOmitEmpty,
    "`MERGED`: the suggestion it was merged into (并案)");
  v("merged", m.merged, kOmitEmpty,
    "the suggestions merged into this one, in the order they were");
}

}  // namespace duban::protocol
