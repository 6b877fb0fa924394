// The codec for what surrounds a unit's handling: unit actions and staff decisions, timers,
// notices and outboxes, live workers and paused services, and the values stored in Redis (units,
// request frames). Same rules as codec.cc (strict, bounded, unknown fields rejected).
#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/codec_helpers.h"
#include "common/timer_plan.h"

namespace duban::protocol {

using namespace codec_internal;

// ---- unit actions, workers, pause -------------------------------------------------------------

void WriteFields(MapWriter& w, const UnitActionRequest& m) {
  w.Str("code", m.code).Str("unit", m.unit).Str("actor", m.actor).Str("reason", m.reason);
  w.Str("phase", m.phase).Str("until", m.until);
}
Status ReadFields(MapReader& r, UnitActionRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("unit", &m->unit));
  DUBAN_RETURN_IF_ERROR(r.Str("actor", &m->actor));
  DUBAN_RETURN_IF_ERROR(r.Str("reason", &m->reason, false));
  DUBAN_RETURN_IF_ERROR(r.Str("phase", &m->phase, false));
  DUBAN_RETURN_IF_ERROR(r.Str("until", &m->until, false));
  if (m->actor.empty() || m->actor.size() > kMaxShortBytes) return InvalidArgument("actor must be 1..200 bytes");
  DUBAN_RETURN_IF_ERROR(CheckText("actor", m->actor, kMaxShortBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("reason", m->reason, kMaxNoteBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("phase", m->phase, kMaxShortBytes));
  return CheckText("until", m->until, kMaxShortBytes);
}

void WriteFields(MapWriter& w, const DecideRequest& m) {
  w.Str("code", m.code).Str("unit", m.unit).Str("request", m.request).Bool("approve", m.approve);
  w.Str("new_unit", m.new_unit).Str("actor", m.actor).Str("note", m.note);
}
Status ReadFields(MapReader& r, DecideRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("unit", &m->unit));
  DUBAN_RETURN_IF_ERROR(r.Str("request", &m->request));
  DUBAN_RETURN_IF_ERROR(r.Bool("approve", &m->approve));
  DUBAN_RETURN_IF_ERROR(r.Str("new_unit", &m->new_unit, false));
  DUBAN_RETURN_IF_ERROR(r.Str("actor", &m->actor));
  DUBAN_RETURN_IF_ERROR(r.Str("note", &m->note, false));
  if (m->actor.empty() || m->actor.size() > kMaxShortBytes) return InvalidArgument("actor must be 1..200 bytes");
  DUBAN_RETURN_IF_ERROR(CheckText("actor", m->actor, kMaxShortBytes));
  return CheckText("note", m->note, kMaxNoteBytes);
}

void WriteFields(MapWriter& w, const UnitActionReply& m) {
  w.Str("code", m.code).Str("unit", m.unit).Str("unit_state", m.unit_state).Str("state", m.state);
  w.Int("version", m.version);
}
Status ReadFields(MapReader& r, UnitActionReply* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("unit", &m->unit));
  DUBAN_RETURN_IF_ERROR(r.Str("unit_state", &m->unit_state));
  DUBAN_RETURN_IF_ERROR(r.Str("state", &m->state));
  return r.Int("version", &m->version);
}

void WriteFields(MapWriter&, const WorkersRequest&) {}
Status ReadFields(MapReader&, WorkersRequest*) { return Status::Ok(); }

void WriteFields(MapWriter& w, const WorkerInfo& m) {
  w.Str("id", m.id).Str("service", m.service).Bool("busy", m.busy).Str("task", m.task);
  w.Int("last_seen_age_ms", m.last_seen_age_ms);
}
Status ReadFields(MapReader& r, WorkerInfo* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("id", &m->id));
  DUBAN_RETURN_IF_ERROR(r.Str("service", &m->service));
  DUBAN_RETURN_IF_ERROR(r.Bool("busy", &m->busy));
  DUBAN_RETURN_IF_ERROR(r.Str("task", &m->task, false));
  return r.Int("last_seen_age_ms", &m->last_seen_age_ms);
}

void WriteFields(MapWriter& w, const WorkersReply& m) { WriteList(w, "workers", m.workers); }
Status ReadFields(MapReader& r, WorkersReply* m) { return ReadList(r, "workers", &m->workers); }

void WriteFields(MapWriter& w, const PauseRequest& m) {
  w.Str("service", m.service).Bool("paused", m.paused).Str("actor", m.actor);
}
Status ReadFields(MapReader& r, PauseRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("service", &m->service));
  DUBAN_RETURN_IF_ERROR(r.Bool("paused", &m->paused));
  DUBAN_RETURN_IF_ERROR(r.Str("actor", &m->actor));
  if (m->actor.empty() || m->actor.size() > kMaxShortBytes) return InvalidArgument("actor must be 1..200 bytes");
  return Status::Ok();
}

void WriteFields(MapWriter& w, const PauseReply& m) {
  w.Str("service", m.service).Bool("paused", m.paused);
}
Status ReadFields(MapReader& r, PauseReply* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("service", &m->service));
  return r.Bool("paused", &m->paused);
}

// ---- timers and notices ------------------------------------------------------------------------

namespace {
bool IsValidTimerName(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char ch : s) {
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '.' || ch == '_' || ch == '-';
    if (!ok) return false;
  }
  return true;
}
}  // namespace

