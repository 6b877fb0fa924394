// The codec for closing the loop: replies and their commitments, evaluations, close-out and
// look-back requests, and the handling record stored with a suggestion. Same rules as codec.cc
// (strict, bounded, unknown fields rejected).
#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/codec_helpers.h"

namespace duban::protocol {

using namespace codec_internal;

namespace {

Status CheckActor(const std::string& actor) {
  if (actor.empty() || actor.size() > kMaxShortBytes) {
    return InvalidArgument("actor must be 1..200 bytes");
  }
  return Status::Ok();
}

// The length and UTF-8 check of limits.h, under this file's old name.
Status CheckLength(const std::string& field, const std::string& value, std::size_t max) {
  return CheckText(field, value, max);
}

}  // namespace

// ---- stored record ----------------------------------------------------------------------------

void WriteFields(MapWriter& w, const Commitment& m) {
  w.Str("id", m.id).Str("text", m.text).Str("due", m.due).Str("state", m.state);
  if (!m.basis.empty()) w.Str("basis", m.basis);
  if (!m.closed_by.empty()) w.Str("closed_by", m.closed_by);
  if (m.closed_ms != 0) w.Int("closed_ms", m.closed_ms);
}
Status ReadFields(MapReader& r, Commitment* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("id", &m->id));
  DUBAN_RETURN_IF_ERROR(r.Str("text", &m->text));
  DUBAN_RETURN_IF_ERROR(r.Str("due", &m->due));
  DUBAN_RETURN_IF_ERROR(r.Str("state", &m->state));
  DUBAN_RETURN_IF_ERROR(r.Str("basis", &m->basis, false));
  DUBAN_RETURN_IF_ERROR(r.Str("closed_by", &m->closed_by, false));
  return r.Int("closed_ms", &m->closed_ms, false);
}

void WriteFields(MapWriter& w, const ReplyRound& m) {
  w.Int("round", m.round).Str("unit", m.unit).Str("result_class", m.result_class);
  w.Str("text", m.text).Str("signer", m.signer).Int("replied_ms", m.replied_ms);
  w.Str("deadline", m.deadline).Bool("on_time", m.on_time);
  WriteList(w, "commitments", m.commitments);
  if (!m.satisfaction.empty()) {
    w.Str("satisfaction", m.satisfaction).Str("reasons", m.reasons);
    w.Int("evaluated_ms", m.evaluated_ms);
  }
}
Status ReadFields(MapReader& r, ReplyRound* m) {
  DUBAN_RETURN_IF_ERROR(r.Int("round", &m->round));
  DUBAN_RETURN_IF_ERROR(r.Str("unit", &m->unit));
  DUBAN_RETURN_IF_ERROR(r.Str("result_class", &m->result_class));
  DUBAN_RETURN_IF_ERROR(r.Str("text", &m->text));
  DUBAN_RETURN_IF_ERROR(r.Str("signer", &m->signer));
  DUBAN_RETURN_IF_ERROR(r.Int("replied_ms", &m->replied_ms));
  DUBAN_RETURN_IF_ERROR(r.Str("deadline", &m->deadline, false));
  DUBAN_RETURN_IF_ERROR(r.Bool("on_time", &m->on_time, false));
  DUBAN_RETURN_IF_ERROR(ReadList(r, "commitments", &m->commitments, false));
  DUBAN_RETURN_IF_ERROR(r.Str("satisfaction", &m->satisfaction, false));
  DUBAN_RETURN_IF_ERROR(r.Str("reasons", &m->reasons, false));
  return r.Int("evaluated_ms", &m->evaluated_ms, false);
}

void WriteFields(MapWriter& w, const UnitNote& m) {
  w.Str("unit", m.unit).Str("kind", m.kind).Str("phase", m.phase).Str("text", m.text);
  w.Int("at_ms", m.at_ms);
}
Status ReadFields(MapReader& r, UnitNote* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("unit", &m->unit));
  DUBAN_RETURN_IF_ERROR(r.Str("kind", &m->kind));
  DUBAN_RETURN_IF_ERROR(r.Str("phase", &m->phase, false));
  DUBAN_RETURN_IF_ERROR(r.Str("text", &m->text, false));
  return r.Int("at_ms", &m->at_ms);
}

void WriteFields(MapWriter& w, const HandlingRecord& m) {
  WriteList(w, "rounds", m.rounds);
  WriteList(w, "notes", m.notes);
  w.Int("lookbacks", m.lookbacks);
  if (m.closed_ms != 0) w.Int("closed_ms", m.closed_ms).Str("close_basis", m.close_basis);
}
Status ReadFields(MapReader& r, HandlingRecord* m) {
  DUBAN_RETURN_IF_ERROR(ReadList(r, "rounds", &m->rounds, false));
  DUBAN_RETURN_IF_ERROR(ReadList(r, "notes", &m->notes, false));
  DUBAN_RETURN_IF_ERROR(r.Int("lookbacks", &m->lookbacks, false));
  DUBAN_RETURN_IF_ERROR(r.Int("closed_ms", &m->closed_ms, false));
  return r.Str("close_basis", &m->close_basis, false);
}

// ---- requests and replies ---------------------------------------------------------------------

void WriteFields(MapWriter& w, const CommitmentDraft& m) {
  w.Str("text", m.text).Str("due", m.due);
}
Status ReadFields(MapReader& r, CommitmentDraft* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("text", &m->text));
  DUBAN_RETURN_IF_ERROR(r.Str("due", &m->due));
  DUBAN_RETURN_IF_ERROR(CheckLength("commitment text", m->text, kMaxBasisBytes));
  return CheckLength("commitment due", m->due, kMaxShortBytes);
}

