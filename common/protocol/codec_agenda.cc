// The codec for the directors' meeting agenda (主任会议议程): meeting dates, agenda items, hot
// items (热点难点), bundles (打捆督办) and the agenda effect of an outcome. Same rules as codec.cc
// (strict, bounded, unknown fields rejected); each request checks its action and the fields that
// action needs, so the broker receives only well-formed requests.
#include <string>

#include "common/calendar.h"
#include "common/protocol/codec.h"
#include "common/protocol/codec_helpers.h"

namespace duban::protocol {

using namespace codec_internal;

namespace {

Status OneOf(const std::string& action, std::initializer_list<const char*> allowed) {
  std::string list;
  for (const char* a : allowed) {
    if (action == a) return Status::Ok();
    list += (list.empty() ? "'" : ", '") + std::string(a) + "'";
  }
  return InvalidArgument("action '" + action + "' is not one of " + list);
}

Status Bounded(const std::string& v, const char* name, std::size_t max) {
  if (v.empty()) return InvalidArgument(std::string(name) + " is required");
  if (v.size() > max) {
    return InvalidArgument(std::string(name) + " is longer than " + std::to_string(max) + " bytes");
  }
  return Status::Ok();
}

Status Actor(const std::string& actor) { return Bounded(actor, "actor", kMaxShortBytes); }

Status DateField(const std::string& v, const char* name) {
  if (!ParseDate(v).ok())
    return InvalidArgument(std::string(name) + " '" + v + "' is not a date YYYY-MM-DD");
  return Status::Ok();
}

// Item and bundle ids and codes become parts of Redis keys: no braces, colons or bars.
Status Id(const std::string& v, const char* name) {
  DUBAN_RETURN_IF_ERROR(Bounded(v, name, 64));
  if (v.find_first_of("{}:| ") != std::string::npos) {
    return InvalidArgument(std::string(name) + " '" + v +
                           "' must not contain braces, ':', '|' or spaces");
  }
  return Status::Ok();
}

constexpr std::size_t kMaxNoticeBytes = kMaxTitleBytes * 10;  // as Notice.text

}  // namespace

// ---- meetings -----------------------------------------------------------------------------------

void WriteFields(MapWriter& w, const MeetingRequest& m) {
  w.Str("action", m.action).Str("date", m.date).Str("actor", m.actor);
}
Status ReadFields(MapReader& r, MeetingRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("action", &m->action));
  DUBAN_RETURN_IF_ERROR(r.Str("date", &m->date, false));
  DUBAN_RETURN_IF_ERROR(r.Str("actor", &m->actor, false));
  DUBAN_RETURN_IF_ERROR(OneOf(m->action, {"list", "add", "remove"}));
  if (m->action == "list") return Status::Ok();
  DUBAN_RETURN_IF_ERROR(DateField(m->date, "date"));
  return Actor(m->actor);
}

void WriteFields(MapWriter& w, const MeetingDate& m) {
  w.Str("date", m.date).Str("source", m.source);
}
Status ReadFields(MapReader& r, MeetingDate* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("date", &m->date));
  return r.Str("source", &m->source, false);
}

void WriteFields(MapWriter& w, const MeetingReply& m) {
  WriteList(w, "dates", m.dates);
  w.Str("next", m.next);
}
Status ReadFields(MapReader& r, MeetingReply* m) {
  DUBAN_RETURN_IF_ERROR(ReadList(r, "dates", &m->dates));
  return r.Str("next", &m->next, false);
}

// ---- agenda -------------------------------------------------------------------------------------

