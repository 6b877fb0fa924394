#include "services/authorize.h"

#include <algorithm>

namespace duban::services {

using protocol::Caller;
namespace svc = protocol::svc;

namespace {
constexpr svc::Roles kUnscoped = svc::kStaff | svc::kMonitor | svc::kAdmin | svc::kPublic;

bool Local(const Scope& s) { return s.caller.kind == Caller::Kind::kLocal; }
bool Key(const Scope& s) { return s.caller.kind == Caller::Kind::kKey; }
// The caller holds role r and the service lists it.
bool As(const Scope& s, svc::Role r) { return (s.callers & r) != 0 && s.caller.Has(r); }
bool Staff(const Scope& s) { return Local(s) || As(s, svc::kStaff); }

Status Denied(const Scope& s, const std::string& what) {
  return PermissionDenied(what + " (" + s.caller.Describe() + ")");
}

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// For an action some roles of the service may not take: it needs one of `roles`.
Status RequireFor(const Scope& s, svc::Roles roles, const std::string& what) {
  if (Local(s) || (s.caller.roles() & roles & s.callers) != 0) return Status::Ok();
  return Denied(s, what + " is for " + svc::RoleNames(roles, " or "));
}

// The key's name as the actor (the services put the role before it).
void ActorFromKey(const Scope& s, std::string* actor) {
  if (Key(s)) *actor = s.caller.name;
}
}  // namespace

Status AuthorizeUnscoped(const Scope& s) {
  if (Local(s) || (s.caller.roles() & s.callers & kUnscoped) != 0) return Status::Ok();
  return Denied(s, "this service acts for staff, monitor or admin only");
}

Status Authorize(const Scope& s, protocol::SubmitRequest& r) {
  if (Staff(s)) return Status::Ok();
  if (As(s, svc::kDeputy) && s.caller.Is(svc::kDeputy, r.draft.deputy.id)) return Status::Ok();
  return Denied(s, "draft.deputy.id '" + r.draft.deputy.id + "': a deputy submits as itself only");
}

std::string SubmitActor(const Caller& c, const protocol::SubmitRequest& r) {
  const std::string deputy = "deputy:" + r.draft.deputy.id;
  if (c.kind != Caller::Kind::kKey) return deputy;
  if (c.Is(svc::kDeputy, r.draft.deputy.id)) return deputy + "/" + c.name;
  return "staff:" + c.name;
}

namespace {
// A unit's action or reply: only as itself; the actor is the key.
Status AsUnit(const Scope& s, const std::string& unit, std::string* actor) {
  if (!Local(s) && !s.caller.Is(svc::kUnit, unit)) {
    return Denied(s, "unit '" + unit + "': a unit acts as itself only");
  }
  ActorFromKey(s, actor);
  return Status::Ok();
}

// A service whose `read_action` staff and directors may take and every other action staff only
// (meetings, agenda, hot items); the actor is the key.
Status ReadForDirectors(const Scope& s, const std::string& service, const std::string& action,
                        const char* read_action, std::string* actor) {
  const svc::Roles roles = action == read_action ? (svc::kStaff | svc::kDirector) : svc::kStaff;
  DUBAN_RETURN_IF_ERROR(RequireFor(s, roles, service + " " + action));
  ActorFromKey(s, actor);
  return Status::Ok();
}
}  // namespace

Status Authorize(const Scope& s, protocol::UnitActionRequest& r) {
  return AsUnit(s, r.unit, &r.actor);
}

Status Authorize(const Scope& s, protocol::ReplyRequest& r) { return AsUnit(s, r.unit, &r.actor); }

Status Authorize(const Scope& s, protocol::EvaluateRequest& r) {
  if (!Local(s) && !s.caller.Is(svc::kDeputy, r.deputy)) {
    return Denied(s, "deputy '" + r.deputy + "': a deputy evaluates as itself only");
  }
  if (Key(s)) r.actor = "deputy:" + r.deputy + "/" + s.caller.name;
  return Status::Ok();
}

Status Authorize(const Scope& s, protocol::ReviewRequest& r) {
  if (Staff(s)) {
    ActorFromKey(s, &r.actor);
    return Status::Ok();
  }
  // A deputy only resubmits, as itself (the handler checks it leads the suggestion).
  if (r.outcome != "resubmit") {
    return Denied(s, "duban.review " + r.outcome + " is for staff; a deputy resubmits only");
  }
  for (const std::string& scope : s.caller.Scopes(svc::kDeputy)) {
    if (r.deputy.empty() || r.deputy == scope) {
      r.deputy = scope;
      r.actor = "deputy:" + scope + "/" + s.caller.name;
      return Status::Ok();
    }
  }
  return Denied(s, "deputy '" + r.deputy + "': a deputy resubmits as itself only");
}

Status Authorize(const Scope& s, protocol::GetRequest&) {
  // Staff read everything; the others are checked against the record (AuthorizeReply).
  if (Staff(s) || As(s, svc::kUnit) || As(s, svc::kDeputy) || As(s, svc::kDirector) ||
      As(s, svc::kCommittee)) {
    return Status::Ok();
  }
  return Denied(s, "duban.get is for staff, units, deputies, directors and committees");
}

Status AuthorizeReply(const Scope& s, const protocol::GetRequest&, protocol::GetReply& r) {
  if (Staff(s)) return Status::Ok();
  const protocol::Suggestion& g = r.suggestion;
  const bool own_deputy = As(s, svc::kDeputy) && s.caller.Is(svc::kDeputy, g.draft.deputy.id);
  bool allowed = own_deputy;
  if (!allowed && As(s, svc::kUnit)) {
    for (const auto& u : g.units) allowed = allowed || s.caller.Is(svc::kUnit, u.unit);
  }
  if (!allowed && As(s, svc::kCommittee) && !g.committee.empty()) {
    allowed = s.caller.Is(svc::kCommittee, g.committee);  // the field it supervises (分工督办)
  }
  if (!allowed && As(s, svc::kDirector) && s.leads && *s.leads) {
    for (const auto& name : s.caller.Scopes(svc::kDirector)) {
      allowed = allowed || (*s.leads)(name, g.code);
    }
  }
  // The same answer as for a code that does not exist would leak nothing either; this one says
  // why, without a word of the record.
  if (!allowed) return Denied(s, "suggestion " + g.code + " is not one of yours");
  if (!own_deputy) r.suggestion.draft.deputy.contact.clear();
  return Status::Ok();
}

Status Authorize(const Scope& s, protocol::ListRequest& r) {
  if (Staff(s)) return Status::Ok();
  if (As(s, svc::kUnit)) {
    std::vector<std::string> mine = s.caller.Scopes(svc::kUnit);
    if (r.unit.empty() && mine.size() == 1) r.unit = mine[0];
    if (Contains(mine, r.unit)) return Status::Ok();
    return Denied(s, "unit '" + r.unit + "': a unit lists its own tasks only");
  }
  if (As(s, svc::kCommittee)) {
    std::vector<std::string> mine = s.caller.Scopes(svc::kCommittee);
    if (r.committee.empty() && mine.size() == 1) r.committee = mine[0];
    if (Contains(mine, r.committee)) return Status::Ok();
    return Denied(s, "committee '" + r.committee + "': a committee lists its own field only");
  }
  if (As(s, svc::kDeputy)) {
    std::vector<std::string> mine = s.caller.Scopes(svc::kDeputy);
    if (r.deputy.empty() && mine.size() == 1) r.deputy = mine[0];
    if (Contains(mine, r.deputy)) return Status::Ok();
    return Denied(s, "deputy '" + r.deputy + "': a deputy lists its own suggestions only");
  }
  return Denied(s, "duban.list is for staff, units, committees and deputies");
}

Status Authorize(const Scope& s, protocol::InboxRequest& r) {
  ActorFromKey(s, &r.actor);
  // Marking read is the recipient's own act: staff read every inbox but mark only staff's.
  if (Staff(s) && (r.action != "read" || Local(s) || r.recipient == "staff")) return Status::Ok();
  for (const protocol::Grant& g : s.caller.grants) {
    if ((s.callers & g.role) == 0) continue;
    const std::string base = std::string(svc::RoleName(g.role)) + ":" + g.scope;
    if (g.role == svc::kDirector) {
      if (r.recipient == "office:" + base || r.recipient == "agenda:directors") return Status::Ok();
    } else if (r.recipient == base) {
      return Status::Ok();
    }
  }
  return Denied(s, "recipient '" + r.recipient + "': an inbox is read by its own recipient");
}

Status Authorize(const Scope& s, protocol::MeetingRequest& r) {
  return ReadForDirectors(s, "duban.meeting", r.action, "list", &r.actor);
}

Status Authorize(const Scope& s, protocol::AgendaRequest& r) {
  return ReadForDirectors(s, "duban.agenda", r.action, "show", &r.actor);
}

Status Authorize(const Scope& s, protocol::HotRequest& r) {
  return ReadForDirectors(s, "duban.hot", r.action, "list", &r.actor);
}

Status Authorize(const Scope& s, protocol::ReportRequest&) {
  return RequireFor(s, svc::kStaff | svc::kDirector, "duban.report");
}

Status Authorize(const Scope& s, protocol::DlqRequest& r) {
  if (r.action == "list") {
    return RequireFor(s, svc::kStaff | svc::kMonitor | svc::kAdmin, "duban.dlq list");
  }
  return RequireFor(s, svc::kAdmin, "duban.dlq " + r.action);
}

Status Authorize(const Scope& s, protocol::CalendarRequest& r) {
  if (r.action != "status") DUBAN_RETURN_IF_ERROR(RequireFor(s, svc::kAdmin, "duban.calendar " + r.action));
  else DUBAN_RETURN_IF_ERROR(RequireFor(s, svc::kStaff | svc::kMonitor | svc::kAdmin, "duban.calendar status"));
  ActorFromKey(s, &r.actor);
  return Status::Ok();
}

Status Authorize(const Scope& s, protocol::SuperviseRequest& r) {
  if (r.committee.empty()) {
    DUBAN_RETURN_IF_ERROR(RequireFor(s, svc::kStaff, "duban.supervise without a committee"));
  } else if (!Local(s) && !s.caller.Is(svc::kCommittee, r.committee)) {
    return Denied(s, "committee '" + r.committee + "': a committee records as itself only");
  }
  ActorFromKey(s, &r.actor);
  return Status::Ok();
}

Status Authorize(const Scope& s, protocol::ProposeRequest& r) {
  // Staff put items on the agenda with duban.hot; this is the committee's own voice.
  if (!Local(s) && !s.caller.Is(svc::kCommittee, r.committee)) {
    return Denied(s, "committee '" + r.committee + "': a committee proposes as itself only");
  }
  ActorFromKey(s, &r.actor);
  return Status::Ok();
}

Status Authorize(const Scope& s, protocol::SessionRequest& r) {
  const bool read = r.action == "list" || r.action == "show";
  return ReadForDirectors(s, "duban.session", r.action, read ? r.action.c_str() : "list",
                          &r.actor);
}

namespace {
constexpr std::size_t kMaxPublicRequestBytes = 3000;
}  // namespace

Status Authorize(const Scope& s, protocol::RequestRequest& r) {
  const bool open_to_public = r.action == "submit" || r.action == "status";
  if (s.caller.kind == Caller::Kind::kPublic) {
    if (!open_to_public) return Denied(s, "duban.request " + r.action + " is not public");
    r.actor = "public";
    r.deputy.clear();
    // The public endpoint takes messages of at most 4 KiB: say so before the router has to.
    if (r.text.size() > kMaxPublicRequestBytes) {
      return InvalidArgument("a request sent without a key is at most " +
                             std::to_string(kMaxPublicRequestBytes) +
                             " bytes (about 1 000 Chinese characters)");
    }
    return Status::Ok();
  }
  if (Local(s) || As(s, svc::kStaff)) {
    ActorFromKey(s, &r.actor);
    if (r.actor == "public") r.actor = "staff";
    return Status::Ok();
  }
  if (As(s, svc::kDeputy)) {
    if (r.action == "submit" || r.action == "status") {
      // A deputy writing down a request it received (on paper, in person): attributed to it.
      ActorFromKey(s, &r.actor);
      const auto scopes = s.caller.Scopes(svc::kDeputy);
      r.deputy = scopes.empty() ? "" : scopes.front();
      return Status::Ok();
    }
    // A deputy acts, lists and counts as itself: the handler then checks each request reaches it.
    for (const std::string& scope : s.caller.Scopes(svc::kDeputy)) {
      if (r.deputy.empty() || r.deputy == scope) {
        r.deputy = scope;
        ActorFromKey(s, &r.actor);
        return Status::Ok();
      }
    }
    return Denied(s, "deputy '" + r.deputy + "': a deputy acts on requests as itself only");
  }
  return Denied(s, "duban.request " + r.action + " is for staff and deputies");
}

}  // namespace duban::services
