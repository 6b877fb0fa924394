#include "common/protocol/caller.h"

namespace duban::protocol {
namespace svc {

std::string_view RoleName(Role r) {
  switch (r) {
    case kStaff: return "staff";
    case kUnit: return "unit";
    case kDeputy: return "deputy";
    case kDirector: return "director";
    case kOffice: return "office";
    case kMonitor: return "monitor";
    case kAdmin: return "admin";
    case kPublic: return "public";
    case kWorker: return "worker";
    case kDelegate: return "delegate";
    case kCommittee: return "committee";
  }
  return "?";
}

std::string RoleNames(Roles roles, std::string_view sep) {
  std::string out;
  for (Role r : kAllRoles) {
    if ((roles & r) == 0) continue;
    if (!out.empty()) out += sep;
    out += RoleName(r);
  }
  return out;
}

bool IsScoped(Role r) {
  return r == kUnit || r == kDeputy || r == kDirector || r == kOffice || r == kWorker ||
         r == kCommittee;
}

}  // namespace svc

namespace {
bool IsValidScope(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (unsigned char c : s) {
    if (c < 0x21 || c == 0x7f || c == '{' || c == '}' || c == '/' || c == '"') return false;
  }
  return true;
}
}  // namespace

Result<Grant> ParseGrant(std::string_view text) {
  std::string_view name = text, scope;
  bool has_colon = false;
  if (auto colon = text.find(':'); colon != std::string_view::npos) {
    name = text.substr(0, colon);
    scope = text.substr(colon + 1);
    has_colon = true;
  }
  for (svc::Role r : svc::kAllRoles) {
    if (svc::RoleName(r) != name || r == svc::kPublic) continue;
    if (svc::IsScoped(r)) {
      if (!IsValidScope(scope)) {
        return InvalidArgument("role '" + std::string(text) + "': " + std::string(name) +
                               " takes whom it is, e.g. " + std::string(name) +
                               ":<id> (1..64 bytes, no spaces, braces or slashes)");
      }
      return Grant{r, std::string(scope)};
    }
    if (has_colon) {
      return InvalidArgument("role '" + std::string(text) + "': " + std::string(name) +
                             " takes no ':' part");
    }
    return Grant{r, ""};
  }
  return InvalidArgument("unknown role '" + std::string(text) +
                         "' (staff, unit:<id>, deputy:<id>, director:<name>, office:<name>, "
                         "worker:<role>, committee:<id>, monitor, admin, delegate)");
}

std::string GrantText(const Grant& g) {
  std::string out(svc::RoleName(g.role));
  if (!g.scope.empty()) out += ":" + g.scope;
  return out;
}

svc::Roles Caller::roles() const {
  switch (kind) {
    case Kind::kLocal: {
      svc::Roles all = 0;
      for (svc::Role r : svc::kAllRoles) all |= r;
      return all;
    }
    case Kind::kPublic: return svc::kPublic;
    case Kind::kKey: break;
  }
  svc::Roles out = svc::kPublic;  // what anyone may do, a key may do
  for (const Grant& g : grants) out |= g.role;
  return out;
}

bool Caller::Is(svc::Role r, std::string_view scope) const {
  if (kind == Kind::kLocal) return true;
  if (kind == Kind::kPublic) return false;
  for (const Grant& g : grants) {
    if (g.role == r && (g.scope.empty() || g.scope == scope)) return true;
  }
  return false;
}

std::vector<std::string> Caller::Scopes(svc::Role r) const {
  std::vector<std::string> out;
  for (const Grant& g : grants) {
    if (g.role == r && !g.scope.empty()) out.push_back(g.scope);
  }
  return out;
}

std::string Caller::Describe() const {
  if (kind == Kind::kLocal) return "local operator";
  if (kind == Kind::kPublic) return "public";
  std::string out = "key '" + name + "' (";
  for (std::size_t i = 0; i < grants.size(); ++i) out += (i ? ", " : "") + GrantText(grants[i]);
  return out + ")";
}

}  // namespace duban::protocol
