// API messages of the 代表·局长面对面 sessions (duban.session): staff schedule a session where
// deputies meet the heads of handling units (date, place, the units and their heads, the deputies,
// the suggestions discussed) and record each discussed suggestion's outcome. The outcome itself is
// kept in the suggestion's handling record (`SessionOutcome`, handling_messages.h), so the
// suggestion's timeline, its digest and the follow-up of a commitment all see it.
// Same rules as messages.h: one struct per message with its description under it (describe.h).
//
// Thread rules: plain value types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/protocol/describe.h"

namespace duban::protocol {

// The most suggestions one session discusses, and the most units and deputies attending.
inline constexpr std::size_t kMaxSessionCodes = 50;
inline constexpr std::size_t kMaxSessionPeople = 50;

// A unit attending a session, and who came for it (its head, 局长).
struct SessionUnit {
  std::string unit;
  std::string head;
};
DUBAN_DESCRIBE(SessionUnit) {
  v("unit", m.unit, kRequired,
    "a unit id of the units file");
  v("head", m.head, kOptional,
    "≤ 200 bytes: who came for it, e.g. `张明（局长）`");
}

// One discussed suggestion of a session, as `show` reads it from the suggestion.
struct SessionItem {
  std::string code;
  std::string title;
  std::string state;        // the suggestion's state now
  std::string outcome;      // "" (none recorded yet) | resolved | commitment | referred
  std::string note;
  std::string unit;         // commitment: the unit that committed
  std::string commitment;   // commitment: its id (f<n>c1), for duban.closeout
  std::string due;          // commitment: YYYY-MM-DD
  std::string commitment_state;  // commitment: OPEN | MET
  std::string referred_to;  // referred: to whom
};
DUBAN_DESCRIBE(SessionItem) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("title", m.title, kOptional,
    "the suggestion's title");
  v("state", m.state, kOptional,
    "the suggestion's state now");
  v("outcome", m.outcome, kOptional,
    "`\"\"` (not recorded yet), `resolved` (problem resolved on the spot, 当场解决), `commitment` (a commitment with a due date, followed up), `referred` (referred on, 转办)");
  v("note", m.note, kOptional,
    "what was said or agreed");
  v("unit", m.unit, kOmitEmpty,
    "`commitment`: the unit that committed");
  v("commitment", m.commitment, kOmitEmpty,
    "`commitment`: the commitment's id, `f<session number>c1` (what `duban.closeout` names)");
  v("due", m.due, kOmitEmpty,
    "`commitment`: its due date, `YYYY-MM-DD`");
  v("commitment_state", m.commitment_state, kOmitEmpty,
    "`commitment`: `OPEN` or `MET` (closed out)");
  v("referred_to", m.referred_to, kOmitEmpty,
    "`referred`: to whom");
}

// A 代表·局长面对面 session.
struct Session {
  std::string id;  // F0001, ...
  std::string date;
  std::string place;
  std::string topic;
  std::vector<SessionUnit> units;
  std::vector<std::string> deputies;
  std::vector<std::string> codes;
  std::string created_by;
  Millis created_ms = 0;
  std::vector<SessionItem> items;  // show: each discussed suggestion with its outcome
};
DUBAN_DESCRIBE(Session) {
  v("id", m.id, kOptional,
    "`F0001`, `F0002`, … (absent in the stored description: it is the key)");
  v("date", m.date, kRequired,
    "`YYYY-MM-DD`, a working day unless forced");
  v("place", m.place, kRequired,
    "1..200 bytes: where it is held");
  v("topic", m.topic, kOptional,
    "≤ 200 bytes: its theme");
  v("units", m.units, kRequired,
    "`SessionUnit`s: the units whose heads attend (1..50)");
  v("deputies", m.deputies, kRequired,
    "the deputies' ids attending (1..50)");
  v("codes", m.codes, kRequired,
    "the suggestions discussed (1..50)");
  v("created_by", m.created_by, kOptional,
    "`staff:<actor>` who scheduled it");
  v("created_ms", m.created_ms, kOptional | kTime,
    "domain time it was scheduled");
  v("items", m.items, kOmitEmpty,
    "`show`: a `SessionItem` per discussed suggestion, read from the suggestion");
}

// duban.session: action list | show | schedule | outcome.
struct SessionRequest {
  std::string action = "list";
  std::string id;          // show, outcome
  std::string request_id;  // schedule: a retry with the same id returns the same session
  Session session;         // schedule: date, place, topic, units, deputies, codes
  bool force = false;      // schedule: a date that is not a working day
  std::string code;        // outcome
  std::string outcome;     // outcome: resolved | commitment | referred
  std::string note;        // outcome
  std::string due;         // outcome commitment: YYYY-MM-DD
  std::string unit;        // outcome commitment: the unit that commits ("" = the lead)
  std::string referred_to; // outcome referred
  std::string from, to;    // list: session dates, YYYY-MM-DD, both optional
  std::string actor;
};
DUBAN_DESCRIBE(SessionRequest) {
  v("action", m.action, kOptional,
    "`list` (default), `show`, `schedule`, `outcome`");
  v("id", m.id, kOptional,
    "`show`, `outcome`: the session, `F0001`");
  v("request_id", m.request_id, kOptional,
    "`schedule`: ≤ 64 bytes; a retry with the same id returns the session it made (`result` `known`)");
  v("session", m.session, kOptional,
    "`schedule`: the `Session` (date, place, topic, units, deputies, codes; the rest is ignored)");
  v("force", m.force, kOptional,
    "`schedule`: accept a date that is not a working day");
  v("code", m.code, kOptional,
    "`outcome`: a suggestion the session discussed");
  v("outcome", m.outcome, kOptional,
    "`outcome`: `resolved`, `commitment` or `referred`");
  v("note", m.note, kOptional,
    "`outcome`: ≤ 6 000 bytes, what was said or agreed (the commitment's text for `commitment`, required there)");
  v("due", m.due, kOptional,
    "`outcome` `commitment`: its due date, `YYYY-MM-DD`, not before the session");
  v("unit", m.unit, kOptional,
    "`outcome` `commitment`: the unit that commits, one that attended; default the lead unit");
  v("referred_to", m.referred_to, kOptional,
    "`outcome` `referred`: to whom, 1..200 bytes");
  v("from", m.from, kOptional,
    "`list`: first session date included, `YYYY-MM-DD`");
  v("to", m.to, kOptional,
    "`list`: last session date included, `YYYY-MM-DD`");
  v("actor", m.actor, kOptional,
    "`schedule`, `outcome`: 1..200 bytes, recorded as `staff:<actor>`");
}
struct SessionReply {
  std::vector<Session> sessions;  // list: by date; show, schedule, outcome: the one session
  std::string result;             // schedule: new | known; outcome: recorded | known
  std::int64_t version = 0;       // outcome: the suggestion's version afterwards
};
DUBAN_DESCRIBE(SessionReply) {
  v("sessions", m.sessions, kRequired,
    "`list`: the `Session`s by date (at most 1 000); `show`, `schedule`, `outcome`: the one session, with its `items` for `show` and `outcome`");
  v("result", m.result, kOptional,
    "`schedule`: `new` or `known` (the request id was seen); `outcome`: `recorded` or `known` (the same outcome was recorded before)");
  v("version", m.version, kOptional,
    "`outcome`: the suggestion's version afterwards");
}

}  // namespace duban::protocol
