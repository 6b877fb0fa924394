// Admission: who each message is and whether it may reach what it names, before anything else
// looks at it. For a client request it sets the Caller (common/protocol/caller.h) and checks the
// caller's roles against the table of services (common/protocol/services.h); the scope of a
// scoped role (a unit acts only as itself, ...) is checked by the service once its request is
// decoded (services/authorize.h). For a worker command it checks that the key may serve that
// service: READY and REPLY only under a worker:<service> grant.
//
//   - public endpoint: only duban.status;
//   - no keys (KeyGate absent): the local operator, every role;
//   - a key: its registry entry now (a key removed or expired is refused at its next message);
//     mmi.* for any key; a duban.* service for the roles the table lists; a worker service's
//     queue (an opaque 7/MDP request) for staff and admin.
//
// A delegate key (a web front end) may act for a person: the request's leading frames
// kOnBehalfFrame, "ROLE/PERSON" (common/protocol/mdp.h) are taken off and the request then has
// that one role (staff, unit:<id>, deputy:<id>, director:<name> or office:<name>), attributed to
// "<key>(as ROLE/PERSON)". Any other key sending them is refused.
//
// Refusals are PERMISSION_DENIED with the reason; the loop replies, logs and counts them
// (broker.permission_denied).
//
// Thread rules: broker loop thread (the KeyGate it reads is thread-safe).
#pragma once

#include <string>

#include "common/protocol/mdp.h"
#include "common/result.h"
#include "common/status.h"

namespace duban::broker {

class KeyGate;

// "unit:jyj/张三" -> the caller a delegate key `delegate` becomes when it vouches for that person.
// PermissionDenied for a role a delegate may not vouch for; InvalidArgument for bad text.
Result<protocol::Caller> Vouched(const std::string& delegate, std::string_view text);

class Admission {
 public:
  explicit Admission(const KeyGate* gate) : gate_(gate) {}

  // Sets r.caller (taking a delegation's frames off r.body); OK when r may go on to its service.
  Status AdmitClient(protocol::ClientRequest& r) const;
  // OK when a worker with the ZAP User-Id `user` may serve `service` (READY for it, REPLY to a
  // task of it, staying registered for it).
  Status AdmitWorker(const std::string& user, const std::string& service) const;
  bool authenticated() const { return gate_ != nullptr; }

 private:
  const KeyGate* gate_;
};

}  // namespace duban::broker
