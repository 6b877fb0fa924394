#include "common/protocol/codec.h"

#include "common/protocol/codec_helpers.h"

#include <array>

namespace duban::protocol {

using namespace codec_internal;
namespace {

constexpr std::array<std::string_view, 13> kStateNames = {
    "SUBMITTED", "IN_REVIEW", "WITHDRAWN", "MERGED",    "RETURNED_FOR_REWORK", "ACCEPTED",
    "ASSIGNED",  "IN_HANDLING", "REPLIED", "EVALUATED", "CLOSED",              "REHANDLING",
    "FOLLOW_UP",
};

}  // namespace

std::string_view StateName(SuggestionState s) { return kStateNames[static_cast<size_t>(s)]; }

Result<SuggestionState> ParseState(std::string_view name) {
  for (size_t i = 0; i < kStateNames.size(); ++i) {
    if (kStateNames[i] == name) return static_cast<SuggestionState>(i);
  }
  return InvalidArgument("unknown suggestion state '" + std::string(name) + "'");
}

std::string_view RoleName(UnitRole r) { return r == UnitRole::kLead ? "lead" : "co"; }

Result<UnitRole> ParseRole(std::string_view name) {
  if (name == "lead") return UnitRole::kLead;
  if (name == "co") return UnitRole::kCo;
  return InvalidArgument("unknown unit role '" + std::string(name) + "' (lead|co)");
}

Status ValidateDraft(const SuggestionDraft& d) {
  // Every text is checked for its length and for UTF-8: the title and texts end up in JSON
  // (webhooks, dubanctl --json, the dashboard), whose encoders refuse other bytes.
  DUBAN_RETURN_IF_ERROR(CheckText("title", d.title, kMaxTitleBytes, true));
  DUBAN_RETURN_IF_ERROR(CheckText("content", d.content, kMaxContentBytes, true));
  DUBAN_RETURN_IF_ERROR(CheckText("category", d.category, kMaxShortBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("deputy.id", d.deputy.id, kMaxShortBytes, true));
  DUBAN_RETURN_IF_ERROR(CheckText("deputy.name", d.deputy.name, kMaxShortBytes, true));
  DUBAN_RETURN_IF_ERROR(CheckText("deputy.contact", d.deputy.contact, kMaxShortBytes));
  if (d.session.size() != 4 || d.session.find_first_not_of("0123456789") != std::string::npos) {
    // The session becomes part of the tracking code and of Redis keys: digits only.
    return InvalidArgument("session must be a 4-digit year, e.g. \"2026\"");
  }
  if (d.keywords.size() > kMaxListItems) return InvalidArgument("too many keywords");
  if (d.co_signers.size() > kMaxListItems) return InvalidArgument("too many co_signers");
  for (const auto& k : d.keywords)
    DUBAN_RETURN_IF_ERROR(CheckText("keyword", k, kMaxShortBytes, true));
  for (const auto& k : d.co_signers) {
    DUBAN_RETURN_IF_ERROR(CheckText("co_signer", k, kMaxShortBytes, true));
  }
  return Status::Ok();
}

Status CheckVersion(MapReader& r) {
  std::int64_t v = 0;
  Status s = r.Int("v", &v);
  if (!s.ok()) return ProtocolError("missing or malformed protocol version field 'v'");
  if (v != kProtocolVersion) {
    return ProtocolError("unsupported protocol version " + std::to_string(v) + " (this peer speaks " +
                         std::to_string(kProtocolVersion) + ")");
  }
  return Status::Ok();
}

std::string EncodeError(const Status& s) {
  MapWriter w;
  w.Int("v", kProtocolVersion)
      .Bool("ok", false)
      .Str("code", StatusCodeName(s.code()))
      .Str("message", s.message());
  return w.Take();
}

Status ReadReplyHeader(MapReader& r) {
  DUBAN_RETURN_IF_ERROR(CheckVersion(r));
  bool ok = false;
  DUBAN_RETURN_IF_ERROR(r.Bool("ok", &ok));
  if (ok) return Status::Ok();
  std::string code, message;
  DUBAN_RETURN_IF_ERROR(r.Str("code", &code));
  DUBAN_RETURN_IF_ERROR(r.Str("message", &message, false));
  StatusCode c = StatusCodeFromName(code);
  if (c == StatusCode::kOk) c = StatusCode::kInternal;
  return Status(c, message);
}


// ---- domain structs --------------------------------------------------------------------------

void WriteFields(MapWriter& w, const Deputy& m) {
  w.Str("id", m.id).Str("name", m.name).Str("contact", m.contact);
}
Status ReadFields(MapReader& r, Deputy* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("id", &m->id));
  DUBAN_RETURN_IF_ERROR(r.Str("name", &m->name));
  return r.Str("contact", &m->contact, false);
}

void WriteFields(MapWriter& w, const SuggestionDraft& m) {
  w.Str("title", m.title).Str("content", m.content).Str("category", m.category);
  w.StrList("keywords", m.keywords);
  WriteNested(w, "deputy", m.deputy);
  w.StrList("co_signers", m.co_signers).Str("session", m.session);
}
Status ReadFields(MapReader& r, SuggestionDraft* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("title", &m->title));
  DUBAN_RETURN_IF_ERROR(r.Str("content", &m->content));
  DUBAN_RETURN_IF_ERROR(r.Str("category", &m->category, false));
  DUBAN_RETURN_IF_ERROR(r.StrList("keywords", &m->keywords, false));
  DUBAN_RETURN_IF_ERROR(ReadNested(r, "deputy", &m->deputy));
  DUBAN_RETURN_IF_ERROR(r.StrList("co_signers", &m->co_signers, false));
  return r.Str("session", &m->session);
}

