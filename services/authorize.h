// Authorize: the scope of a caller's roles, checked on each duban.* request once it is decoded
// (the broker's Admission has already checked that one of the caller's roles is among the
// service's callers, common/protocol/services.h). The table of services' handlers never see a
// request these refuse; ApiTable calls them for every service it binds (services/api_table.h).
//
//   - staff, and the local operator of a broker without keys: everything the table allows;
//   - unit:<id>: a unit action or reply only with `unit` = its own id; duban.get only of a
//     suggestion where it is lead or co-handler, without the deputy's contact; duban.list only
//     of its own tasks; its own inbox;
//   - deputy:<id>: submits and evaluates only as itself; duban.get of its own suggestions; its
//     inbox;
//   - director:<name>: the agenda, the meetings, the hot list and the face-to-face sessions
//     (reading), the report; duban.get of the items it leads (without the deputy's contact); its
//     inbox (office:director:<name>) and agenda:directors;
//   - office:<name>: its inbox;
//   - monitor: the read-only views; admin: pause, replay, re-plan (duban.dlq replay and
//     duban.calendar replan are admin's).
// With a key, every request's `actor` is replaced by the key's name: the timeline records who
// acted, whatever the request said (the services put the role before it: staff:<name>,
// unit:<id>/<name>, deputy:<id>/<name>).
//
// Refusals are PERMISSION_DENIED naming the field and the caller.
//
// Thread rules: pure functions.
#pragma once

#include <functional>
#include <string>

#include "common/protocol/api_messages.h"
#include "common/protocol/agenda_messages.h"
#include "common/protocol/caller.h"
#include "common/protocol/messages.h"
#include "common/protocol/timer_messages.h"
#include "common/status.h"

namespace duban::services {

// What a check knows: who calls, and which roles the service lists.
struct Scope {
  const protocol::Caller& caller;
  protocol::svc::Roles callers;
  // True when director `name` leads the agenda item of suggestion `code` (duban.get); not owned
  // (the ApiTable's), nullptr where no read of a record is checked.
  const std::function<bool(const std::string& name, const std::string& code)>* leads = nullptr;
};

// Requests whose scope depends on a field. Each may rewrite the request (its actor).
Status Authorize(const Scope& s, protocol::SubmitRequest& r);
Status Authorize(const Scope& s, protocol::UnitActionRequest& r);
Status Authorize(const Scope& s, protocol::ReplyRequest& r);
Status Authorize(const Scope& s, protocol::EvaluateRequest& r);
Status Authorize(const Scope& s, protocol::GetRequest& r);
Status Authorize(const Scope& s, protocol::ListRequest& r);
Status Authorize(const Scope& s, protocol::InboxRequest& r);
Status Authorize(const Scope& s, protocol::MeetingRequest& r);
Status Authorize(const Scope& s, protocol::AgendaRequest& r);
Status Authorize(const Scope& s, protocol::HotRequest& r);
Status Authorize(const Scope& s, protocol::ReportRequest& r);
Status Authorize(const Scope& s, protocol::DlqRequest& r);
Status Authorize(const Scope& s, protocol::SessionRequest& r);
Status Authorize(const Scope& s, protocol::RequestRequest& r);
Status Authorize(const Scope& s, protocol::CalendarRequest& r);
Status Authorize(const Scope& s, protocol::SuperviseRequest& r);
Status Authorize(const Scope& s, protocol::ProposeRequest& r);
Status Authorize(const Scope& s, protocol::ReviewRequest& r);

// Who submitted, for the first timeline entry: the lead deputy without keys ("deputy:D1"); with
// a key, the key as the role it submitted under ("deputy:D1/<name>", "staff:<name>").
std::string SubmitActor(const protocol::Caller& c, const protocol::SubmitRequest& r);

// Every other request: a role the service lists that needs no scope (staff, monitor, admin,
// public), or the local operator; its actor (if it has one) becomes the key's name.
Status AuthorizeUnscoped(const Scope& s);
template <typename R>
Status Authorize(const Scope& s, R& r) {
  DUBAN_RETURN_IF_ERROR(AuthorizeUnscoped(s));
  if constexpr (requires { r.actor; }) {
    if (s.caller.kind == protocol::Caller::Kind::kKey) r.actor = s.caller.name;
  }
  return Status::Ok();
}

// Replies whose scope depends on the record: the suggestion read must be the caller's, and
// another's private fields are removed.
Status AuthorizeReply(const Scope& s, const protocol::GetRequest& req, protocol::GetReply& r);
template <typename Req, typename Rep>
Status AuthorizeReply(const Scope&, const Req&, Rep&) {
  return Status::Ok();
}

}  // namespace duban::services
