// The codec for the audit services: duban.verify (the audit chain) and duban.check (suggestions
// nothing is waiting on). Same rules as codec.cc (strict, bounded, unknown fields rejected).
#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/codec_helpers.h"

namespace duban::protocol {

using namespace codec_internal;

namespace {

Status CheckPage(std::int64_t cursor, std::int64_t limit) {
  if (cursor < 0) return InvalidArgument("cursor must be >= 0");
  if (limit < 1 || limit > kMaxListLimit) {
    return InvalidArgument("limit must be 1.." + std::to_string(kMaxListLimit));
  }
  return Status::Ok();
}

}  // namespace

void WriteFields(MapWriter& w, const VerifyRequest& m) {
  w.Str("code", m.code).Bool("all", m.all).Int("cursor", m.cursor).Int("limit", m.limit);
}
Status ReadFields(MapReader& r, VerifyRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code, false));
  DUBAN_RETURN_IF_ERROR(r.Bool("all", &m->all, false));
  DUBAN_RETURN_IF_ERROR(r.Int("cursor", &m->cursor, false));
  DUBAN_RETURN_IF_ERROR(r.Int("limit", &m->limit, false));
  if (m->code.empty() == !m->all) {
    return InvalidArgument("give either code or all=true (one of them, not both)");
  }
  if (m->code.size() > kMaxShortBytes) return InvalidArgument("code is longer than 200 bytes");
  return CheckPage(m->cursor, m->limit);
}

void WriteFields(MapWriter& w, const ChainResult& m) {
  w.Str("code", m.code).Bool("ok", m.ok).Int("entries", m.entries).Int("bad_index", m.bad_index);
  w.Str("problem", m.problem).Str("detail", m.detail);
}
Status ReadFields(MapReader& r, ChainResult* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Bool("ok", &m->ok));
  DUBAN_RETURN_IF_ERROR(r.Int("entries", &m->entries, false));
  DUBAN_RETURN_IF_ERROR(r.Int("bad_index", &m->bad_index, false));
  DUBAN_RETURN_IF_ERROR(r.Str("problem", &m->problem, false));
  return r.Str("detail", &m->detail, false);
}

void WriteFields(MapWriter& w, const VerifyReply& m) {
  WriteList(w, "results", m.results);
  w.Int("cursor", m.cursor).Int("total", m.total);
}
Status ReadFields(MapReader& r, VerifyReply* m) {
  DUBAN_RETURN_IF_ERROR(ReadList(r, "results", &m->results));
  DUBAN_RETURN_IF_ERROR(r.Int("cursor", &m->cursor));
  return r.Int("total", &m->total, false);
}

void WriteFields(MapWriter& w, const CheckRequest& m) {
  w.Int("cursor", m.cursor).Int("limit", m.limit);
}
Status ReadFields(MapReader& r, CheckRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Int("cursor", &m->cursor, false));
  DUBAN_RETURN_IF_ERROR(r.Int("limit", &m->limit, false));
  return CheckPage(m->cursor, m->limit);
}

void WriteFields(MapWriter& w, const StuckSuggestion& m) {
  w.Str("code", m.code).Str("state", m.state).Str("last_action", m.last_action);
  w.Int("last_at_ms", m.last_at_ms).Str("why", m.why).Str("dead_service", m.dead_service);
  w.Str("dead_task", m.dead_task);
}
Status ReadFields(MapReader& r, StuckSuggestion* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("state", &m->state));
  DUBAN_RETURN_IF_ERROR(r.Str("last_action", &m->last_action, false));
  DUBAN_RETURN_IF_ERROR(r.Int("last_at_ms", &m->last_at_ms, false));
  DUBAN_RETURN_IF_ERROR(r.Str("why", &m->why));
  DUBAN_RETURN_IF_ERROR(r.Str("dead_service", &m->dead_service, false));
  return r.Str("dead_task", &m->dead_task, false);
}

void WriteFields(MapWriter& w, const CheckReply& m) {
  WriteList(w, "stuck", m.stuck);
  w.Int("cursor", m.cursor).Int("scanned", m.scanned).Int("total", m.total);
}
Status ReadFields(MapReader& r, CheckReply* m) {
  DUBAN_RETURN_IF_ERROR(ReadList(r, "stuck", &m->stuck));
  DUBAN_RETURN_IF_ERROR(r.Int("cursor", &m->cursor));
  DUBAN_RETURN_IF_ERROR(r.Int("scanned", &m->scanned, false));
  return r.Int("total", &m->total, false);
}

}  // namespace duban::protocol
