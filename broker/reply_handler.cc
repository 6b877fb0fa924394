#include "broker/reply_handler.h"

#include "common/store/completion.h"

#include "broker/dead_requests.h"
#include "broker/timer_plans.h"
#include "common/log.h"
#include "common/protocol/codec.h"
#include "common/protocol/limits.h"

namespace duban::broker {

namespace {
// The role whose task submit enqueues (common/store/lua/submit.lua): the one that assigns.
constexpr std::string_view kAssigningService = "assignment";
}  // namespace

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
    n.channels = config::ChannelsFor(config.delivery, n.recipient);
    n.webhook.clear();
    if (n.recipient.rfind("unit:", 0) != 0) continue;
    const std::string id = n.recipient.substr(5);
    for (const auto& u : config.units) {
      if (u.id == id) n.webhook = u.webhook;
    }
  }
}

ReplyHandler::ReplyHandler(store::TaskStore& store, Router& router, Counters& counters,
                           const config::Config& config, ClientQuotas& quotas,
                           const LoadedCalendar& calendar)
    : store_(store),
      router_(router),
      counters_(counters),
      config_(config),
      quotas_(quotas),
      calendar_(calendar) {
  for (const auto& u : config.units) units_.insert(u.id);
}

Status ReplyHandler::CheckOutcome(const protocol::Outcome& o, const std::string& service) const {
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
  if (!o.committee.empty() && config::FindCommittee(config_.committees, o.committee) == nullptr) {
    return InvalidArgument("outcome names unknown committee '" + o.committee + "'");
  }
  // Who supervises a suggestion decides which committee key may read it: only the role that
  // assigns sets it (staff change it with duban.committee).
  if (!o.committee.empty() && service != kAssigningService) {
    return PermissionDenied("only the " + std::string(kAssigningService) +
                            " role sets a suggestion's committee, not '" + service + "'");
  }
  return Status::Ok();
}