void WriteFields(MapWriter& w, const TimerPlan& m) {
  w.Str("rule", m.rule).Str("base", m.base).Int("n", m.n).Int("minute", m.minute);
}
Status ReadFields(MapReader& r, TimerPlan* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("rule", &m->rule));
  DUBAN_RETURN_IF_ERROR(r.Str("base", &m->base));
  DUBAN_RETURN_IF_ERROR(r.Int("n", &m->n));
  DUBAN_RETURN_IF_ERROR(r.Int("minute", &m->minute));
  return ValidateTimerPlan(*m);
}

namespace {
// The fields every reader of a timer knows; the plan is written by each caller in its own form.
void WriteTimerBase(MapWriter& w, const TimerSpec& m) {
  w.Str("name", m.name).Str("service", m.service).Str("kind", m.kind).Int("due_ms", m.due_ms);
  // str, not bin: Redis's Lua cmsgpack (which reads outcome effects) does not know bin.
  w.Int("priority_ms", m.priority_ms).Str("payload", m.payload);
}
}  // namespace

void WriteFields(MapWriter& w, const TimerSpec& m) {
  WriteTimerBase(w, m);
  if (m.plan) WriteNested(w, "plan", *m.plan);
  // Never plan_years / assumed_years: the broker computes them (broker/timer_plans.h).
}
Status ReadFields(MapReader& r, TimerSpec* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("name", &m->name));
  DUBAN_RETURN_IF_ERROR(r.Str("service", &m->service));
  DUBAN_RETURN_IF_ERROR(r.Str("kind", &m->kind));
  DUBAN_RETURN_IF_ERROR(r.Int("due_ms", &m->due_ms));
  DUBAN_RETURN_IF_ERROR(r.Int("priority_ms", &m->priority_ms, false));
  DUBAN_RETURN_IF_ERROR(r.Bytes("payload", &m->payload, false));
  if (r.Has("plan")) {
    TimerPlan plan;
    DUBAN_RETURN_IF_ERROR(ReadNested(r, "plan", &plan));
    m->plan = std::move(plan);
  }
  if (!IsValidTimerName(m->name)) return InvalidArgument("timer name '" + m->name + "' is not [A-Za-z0-9._-]{1,64}");
  if (!IsValidTimerName(m->service) || m->service.rfind("duban.", 0) == 0 ||
      m->service.rfind("mmi.", 0) == 0) {
    return InvalidArgument("timer service '" + m->service +
                           "' must be a worker service name ([A-Za-z0-9._-]{1,64}, not duban.* or mmi.*)");
  }
  if (m->kind.empty() || m->kind.size() > kMaxShortBytes) return InvalidArgument("timer kind must be 1..200 bytes");
  if (m->due_ms <= 0) return InvalidArgument("timer due_ms must be positive");
  return Status::Ok();
}

void WriteFields(MapWriter& w, const Notice& m) {
  w.Str("recipient", m.recipient).Str("kind", m.kind).Str("text", m.text);
  w.Str("dedup_key", m.dedup_key);
  // Never `webhook`: a notice's webhook comes only from the unit's configuration, which the broker
  // adds after decoding (AddWebhooks) and hands to the scripts in EncodeOutcomeEffects.
}
Status ReadFields(MapReader& r, Notice* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("recipient", &m->recipient));
  DUBAN_RETURN_IF_ERROR(r.Str("kind", &m->kind));
  DUBAN_RETURN_IF_ERROR(r.Str("text", &m->text));
  DUBAN_RETURN_IF_ERROR(r.Str("dedup_key", &m->dedup_key, false));
  // No `webhook` field on the wire: an outcome that names one is refused (unknown field), so a
  // worker can never choose where a notice is POSTed.
  if (m->recipient.empty() || m->recipient.size() > kMaxShortBytes ||
      m->recipient.find_first_of("{}") != std::string::npos) {
    return InvalidArgument("notice recipient must be 1..200 bytes without braces");
  }
  if (m->text.size() > kMaxNoteBytes) return InvalidArgument("notice text is too long");
  return Status::Ok();
}

void WriteFields(MapWriter& w, const OutboxEntry& m) {
  w.Int("at_ms", m.at_ms).Str("code", m.code).Str("kind", m.kind).Str("text", m.text);
}
Status ReadFields(MapReader& r, OutboxEntry* m) {
  DUBAN_RETURN_IF_ERROR(r.Int("at_ms", &m->at_ms));
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code, false));
  DUBAN_RETURN_IF_ERROR(r.Str("kind", &m->kind));
  return r.Str("text", &m->text);
}

void WriteFields(MapWriter& w, const InboxRequest& m) {
  w.Str("recipient", m.recipient).Int("limit", m.limit);
}
Status ReadFields(MapReader& r, InboxRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("recipient", &m->recipient));
  DUBAN_RETURN_IF_ERROR(r.Int("limit", &m->limit, false));
  if (m->recipient.empty() || m->recipient.size() > kMaxShortBytes ||
      m->recipient.find_first_of("{}") != std::string::npos) {
    return InvalidArgument("recipient must be 1..200 bytes without braces");
  }
  if (m->limit < 1 || m->limit > kMaxListLimit) {
    return InvalidArgument("limit must be 1.." + std::to_string(kMaxListLimit));
  }
  return Status::Ok();
}

void WriteFields(MapWriter& w, const InboxReply& m) {
  WriteList(w, "notices", m.notices);
  w.Int("total", m.total);
}
Status ReadFields(MapReader& r, InboxReply* m) {
  DUBAN_RETURN_IF_ERROR(ReadList(r, "notices", &m->notices));
  return r.Int("total", &m->total);
}

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
