// The codec's values for Redis beyond the messages: the effects of an outcome as the "complete"
// script reads them, a suggestion's units, and the body frames of an opaque request.
#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/codec_helpers.h"
#include "common/timer_plan.h"

namespace duban::protocol {

using namespace codec_internal;

namespace {

// The fields every reader of a timer knows (as TimerSpec's description writes them); the plan is
// written in its stored form.
void WriteTimerBase(MapWriter& w, const TimerSpec& m) {
  w.Str("name", m.name).Str("service", m.service).Str("kind", m.kind).Int("due_ms", m.due_ms);
  // str, not bin: Redis's Lua cmsgpack (which reads outcome effects) does not know bin.
  w.Int("priority_ms", m.priority_ms).Str("payload", m.payload);
}

}  // namespace

std::string EncodeOutcomeEffects(const Outcome& o) {
  if (o.timers.empty() && o.cancel_timers.empty() && o.notices.empty() && o.agenda.empty()) {
    return "";
  }
  MapWriter w;
  // For the scripts: a planned timer carries its plan in the stored form and the years the
  // broker's computation read and assumed (set_timer indexes it by them).
  w.MapList("timers", o.timers, [](MapWriter& nw, const TimerSpec& t) {
    WriteTimerBase(nw, t);
    if (!t.plan) return;
    nw.Str("plan", EncodeStoredPlan(*t.plan));
    nw.IntList("years", t.plan_years).IntList("assumed", t.assumed_years);
  });
  w.StrList("cancel", o.cancel_timers);
  // For the scripts only (never decoded from a peer): each notice with the webhook the broker
  // took from config.
  w.MapList("notices", o.notices, [](MapWriter& nw, const Notice& n) {
    WriteFields(nw, n);
    if (!n.webhook.empty()) nw.Str("webhook", n.webhook);
    if (!n.channels.empty()) nw.StrList("channels", n.channels);
  });
  if (!o.agenda.empty()) WriteList(w, "agenda", o.agenda);
  return w.Take();
}

// ---- stored values ---------------------------------------------------------------------------

std::string EncodeUnits(const std::vector<UnitAssignment>& units) {
  MapWriter w;
  WriteList(w, "units", units);
  return w.Take();
}

Result<std::vector<UnitAssignment>> DecodeUnits(std::string_view bytes) {
  DUBAN_ASSIGN_OR_RETURN(MapReader r, MapReader::Parse(bytes));
  std::vector<UnitAssignment> units;
  DUBAN_RETURN_IF_ERROR(ReadList(r, "units", &units));
  DUBAN_RETURN_IF_ERROR(r.Finish());
  return units;
}

std::string EncodeFrames(const std::vector<std::string>& frames) {
  MapWriter w;
  w.StrList("frames", frames);
  return w.Take();
}

Result<std::vector<std::string>> DecodeFrames(std::string_view bytes) {
  DUBAN_ASSIGN_OR_RETURN(MapReader r, MapReader::Parse(bytes));
  std::vector<std::string> frames;
  DUBAN_RETURN_IF_ERROR(r.StrList("frames", &frames));
  DUBAN_RETURN_IF_ERROR(r.Finish());
  return frames;
}

}  // namespace duban::protocol
