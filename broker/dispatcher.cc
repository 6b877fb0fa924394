#include "broker/dispatcher.h"

#include <map>

#include "broker/dead_requests.h"
#include "broker/task_address.h"
#include "common/log.h"
#include "common/protocol/codec.h"

namespace duban::broker {
Result<protocol::Frames> Dispatcher::BuildBody(const store::LeasedTask& t, Millis now_domain) {
  if (t.kind == "mdp") return protocol::DecodeFrames(t.body);
  protocol::TaskMessage m;
  m.task_id = t.id;
  m.service = t.service;
  m.kind = t.kind;
  m.attempt = t.attempt;
  m.now_ms = now_domain;
  m.payload = t.body;
  // A notice of a request from the people (社情民意, code R<year>-…) is delivered without a
  // suggestion: the request's own record is not the workers' to read.
  const bool request_notice = t.service == "delivery" && !t.code.empty() && t.code[0] == 'R';
  if (!t.code.empty() && !request_notice) {
    if (t.doc.empty()) return NotFound("suggestion " + t.code + " of the task no longer exists");
    DUBAN_ASSIGN_OR_RETURN(m.suggestion, store::DecodeSuggestion(t.code, t));
  }
  return protocol::Frames{protocol::Encode(m)};
}

Result<std::int64_t> Dispatcher::Run(Millis now_protocol, Millis now_domain) {
  auto wants = services_.Wants(registry_.IdleByService(), now_protocol);
  if (wants.empty()) return std::int64_t{0};
  DUBAN_ASSIGN_OR_RETURN(auto leased, store_.Dispatch(now_protocol, wants));
  std::map<std::string, std::int64_t> got;
  std::vector<store::Failure> broken;
  std::int64_t sent = 0;
  for (auto& t : leased) {
    ++got[t.service];
    auto body = BuildBody(t, now_domain);
    if (!body.ok()) {
      counters_.Increment("broker.corrupt_tasks");
      Logger("broker.dispatcher")->error("task {} of {} cannot be sent: {}", t.id, t.service,
                                         body.status().ToString());
      broken.push_back({t.service, t.id, t.fence, body.status().ToString(), true});
      continue;
    }
    TaskAddress address{t.service, t.id, t.fence};
    auto worker = registry_.Assign(t.service, HeldTask{t.service, t.id, t.fence, t.kind, t.client,
                                                       t.code, t.request_id, now_protocol,
                                                       now_protocol + store_.lease_ms()});
    if (!worker) {
      // Cannot happen while we ask for at most the idle count; put the task back to be safe.
      broken.push_back({t.service, t.id, t.fence, "no idle worker at dispatch", false});
      continue;
    }
    router_.Send(protocol::BrokerToWorkerRequest(*worker, FormatTaskAddress(address),
                                                 std::move(body).value()));
    ++sent;
  }
  for (const auto& [svc, asked] : wants) services_.Dispatched(svc, asked, got[svc], now_protocol);
  if (!broken.empty()) {
    std::vector<store::DeadRequest> dead;
    auto r = store_.Fail(now_protocol, broken, &dead);
    if (!r.ok()) Logger("broker.dispatcher")->warn("could not park broken tasks: {}", r.status().ToString());
    AnswerDeadRequests(dead, router_, quotas_, counters_);
  }
  counters_.Increment("broker.dispatched", static_cast<std::uint64_t>(sent));
  return sent;
}

}  // namespace duban::broker