void WriteFields(MapWriter& w, const AgendaRequest& m) {
  w.Str("action", m.action).Str("meeting", m.meeting).Bool("all", m.all).Str("id", m.id);
  w.Str("director", m.director).Str("note", m.note).Str("actor", m.actor);
}
Status ReadFields(MapReader& r, AgendaRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("action", &m->action));
  DUBAN_RETURN_IF_ERROR(r.Str("meeting", &m->meeting, false));
  DUBAN_RETURN_IF_ERROR(r.Bool("all", &m->all, false));
  DUBAN_RETURN_IF_ERROR(r.Str("id", &m->id, false));
  DUBAN_RETURN_IF_ERROR(r.Str("director", &m->director, false));
  DUBAN_RETURN_IF_ERROR(r.Str("note", &m->note, false));
  DUBAN_RETURN_IF_ERROR(r.Str("actor", &m->actor, false));
  DUBAN_RETURN_IF_ERROR(OneOf(m->action, {"show", "lead", "resolve"}));
  if (m->action == "show") {
    return m->meeting.empty() ? Status::Ok() : DateField(m->meeting, "meeting");
  }
  DUBAN_RETURN_IF_ERROR(Id(m->id, "id"));
  if (m->action == "lead") {
    DUBAN_RETURN_IF_ERROR(Bounded(m->director, "director", kMaxShortBytes));
    // The director's name becomes the recipient office:director:<name> (a Redis key part).
    if (m->director.find_first_of("{}") != std::string::npos) {
      return InvalidArgument("director must not contain braces");
    }
  } else {
    DUBAN_RETURN_IF_ERROR(Bounded(m->note, "note", kMaxContentBytes));
  }
  return Actor(m->actor);
}

void WriteFields(MapWriter& w, const AgendaReason& m) {
  w.Str("key", m.key).Str("text", m.text).Int("at_ms", m.at_ms).Str("by", m.by);
}
Status ReadFields(MapReader& r, AgendaReason* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("key", &m->key));
  DUBAN_RETURN_IF_ERROR(r.Str("text", &m->text, false));
  DUBAN_RETURN_IF_ERROR(r.Int("at_ms", &m->at_ms, false));
  return r.Str("by", &m->by, false);
}

void WriteFields(MapWriter& w, const AgendaMember& m) {
  w.Str("code", m.code).Str("title", m.title).Str("state", m.state).Str("lead_unit", m.lead_unit);
}
Status ReadFields(MapReader& r, AgendaMember* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("title", &m->title, false));
  DUBAN_RETURN_IF_ERROR(r.Str("state", &m->state, false));
  return r.Str("lead_unit", &m->lead_unit, false);
}

void WriteFields(MapWriter& w, const AgendaItem& m) {
  w.Str("id", m.id).Str("kind", m.kind).Str("title", m.title).Str("lead_unit", m.lead_unit);
  w.Str("supervisor", m.supervisor);
  WriteList(w, "reasons", m.reasons);
  w.Int("placed_ms", m.placed_ms).Str("placed_by", m.placed_by).Str("director", m.director);
  w.Str("state", m.state).Int("resolved_ms", m.resolved_ms).Str("resolved_by", m.resolved_by);
  w.Str("note", m.note).Int("meetings", m.meetings);
  WriteList(w, "members", m.members);
}
Status ReadFields(MapReader& r, AgendaItem* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("id", &m->id));
  DUBAN_RETURN_IF_ERROR(r.Str("kind", &m->kind));
  DUBAN_RETURN_IF_ERROR(r.Str("title", &m->title, false));
  DUBAN_RETURN_IF_ERROR(r.Str("lead_unit", &m->lead_unit, false));
  DUBAN_RETURN_IF_ERROR(r.Str("supervisor", &m->supervisor, false));
  DUBAN_RETURN_IF_ERROR(ReadList(r, "reasons", &m->reasons, false));
  DUBAN_RETURN_IF_ERROR(r.Int("placed_ms", &m->placed_ms, false));
  DUBAN_RETURN_IF_ERROR(r.Str("placed_by", &m->placed_by, false));
  DUBAN_RETURN_IF_ERROR(r.Str("director", &m->director, false));
  DUBAN_RETURN_IF_ERROR(r.Str("state", &m->state));
  DUBAN_RETURN_IF_ERROR(r.Int("resolved_ms", &m->resolved_ms, false));
  DUBAN_RETURN_IF_ERROR(r.Str("resolved_by", &m->resolved_by, false));
  DUBAN_RETURN_IF_ERROR(r.Str("note", &m->note, false));
  DUBAN_RETURN_IF_ERROR(r.Int("meetings", &m->meetings, false));
  return ReadList(r, "members", &m->members, false);
}

