// Caller: who sends a request, as the broker knows it, and the roles of the identity model.
//
// A key in the registry (config/key_registry.h) has a name and grants: "staff", "unit:jyj",
// "deputy:D2026001", "director:王主任", "office:supervision", "worker:reminder", "monitor",
// "admin", "delegate". The broker authenticates the key at the CurveZMQ handshake (ZAP) and
// builds a Caller from its entry for every message; the table of services
// (common/protocol/services.h) says which roles may call each service, and services/authorize.h
// checks the scope (a unit acts only as itself). Three kinds of caller:
//   - kKey: an authenticated key: exactly its grants;
//   - kLocal: the broker runs without keys (loopback only): one trusted operator with every
//     role, as before identities existed; actors are what the request names;
//   - kPublic: the public endpoint, anonymous: only duban.status and duban.request submit/status.
//
// Thread rules: values; pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace duban::protocol {
namespace svc {

// Roles (a bit set) that may call a service.
enum Role : std::uint32_t {
  kStaff = 1u << 0,     // deputy-affairs staff: the whole handling loop
  kUnit = 1u << 1,      // a handling unit, on its own tasks only
  kDeputy = 1u << 2,    // a deputy, on their own suggestions only
  kDirector = 1u << 3,  // a director: the agenda and the items they lead
  kOffice = 1u << 4,    // an office: its inbox
  kMonitor = 1u << 5,   // the dashboard and metrics: read-only operations views
  kAdmin = 1u << 6,     // operators: pause, replay, re-plan
  kPublic = 1u << 7,    // anyone, unauthenticated: the public status page
  kWorker = 1u << 8,    // a worker process: READY only for its own role's service
  kDelegate = 1u << 9,  // a program that may act for the person it vouches for (a web front end)
  kCommittee = 1u << 10,  // a committee (专委/工委): the suggestions of its field (分工督办)
};
using Roles = std::uint32_t;

// "staff", "unit", ... as the registry writes them.
std::string_view RoleName(Role r);
inline constexpr Role kAllRoles[] = {kStaff,   kUnit,  kDeputy, kDirector, kOffice,   kMonitor,
                                     kAdmin,   kPublic, kWorker, kDelegate, kCommittee};
// The names of the roles in `roles`, joined by `sep`: "staff, monitor, admin".
std::string RoleNames(Roles roles, std::string_view sep = ", ");
// True for a role that names whom it is (unit:<id>, deputy:<id>, director:<name>,
// office:<name>, worker:<role>, committee:<id>); the others stand alone.
bool IsScoped(Role r);

}  // namespace svc

// One grant of a key: a role and, for a scoped role, whom it is.
struct Grant {
  svc::Role role = svc::kPublic;
  std::string scope;  // the unit id, deputy id, director's or office's name, worker role; "" else
  bool operator==(const Grant&) const = default;
};
// "unit:jyj" -> {kUnit, "jyj"}. InvalidArgument for an unknown role, a scoped role without its
// scope (or a scope on one that takes none), or a scope of more than 64 bytes or with a space,
// braces, a slash or a control byte.
Result<Grant> ParseGrant(std::string_view text);
std::string GrantText(const Grant& g);

struct Caller {
  enum class Kind : std::uint8_t { kLocal, kKey, kPublic };
  Kind kind = Kind::kLocal;
  std::string name;           // kKey: the key's name in the registry
  std::vector<Grant> grants;  // kKey only

  static Caller Local() { return {}; }
  static Caller Public() { return {Kind::kPublic, "", {}}; }

  // The roles held, as a bit set: every role for kLocal, kPublic alone for kPublic.
  svc::Roles roles() const;
  bool Has(svc::Role r) const { return (roles() & r) != 0; }
  // True when the caller may act as `scope` in role r: kLocal always; a key with that grant, or
  // with role r unscoped.
  bool Is(svc::Role r, std::string_view scope) const;
  // The scopes of role r the caller holds ({"jyj"} for unit:jyj).
  std::vector<std::string> Scopes(svc::Role r) const;
  // For logs and errors: "key 'jyj-clerk' (unit:jyj)", "local operator", "public".
  std::string Describe() const;
};

}  // namespace duban::protocol
