#include "common/protocol/validate.h"

#include <initializer_list>
#include <string>

#include "common/calendar.h"
#include "common/protocol/limits.h"
#include "common/protocol/mdp.h"
#include "common/timer_plan.h"

namespace duban::protocol {

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

// An actor of the agenda services: required, at most kMaxShortBytes.
Status AgendaActor(const std::string& actor) { return Bounded(actor, "actor", kMaxShortBytes); }

// An actor of the unit and closing services: 1..kMaxShortBytes of UTF-8.
Status Actor(const std::string& actor) {
  if (actor.empty() || actor.size() > kMaxShortBytes) {
    return InvalidArgument("actor must be 1..200 bytes");
  }
  return CheckText("actor", actor, kMaxShortBytes);
}

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
constexpr std::size_t kMaxReadIds = 100;                      // notices marked read at once

Status Limit(std::int64_t limit, std::int64_t max = kMaxListLimit) {
  if (limit < 1 || limit > max) return InvalidArgument("limit must be 1.." + std::to_string(max));
  return Status::Ok();
}

Status Page(std::int64_t cursor, std::int64_t limit) {
  if (cursor < 0) return InvalidArgument("cursor must be >= 0");
  return Limit(limit);
}

// A recipient names an outbox, a part of a Redis key.
Status Recipient(const std::string& r, const char* what) {
  if (r.empty() || r.size() > kMaxShortBytes || r.find_first_of("{}") != std::string::npos) {
    return InvalidArgument(std::string(what) + " must be 1..200 bytes without braces");
  }
  return Status::Ok();
}

bool IsValidTimerName(const std::string& s) { return IsValidServiceName(s); }

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

Status Short(const char* name, const std::string& value) {
  if (value.size() > kMaxShortBytes) {
    return InvalidArgument(std::string(name) + " is longer than 200 bytes");
  }
  return Status::Ok();
}

Status Count(const char* name, std::int64_t value) {
  if (value < 0) return InvalidArgument(std::string(name) + " must be >= 0");
  return Status::Ok();
}

}  // namespace

// ---- the core services ------------------------------------------------------------------------

Status Validate(const SubmitRequest& m) {
  if (m.request_id.empty() || m.request_id.size() > kMaxShortBytes) {
    return InvalidArgument("request_id must be 1.." + std::to_string(kMaxShortBytes) + " bytes");
  }
  return Status::Ok();
}