void WriteFields(MapWriter& w, const UnitAssignment& m) {
  w.Str("unit", m.unit).Str("role", RoleName(m.role)).Str("state", m.state);
  if (!m.pending_until.empty()) w.Str("pending_until", m.pending_until);
  if (!m.before.empty()) w.Str("before", m.before);
  if (m.issued_ms != 0) w.Int("issued_ms", m.issued_ms);
}
Status ReadFields(MapReader& r, UnitAssignment* m) {
  std::string role;
  DUBAN_RETURN_IF_ERROR(r.Str("unit", &m->unit));
  DUBAN_RETURN_IF_ERROR(r.Str("role", &role));
  DUBAN_ASSIGN_OR_RETURN(m->role, ParseRole(role));
  DUBAN_RETURN_IF_ERROR(r.Str("state", &m->state, false));
  DUBAN_RETURN_IF_ERROR(r.Str("pending_until", &m->pending_until, false));
  DUBAN_RETURN_IF_ERROR(r.Str("before", &m->before, false));
  return r.Int("issued_ms", &m->issued_ms, false);
}

void WriteFields(MapWriter& w, const Deadline& m) {
  w.Str("date", m.date).Str("rule", m.rule).Int("due_ms", m.due_ms);
}
Status ReadFields(MapReader& r, Deadline* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("date", &m->date));
  DUBAN_RETURN_IF_ERROR(r.Str("rule", &m->rule));
  return r.Int("due_ms", &m->due_ms);
}

void WriteFields(MapWriter& w, const Suggestion& m) {
  w.Str("code", m.code);
  WriteNested(w, "draft", m.draft);
  w.Str("state", StateName(m.state)).Int("version", m.version).Int("submitted_ms", m.submitted_ms);
  if (m.assigned_ms != 0) w.Int("assigned_ms", m.assigned_ms);
  WriteList(w, "units", m.units);
  if (m.deadline) WriteNested(w, "deadline", *m.deadline);
  WriteNested(w, "record", m.record);
}
Status ReadFields(MapReader& r, Suggestion* m) {
  std::string state;
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(ReadNested(r, "draft", &m->draft));
  DUBAN_RETURN_IF_ERROR(r.Str("state", &state));
  DUBAN_ASSIGN_OR_RETURN(m->state, ParseState(state));
  DUBAN_RETURN_IF_ERROR(r.Int("version", &m->version));
  DUBAN_RETURN_IF_ERROR(r.Int("submitted_ms", &m->submitted_ms, false));
  DUBAN_RETURN_IF_ERROR(r.Int("assigned_ms", &m->assigned_ms, false));
  DUBAN_RETURN_IF_ERROR(ReadList(r, "units", &m->units, false));
  if (r.Has("deadline")) {
    Deadline d;
    DUBAN_RETURN_IF_ERROR(ReadNested(r, "deadline", &d));
    m->deadline = d;
  }
  return ReadNested(r, "record", &m->record, false);
}

