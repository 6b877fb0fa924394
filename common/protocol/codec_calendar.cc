// The codec for duban.calendar: the working calendar's years and the re-planning of the timers
// counted on them. Same rules as codec.cc (strict, bounded, unknown fields rejected).
#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/codec_helpers.h"

namespace duban::protocol {

using namespace codec_internal;

namespace {

// "" or "YEAR:N": a four-digit year and an SSCAN cursor (decimal, at most 20 digits).
bool IsCalendarCursor(const std::string& c) {
  if (c.empty()) return true;
  const std::size_t colon = c.find(':');
  if (colon != 4 || c.size() < 6 || c.size() > 25) return false;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (i != colon && (c[i] < '0' || c[i] > '9')) return false;
  }
  return true;
}

}  // namespace

void WriteFields(MapWriter& w, const CalendarRequest& m) {
  w.Str("action", m.action).Bool("dry_run", m.dry_run).Str("actor", m.actor);
  w.Str("cursor", m.cursor).Int("limit", m.limit);
}
Status ReadFields(MapReader& r, CalendarRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("action", &m->action, false));
  DUBAN_RETURN_IF_ERROR(r.Bool("dry_run", &m->dry_run, false));
  DUBAN_RETURN_IF_ERROR(r.Str("actor", &m->actor, false));
  DUBAN_RETURN_IF_ERROR(r.Str("cursor", &m->cursor, false));
  DUBAN_RETURN_IF_ERROR(r.Int("limit", &m->limit, false));
  if (m->action != "status" && m->action != "replan") {
    return InvalidArgument("action must be status or replan, not '" + m->action.substr(0, 40) +
                           "'");
  }
  if (m->actor.size() > kMaxShortBytes) return InvalidArgument("actor is longer than 200 bytes");
  DUBAN_RETURN_IF_ERROR(CheckText("actor", m->actor, kMaxShortBytes));
  if (m->action == "replan" && !m->dry_run && m->actor.empty()) {
    return InvalidArgument("a replan that changes timers needs an actor (or dry_run)");
  }
  if (!IsCalendarCursor(m->cursor)) {
    return InvalidArgument("cursor must be \"\" or YEAR:N as a reply gave it");
  }
  if (m->limit < 1 || m->limit > kMaxListLimit) {
    return InvalidArgument("limit must be 1.." + std::to_string(kMaxListLimit));
  }
  return Status::Ok();
}

void WriteFields(MapWriter& w, const CalendarYearStatus& m) {
  w.Int("year", m.year).Bool("loaded", m.loaded).Str("source", m.source);
  w.Int("suggestions", m.suggestions).Int("assumed", m.assumed);
  w.Bool("replan_needed", m.replan_needed);
}
Status ReadFields(MapReader& r, CalendarYearStatus* m) {
  DUBAN_RETURN_IF_ERROR(r.Int("year", &m->year));
  DUBAN_RETURN_IF_ERROR(r.Bool("loaded", &m->loaded));
  DUBAN_RETURN_IF_ERROR(r.Str("source", &m->source, false));
  DUBAN_RETURN_IF_ERROR(r.Int("suggestions", &m->suggestions));
  DUBAN_RETURN_IF_ERROR(r.Int("assumed", &m->assumed));
  return r.Bool("replan_needed", &m->replan_needed, false);
}

void WriteFields(MapWriter& w, const TimerChange& m) {
  w.Str("code", m.code).Str("timer", m.timer).Int("old_due_ms", m.old_due_ms);
  w.Int("new_due_ms", m.new_due_ms).Str("rule", m.rule);
}
Status ReadFields(MapReader& r, TimerChange* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("timer", &m->timer));
  DUBAN_RETURN_IF_ERROR(r.Int("old_due_ms", &m->old_due_ms));
  DUBAN_RETURN_IF_ERROR(r.Int("new_due_ms", &m->new_due_ms));
  return r.Str("rule", &m->rule, false);
}

void WriteFields(MapWriter& w, const CalendarReply& m) {
  w.IntList("loaded", m.loaded);
  WriteList(w, "years", m.years);
  w.IntList("replanning", m.replanning);
  WriteList(w, "changes", m.changes);
  w.Bool("dry_run", m.dry_run).Str("cursor", m.cursor).Int("scanned", m.scanned);
  w.Int("skipped", m.skipped);
}
Status ReadFields(MapReader& r, CalendarReply* m) {
  DUBAN_RETURN_IF_ERROR(r.IntList("loaded", &m->loaded));
  DUBAN_RETURN_IF_ERROR(ReadList(r, "years", &m->years));
  DUBAN_RETURN_IF_ERROR(r.IntList("replanning", &m->replanning, false));
  DUBAN_RETURN_IF_ERROR(ReadList(r, "changes", &m->changes, false));
  DUBAN_RETURN_IF_ERROR(r.Bool("dry_run", &m->dry_run, false));
  DUBAN_RETURN_IF_ERROR(r.Str("cursor", &m->cursor, false));
  DUBAN_RETURN_IF_ERROR(r.Int("scanned", &m->scanned, false));
  return r.Int("skipped", &m->skipped, false);
}

}  // namespace duban::protocol