void WriteFields(MapWriter& w, const AgendaReply& m) {
  w.Str("meeting", m.meeting);
  WriteList(w, "items", m.items);
}
Status ReadFields(MapReader& r, AgendaReply* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("meeting", &m->meeting, false));
  return ReadList(r, "items", &m->items);
}

// ---- hot items ----------------------------------------------------------------------------------

void WriteFields(MapWriter& w, const HotRequest& m) {
  w.Str("action", m.action).Str("code", m.code).Str("reason", m.reason).Str("actor", m.actor);
}
Status ReadFields(MapReader& r, HotRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("action", &m->action));
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code, false));
  DUBAN_RETURN_IF_ERROR(r.Str("reason", &m->reason, false));
  DUBAN_RETURN_IF_ERROR(r.Str("actor", &m->actor, false));
  DUBAN_RETURN_IF_ERROR(OneOf(m->action, {"list", "mark", "unmark"}));
  if (m->action == "list") return Status::Ok();
  DUBAN_RETURN_IF_ERROR(Id(m->code, "code"));
  if (m->action == "mark") DUBAN_RETURN_IF_ERROR(Bounded(m->reason, "reason", kMaxNoticeBytes));
  return Actor(m->actor);
}

void WriteFields(MapWriter& w, const HotMark& m) {
  w.Str("code", m.code).Str("title", m.title).Str("reason", m.reason).Str("actor", m.actor);
  w.Int("at_ms", m.at_ms);
}
Status ReadFields(MapReader& r, HotMark* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("title", &m->title, false));
  DUBAN_RETURN_IF_ERROR(r.Str("reason", &m->reason, false));
  DUBAN_RETURN_IF_ERROR(r.Str("actor", &m->actor, false));
  return r.Int("at_ms", &m->at_ms, false);
}

void WriteFields(MapWriter& w, const HotProposal& m) {
  w.Str("code", m.code).Str("title", m.title).StrList("rules", m.rules);
}
Status ReadFields(MapReader& r, HotProposal* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("code", &m->code));
  DUBAN_RETURN_IF_ERROR(r.Str("title", &m->title, false));
  return r.StrList("rules", &m->rules);
}

void WriteFields(MapWriter& w, const HotReply& m) {
  WriteList(w, "marked", m.marked);
  WriteList(w, "proposals", m.proposals);
  w.Int("scanned", m.scanned);
}
Status ReadFields(MapReader& r, HotReply* m) {
  DUBAN_RETURN_IF_ERROR(ReadList(r, "marked", &m->marked));
  DUBAN_RETURN_IF_ERROR(ReadList(r, "proposals", &m->proposals));
  return r.Int("scanned", &m->scanned, false);
}

// ---- bundles ------------------------------------------------------------------------------------