void WriteFields(MapWriter& w, const AuditEntry& m) {
  w.Int("at_ms", m.at_ms).Str("actor", m.actor).Str("action", m.action).Str("from", m.from);
  w.Str("to", m.to).Str("note", m.note).Str("task", m.task);
  if (!m.prev.empty()) w.Str("prev", m.prev);
}
Status ReadFields(MapReader& r, AuditEntry* m) {
  DUBAN_RETURN_IF_ERROR(r.Int("at_ms", &m->at_ms));
  DUBAN_RETURN_IF_ERROR(r.Str("actor", &m->actor, false));
  DUBAN_RETURN_IF_ERROR(r.Str("action", &m->action));
  DUBAN_RETURN_IF_ERROR(r.Str("from", &m->from, false));
  DUBAN_RETURN_IF_ERROR(r.Str("to", &m->to, false));
  DUBAN_RETURN_IF_ERROR(r.Str("note", &m->note, false));
  DUBAN_RETURN_IF_ERROR(r.Str("task", &m->task, false));
  return r.Str("prev", &m->prev, false);
}

// ---- API ---------------------------------------------------------------------------------------

void WriteFields(MapWriter& w, const SubmitRequest& m) {
  w.Str("request_id", m.request_id);
  WriteNested(w, "draft", m.draft);
}
Status ReadFields(MapReader& r, SubmitRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("request_id", &m->request_id));
  if (m->request_id.empty() || m->request_id.size() > kMaxShortBytes) {
    return InvalidArgument("request_id must be 1.." + std::to_string(kMaxShortBytes) + " bytes");
  }
  return ReadNested(r, "draft", &m->draft);
}

void WriteFields(MapWriter& w, const SubmitReply& m) {
  w.Str("request_id", m.request_id).Str("code", m.code).Str("state", m.state).Bool("duplicate", m.duplicate);
}
Status ReadFields(MapReader& r, SubmitReply* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("request_id", &m->request_id, false));
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("state", &m->state));
  return r.Bool("duplicate", &m->duplicate, false);
}

void WriteFields(MapWriter& w, const AssignRequest& m) {
  w.Str("code", m.code).Str("lead_unit", m.lead_unit).StrList("co_units", m.co_units);
  w.Str("actor", m.actor).Str("note", m.note);
}
Status ReadFields(MapReader& r, AssignRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("lead_unit", &m->lead_unit));
  DUBAN_RETURN_IF_ERROR(r.StrList("co_units", &m->co_units, false));
  DUBAN_RETURN_IF_ERROR(r.Str("actor", &m->actor));
  DUBAN_RETURN_IF_ERROR(r.Str("note", &m->note, false));
  if (m->co_units.size() + 1 > kMaxUnitsPerSuggestion) {
    return InvalidArgument("at most " + std::to_string(kMaxUnitsPerSuggestion - 1) + " co_units");
  }
  DUBAN_RETURN_IF_ERROR(CheckText("actor", m->actor, kMaxShortBytes));
  return CheckText("note", m->note, kMaxNoteBytes);
}

void WriteFields(MapWriter& w, const AssignReply& m) {
  w.Str("code", m.code).Str("state", m.state).Int("version", m.version);
}
Status ReadFields(MapReader& r, AssignReply* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("state", &m->state));
  return r.Int("version", &m->version);
}

void WriteFields(MapWriter& w, const GetRequest& m) {
  w.Str("code", m.code).Int("before", m.before).Int("limit", m.limit);
}
Status ReadFields(MapReader& r, GetRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Int("before", &m->before, false));
  DUBAN_RETURN_IF_ERROR(r.Int("limit", &m->limit, false));
  if (m->before < 0) return InvalidArgument("before must not be negative");
  if (m->limit < 1 || m->limit > kTimelinePageMax) {
    return InvalidArgument("limit must be 1.." + std::to_string(kTimelinePageMax));
  }
  return Status::Ok();
}

void WriteFields(MapWriter& w, const GetReply& m) {
  WriteNested(w, "suggestion", m.suggestion);
  WriteList(w, "timeline", m.timeline);
  w.Int("timeline_total", m.timeline_total).Int("timeline_cursor", m.timeline_cursor);
}
Status ReadFields(MapReader& r, GetReply* m) {
  DUBAN_RETURN_IF_ERROR(ReadNested(r, "suggestion", &m->suggestion));
  DUBAN_RETURN_IF_ERROR(ReadList(r, "timeline", &m->timeline));
  // Optional when decoding: a peer from before paging sends the whole timeline.
  m->timeline_total = static_cast<std::int64_t>(m->timeline.size());
  DUBAN_RETURN_IF_ERROR(r.Int("timeline_total", &m->timeline_total, false));
  return r.Int("timeline_cursor", &m->timeline_cursor, false);
}