Status ReplyHandler::Apply(const std::vector<WorkerReply>& replies, Millis now_protocol,
                           Millis now_domain) {
  auto log = Logger("broker.replies");
  // What each reply answers, as stored: a known worker's held task, or the task its address names
  // when the worker is unknown (looked up in one call; a lost lease there is a stale reply).
  std::vector<std::optional<HeldTask>> tasks;
  std::vector<store::TaskRef> unknown;
  for (const auto& r : replies) {
    tasks.push_back(r.held);
    if (!r.held) unknown.push_back({r.address.service, r.address.id, r.address.fence});
  }
  if (!unknown.empty()) {
    DUBAN_ASSIGN_OR_RETURN(auto peeked, store_.Peek(unknown));
    std::size_t next = 0;
    for (std::size_t i = 0; i < replies.size(); ++i) {
      if (replies[i].held) continue;
      const auto& p = peeked[next++];
      if (!p) {
        counters_.Increment("broker.stale_replies");
        log->info("late answer for task {} ignored (its lease was lost)", replies[i].address.id);
        continue;
      }
      const TaskAddress& a = replies[i].address;
      tasks[i] = HeldTask{a.service, a.id, a.fence, p->kind, "", p->code, p->request_id};
    }
  }

  std::vector<store::TaskRef> acks;
  std::vector<std::string> ack_records;  // the reply body to keep, for requests with an id
  std::vector<const WorkerReply*> ack_replies;
  std::vector<store::Completion> completions;
  std::vector<std::string> completion_codes;  // for log lines only
  std::vector<store::Failure> failures;
  for (std::size_t i = 0; i < replies.size(); ++i) {
    if (!tasks[i]) continue;
    const WorkerReply& r = replies[i];
    const HeldTask& t = *tasks[i];
    if (t.kind == "mdp") {
      acks.push_back({t.service, t.id, t.fence});
      ack_records.push_back(t.request_id.empty() ? std::string() : protocol::EncodeFrames(r.body));
      ack_replies.push_back(&r);
      continue;
    }
    auto outcome = r.body.size() == 1
                       ? protocol::DecodeReply<protocol::Outcome>(r.body[0])
                       : Result<protocol::Outcome>(ProtocolError("role reply must have one frame"));
    Status check = outcome.ok() ? CheckOutcome(*outcome, t.service) : outcome.status();
    if (check.ok()) {
      // Working-day timers: the broker's calendar decides their due time (timer_plans.h).
      Result<int> corrected = ApplyTimerPlans(&outcome->timers, calendar_.calendar(),
                                              config_.jurisdiction.utc_offset_minutes);
      check = corrected.status();
      if (corrected.ok() && *corrected > 0) {
        counters_.Increment("broker.timer_plans_corrected", static_cast<std::uint64_t>(*corrected));
        log->info("task {} ({}): {} timer due time(s) computed again on the broker's calendar",
                  t.id, t.code, *corrected);
      }
    }
    if (!check.ok()) {
      counters_.Increment("broker.task_failures");
      log->warn("task {} ({} {}) failed: {}", t.id, t.service, t.code, check.ToString());
      failures.push_back({t.service, t.id, t.fence, check.ToString(), IsPermanent(check.code())});
      continue;
    }
    protocol::Outcome& o = *outcome;
    AddWebhooks(config_, &o.notices);
    store::Completion c = store::CompletionFor(o, "worker:" + t.service);
    c.service = t.service;
    c.id = t.id;
    c.fence = t.fence;
    completions.push_back(std::move(c));
    completion_codes.push_back(t.code);
  }

  if (!acks.empty()) {
    DUBAN_ASSIGN_OR_RETURN(auto results,
                           store_.Ack(acks, ack_records, config_.broker.reply_record_ttl_s));
    for (std::size_t i = 0; i < results.size(); ++i) {
      switch (results[i].kind) {
        case store::AckResult::Kind::kStale:
          counters_.Increment("broker.stale_replies");
          continue;
        case store::AckResult::Kind::kMismatch:
          counters_.Increment("broker.bad_replies");
          log->warn("reply for task {} dropped: the stored task is not an opaque request",
                    acks[i].id);
          continue;
        case store::AckResult::Kind::kDone:
          break;
      }
      counters_.Increment("broker.acked");
      if (results[i].client.empty()) continue;
      quotas_.OpaqueDone(results[i].client);
      router_.Send(protocol::BrokerToClient(results[i].client, acks[i].service,
                                            ack_replies[i]->body));
    }
  }
  if (!completions.empty()) {
    DUBAN_ASSIGN_OR_RETURN(auto results, store_.Complete(now_domain, completions));
    for (std::size_t i = 0; i < results.size(); ++i) {
      const auto& c = completions[i];
      switch (results[i]) {
        case store::CompletionResult::kInvalidTransition: {
          counters_.Increment("broker.invalid_transitions");
          std::string reason = "FAILED_PRECONDITION: invalid transition to " + c.to_state +
                               " for " + completion_codes[i];
          log->warn("task {}: {}", c.id, reason);
          failures.push_back({c.service, c.id, c.fence, reason, true});
          break;
        }
        case store::CompletionResult::kApplied:
          counters_.Increment("broker.outcomes_applied");
          break;
        case store::CompletionResult::kStale:
          counters_.Increment("broker.stale_replies");
          log->info("late answer for task {} ignored (its lease was lost)", c.id);
          break;
        case store::CompletionResult::kSuperseded:
          counters_.Increment("broker.outcomes_superseded");
          log->info("outcome of task {} superseded: {} changed meanwhile", c.id,
                    completion_codes[i]);
          break;
        case store::CompletionResult::kMismatch:
          counters_.Increment("broker.bad_replies");
          log->warn("outcome for task {} dropped: the stored task is not a role task", c.id);
          break;
      }
    }
  }
  if (!failures.empty()) {
    std::vector<store::DeadRequest> dead;
    DUBAN_ASSIGN_OR_RETURN(auto results, store_.Fail(now_protocol, failures, &dead));
    for (auto r : results) {
      if (r == store::FailureResult::kDead) counters_.Increment("broker.dead_lettered");
      if (r == store::FailureResult::kRetry) counters_.Increment("broker.retried");
    }
    AnswerDeadRequests(dead, router_, quotas_, counters_);
  }
  return Status::Ok();
}

}  // namespace duban::broker
