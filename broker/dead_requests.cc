#include "broker/dead_requests.h"

#include "common/log.h"
#include "common/protocol/codec.h"
#include "common/protocol/mdp.h"

namespace duban::broker {

Status DeadRequestError(const std::string& reason) {
  return Unavailable("the request became a dead letter (" + reason +
                     "); staff can replay it with dubanctl dlq replay");
}

void AnswerDeadRequests(const std::vector<store::DeadRequest>& dead, Router& router,
                        ClientQuotas& quotas, Counters& counters) {
  for (const auto& d : dead) {
    counters.Increment("broker.requests_dead_lettered");
    Logger("broker")->warn("request {} to '{}' dead-lettered ({}): its client is told", d.id,
                           d.service, d.reason);
    if (d.client.empty()) continue;
    quotas.OpaqueDone(d.client);
    router.Send(protocol::BrokerToClient(d.client, d.service,
                                         {protocol::EncodeError(DeadRequestError(d.reason))}));
  }
}

}  // namespace duban::broker