Status Validate(const AssignRequest& m) {
  if (m.co_units.size() + 1 > kMaxUnitsPerSuggestion) {
    return InvalidArgument("at most " + std::to_string(kMaxUnitsPerSuggestion - 1) + " co_units");
  }
  DUBAN_RETURN_IF_ERROR(CheckText("actor", m.actor, kMaxShortBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("committee", m.committee, kMaxShortBytes));
  return CheckText("note", m.note, kMaxNoteBytes);
}

Status Validate(const CommitteeRequest& m) {
  DUBAN_RETURN_IF_ERROR(Id(m.code, "code"));
  DUBAN_RETURN_IF_ERROR(Actor(m.actor));
  DUBAN_RETURN_IF_ERROR(CheckText("committee", m.committee, kMaxShortBytes));
  return CheckText("note", m.note, kMaxNoteBytes);
}

Status Validate(const SuperviseRequest& m) {
  DUBAN_RETURN_IF_ERROR(Id(m.code, "code"));
  DUBAN_RETURN_IF_ERROR(Actor(m.actor));
  DUBAN_RETURN_IF_ERROR(CheckText("committee", m.committee, kMaxShortBytes));
  if (m.kind != "note" && m.kind != "visit") {
    return InvalidArgument("kind must be note or visit, not '" + m.kind + "'");
  }
  if (m.text.empty()) return InvalidArgument("text is empty: say what was found, asked or agreed");
  DUBAN_RETURN_IF_ERROR(CheckText("text", m.text, kMaxNoteBytes));
  if (!m.date.empty()) {
    if (m.kind != "visit") return InvalidArgument("date goes with a visit only");
    auto d = ParseDate(m.date);
    if (!d.ok()) return InvalidArgument("date: " + d.status().message());
  }
  return Status::Ok();
}

Status Validate(const ProposeRequest& m) {
  DUBAN_RETURN_IF_ERROR(Id(m.code, "code"));
  DUBAN_RETURN_IF_ERROR(Actor(m.actor));
  DUBAN_RETURN_IF_ERROR(CheckText("committee", m.committee, kMaxShortBytes));
  if (m.committee.empty()) return InvalidArgument("committee is empty");
  if (m.reason.empty()) return InvalidArgument("reason is empty: say why the directors should");
  return CheckText("reason", m.reason, kMaxNoteBytes);
}

Status Validate(const ReviewRequest& m) {
  DUBAN_RETURN_IF_ERROR(Id(m.code, "code"));
  if (m.outcome != "accept" && m.outcome != "merge" && m.outcome != "return" &&
      m.outcome != "withdraw" && m.outcome != "resubmit") {
    return InvalidArgument("outcome '" + m.outcome +
                           "' is not one of 'accept', 'merge', 'return', 'withdraw', 'resubmit'")
        .WithZh("审核结果须为立案、并案、退回修改、撤回或重新提交之一");
  }
  DUBAN_RETURN_IF_ERROR(CheckText("actor", m.actor, kMaxShortBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("deputy", m.deputy, kMaxShortBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("reason", m.reason, kMaxNoteBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("title", m.title, kMaxTitleBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("content", m.content, kMaxContentBytes));
  if (m.outcome == "merge") DUBAN_RETURN_IF_ERROR(Id(m.into, "into"));
  if ((m.outcome == "return" || m.outcome == "withdraw" || m.outcome == "merge") &&
      m.reason.empty()) {
    return InvalidArgument("a " + m.outcome + " needs its reason").WithZh("请填写理由");
  }
  if (m.outcome == "resubmit" && m.title.empty() && m.content.empty()) {
    return InvalidArgument("a resubmission needs the revised title or text")
        .WithZh("请填写修改后的标题或正文");
  }
  return Status::Ok();
}

Status Validate(const RequestRequest& m) {
  DUBAN_RETURN_IF_ERROR(OneOf(m.action, {"list", "submit", "status", "show", "ack", "answer",
                                         "convert", "counts"}));
  if (!m.from.empty()) DUBAN_RETURN_IF_ERROR(DateField(m.from, "from"));
  if (!m.until.empty()) DUBAN_RETURN_IF_ERROR(DateField(m.until, "until"));
  if (!m.from.empty() && !m.until.empty() && m.until < m.from) {
    return InvalidArgument("until " + m.until + " is before from " + m.from);
  }
  if (!m.deputy.empty()) DUBAN_RETURN_IF_ERROR(Id(m.deputy, "deputy"));
  if (!m.to.empty()) {
    DUBAN_RETURN_IF_ERROR(Bounded(m.to, "to", kMaxShortBytes));
    if (m.to.find_first_of("{}| ") != std::string::npos) {
      return InvalidArgument("to '" + m.to + "' must not contain braces, '|' or spaces");
    }
  }
  DUBAN_RETURN_IF_ERROR(CheckText("actor", m.actor, kMaxShortBytes));
  if (!m.request_id.empty()) DUBAN_RETURN_IF_ERROR(Id(m.request_id, "request_id"));
  if (m.action == "list" || m.action == "counts") return Status::Ok();
  if (m.action == "submit") {
    if (m.to.empty()) return InvalidArgument("to is required: deputy:<id> or station:<id>");
    if (m.request_id.empty()) {
      return InvalidArgument("request_id is required for submit: a retry with it is not doubled");
    }
    DUBAN_RETURN_IF_ERROR(Bounded(m.text, "text", kMaxNoteBytes));
    DUBAN_RETURN_IF_ERROR(CheckText("text", m.text, kMaxNoteBytes));
    return CheckText("contact", m.contact, kMaxShortBytes);
  }
  if (m.action == "convert") {
    // The deputy may come from the caller's key (services/authorize.cc): checked by the handler.
    if (m.request_id.empty()) return InvalidArgument("request_id is required for convert");
    if (m.codes.empty() || m.codes.size() > kMaxRequestsConverted) {
      return InvalidArgument("codes: 1.." + std::to_string(kMaxRequestsConverted) +
                             " requests (got " + std::to_string(m.codes.size()) + ")");
    }
    for (std::size_t i = 0; i < m.codes.size(); ++i) {
      DUBAN_RETURN_IF_ERROR(Id(m.codes[i], "code"));
      for (std::size_t j = 0; j < i; ++j) {
        if (m.codes[j] == m.codes[i]) return InvalidArgument("request " + m.codes[i] + " twice");
      }
    }
    DUBAN_RETURN_IF_ERROR(Bounded(m.title, "title", kMaxTitleBytes));
    DUBAN_RETURN_IF_ERROR(CheckText("title", m.title, kMaxTitleBytes));
    DUBAN_RETURN_IF_ERROR(CheckText("category", m.category, kMaxShortBytes));
    DUBAN_RETURN_IF_ERROR(CheckText("content", m.content, kMaxContentBytes));
    DUBAN_RETURN_IF_ERROR(Bounded(m.deputy_name, "deputy_name", kMaxShortBytes));
    return CheckText("deputy_name", m.deputy_name, kMaxShortBytes);
  }
  DUBAN_RETURN_IF_ERROR(Id(m.code, "code"));
  if (m.action == "answer") {
    DUBAN_RETURN_IF_ERROR(Bounded(m.text, "text", kMaxNoteBytes));
    return CheckText("text", m.text, kMaxNoteBytes);
  }
  return Status::Ok();
}

Status Validate(const SessionRequest& m) {
  DUBAN_RETURN_IF_ERROR(OneOf(m.action, {"list", "show", "schedule", "outcome"}));
  if (!m.from.empty()) DUBAN_RETURN_IF_ERROR(DateField(m.from, "from"));
  if (!m.to.empty()) DUBAN_RETURN_IF_ERROR(DateField(m.to, "to"));
  if (!m.from.empty() && !m.to.empty() && m.to < m.from) {
    return InvalidArgument("to " + m.to + " is before from " + m.from);
  }
  if (m.action == "list") return Status::Ok();
  if (m.action != "schedule") DUBAN_RETURN_IF_ERROR(Id(m.id, "id"));
  if (m.action == "show") return Status::Ok();
  DUBAN_RETURN_IF_ERROR(Actor(m.actor));
  if (m.action == "schedule") {
    const Session& s = m.session;
    if (!m.request_id.empty()) DUBAN_RETURN_IF_ERROR(Id(m.request_id, "request_id"));
    DUBAN_RETURN_IF_ERROR(DateField(s.date, "date"));
    DUBAN_RETURN_IF_ERROR(Bounded(s.place, "place", kMaxShortBytes));
    DUBAN_RETURN_IF_ERROR(CheckText("place", s.place, kMaxShortBytes));
    DUBAN_RETURN_IF_ERROR(CheckText("topic", s.topic, kMaxShortBytes));
    auto count = [](std::size_t n, const char* what, std::size_t max) {
      if (n == 0 || n > max) {
        return InvalidArgument(std::string(what) + ": 1.." + std::to_string(max) + " (got " +
                               std::to_string(n) + ")");
      }
      return Status::Ok();
    };
    DUBAN_RETURN_IF_ERROR(count(s.units.size(), "units", kMaxSessionPeople));
    DUBAN_RETURN_IF_ERROR(count(s.deputies.size(), "deputies", kMaxSessionPeople));
    DUBAN_RETURN_IF_ERROR(count(s.codes.size(), "codes", kMaxSessionCodes));
    for (const auto& u : s.units) {
      DUBAN_RETURN_IF_ERROR(Id(u.unit, "unit"));
      DUBAN_RETURN_IF_ERROR(CheckText("head", u.head, kMaxShortBytes));
    }
    for (const auto& d : s.deputies) DUBAN_RETURN_IF_ERROR(Id(d, "deputy"));
    for (const auto& c : s.codes) DUBAN_RETURN_IF_ERROR(Id(c, "code"));
    return Status::Ok();
  }
  DUBAN_RETURN_IF_ERROR(Id(m.code, "code"));
  if (m.outcome != "resolved" && m.outcome != "commitment" && m.outcome != "referred") {
    return InvalidArgument("outcome must be resolved, commitment or referred, not '" + m.outcome +
                           "'");
  }
  DUBAN_RETURN_IF_ERROR(Bounded(m.note, "note", kMaxNoteBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("note", m.note, kMaxNoteBytes));
  if (m.outcome == "commitment") {
    DUBAN_RETURN_IF_ERROR(DateField(m.due, "due"));
  } else if (!m.due.empty()) {
    return InvalidArgument("due goes with a commitment only");
  }
  if (!m.unit.empty()) {
    if (m.outcome != "commitment") return InvalidArgument("unit goes with a commitment only");
    DUBAN_RETURN_IF_ERROR(Id(m.unit, "unit"));
  }
  if (m.outcome == "referred") {
    DUBAN_RETURN_IF_ERROR(Bounded(m.referred_to, "referred_to", kMaxShortBytes));
    return CheckText("referred_to", m.referred_to, kMaxShortBytes);
  }
  if (!m.referred_to.empty()) return InvalidArgument("referred_to goes with referred only");
  return Status::Ok();
}

Status Validate(const GetRequest& m) {
  if (m.before < 0) return InvalidArgument("before must not be negative");
  return Limit(m.limit, kTimelinePageMax);
}

Status Validate(const ListRequest& m) {
  DUBAN_RETURN_IF_ERROR(Limit(m.limit));
  DUBAN_RETURN_IF_ERROR(CheckText("committee", m.committee, kMaxShortBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("deputy", m.deputy, kMaxShortBytes));
  if (!m.state.empty()) {
    auto s = ParseState(m.state);
    if (!s.ok()) return s.status();
  }
  return Status::Ok();
}

Status Validate(const DlqRequest& m) {
  if (m.action != "list" && m.action != "replay") {
    return InvalidArgument("action must be 'list' or 'replay'");
  }
  if (m.action == "replay" && m.task_id.empty()) return InvalidArgument("replay needs task_id");
  return Limit(m.limit);
}

Status Validate(const InboxRequest& m) {
  DUBAN_RETURN_IF_ERROR(Recipient(m.recipient, "recipient"));
  DUBAN_RETURN_IF_ERROR(OneOf(m.action, {"list", "read"}));
  DUBAN_RETURN_IF_ERROR(Short("kind", m.kind));
  DUBAN_RETURN_IF_ERROR(Short("code", m.code));
  DUBAN_RETURN_IF_ERROR(CheckText("actor", m.actor, kMaxShortBytes));
  if (m.action == "read") {
    if (m.ids.empty() || m.ids.size() > kMaxReadIds) {
      return InvalidArgument("read: 1.." + std::to_string(kMaxReadIds) + " ids");
    }
    for (const std::string& id : m.ids) {
      if (id.size() != 12 || id.find_first_not_of("0123456789abcdef") != std::string::npos) {
        return InvalidArgument("a notice id is 12 hex digits, not '" + id.substr(0, 40) + "'");
      }
    }
  } else if (!m.ids.empty()) {
    return InvalidArgument("ids go with action read");
  }
  return Limit(m.limit);
}

Status Validate(const PauseRequest& m) {
  if (m.actor.empty() || m.actor.size() > kMaxShortBytes) {
    return InvalidArgument("actor must be 1..200 bytes");
  }
  return Status::Ok();
}

// ---- unit actions and decisions ---------------------------------------------------------------

Status Validate(const UnitActionRequest& m) {
  DUBAN_RETURN_IF_ERROR(Actor(m.actor));
  DUBAN_RETURN_IF_ERROR(CheckText("reason", m.reason, kMaxNoteBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("phase", m.phase, kMaxShortBytes));
  return CheckText("until", m.until, kMaxShortBytes);
}

Status Validate(const DecideRequest& m) {
  DUBAN_RETURN_IF_ERROR(Actor(m.actor));
  return CheckText("note", m.note, kMaxNoteBytes);
}

// ---- closing the loop -------------------------------------------------------------------------

Status Validate(const CommitmentDraft& m) {
  DUBAN_RETURN_IF_ERROR(CheckText("commitment text", m.text, kMaxBasisBytes));
  return CheckText("commitment due", m.due, kMaxShortBytes);
}

Status Validate(const ReplyRequest& m) {
  DUBAN_RETURN_IF_ERROR(Actor(m.actor));
  DUBAN_RETURN_IF_ERROR(CheckText("text", m.text, kMaxReplyTextBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("signer", m.signer, kMaxShortBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("result_class", m.result_class, kMaxShortBytes));
  if (m.commitments.size() > kMaxCommitmentsPerReply) {
    return InvalidArgument("at most " + std::to_string(kMaxCommitmentsPerReply) + " commitments");
  }
  return Status::Ok();
}

Status Validate(const EvaluateRequest& m) {
  DUBAN_RETURN_IF_ERROR(CheckText("actor", m.actor, kMaxShortBytes));
  DUBAN_RETURN_IF_ERROR(CheckText("satisfaction", m.satisfaction, kMaxShortBytes));
  return CheckText("reasons", m.reasons, kMaxNoteBytes);
}

Status Validate(const CloseoutRequest& m) {
  DUBAN_RETURN_IF_ERROR(Actor(m.actor));
  DUBAN_RETURN_IF_ERROR(CheckText("commitment", m.commitment, kMaxShortBytes));
  return CheckText("basis", m.basis, kMaxBasisBytes);
}

Status Validate(const TimersRequest& m) { return Id(m.code, "code"); }

Status Validate(const PublicStatusRequest& m) {
  return CheckText("code", m.code, kMaxShortBytes);
}

// ---- what a role worker decides ---------------------------------------------------------------

Status Validate(const TimerPlan& m) { return ValidateTimerPlan(m); }

Status Validate(const TimerSpec& m) {
  if (!IsValidTimerName(m.name)) {
    return InvalidArgument("timer name '" + m.name + "' is not [A-Za-z0-9._-]{1,64}");
  }
  if (!IsValidTimerName(m.service) || m.service.rfind("duban.", 0) == 0 ||
      m.service.rfind("mmi.", 0) == 0) {
    return InvalidArgument(
        "timer service '" + m.service +
        "' must be a worker service name ([A-Za-z0-9._-]{1,64}, not duban.* or mmi.*)");
  }
  if (m.kind.empty() || m.kind.size() > kMaxShortBytes) {
    return InvalidArgument("timer kind must be 1..200 bytes");
  }
  if (m.due_ms <= 0) return InvalidArgument("timer due_ms must be positive");
  return Status::Ok();
}

Status Validate(const Notice& m) {
  DUBAN_RETURN_IF_ERROR(Recipient(m.recipient, "notice recipient"));
  if (m.text.size() > kMaxNoteBytes) return InvalidArgument("notice text is too long");
  return Status::Ok();
}

Status Validate(const AgendaEffect& m) {
  if (m.text.size() > kMaxNoticeBytes) return InvalidArgument("agenda text is too long");
  if (m.next_check_ms <= 0) return InvalidArgument("agenda next_check_ms must be positive");
  if (m.op == "place") return Bounded(m.key, "agenda key", kMaxShortBytes);
  if (m.op == "progress_check") return Id(m.item, "agenda item");
  return InvalidArgument("agenda op '" + m.op + "' is not 'place' or 'progress_check'");
}

Status Validate(const Outcome& m) {
  if (!m.to_state.empty()) {
    auto s = ParseState(m.to_state);
    if (!s.ok()) return s.status();
  }
  if (m.expect_version == kAnyVersion &&
      (!m.to_state.empty() || !m.units.empty() || m.deadline || !m.committee.empty())) {
    return InvalidArgument(
        "an outcome that changes state, units, deadline or committee must name its version");
  }
  return CheckText("committee", m.committee, kMaxShortBytes);
}

// ---- audit ------------------------------------------------------------------------------------

Status Validate(const VerifyRequest& m) {
  if (m.code.empty() == !m.all) {
    return InvalidArgument("give either code or all=true (one of them, not both)");
  }
  if (m.code.size() > kMaxShortBytes) return InvalidArgument("code is longer than 200 bytes");
  return Page(m.cursor, m.limit);
}

Status Validate(const CheckRequest& m) { return Page(m.cursor, m.limit); }

Status Validate(const CalendarRequest& m) {
  if (m.action != "status" && m.action != "replan") {
    return InvalidArgument("action must be status or replan, not '" + m.action.substr(0, 40) +
                           "'");
  }
  if (m.actor.size() > kMaxShortBytes) return InvalidArgument("actor is longer than 200 bytes");
  DUBAN_RETURN_IF_ERROR(CheckText("actor", m.actor, kMaxShortBytes));
  if (m.action == "replan" && !m.dry_run && m.actor.empty()) {
    return InvalidArgument("a replan that changes timers needs an actor (or dry_run)");
  }
  if (!IsCalendarCursor(m.cursor)) {
    return InvalidArgument("cursor must be \"\" or YEAR:N as a reply gave it");
  }
  return Limit(m.limit);
}

// ---- the directors' meeting agenda ------------------------------------------------------------

Status Validate(const MeetingRequest& m) {
  DUBAN_RETURN_IF_ERROR(OneOf(m.action, {"list", "add", "remove"}));
  if (m.action == "list") return Status::Ok();
  DUBAN_RETURN_IF_ERROR(DateField(m.date, "date"));
  return AgendaActor(m.actor);
}

Status Validate(const AgendaRequest& m) {
  DUBAN_RETURN_IF_ERROR(OneOf(m.action, {"show", "lead", "resolve"}));
  if (m.action == "show") {
    return m.meeting.empty() ? Status::Ok() : DateField(m.meeting, "meeting");
  }
  DUBAN_RETURN_IF_ERROR(Id(m.id, "id"));
  if (m.action == "lead") {
    DUBAN_RETURN_IF_ERROR(Bounded(m.director, "director", kMaxShortBytes));
    // The director's name becomes the recipient office:director:<name> (a Redis key part).
    if (m.director.find_first_of("{}") != std::string::npos) {
      return InvalidArgument("director must not contain braces");
    }
  } else {
    DUBAN_RETURN_IF_ERROR(Bounded(m.note, "note", kMaxContentBytes));
  }
  return AgendaActor(m.actor);
}

Status Validate(const HotRequest& m) {
  DUBAN_RETURN_IF_ERROR(OneOf(m.action, {"list", "mark", "unmark"}));
  if (m.action == "list") return Status::Ok();
  DUBAN_RETURN_IF_ERROR(Id(m.code, "code"));
  if (m.action == "mark") DUBAN_RETURN_IF_ERROR(Bounded(m.reason, "reason", kMaxNoticeBytes));
  return AgendaActor(m.actor);
}

Status Validate(const BundleRequest& m) {
  DUBAN_RETURN_IF_ERROR(OneOf(m.action, {"list", "show", "create", "add", "remove"}));
  if (m.action == "list") return Status::Ok();
  if (m.action != "create") DUBAN_RETURN_IF_ERROR(Id(m.id, "id"));
  if (m.action == "show") return Status::Ok();
  if (m.codes.size() > kMaxListItems) return InvalidArgument("too many codes");
  for (const std::string& c : m.codes) DUBAN_RETURN_IF_ERROR(Id(c, "code"));
  if (m.action == "create") {
    DUBAN_RETURN_IF_ERROR(Bounded(m.topic, "topic", kMaxTitleBytes));
    DUBAN_RETURN_IF_ERROR(Bounded(m.lead_unit, "lead_unit", kMaxShortBytes));
    DUBAN_RETURN_IF_ERROR(Bounded(m.supervisor, "supervisor", kMaxShortBytes));
    DUBAN_RETURN_IF_ERROR(CheckText("committee", m.committee, kMaxShortBytes));
  } else if (!m.committee.empty()) {
    return InvalidArgument("committee goes with create only");
  } else if (m.codes.empty()) {
    return InvalidArgument(m.action + " needs at least one code");
  }
  return AgendaActor(m.actor);
}

// ---- reports ----------------------------------------------------------------------------------

Status Validate(const ReportRequest& m) {
  DUBAN_RETURN_IF_ERROR(Short("session", m.session));
  DUBAN_RETURN_IF_ERROR(Short("unit", m.unit));
  const bool range = !m.from.empty() || !m.to.empty();
  if (m.session.empty() == !range) {
    return InvalidArgument("give either session or from and to (one of them, not both)");
  }
  if (!range) return Status::Ok();
  if (m.from.empty() || m.to.empty()) return InvalidArgument("from and to go together");
  auto from = ParseDate(m.from);
  if (!from.ok()) return InvalidArgument("from: " + from.status().message());
  auto to = ParseDate(m.to);
  if (!to.ok()) return InvalidArgument("to: " + to.status().message());
  if (*to < *from) return InvalidArgument("to (" + m.to + ") is before from (" + m.from + ")");
  return Status::Ok();
}

Status Validate(const ReportCount& m) { return Count("count", m.count); }

Status Validate(const ReportRow& m) {
  struct Field {
    const char* name;
    std::int64_t value;
  };
  for (const Field& f : {Field{"assigned", m.assigned}, Field{"replied", m.replied},
                         Field{"on_time", m.on_time}, Field{"met", m.met},
                         Field{"evaluated", m.evaluated}, Field{"accepted", m.accepted},
                         Field{"solved", m.solved}}) {
    DUBAN_RETURN_IF_ERROR(Count(f.name, f.value));
  }
  return Status::Ok();
}

}  // namespace duban::protocol
