#include "broker/admission.h"

#include "broker/key_gate.h"
#include "common/protocol/services.h"
#include "common/utf8.h"

namespace duban::broker {

using protocol::Caller;
namespace svc = protocol::svc;

namespace {

Status AdmitClientTo(const Caller& c, const std::string& service) {
  if (service.rfind("mmi.", 0) == 0) {
    return c.kind == Caller::Kind::kPublic
               ? PermissionDenied("the public endpoint serves duban.status and duban.request (submit, status) only")
               : Status::Ok();
  }
  if (service.rfind(svc::kOwnPrefix, 0) == 0) {
    const svc::ServiceInfo* info = svc::FindService(service);
    if (info == nullptr || (c.roles() & info->callers) != 0) return Status::Ok();
    return PermissionDenied(service + " is for " + svc::RoleNames(info->callers) + "; " + c.Describe() +
                            (c.kind == Caller::Kind::kPublic ? " (the public endpoint)" : ""));
  }
  if (c.Has(svc::kStaff) || c.Has(svc::kAdmin)) return Status::Ok();
  return PermissionDenied("requests to the worker service '" + service +
                          "' are for staff and admin; " + c.Describe());
}
}  // namespace

Result<Caller> Vouched(const std::string& delegate, std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    return InvalidArgument("a delegation names ROLE/PERSON, e.g. unit:jyj/张三");
  }
  DUBAN_ASSIGN_OR_RETURN(protocol::Grant g, protocol::ParseGrant(text.substr(0, slash)));
  std::string person(text.substr(slash + 1));
  if (person.empty() || person.size() > 64 || !IsValidUtf8(person)) {
    return InvalidArgument("the person of a delegation is 1..64 bytes of UTF-8");
  }
  for (unsigned char c : person) {
    if (c < 0x20 || c == 0x7f || c == '(' || c == ')' || c == '/') {
      return InvalidArgument("the person of a delegation holds no control byte, '(', ')' or '/'");
    }
  }
  constexpr svc::Roles kVouchable =
      svc::kStaff | svc::kUnit | svc::kDeputy | svc::kDirector | svc::kOffice | svc::kCommittee;
  if ((g.role & kVouchable) == 0) {
    return PermissionDenied("a delegate may act for staff, a unit, a deputy, a director, an "
                            "office or a committee, not for '" + protocol::GrantText(g) + "'");
  }
  std::string name = delegate + "(as " + protocol::GrantText(g) + "/" + person + ")";
  return Caller{Caller::Kind::kKey, std::move(name), {std::move(g)}};
}

Status Admission::AdmitClient(protocol::ClientRequest& r) const {
  if (r.via_public) {
    r.caller = Caller::Public();
  } else if (gate_ == nullptr) {
    r.caller = Caller::Local();
  } else {
    auto who = gate_->Resolve(r.user);
    if (!who.ok()) return who.status();
    r.caller = std::move(who).value();
  }
  if (!r.body.empty() && r.body[0] == protocol::kOnBehalfFrame) {
    if (r.caller.kind == Caller::Kind::kPublic || !r.caller.Has(svc::kDelegate)) {
      return PermissionDenied("only a key with the delegate role may act for a person; " +
                              r.caller.Describe());
    }
    if (r.body.size() < 3) return InvalidArgument("a delegation is followed by ROLE/PERSON and the body");
    const std::string delegate = r.caller.kind == Caller::Kind::kLocal ? "local" : r.caller.name;
    DUBAN_ASSIGN_OR_RETURN(r.caller, Vouched(delegate, r.body[1]));
    r.body.erase(r.body.begin(), r.body.begin() + 2);
  }
  return AdmitClientTo(r.caller, r.service);
}

Status Admission::AdmitWorker(const std::string& user, const std::string& service) const {
  if (gate_ == nullptr) return Status::Ok();
  DUBAN_ASSIGN_OR_RETURN(Caller who, gate_->Resolve(user));
  if (who.Is(svc::kWorker, service)) return Status::Ok();
  return PermissionDenied(who.Describe() + " may not serve '" + service + "' (it needs worker:" +
                          service + ")");
}

}  // namespace duban::broker