void WriteFields(MapWriter& w, const BundleRequest& m) {
  w.Str("action", m.action).Str("id", m.id).Str("topic", m.topic).Str("lead_unit", m.lead_unit);
  w.Str("supervisor", m.supervisor).StrList("codes", m.codes).Str("actor", m.actor);
}
Status ReadFields(MapReader& r, BundleRequest* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("action", &m->action));
  DUBAN_RETURN_IF_ERROR(r.Str("id", &m->id, false));
  DUBAN_RETURN_IF_ERROR(r.Str("topic", &m->topic, false));
  DUBAN_RETURN_IF_ERROR(r.Str("lead_unit", &m->lead_unit, false));
  DUBAN_RETURN_IF_ERROR(r.Str("supervisor", &m->supervisor, false));
  DUBAN_RETURN_IF_ERROR(r.StrList("codes", &m->codes, false));
  DUBAN_RETURN_IF_ERROR(r.Str("actor", &m->actor, false));
  DUBAN_RETURN_IF_ERROR(OneOf(m->action, {"list", "show", "create", "add", "remove"}));
  if (m->action == "list") return Status::Ok();
  if (m->action != "create") DUBAN_RETURN_IF_ERROR(Id(m->id, "id"));
  if (m->action == "show") return Status::Ok();
  if (m->codes.size() > kMaxListItems) return InvalidArgument("too many codes");
  for (const std::string& c : m->codes) DUBAN_RETURN_IF_ERROR(Id(c, "code"));
  if (m->action == "create") {
    DUBAN_RETURN_IF_ERROR(Bounded(m->topic, "topic", kMaxTitleBytes));
    DUBAN_RETURN_IF_ERROR(Bounded(m->lead_unit, "lead_unit", kMaxShortBytes));
    DUBAN_RETURN_IF_ERROR(Bounded(m->supervisor, "supervisor", kMaxShortBytes));
  } else if (m->codes.empty()) {
    return InvalidArgument(m->action + " needs at least one code");
  }
  return Actor(m->actor);
}

void WriteFields(MapWriter& w, const Bundle& m) {
  w.Str("id", m.id).Str("topic", m.topic).Str("lead_unit", m.lead_unit);
  w.Str("supervisor", m.supervisor).Int("created_ms", m.created_ms).Str("created_by", m.created_by);
  WriteList(w, "members", m.members);
}
Status ReadFields(MapReader& r, Bundle* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("id", &m->id));
  DUBAN_RETURN_IF_ERROR(r.Str("topic", &m->topic, false));
  DUBAN_RETURN_IF_ERROR(r.Str("lead_unit", &m->lead_unit, false));
  DUBAN_RETURN_IF_ERROR(r.Str("supervisor", &m->supervisor, false));
  DUBAN_RETURN_IF_ERROR(r.Int("created_ms", &m->created_ms, false));
  DUBAN_RETURN_IF_ERROR(r.Str("created_by", &m->created_by, false));
  return ReadList(r, "members", &m->members, false);
}

void WriteFields(MapWriter& w, const BundleReply& m) { WriteList(w, "bundles", m.bundles); }
Status ReadFields(MapReader& r, BundleReply* m) { return ReadList(r, "bundles", &m->bundles); }

// ---- the agenda effect of an outcome ------------------------------------------------------------

void WriteFields(MapWriter& w, const AgendaEffect& m) {
  w.Str("op", m.op).Str("key", m.key).Str("text", m.text).Str("item", m.item);
  w.Int("next_check_ms", m.next_check_ms);
}
Status ReadFields(MapReader& r, AgendaEffect* m) {
  DUBAN_RETURN_IF_ERROR(r.Str("op", &m->op));
  DUBAN_RETURN_IF_ERROR(r.Str("key", &m->key, false));
  DUBAN_RETURN_IF_ERROR(r.Str("text", &m->text, false));
  DUBAN_RETURN_IF_ERROR(r.Str("item", &m->item, false));
  DUBAN_RETURN_IF_ERROR(r.Int("next_check_ms", &m->next_check_ms, false));
  if (m->text.size() > kMaxNoticeBytes) return InvalidArgument("agenda text is too long");
  if (m->next_check_ms <= 0) return InvalidArgument("agenda next_check_ms must be positive");
  if (m->op == "place") return Bounded(m->key, "agenda key", kMaxShortBytes);
  if (m->op == "progress_check") return Id(m->item, "agenda item");
  return InvalidArgument("agenda op '" + m->op + "' is not 'place' or 'progress_check'");
}

}  // namespace duban::protocol