void WriteFields(MapWriter& w, const ListRequest& m) {
  w.Str("state", m.state).Str("unit", m.unit).Int("limit", m.limit);
}
Status ReadFields(MapReader& r, ListRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("state", &m->state, false));
  DUBAN_RETURN_IF_ERROR(r.Str("unit", &m->unit, false));
  DUBAN_RETURN_IF_ERROR(r.Int("limit", &m->limit, false));
  if (m->limit < 1 || m->limit > kMaxListLimit) {
    return InvalidArgument("limit must be 1.." + std::to_string(kMaxListLimit));
  }
  if (!m->state.empty()) {
    auto s = ParseState(m->state);
    if (!s.ok()) return s.status();
  }
  return Status::Ok();
}

void WriteFields(MapWriter& w, const SuggestionSummary& m) {
  w.Str("code", m.code).Str("title", m.title).Str("state", m.state);
  w.Str("lead_unit", m.lead_unit).Str("deadline", m.deadline);
}
Status ReadFields(MapReader& r, SuggestionSummary* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("title", &m->title, false));
  DUBAN_RETURN_IF_ERROR(r.Str("state", &m->state));
  DUBAN_RETURN_IF_ERROR(r.Str("lead_unit", &m->lead_unit, false));
  return r.Str("deadline", &m->deadline, false);
}

void WriteFields(MapWriter& w, const ListReply& m) {
  WriteList(w, "items", m.items);
  w.Int("total", m.total);
}
Status ReadFields(MapReader& r, ListReply* m) {
  DUBAN_RETURN_IF_ERROR(ReadList(r, "items", &m->items));
  return r.Int("total", &m->total);
}

void WriteFields(MapWriter&, const QueuesRequest&) {}
Status ReadFields(MapReader&, QueuesRequest*) { return Status::Ok(); }

void WriteFields(MapWriter& w, const ServiceStats& m) {
  w.Str("name", m.name).Int("queued", m.queued).Int("inflight", m.inflight).Int("dead", m.dead);
  w.Int("workers", m.workers).Int("idle_workers", m.idle_workers).Bool("paused", m.paused);
}
Status ReadFields(MapReader& r, ServiceStats* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("name", &m->name));
  DUBAN_RETURN_IF_ERROR(r.Int("queued", &m->queued));
  DUBAN_RETURN_IF_ERROR(r.Int("inflight", &m->inflight));
  DUBAN_RETURN_IF_ERROR(r.Int("dead", &m->dead));
  DUBAN_RETURN_IF_ERROR(r.Int("workers", &m->workers));
  DUBAN_RETURN_IF_ERROR(r.Int("idle_workers", &m->idle_workers));
  return r.Bool("paused", &m->paused, false);
}

void WriteFields(MapWriter& w, const QueuesReply& m) {
  WriteList(w, "services", m.services);
  w.Int("timers", m.timers).Int("next_timer_due_ms", m.next_timer_due_ms).Str("store", m.store);
}
Status ReadFields(MapReader& r, QueuesReply* m) {
  DUBAN_RETURN_IF_ERROR(ReadList(r, "services", &m->services));
  DUBAN_RETURN_IF_ERROR(r.Int("timers", &m->timers));
  DUBAN_RETURN_IF_ERROR(r.Str("store", &m->store, false));
  return r.Int("next_timer_due_ms", &m->next_timer_due_ms, false);
}

void WriteFields(MapWriter& w, const DlqRequest& m) {
  w.Str("action", m.action).Str("service", m.service).Str("task_id", m.task_id);
  w.Int("limit", m.limit);
}
Status ReadFields(MapReader& r, DlqRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("action", &m->action));
  DUBAN_RETURN_IF_ERROR(r.Str("service", &m->service, false));
  DUBAN_RETURN_IF_ERROR(r.Str("task_id", &m->task_id, false));
  DUBAN_RETURN_IF_ERROR(r.Int("limit", &m->limit, false));
  if (m->action != "list" && m->action != "replay") {
    return InvalidArgument("action must be 'list' or 'replay'");
  }
  if (m->action == "replay" && m->task_id.empty()) return InvalidArgument("replay needs task_id");
  if (m->limit < 1 || m->limit > kMaxListLimit) {
    return InvalidArgument("limit must be 1.." + std::to_string(kMaxListLimit));
  }
  return Status::Ok();
}

void WriteFields(MapWriter& w, const DeadLetter& m) {
  w.Str("task_id", m.task_id).Str("service", m.service).Str("reason", m.reason);
  w.Int("attempts", m.attempts).Int("at_ms", m.at_ms);
}
Status ReadFields(MapReader& r, DeadLetter* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("task_id", &m->task_id));
  DUBAN_RETURN_IF_ERROR(r.Str("service", &m->service));
  DUBAN_RETURN_IF_ERROR(r.Str("reason", &m->reason, false));
  DUBAN_RETURN_IF_ERROR(r.Int("attempts", &m->attempts, false));
  return r.Int("at_ms", &m->at_ms, false);
}

