// The codec for duban.report (handling-performance figures). Same rules as codec.cc (strict,
// bounded, unknown fields rejected); the request's scope is checked here, so the broker only sees
// a session or a valid, ordered pair of dates.
#include <string>

#include "common/calendar.h"
#include "common/protocol/codec.h"
#include "common/protocol/codec_helpers.h"

namespace duban::protocol {

using namespace codec_internal;

namespace {

Status CheckShort(const char* name, const std::string& value) {
  if (value.size() > kMaxShortBytes) {
    return InvalidArgument(std::string(name) + " is longer than 200 bytes");
  }
  return Status::Ok();
}

// Negative counts can only come from a broken peer: refuse them rather than print them.
Status CheckCount(const char* name, std::int64_t value) {
  if (value < 0) return InvalidArgument(std::string(name) + " must be >= 0");
  return Status::Ok();
}

}  // namespace

void WriteFields(MapWriter& w, const ReportRequest& m) {
  w.Str("session", m.session).Str("from", m.from).Str("to", m.to).Str("unit", m.unit);
}
Status ReadFields(MapReader& r, ReportRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("session", &m->session, false));
  DUBAN_RETURN_IF_ERROR(r.Str("from", &m->from, false));
  DUBAN_RETURN_IF_ERROR(r.Str("to", &m->to, false));
  DUBAN_RETURN_IF_ERROR(r.Str("unit", &m->unit, false));
  DUBAN_RETURN_IF_ERROR(CheckShort("session", m->session));
  DUBAN_RETURN_IF_ERROR(CheckShort("unit", m->unit));
  const bool range = !m->from.empty() || !m->to.empty();
  if (m->session.empty() == !range) {
    return InvalidArgument("give either session or from and to (one of them, not both)");
  }
  if (!range) return Status::Ok();
  if (m->from.empty() || m->to.empty()) return InvalidArgument("from and to go together");
  auto from = ParseDate(m->from);
  if (!from.ok()) return InvalidArgument("from: " + from.status().message());
  auto to = ParseDate(m->to);
  if (!to.ok()) return InvalidArgument("to: " + to.status().message());
  if (*to < *from) return InvalidArgument("to (" + m->to + ") is before from (" + m->from + ")");
  return Status::Ok();
}

void WriteFields(MapWriter& w, const ReportCount& m) {
  w.Str("code", m.code).Str("name", m.name).Int("count", m.count);
}
Status ReadFields(MapReader& r, ReportCount* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("name", &m->name, false));
  DUBAN_RETURN_IF_ERROR(r.Int("count", &m->count));
  return CheckCount("count", m->count);
}

void WriteFields(MapWriter& w, const ReportRow& m) {
  w.Str("unit", m.unit).Int("assigned", m.assigned).Int("replied", m.replied);
  w.Int("on_time", m.on_time).Int("met", m.met).Int("evaluated", m.evaluated);
  w.Int("accepted", m.accepted).Int("solved", m.solved);
  WriteList(w, "by_class", m.by_class);
  WriteList(w, "by_satisfaction", m.by_satisfaction);
}
Status ReadFields(MapReader& r, ReportRow* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("unit", &m->unit, false));
  struct Field {
    const char* name;
    std::int64_t* value;
  };
  for (const Field& f :
       {Field{"assigned", &m->assigned}, Field{"replied", &m->replied},
        Field{"on_time", &m->on_time}, Field{"met", &m->met}, Field{"evaluated", &m->evaluated},
        Field{"accepted", &m->accepted}, Field{"solved", &m->solved}}) {
    DUBAN_RETURN_IF_ERROR(r.Int(f.name, f.value));
    DUBAN_RETURN_IF_ERROR(CheckCount(f.name, *f.value));
  }
  DUBAN_RETURN_IF_ERROR(ReadList(r, "by_class", &m->by_class, false));
  return ReadList(r, "by_satisfaction", &m->by_satisfaction, false);
}

void WriteFields(MapWriter& w, const ReportReply& m) {
  w.Str("session", m.session).Str("from", m.from).Str("to", m.to);
  WriteNested(w, "overall", m.overall);
  WriteList(w, "units", m.units);
  w.Int("scanned", m.scanned).Int("generated_ms", m.generated_ms);
}
Status ReadFields(MapReader& r, ReportReply* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("session", &m->session, false));
  DUBAN_RETURN_IF_ERROR(r.Str("from", &m->from, false));
  DUBAN_RETURN_IF_ERROR(r.Str("to", &m->to, false));
  DUBAN_RETURN_IF_ERROR(ReadNested(r, "overall", &m->overall));
  DUBAN_RETURN_IF_ERROR(ReadList(r, "units", &m->units));
  DUBAN_RETURN_IF_ERROR(r.Int("scanned", &m->scanned, false));
  return r.Int("generated_ms", &m->generated_ms, false);
}

}  // namespace duban::protocol
