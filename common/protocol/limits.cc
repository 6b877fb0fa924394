#include "common/protocol/limits.h"

#include <string>

#include "common/protocol/codec.h"
#include "common/utf8.h"

namespace duban::protocol {
namespace {

std::size_t CommitmentCount(const HandlingRecord& r) {
  std::size_t n = 0;
  for (const auto& round : r.rounds) n += round.commitments.size();
  return n;
}

// ResourceExhausted when a list grows past `max` ("<what>: at most N per suggestion").
Status Grows(std::size_t before, std::size_t after, std::size_t max, const std::string& what) {
  if (after > max && after > before) {
    return ResourceExhausted(what + ": a suggestion keeps at most " + std::to_string(max) +
                             " (it has " + std::to_string(before) + ")");
  }
  return Status::Ok();
}

}  // namespace

Status CheckText(std::string_view field, std::string_view value, std::size_t max_bytes,
                 bool required) {
  if (required && value.empty()) return InvalidArgument(std::string(field) + " is empty");
  if (value.size() > max_bytes) {
    return InvalidArgument(std::string(field) + " is longer than " + std::to_string(max_bytes) +
                           " bytes");
  }
  if (!IsValidUtf8(value)) return InvalidArgument(std::string(field) + " is not valid UTF-8");
  return Status::Ok();
}

Status CheckChangeBounds(const std::vector<UnitAssignment>& units_before,
                         const std::vector<UnitAssignment>& units_after,
                         const HandlingRecord& record_before, const HandlingRecord* record_after) {
  DUBAN_RETURN_IF_ERROR(Grows(units_before.size(), units_after.size(), kMaxUnitsPerSuggestion,
                              "unit tasks (returns handed over included)"));
  if (record_after == nullptr) return Status::Ok();
  const HandlingRecord& r = *record_after;
  DUBAN_RETURN_IF_ERROR(Grows(record_before.notes.size(), r.notes.size(), kMaxUnitNotes,
                              "contact records and opinions"));
  DUBAN_RETURN_IF_ERROR(
      Grows(record_before.rounds.size(), r.rounds.size(), kMaxReplyRounds, "reply rounds"));
  DUBAN_RETURN_IF_ERROR(Grows(CommitmentCount(record_before), CommitmentCount(r),
                              kMaxCommitmentsPerRecord, "commitments"));
  const std::size_t bytes = EncodeBare(r).size();
  if (bytes > kMaxRecordBytes && bytes > EncodeBare(record_before).size()) {
    return ResourceExhausted("the handling record would hold " + std::to_string(bytes) +
                             " bytes; a suggestion keeps at most " +
                             std::to_string(kMaxRecordBytes));
  }
  return Status::Ok();
}

Status CheckOutcomeBounds(const Outcome& o) {
  auto too_many = [](const char* what, std::size_t n, std::size_t max) {
    return InvalidArgument(std::string("outcome has ") + std::to_string(n) + " " + what +
                           " (at most " + std::to_string(max) + ")");
  };
  if (o.note.size() > kMaxAuditNoteBytes) {
    return InvalidArgument("outcome note is longer than " + std::to_string(kMaxAuditNoteBytes) +
                           " bytes");
  }
  if (o.units.size() > kMaxUnitsPerSuggestion) {
    return too_many("units", o.units.size(), kMaxUnitsPerSuggestion);
  }
  if (o.timers.size() > kMaxOutcomeTimers) {
    return too_many("timers", o.timers.size(), kMaxOutcomeTimers);
  }
  if (o.cancel_timers.size() > kMaxOutcomeCancels) {
    return too_many("timer cancellations", o.cancel_timers.size(), kMaxOutcomeCancels);
  }
  if (o.notices.size() > kMaxOutcomeNotices) {
    return too_many("notices", o.notices.size(), kMaxOutcomeNotices);
  }
  if (o.agenda.size() > kMaxOutcomeAgenda) {
    return too_many("agenda effects", o.agenda.size(), kMaxOutcomeAgenda);
  }
  for (const auto& t : o.timers) {
    if (t.payload.size() > kMaxTimerPayloadBytes) {
      return InvalidArgument("timer '" + t.name + "' payload is longer than " +
                             std::to_string(kMaxTimerPayloadBytes) + " bytes");
    }
  }
  if (o.deadline && o.deadline->rule.size() > kMaxNoteBytes) {
    return InvalidArgument("outcome deadline rule is longer than " + std::to_string(kMaxNoteBytes) +
                           " bytes");
  }
  return Status::Ok();
}

}  // namespace duban::protocol