void WriteFields(MapWriter& w, const DlqReply& m) {
  WriteList(w, "entries", m.entries);
  w.Int("replayed", m.replayed);
}
Status ReadFields(MapReader& r, DlqReply* m) {
  DUBAN_RETURN_IF_ERROR(ReadList(r, "entries", &m->entries));
  return r.Int("replayed", &m->replayed);
}

void WriteFields(MapWriter&, const StatsRequest&) {}
Status ReadFields(MapReader&, StatsRequest*) { return Status::Ok(); }

void WriteFields(MapWriter& w, const StatsReply& m) {
  w.Map("counters", [&](MapWriter& nw) {
    for (const auto& [k, v] : m.counters) nw.Int(k, v);
  });
}
Status ReadFields(MapReader& r, StatsReply* m) {
  // Counter names are open-ended, so this map is read whole rather than field by field.
  MapReader nested;
  DUBAN_RETURN_IF_ERROR(r.Map("counters", &nested));
  m->counters.clear();
  return nested.ForEachInt([&](std::string_view k, std::int64_t v) {
    m->counters.emplace_back(std::string(k), v);
  });
}

// ---- role workers ------------------------------------------------------------------------------

void WriteFields(MapWriter& w, const TaskMessage& m) {
  w.Str("task_id", m.task_id).Str("service", m.service).Str("kind", m.kind);
  w.Int("attempt", m.attempt).Int("now_ms", m.now_ms);
  if (m.suggestion) WriteNested(w, "suggestion", *m.suggestion);
  if (!m.payload.empty()) w.Bin("payload", m.payload);
}
Status ReadFields(MapReader& r, TaskMessage* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("task_id", &m->task_id));
  DUBAN_RETURN_IF_ERROR(r.Str("service", &m->service));
  DUBAN_RETURN_IF_ERROR(r.Str("kind", &m->kind));
  DUBAN_RETURN_IF_ERROR(r.Int("attempt", &m->attempt, false));
  DUBAN_RETURN_IF_ERROR(r.Int("now_ms", &m->now_ms, false));
  if (r.Has("suggestion")) {
    Suggestion s;
    DUBAN_RETURN_IF_ERROR(ReadNested(r, "suggestion", &s));
    m->suggestion = std::move(s);
  }
  return r.Bytes("payload", &m->payload, false);
}

void WriteFields(MapWriter& w, const Outcome& m) {
  w.Int("expect_version", m.expect_version).Str("to_state", m.to_state);
  WriteList(w, "units", m.units);
  if (m.deadline) WriteNested(w, "deadline", *m.deadline);
  w.Str("action", m.action).Str("note", m.note);
  if (!m.timers.empty()) WriteList(w, "timers", m.timers);
  if (!m.cancel_timers.empty()) w.StrList("cancel_timers", m.cancel_timers);
  if (!m.notices.empty()) WriteList(w, "notices", m.notices);
  if (!m.agenda.empty()) WriteList(w, "agenda", m.agenda);
}
Status ReadFields(MapReader& r, Outcome* m) {
  DUBAN_RETURN_IF_ERROR(r.Int("expect_version", &m->expect_version));
  DUBAN_RETURN_IF_ERROR(r.Str("to_state", &m->to_state, false));
  if (!m->to_state.empty()) {
    auto s = ParseState(m->to_state);
    if (!s.ok()) return s.status();
  }
  DUBAN_RETURN_IF_ERROR(ReadList(r, "units", &m->units, false));
  if (r.Has("deadline")) {
    Deadline d;
    DUBAN_RETURN_IF_ERROR(ReadNested(r, "deadline", &d));
    m->deadline = d;
  }
  DUBAN_RETURN_IF_ERROR(r.Str("action", &m->action));
  DUBAN_RETURN_IF_ERROR(r.Str("note", &m->note, false));
  DUBAN_RETURN_IF_ERROR(ReadList(r, "timers", &m->timers, false));
  DUBAN_RETURN_IF_ERROR(r.StrList("cancel_timers", &m->cancel_timers, false));
  DUBAN_RETURN_IF_ERROR(ReadList(r, "notices", &m->notices, false));
  DUBAN_RETURN_IF_ERROR(ReadList(r, "agenda", &m->agenda, false));
  if (m->expect_version == kAnyVersion &&
      (!m->to_state.empty() || !m->units.empty() || m->deadline)) {
    return InvalidArgument("an outcome that changes state, units or deadline must name its version");
  }
  return Status::Ok();
}

}  // namespace duban::protocol
