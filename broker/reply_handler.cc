#include "broker/reply_handler.h"

#include "broker/task_address.h"
#include "common/log.h"
#include "common/protocol/codec.h"
#include "common/protocol/limits.h"

namespace duban::broker {

bool IsPermanent(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kNotFound:
    case StatusCode::kProtocolError:
    case StatusCode::kPermissionDenied:
      return true;
    default:
      return false;
  }
}

void AddWebhooks(const config::Config& config, std::vector<protocol::Notice>* notices) {
  for (auto& n : *notices) {
    if (n.recipient.rfind("unit:", 0) != 0) continue;
    const std::string id = n.recipient.substr(5);
    for (const auto& u : config.units) {
      if (u.id == id) n.webhook = u.webhook;
    }
  }
}

ReplyHandler::ReplyHandler(store::TaskStore& store, Router& router, Counters& counters,
                           const config::Config& config)
    : store_(store), router_(router), counters_(counters), config_(config) {
  for (const auto& u : config.units) units_.insert(u.id);
}

Status ReplyHandler::CheckOutcome(const protocol::Outcome& o) const {
  DUBAN_RETURN_IF_ERROR(protocol::CheckOutcomeBounds(o));  // note, timers, notices: limits.h
  int leads = 0;
  for (const auto& u : o.units) {
    if (units_.count(u.unit) == 0) return InvalidArgument("outcome names unknown unit '" + u.unit + "'");
    if (u.role == protocol::UnitRole::kLead) ++leads;
  }
  if (!o.units.empty() && leads != 1) {
    return InvalidArgument("outcome must name exactly one lead unit, not " + std::to_string(leads));
  }
  if (o.to_state == "ASSIGNED" && o.units.empty()) {
    return InvalidArgument("an ASSIGNED outcome must name its units");
  }
  return Status::Ok();
}

Status ReplyHandler::Apply(const std::vector<WorkerReply>& replies, Millis now_protocol,
                           Millis now_domain) {
  auto log = Logger("broker.replies");
  std::vector<store::TaskRef> acks;
  std::vector<const WorkerReply*> ack_replies;
  std::vector<TaskAddress> ack_addresses;
  std::vector<store::Completion> completions;
  std::vector<store::Failure> failures;

  for (const auto& r : replies) {
    auto addr = ParseTaskAddress(r.address);
    if (!addr.ok()) {
      counters_.Increment("broker.bad_replies");
      log->warn("reply from worker with a foreign address dropped: {}", addr.status().ToString());
      continue;
    }
    const TaskAddress& a = *addr;
    if (!a.role) {
      acks.push_back({a.service, a.id, a.fence});
      ack_replies.push_back(&r);
      ack_addresses.push_back(a);
      continue;
    }
    auto outcome = r.body.size() == 1
                       ? protocol::DecodeReply<protocol::Outcome>(r.body[0])
                       : Result<protocol::Outcome>(ProtocolError("role reply must have one frame"));
    Status check = outcome.ok() ? CheckOutcome(*outcome) : outcome.status();
    if (!check.ok()) {
      counters_.Increment("broker.task_failures");
      log->warn("task {} ({} {}) failed: {}", a.id, a.service, a.code, check.ToString());
      failures.push_back({a.service, a.id, a.fence, check.ToString(), IsPermanent(check.code())});
      continue;
    }
    protocol::Outcome& o = *outcome;
    AddWebhooks(config_, &o.notices);
    store::Completion c;
    c.service = a.service;
    c.id = a.id;
    c.fence = a.fence;
    c.code = a.code;
    c.expect_version = o.expect_version;
    c.to_state = o.to_state;
    if (!o.units.empty()) {
      c.units = protocol::EncodeUnits(o.units);
      for (const auto& u : o.units) {
        if (u.role == protocol::UnitRole::kLead) c.lead = u.unit;
        c.unit_list += (c.unit_list.empty() ? "" : ",") + u.unit;
      }
    }
    if (o.deadline) c.deadline = protocol::EncodeBare(*o.deadline);
    c.action = o.action;
    c.note = o.note;
    c.effects = protocol::EncodeOutcomeEffects(o);
    c.actor = "worker:" + a.service;
    completions.push_back(std::move(c));
  }

  if (!acks.empty()) {
    DUBAN_ASSIGN_OR_RETURN(auto clients, store_.Ack(acks));
    for (std::size_t i = 0; i < clients.size(); ++i) {
      if (!clients[i]) {
        counters_.Increment("broker.stale_replies");
        continue;
      }
      counters_.Increment("broker.acked");
      if (clients[i]->empty()) continue;
      router_.Send(protocol::BrokerToClient(*clients[i], ack_addresses[i].service,
                                            ack_replies[i]->body));
    }
  }
  if (!completions.empty()) {
    DUBAN_ASSIGN_OR_RETURN(auto results, store_.Complete(now_domain, completions));
    for (std::size_t i = 0; i < results.size(); ++i) {
      switch (results[i]) {
        case store::CompletionResult::kInvalidTransition: {
          counters_.Increment("broker.invalid_transitions");
          const auto& c = completions[i];
          std::string reason = "FAILED_PRECONDITION: invalid transition to " + c.to_state +
                               " for " + c.code;
          log->warn("task {}: {}", c.id, reason);
          failures.push_back({c.service, c.id, c.fence, reason, true});
          break;
        }
        case store::CompletionResult::kApplied:
          counters_.Increment("broker.outcomes_applied");
          break;
        case store::CompletionResult::kStale:
          counters_.Increment("broker.stale_replies");
          log->info("late answer for task {} ignored (its lease was lost)", completions[i].id);
          break;
        case store::CompletionResult::kSuperseded:
          counters_.Increment("broker.outcomes_superseded");
          log->info("outcome of task {} superseded: {} changed meanwhile", completions[i].id,
                    completions[i].code);
          break;
      }
    }
  }
  if (!failures.empty()) {
    DUBAN_ASSIGN_OR_RETURN(auto results, store_.Fail(now_protocol, failures));
    for (auto r : results) {
      if (r == store::FailureResult::kDead) counters_.Increment("broker.dead_lettered");
      if (r == store::FailureResult::kRetry) counters_.Increment("broker.retried");
    }
  }
  return Status::Ok();
}

}  // namespace duban::broker