void WriteFields(MapWriter& w, const ReplyRequest& m) {
  w.Str("code", m.code).Str("unit", m.unit).Str("actor", m.actor);
  w.Str("result_class", m.result_class).Str("text", m.text).Str("signer", m.signer);
  WriteList(w, "commitments", m.commitments);
}
Status ReadFields(MapReader& r, ReplyRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("unit", &m->unit));
  DUBAN_RETURN_IF_ERROR(r.Str("actor", &m->actor));
  DUBAN_RETURN_IF_ERROR(r.Str("result_class", &m->result_class));
  DUBAN_RETURN_IF_ERROR(r.Str("text", &m->text));
  DUBAN_RETURN_IF_ERROR(r.Str("signer", &m->signer, false));
  DUBAN_RETURN_IF_ERROR(ReadList(r, "commitments", &m->commitments, false));
  DUBAN_RETURN_IF_ERROR(CheckActor(m->actor));
  DUBAN_RETURN_IF_ERROR(CheckLength("actor", m->actor, kMaxShortBytes));
  DUBAN_RETURN_IF_ERROR(CheckLength("text", m->text, kMaxReplyTextBytes));
  DUBAN_RETURN_IF_ERROR(CheckLength("signer", m->signer, kMaxShortBytes));
  DUBAN_RETURN_IF_ERROR(CheckLength("result_class", m->result_class, kMaxShortBytes));
  if (m->commitments.size() > kMaxCommitmentsPerReply) {
    return InvalidArgument("at most " + std::to_string(kMaxCommitmentsPerReply) + " commitments");
  }
  return Status::Ok();
}

void WriteFields(MapWriter& w, const EvaluateRequest& m) {
  w.Str("code", m.code).Str("deputy", m.deputy).Str("actor", m.actor);
  w.Str("satisfaction", m.satisfaction).Str("reasons", m.reasons);
}
Status ReadFields(MapReader& r, EvaluateRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("deputy", &m->deputy));
  DUBAN_RETURN_IF_ERROR(r.Str("actor", &m->actor, false));
  DUBAN_RETURN_IF_ERROR(r.Str("satisfaction", &m->satisfaction));
  DUBAN_RETURN_IF_ERROR(r.Str("reasons", &m->reasons, false));
  DUBAN_RETURN_IF_ERROR(CheckLength("actor", m->actor, kMaxShortBytes));
  DUBAN_RETURN_IF_ERROR(CheckLength("satisfaction", m->satisfaction, kMaxShortBytes));
  return CheckLength("reasons", m->reasons, kMaxNoteBytes);
}

void WriteFields(MapWriter& w, const CloseoutRequest& m) {
  w.Str("code", m.code).Str("commitment", m.commitment).Str("basis", m.basis);
  w.Str("actor", m.actor);
}
Status ReadFields(MapReader& r, CloseoutRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("commitment", &m->commitment, false));
  DUBAN_RETURN_IF_ERROR(r.Str("basis", &m->basis));
  DUBAN_RETURN_IF_ERROR(r.Str("actor", &m->actor));
  DUBAN_RETURN_IF_ERROR(CheckActor(m->actor));
  DUBAN_RETURN_IF_ERROR(CheckLength("actor", m->actor, kMaxShortBytes));
  DUBAN_RETURN_IF_ERROR(CheckLength("commitment", m->commitment, kMaxShortBytes));
  return CheckLength("basis", m->basis, kMaxBasisBytes);
}

void WriteFields(MapWriter& w, const HandlingReply& m) {
  w.Str("code", m.code).Str("state", m.state).Int("version", m.version).Int("round", m.round);
}
Status ReadFields(MapReader& r, HandlingReply* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("state", &m->state));
  DUBAN_RETURN_IF_ERROR(r.Int("version", &m->version));
  return r.Int("round", &m->round);
}

void WriteFields(MapWriter& w, const PublicStatusRequest& m) { w.Str("code", m.code); }
Status ReadFields(MapReader& r, PublicStatusRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  return CheckLength("code", m->code, kMaxShortBytes);
}

void WriteFields(MapWriter& w, const PublicUnit& m) { w.Str("name", m.name).Str("role", m.role); }
Status ReadFields(MapReader& r, PublicUnit* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("name", &m->name));
  return r.Str("role", &m->role);
}

void WriteFields(MapWriter& w, const PublicStatus& m) {
  w.Str("code", m.code).Str("session", m.session).Str("state", m.state);
  w.Str("state_label", m.state_label);
  WriteList(w, "units", m.units);
  w.Str("deadline", m.deadline).Str("reply_date", m.reply_date);
  w.Str("result_class", m.result_class).Str("satisfaction", m.satisfaction).Int("rounds", m.rounds);
}
Status ReadFields(MapReader& r, PublicStatus* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("session", &m->session));
  DUBAN_RETURN_IF_ERROR(r.Str("state", &m->state));
  DUBAN_RETURN_IF_ERROR(r.Str("state_label", &m->state_label));
  DUBAN_RETURN_IF_ERROR(ReadList(r, "units", &m->units));
  DUBAN_RETURN_IF_ERROR(r.Str("deadline", &m->deadline));
  DUBAN_RETURN_IF_ERROR(r.Str("reply_date", &m->reply_date));
  DUBAN_RETURN_IF_ERROR(r.Str("result_class", &m->result_class));
  DUBAN_RETURN_IF_ERROR(r.Str("satisfaction", &m->satisfaction));
  return r.Int("rounds", &m->rounds);
}

}  // namespace duban::protocol
