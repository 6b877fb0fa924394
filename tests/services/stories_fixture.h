// Stories: the fixture of the stories of the broker's own services (stories_test.cc,
// supervision_stories_test.cc): the real broker loop in this process over inproc://, a manual
// clock, the test redis-server and the shipped config (tests/support/broker_story.h), with the
// calls the stories make as staff, units, deputies and the public would.
#pragma once

#include <string>

#include "tests/support/broker_story.h"

namespace duban::testing {

using namespace duban::protocol;  // the stories name messages as the wire does
namespace svc = duban::protocol::svc;

class Stories : public BrokerStory {
 protected:
  template <typename S>
  Result<typename S::Reply> Tell(const typename S::Request& req) {
    return Call<S>(req);
  }
  template <typename S>
  typename S::Reply Must(const typename S::Request& req) {
    auto r = Tell<S>(req);
    EXPECT_TRUE(r.ok()) << S::kName << ": " << r.status().ToString();
    return r.ok() ? *r : typename S::Reply{};
  }

  protocol::GetReply Get(const std::string& code) { return Must<svc::Get>(GetRequest{code, 0, 100}); }

  // A suggestion assigned by staff to jyj (lead) and czj (co-handler).
  std::string Assigned() {
    const std::string code = Submit();
    AssignRequest a;
    a.code = code;
    a.lead_unit = "jyj";
    a.co_units = {"czj"};
    a.actor = "wang";
    Must<svc::Assign>(a);
    return code;
  }

  UnitActionReply Act(const std::string& action_service, const std::string& code,
                      const std::string& unit, UnitActionRequest req = {}) {
    req.code = code;
    req.unit = unit;
    if (req.actor.empty()) req.actor = "zhang";
    if (action_service == "sign") return Must<svc::Sign>(req);
    if (action_service == "start") return Must<svc::Start>(req);
    if (action_service == "contact") return Must<svc::Contact>(req);
    if (action_service == "opinion") return Must<svc::Opinion>(req);
    if (action_service == "return") return Must<svc::Return>(req);
    if (action_service == "extend") return Must<svc::Extend>(req);
    ADD_FAILURE() << "no action " << action_service;
    return {};
  }
};

}  // namespace duban::testing
