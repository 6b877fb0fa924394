// 代表·局长面对面 sessions through the API: duban.session (session_rules.h decides what each
// discussed suggestion records; ApiHandlers::ApplyChange applies it with a version check).
//
// A session is kept first (SessionStore, one script), then each discussed suggestion records it,
// one versioned update each. A crash in between leaves a session some suggestions do not name yet:
// an `outcome` (for its suggestion) and a retried `schedule` (same request id) complete them; a
// suggestion that has the mention is not changed again, so each is recorded once. `show` (which
// directors may call) only reads.
#include <set>

#include "common/calendar.h"
#include "common/log.h"
#include "common/store/session_store.h"
#include "services/api_handlers.h"

namespace duban::services {

using namespace duban::protocol;

namespace {
constexpr std::int64_t kMaxSessionsListed = 1000;
constexpr std::int64_t kMillisPerDay = 86'400'000;

Result<std::int64_t> DayOf(const std::string& date, std::int64_t fallback) {
  if (date.empty()) return fallback;
  DUBAN_ASSIGN_OR_RETURN(Date d, ParseDate(date));
  return StartOfLocalDay(d, 0) / kMillisPerDay;
}
}  // namespace

SessionRules ApiHandlers::SessionRulesNow() const {
  return SessionRules{config_.jurisdiction.utc_offset_minutes,
                      config_.jurisdiction.commitment_remind_days,
                      config_.jurisdiction.work_start_minute, unit_names_};
}

Status ApiHandlers::RecordSession(const Session& session, const std::string& actor, Millis now) {
  const SessionRules rules = SessionRulesNow();
  for (const std::string& code : session.codes) {
    auto applied = ApplyChange(code, actor, now, [&](const Suggestion& s) {
      return ApplySessionScheduled(s, session, rules);
    });
    // AlreadyExists: recorded before; FailedPrecondition: withdrawn or merged since.
    if (!applied.ok() && applied.status().code() != StatusCode::kAlreadyExists &&
        applied.status().code() != StatusCode::kFailedPrecondition) {
      return applied.status();
    }
  }
  return Status::Ok();
}

Result<std::vector<SessionItem>> ApiHandlers::SessionItems(const Session& session) {
  std::vector<SessionItem> items;
  for (const std::string& code : session.codes) {
    DUBAN_ASSIGN_OR_RETURN(store::StoredSuggestion stored, store_.Get(code, /*with_audit=*/false));
    auto s = store::DecodeSuggestion(code, stored);
    if (!s.ok()) return Internal("stored suggestion " + code + " is corrupt: " + s.status().message());
    SessionItem item{code, s->draft.title, std::string(StateName(s->state))};
    for (const auto& o : s->record.sessions) {
      if (o.session != session.id) continue;
      item.outcome = o.outcome;
      item.note = o.note;
      item.unit = o.unit;
      item.referred_to = o.referred_to;
      if (!o.commitments.empty()) {
        item.commitment = o.commitments[0].id;
        item.due = o.commitments[0].due;
        item.commitment_state = o.commitments[0].state;
      }
    }
    items.push_back(std::move(item));
  }
  return items;
}

Result<SessionReply> ApiHandlers::SessionCall(const SessionRequest& req, Millis now) {
  store::SessionStore sessions(store_);
  SessionReply reply;
  if (req.action == "list") {
    DUBAN_ASSIGN_OR_RETURN(std::int64_t from, DayOf(req.from, 0));
    DUBAN_ASSIGN_OR_RETURN(std::int64_t to, DayOf(req.to, std::int64_t{1} << 40));
    DUBAN_ASSIGN_OR_RETURN(reply.sessions, sessions.List(from, to, kMaxSessionsListed));
    return reply;
  }
  const std::string actor = "staff:" + req.actor;
  if (req.action == "schedule") {
    Session s = req.session;
    std::set<std::string> seen;
    for (const auto& u : s.units) {
      if (!unit_names_.count(u.unit)) return InvalidArgument("unknown unit '" + u.unit + "'");
      if (!seen.insert("u:" + u.unit).second) return InvalidArgument("unit " + u.unit + " twice");
    }
    for (const auto& d : s.deputies) {
      if (!seen.insert("d:" + d).second) return InvalidArgument("deputy " + d + " twice");
    }
    for (const auto& c : s.codes) {
      if (!seen.insert("c:" + c).second) return InvalidArgument("suggestion " + c + " twice");
    }
    DUBAN_ASSIGN_OR_RETURN(Date date, ParseDate(s.date));
    auto working = calendar_.calendar().IsWorkingDay(date);
    if (!req.force) {
      if (!working.ok()) {
        return FailedPrecondition("the calendar has no year " + std::to_string(static_cast<int>(date.year())) +
                                  ": cannot tell whether " + s.date +
                                  " is a working day (force to schedule it anyway)");
      }
      if (!*working) {
        return FailedPrecondition(s.date + " is not a working day (force to schedule it anyway)");
      }
    }
    DUBAN_ASSIGN_OR_RETURN(auto kept, sessions.Schedule(now, req.request_id, s, actor));
    DUBAN_ASSIGN_OR_RETURN(Session stored, sessions.Get(kept.first));
    DUBAN_RETURN_IF_ERROR(RecordSession(stored, actor, now));
    DUBAN_ASSIGN_OR_RETURN(stored.items, SessionItems(stored));
    counters_.Increment("api.sessions_scheduled");
    Logger("broker.api")->info("session {} ({}) scheduled by {}: {} on {}, {} suggestion(s)",
                               stored.id, kept.second, actor, stored.place, stored.date,
                               stored.codes.size());
    reply.result = kept.second;
    reply.sessions.push_back(std::move(stored));
    return reply;
  }
  DUBAN_ASSIGN_OR_RETURN(Session session, sessions.Get(req.id));
  if (req.action == "outcome") {
    // Only this suggestion: ApplySessionOutcome adds the session's mention when a crash left it
    // out, and another discussed suggestion's trouble never blocks this one's outcome.
    bool discussed = false;
    for (const auto& c : session.codes) discussed = discussed || c == req.code;
    if (!discussed) {
      return FailedPrecondition("session " + session.id + " did not discuss " + req.code);
    }
    const SessionRules rules = SessionRulesNow();
    auto applied = ApplyChange(req.code, actor, now, [&](const Suggestion& s) {
      return ApplySessionOutcome(s, session, req, now, rules);
    });
    if (applied.ok()) {
      reply.result = "recorded";
      reply.version = applied->version;
      counters_.Increment("api.session_outcomes");
    } else if (applied.status().code() == StatusCode::kAlreadyExists) {
      reply.result = "known";
    } else {
      return applied.status();
    }
  }
  DUBAN_ASSIGN_OR_RETURN(session.items, SessionItems(session));
  reply.sessions.push_back(std::move(session));
  return reply;
}

}  // namespace duban::services
