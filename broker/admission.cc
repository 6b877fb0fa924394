#include "broker/admission.h"

#include "broker/key_gate.h"
#include "common/protocol/services.h"

namespace duban::broker {

using protocol::Caller;
namespace svc = protocol::svc;

namespace {
std::string RoleList(svc::Roles roles) {
  std::string out;
  for (svc::Role r : svc::kAllRoles) {
    if ((roles & r) != 0) out += (out.empty() ? "" : ", ") + std::string(svc::RoleName(r));
  }
  return out;
}

Status AdmitClientTo(const Caller& c, const std::string& service) {
  if (service.rfind("mmi.", 0) == 0) {
    return c.kind == Caller::Kind::kPublic
               ? PermissionDenied("the public endpoint serves duban.status only")
               : Status::Ok();
  }
  if (service.rfind(svc::kOwnPrefix, 0) == 0) {
    const svc::ServiceInfo* info = svc::FindService(service);
    if (info == nullptr || (c.roles() & info->callers) != 0) return Status::Ok();
    return PermissionDenied(service + " is for " + RoleList(info->callers) + "; " + c.Describe() +
                            (c.kind == Caller::Kind::kPublic ? " (the public endpoint)" : ""));
  }
  if (c.Has(svc::kStaff) || c.Has(svc::kAdmin)) return Status::Ok();
  return PermissionDenied("requests to the worker service '" + service +
                          "' are for staff and admin; " + c.Describe());
}
}  // namespace

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
  return AdmitClientTo(r.caller, r.service);
}

Status Admission::AdmitWorker(const protocol::WorkerMessage& m, const std::string& service) const {
  if (gate_ == nullptr) return Status::Ok();
  DUBAN_ASSIGN_OR_RETURN(Caller who, gate_->Resolve(m.user));
  if (who.Is(svc::kWorker, service)) return Status::Ok();
  return PermissionDenied(who.Describe() + " may not serve '" + service + "' (it needs worker:" +
                          service + ")");
}

}  // namespace duban::broker
