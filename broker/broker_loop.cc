#include "broker/broker_loop.h"

#include <cstdlib>

#include <algorithm>

#include "broker/dead_requests.h"
#include "broker/task_address.h"
#include "common/log.h"
#include "common/protocol/codec.h"
#include "common/protocol/services.h"
#include "common/sha1.h"
#include "common/store/request_store.h"

namespace duban::broker {

using namespace duban::protocol;

namespace {
constexpr std::int64_t kReapIntervalMs = 500;       // how often expired leases are looked for
// How often the acknowledgement reminders of requests from the people (社情民意) are looked for:
// they are due on working days, so a quarter second late is nothing (and a scaled clock still sees
// the reminder and the overdue notice apart); at most kRequestSweepBatch per call.
constexpr std::int64_t kRequestSweepIntervalMs = 250;
constexpr std::int64_t kRequestSweepBatch = 100;
constexpr std::int64_t kTimerCheckIntervalMs = 1000; // timers another broker may have added
constexpr std::int64_t kTimerBatch = 1000;
constexpr std::int64_t kMaxWaitMs = 100;
constexpr std::int64_t kQuotaPruneIntervalMs = 10000;
constexpr std::int64_t kQuotaIdleMs = 600000;  // a client unseen for 10 min is forgotten
const std::vector<std::int64_t> kTimerLatenessBoundsMs = {1, 2, 5, 10, 25, 50, 100, 250, 1000, 5000};
const std::vector<std::int64_t> kRedisRttBoundsUs = {100, 250, 500, 1000, 2500, 5000, 10000, 50000};

// The calendar of the config as loaded at start (LoadConfig checked it already).
LoadedCalendar InitialCalendar(const config::Config& config) {
  auto cal = LoadedCalendar::FromYears(config.calendar);
  if (cal.ok()) return std::move(cal).value();
  Logger("broker")->error("working calendar unusable, working-day rules will refuse: {}",
                          cal.status().ToString());
  return {};
}
}  // namespace

BrokerLoop::BrokerLoop(const config::Config& config, Router& router, store::TaskStore& store,
                       const Clock& protocol_clock, const Clock& domain_clock, double time_scale,
                       Counters& counters, const OwnServicesFactory& make_services)
    : config_(config),
      router_(router),
      store_(store),
      protocol_clock_(protocol_clock),
      domain_clock_(domain_clock),
      time_scale_(time_scale <= 0 ? 1.0 : time_scale),
      counters_(counters),
      calendar_(InitialCalendar(config)),
      registry_(config.broker.heartbeat_interval_ms, config.broker.heartbeat_liveness),
      quotas_(config.broker.client_rate_per_s, config.broker.client_burst,
              config.broker.client_max_inflight),
      services_(config.broker.dispatch_poll_ms),
      dispatcher_(store, registry_, services_, router, counters, quotas_),
      replies_(store, router, counters, config, quotas_, calendar_),
      api_(make_services({store, config, registry_, protocol_clock, counters, calendar_})) {
  // Every service of the table has its handler (common/protocol/services.h): a build that
  // forgot one must not start and answer NOT_FOUND for it.
  for (std::string_view name : api_->Unbound()) {
    Logger("broker")->critical("service '{}' is in the table of services but has no handler", name);
  }
  if (!api_->Unbound().empty()) std::abort();
}

void BrokerLoop::Run() {
  Logger("broker")->info("serving on {}", router_.endpoint());
  while (!stop_) RunOnce(kMaxWaitMs);
  DisconnectAll();
}

void BrokerLoop::DisconnectAll() {
  for (const auto& id : registry_.Identities()) router_.Send(BrokerToWorkerDisconnect(id));
}

void BrokerLoop::ReportRedis(const Status& s, const char* what) {
  counters_.Increment("broker.redis_errors");
  Millis now = protocol_clock_.NowMs();
  if (!redis_down_ || now - last_redis_warning_ms_ > 5000) {
    Logger("broker")->warn("{}: {}", what, s.ToString());
    last_redis_warning_ms_ = now;
  }
  if (s.code() == StatusCode::kUnavailable) redis_down_ = true;
  if (s.code() == StatusCode::kResourceExhausted && !redis_oom_) {
    redis_oom_ = true;
    counters_.Increment("broker.redis_oom");
    api_->SetStoreState("out_of_memory");
    Logger("broker")->error("redis is out of memory (maxmemory): no new leases until it has room; "
                            "requests that write are refused");
  }
}

void BrokerLoop::StoreWrote() {
  if (!redis_oom_) return;
  redis_oom_ = false;
  api_->SetStoreState("ok");
  Logger("broker")->info("redis accepts writes again: dispatching resumes");
}

std::int64_t BrokerLoop::WaitBudget(Millis now_p, Millis now_d) const {
  Millis wake = now_p + kMaxWaitMs;
  wake = std::min(wake, next_heartbeat_ms_);
  wake = std::min(wake, next_reap_ms_);
  wake = std::min(wake, services_.NextPollMs(registry_.IdleByService()));
  if (checkpointer_ != nullptr) wake = std::min(wake, checkpointer_->next_due_ms());
  if (next_timer_due_ms_ >= 0) {
    // The timer pump wakes on its own clock at the next due time, converted to real time.
    auto real = static_cast<Millis>(static_cast<double>(next_timer_due_ms_ - now_d) / time_scale_);
    wake = std::min(wake, now_p + std::max<Millis>(real, 0));
  }
  return std::max<Millis>(wake - now_p, 0);
}

void BrokerLoop::RunOnce(std::int64_t max_wait_ms) {
  Millis now_p = protocol_clock_.NowMs();
  Millis now_d = domain_clock_.NowMs();
  // While a long request (a report) is under way, each turn takes its next step: no sleep.
  std::int64_t wait =
      api_->has_long_requests() ? 0 : std::min(max_wait_ms, WaitBudget(now_p, now_d));
  std::vector<BrokerInbound> batch;
  if (router_.Poll(wait)) batch = router_.ReceiveBatch(static_cast<std::size_t>(config_.broker.max_batch));
  now_p = protocol_clock_.NowMs();
  now_d = domain_clock_.NowMs();

  std::vector<ClientRequest> api, opaque;
  std::vector<WorkerReply> replies;
  std::vector<std::string> renewals;  // busy workers that said they are alive
  for (auto& msg : batch) {
    if (auto* w = std::get_if<WorkerMessage>(&msg)) {
      HandleWorkerMessage(*w, now_p, &replies, &renewals);
      continue;
    }
    auto& r = std::get<ClientRequest>(msg);
    if (!quotas_.AdmitRequest(r.sender, now_p)) {
      counters_.Increment("broker.rate_limited");
      router_.Send(BrokerToClient(
          r.sender, r.service,
          {EncodeError(ResourceExhausted(
              "too many requests from this connection (broker.client_rate_per_s = " +
              std::to_string(config_.broker.client_rate_per_s) + "); retry later"))}));
      continue;
    }
    if (Status s = admission_.AdmitClient(r); !s.ok()) {
      counters_.Increment(s.code() == StatusCode::kPermissionDenied ? "broker.permission_denied"
                                                                    : "broker.bad_requests");
      Logger("broker")->warn("refused a request for '{}': {}", r.service, s.message());
      router_.Send(BrokerToClient(r.sender, r.service, {EncodeError(s)}));
      continue;
    }
    if (r.service.rfind("mmi.", 0) == 0) {
      HandleMmi(r);
    } else if (r.service.rfind(protocol::svc::kOwnPrefix, 0) == 0) {
      api.push_back(std::move(r));
    } else if (!IsValidServiceName(r.service)) {
      counters_.Increment("broker.bad_service_names");
      router_.Send(BrokerToClient(r.sender, r.service,
                                  {EncodeError(InvalidArgument(
                                      "service names are 1..64 of [A-Za-z0-9._-]"))}));
    } else {
      opaque.push_back(std::move(r));
    }
  }

  // Before the first outcome this process applies: the calendar edition its timers are counted
  // on, so a later change of a calendar file is seen (CalendarApi::RecordEdition).
  if (!api_->calendar_edition_recorded() && !redis_down_ && !redis_oom_) {
    if (Status s = api_->RecordCalendarEdition(); !s.ok()) ReportRedis(s, "calendar edition");
  }
  if (!opaque.empty()) EnqueueOpaque(opaque, now_p);
  if (!renewals.empty()) RenewLeases(renewals, now_p);
  if (!replies.empty()) {
    Status s = replies_.Apply(replies, now_p, now_d);
    if (!s.ok()) ReportRedis(s, "worker replies not applied (their leases will run out)");
  }
  if (!api.empty()) {
    for (auto& f : api_->Handle(api, now_d)) router_.Send(f);
    if (auto paused = api_->TakePausedUpdate()) services_.SetPaused(std::move(*paused));
    if (api_->submitted_work()) services_.MarkAllPending();
  }
  if (api_->has_long_requests()) {
    for (auto& f : api_->Step(now_d)) router_.Send(f);
  }
  Housekeeping(now_p, now_d);

  auto sent = redis_oom_ ? Result<std::int64_t>(std::int64_t{0}) : dispatcher_.Run(now_p, now_d);
  for (auto us : store_.redis().TakeRoundTripMicros()) {
    counters_.Observe("broker.redis_rtt_us", us, kRedisRttBoundsUs);
  }
  if (!sent.ok()) {
    ReportRedis(sent.status(), "dispatch failed");
  } else if (redis_down_ && store_.redis().connected()) {  // a turn without Redis calls proves nothing
    redis_down_ = false;
    Logger("broker")->info("redis is reachable again");
  }
}

void BrokerLoop::HandleWorkerMessage(WorkerMessage& m, Millis now,
                                     std::vector<WorkerReply>* replies,
                                     std::vector<std::string>* renewals) {
  WorkerRecord* known = registry_.Find(m.sender);
  if (known && known->key != m.user) {
    // Another connection under a registered worker's routing id, with another key (the worker
    // died and a peer took its id): that worker is gone, and this peer is nobody it knows.
    counters_.Increment("broker.permission_denied");
    Logger("broker")->warn("a message under the routing id of a '{}' worker came with another key: "
                           "the worker is dropped", known->service);
    DropWorker(m.sender, "worker replaced by another key", now);
    return;
  }
  if (!known && !quotas_.AdmitRequest(m.sender, now)) {
    // A peer that is no registered worker (a READY flood, forged REPLYs that each cost a Redis
    // look-up) is held to the clients' rate; a real worker sends one READY and is known after it.
    counters_.Increment("broker.rate_limited");
    router_.Send(BrokerToWorkerDisconnect(m.sender));
    return;
  }
  switch (m.command) {
    case WorkerCommand::kReady: {
      Status admitted = known ? Status::Ok() : admission_.AdmitWorker(m.user, m.service);
      Status s = known ? FailedPrecondition("READY from a registered worker")
                 : !admitted.ok() ? admitted
                 : !IsValidServiceName(m.service) ||
                         m.service.rfind(protocol::svc::kOwnPrefix, 0) == 0 || m.service.rfind("mmi.", 0) == 0
                     ? InvalidArgument("service name '" + m.service + "' cannot be served")
                 : !registry_.HasService(m.service) &&
                         registry_.ServiceCount() >=
                             static_cast<std::size_t>(config_.broker.max_services)
                     ? ResourceExhausted("too many services (broker.max_services = " +
                                         std::to_string(config_.broker.max_services) + ")")
                     : registry_.Ready(m.sender, m.service, now);
      if (!s.ok()) {
        counters_.Increment(s.code() == StatusCode::kPermissionDenied ? "broker.permission_denied"
                                                                      : "broker.bad_worker_messages");
        Logger("broker")->warn("worker refused: {}", s.ToString());
        DropWorker(m.sender, "worker protocol error", now);
        return;
      }
      registry_.Find(m.sender)->key = m.user;
      Logger("broker")->info("worker ready for '{}' ({} live)", m.service,
                             registry_.LiveCount(m.service));
      services_.MarkPending(m.service);
      return;
    }
    case WorkerCommand::kReply:
      HandleReply(m, known, now, replies);
      return;
    case WorkerCommand::kHeartbeat:
      if (known && !admission_.AdmitWorker(m.user, known->service).ok()) {
        // Its key was removed from the registry or expired: it stops within a heartbeat.
        counters_.Increment("broker.permission_denied");
        DropWorker(m.sender, "worker key refused", now);
      } else if (known) {
        registry_.Touch(m.sender, now);
        if (known->task) renewals->push_back(m.sender);
      } else {
        router_.Send(BrokerToWorkerDisconnect(m.sender));
      }
      return;
    case WorkerCommand::kDisconnect:
      if (auto rec = registry_.Remove(m.sender); rec && rec->task) {
        FailHeld({*rec->task}, "worker disconnected", now);
      }
      return;
    case WorkerCommand::kRequest:
      return;  // rejected by the parser
  }
}

void BrokerLoop::HandleReply(WorkerMessage& m, WorkerRecord* known, Millis now,
                             std::vector<WorkerReply>* replies) {
  auto addr = ParseTaskAddress(m.client_address);
  if (!addr.ok()) {
    counters_.Increment("broker.bad_replies");
    Logger("broker.replies")->warn("reply from worker with a foreign address dropped: {}",
                                   addr.status().ToString());
    if (!known) router_.Send(BrokerToWorkerDisconnect(m.sender));
    return;
  }
  if (Status s = admission_.AdmitWorker(m.user, addr->service); !s.ok()) {
    // A key that may not serve this service holds none of its leases: nothing is looked up.
    counters_.Increment("broker.permission_denied");
    Logger("broker.replies")->warn("reply for task {} of '{}' refused: {}", addr->id,
                                   addr->service, s.message());
    DropWorker(m.sender, "worker key refused", now);
    return;
  }
  if (!known) {
    // Applied by task address even from a worker this broker does not know (it may have been
    // READY with a broker that restarted since): the stored task and its random fencing token
    // decide what it answers. The worker is told to register again.
    router_.Send(BrokerToWorkerDisconnect(m.sender));
    replies->push_back({m.sender, std::move(addr).value(), std::nullopt, std::move(m.body)});
    return;
  }
  registry_.Touch(m.sender, now);
  std::optional<HeldTask> held = registry_.Release(m.sender, addr->service, addr->id, addr->fence);
  if (!held) {
    // Not the task this worker holds: nothing is applied, and the worker stays busy with the
    // task it does hold (its lease, or its own answer, brings that one back).
    counters_.Increment("broker.bad_replies");
    Logger("broker.replies")->warn(
        "reply from a '{}' worker for task {} of '{}' dropped: it holds {}", known->service,
        addr->id, addr->service, known->task ? "task " + known->task->id : "no task");
    return;
  }
  replies->push_back({m.sender, std::move(addr).value(), std::move(held), std::move(m.body)});
}

void BrokerLoop::DropWorker(const std::string& identity, const std::string& why, Millis now) {
  if (auto rec = registry_.Remove(identity); rec && rec->task) FailHeld({*rec->task}, why, now);
  router_.Send(BrokerToWorkerDisconnect(identity));
}

void BrokerLoop::RecheckWorkers(Millis now) {
  for (const std::string& id : registry_.Identities()) {
    WorkerRecord* w = registry_.Find(id);
    if (w == nullptr) continue;
    if (Status s = admission_.AdmitWorker(w->key, w->service); !s.ok()) {
      counters_.Increment("broker.permission_denied");
      Logger("broker")->warn("a '{}' worker is dropped after the key registry changed: {}",
                             w->service, s.message());
      DropWorker(id, "worker key refused", now);
    }
  }
}

void BrokerLoop::RenewLeases(const std::vector<std::string>& workers, Millis now) {
  const std::int64_t lease_ms = config_.broker.lease_ms;
  std::vector<std::string> who;
  std::vector<store::TaskRef> refs;
  for (const auto& id : workers) {
    WorkerRecord* w = registry_.Find(id);
    if (w == nullptr || !w->task) continue;
    const HeldTask& t = *w->task;
    bool past_half = t.lease_until_ms - now < lease_ms / 2;
    bool within_cap = now + lease_ms - t.leased_at_ms <= config_.broker.max_lease_ms;
    if (!past_half || !within_cap) continue;
    who.push_back(id);
    refs.push_back({t.service, t.id, t.fence});
  }
  if (refs.empty()) return;
  auto extended = store_.Extend(now, refs);
  if (!extended.ok()) {
    ReportRedis(extended.status(), "leases not extended");
    return;
  }
  for (std::size_t i = 0; i < refs.size(); ++i) {
    WorkerRecord* w = registry_.Find(who[i]);
    if (w == nullptr || !w->task || w->task->id != refs[i].id) continue;
    if (!(*extended)[i]) {
      // Its lease is gone (reaped, or past max_lease_ms): whatever it answers now is stale. Let
      // it register again rather than stay busy with a task it no longer holds.
      Logger("broker")->warn("a '{}' worker lost the lease of task {}: told to reconnect",
                             w->service, refs[i].id);
      counters_.Increment("broker.leases_lost");
      registry_.Remove(who[i]);
      router_.Send(BrokerToWorkerDisconnect(who[i]));
      continue;
    }
    w->task->lease_until_ms = now + lease_ms;
    counters_.Increment("broker.leases_extended");
  }
}

void BrokerLoop::HandleMmi(const ClientRequest& r) {
  std::string answer = "501";
  if (r.service == "mmi.service") {
    // The broker's own services are always there; others while a worker serves them.
    bool own = !r.body.empty() && api_->Serves(r.body[0]);
    answer = !r.body.empty() && (own || registry_.HasService(r.body[0])) ? "200" : "404";
  }
  router_.Send(BrokerToClient(r.sender, r.service, {answer}));
}

void BrokerLoop::EnqueueOpaque(const std::vector<ClientRequest>& requests, Millis now) {
  std::vector<store::NewTask> tasks;
  std::vector<const ClientRequest*> queued;
  tasks.reserve(requests.size());
  auto refuse = [&](const ClientRequest& r, const Status& st) {
    counters_.Increment("broker.requests_refused");
    Logger("broker")->info("request to '{}' refused: {}", r.service, st.ToString());
    router_.Send(BrokerToClient(r.sender, r.service, {EncodeError(st)}));
  };
  for (const auto& r : requests) {
    // Duban's request-id frames, when the body starts with them, are the broker's, not the
    // worker's: taken off here (common/protocol/mdp.h, kRequestIdFrame).
    std::string rid;
    std::size_t skip = 0;
    if (!r.body.empty() && r.body[0] == kRequestIdFrame) {
      if (r.body.size() < 2 || !IsValidRequestId(r.body[1])) {
        counters_.Increment("broker.bad_request_ids");
        refuse(r, InvalidArgument("a request id (the frame after '" +
                                  std::string(kRequestIdFrame) +
                                  "') is 1..64 of [A-Za-z0-9._-]"));
        continue;
      }
      rid = r.body[1];
      skip = 2;
    }
    std::string body = EncodeFrames(
        std::vector<std::string>(r.body.begin() + static_cast<std::ptrdiff_t>(skip), r.body.end()));
    if (body.size() > kMaxMessageBytes) {
      // It could never be decoded at dispatch: refuse it now rather than dead-letter it later.
      refuse(r, ResourceExhausted("request of " + std::to_string(body.size()) +
                                  " bytes once stored; the limit is " +
                                  std::to_string(kMaxMessageBytes)));
      continue;
    }
    if (!quotas_.AdmitOpaque(r.sender)) {  // admitted: one more in flight
      refuse(r, ResourceExhausted("too many requests in flight from this connection "
                                  "(broker.client_max_inflight = " +
                                  std::to_string(config_.broker.client_max_inflight) + ")"));
      continue;
    }
    store::NewTask t{r.service, "mdp", r.sender, "", now, std::move(body)};
    t.live = registry_.HasService(r.service) ||
             std::find(config_.broker.services.begin(), config_.broker.services.end(),
                       r.service) != config_.broker.services.end();
    if (!rid.empty()) {
      t.request_id = std::move(rid);
      t.fingerprint = Sha1Hex(t.body);
    }
    tasks.push_back(std::move(t));
    queued.push_back(&r);
  }
  if (tasks.empty()) return;
  auto results = store_.Enqueue(now, tasks, config_.broker.max_services,
                                config_.broker.reply_record_ttl_s);
  if (!results.ok()) {
    ReportRedis(results.status(), "requests refused");
    for (const auto* r : queued) {
      quotas_.OpaqueDone(r->sender);
      router_.Send(BrokerToClient(r->sender, r->service, {EncodeError(results.status())}));
    }
    return;
  }
  std::size_t accepted = 0;
  using K = store::EnqueueResult::Kind;
  for (std::size_t i = 0; i < queued.size(); ++i) {
    const store::EnqueueResult& x = (*results)[i];
    const ClientRequest& r = *queued[i];
    switch (x.kind) {
      case K::kQueued:
        ++accepted;
        services_.MarkPending(r.service);
        break;
      case K::kAttached:
        // Still queued or leased: its answer goes to this connection now; the one that sent it
        // before (gone, or the same one retrying) will not get it.
        // The sender keeps the one in-flight slot of the request: the earlier sender's (or, when
        // the same connection retried, its second) slot is given back.
        counters_.Increment("broker.requests_retried");
        quotas_.OpaqueDone(x.client);
        break;
      case K::kReplied: {
        counters_.Increment("broker.requests_replayed");
        quotas_.OpaqueDone(r.sender);
        auto frames = DecodeFrames(x.reply);
        if (!frames.ok()) {
          counters_.Increment("broker.corrupt_tasks");
          router_.Send(BrokerToClient(
              r.sender, r.service,
              {EncodeError(Internal("the recorded reply cannot be read: " +
                                    frames.status().ToString()))}));
        } else {
          router_.Send(BrokerToClient(r.sender, r.service, std::move(frames).value()));
        }
        break;
      }
      case K::kDead:
        counters_.Increment("broker.requests_replayed");
        quotas_.OpaqueDone(r.sender);
        router_.Send(BrokerToClient(r.sender, r.service, {EncodeError(DeadRequestError(x.reply))}));
        break;
      case K::kConflict:
        quotas_.OpaqueDone(r.sender);
        refuse(r, FailedPrecondition("request id '" + tasks[i].request_id + "' was used for " +
                                     "another request to '" + r.service + "'"));
        break;
      case K::kUnknown:
      case K::kFull:
        quotas_.OpaqueDone(r.sender);
        refuse(r, x.kind == K::kUnknown
                      ? NotFound("no worker serves '" + r.service +
                                 "': requests are queued only for services a worker has served")
                      : ResourceExhausted("too many services (broker.max_services = " +
                                          std::to_string(config_.broker.max_services) + ")"));
        break;
    }
  }
  counters_.Increment("broker.enqueued", accepted);
}

void BrokerLoop::FailHeld(const std::vector<HeldTask>& tasks, const std::string& reason,
                          Millis now) {
  if (tasks.empty()) return;
  std::vector<store::Failure> failures;
  for (const auto& t : tasks) failures.push_back({t.service, t.id, t.fence, reason, false});
  std::vector<store::DeadRequest> dead;
  auto r = store_.Fail(now, failures, &dead);
  if (!r.ok()) {
    ReportRedis(r.status(), "could not put back tasks of lost workers (leases will run out)");
    return;
  }
  AnswerDeadRequests(dead, router_, quotas_, counters_);
  counters_.Increment("broker.redelivered", tasks.size());
  Logger("broker")->info("{} task(s) put back: {}", tasks.size(), reason);
}

void BrokerLoop::Housekeeping(Millis now_p, Millis now_d) {
  if (now_p >= next_heartbeat_ms_) {
    for (const auto& id : registry_.Identities()) router_.Send(BrokerToWorkerHeartbeat(id));
    next_heartbeat_ms_ = now_p + config_.broker.heartbeat_interval_ms;
    std::vector<HeldTask> lost;
    for (auto& rec : registry_.Purge(now_p)) {
      Logger("broker")->warn("worker for '{}' lost (no heartbeat)", rec.service);
      counters_.Increment("broker.workers_lost");
      if (rec.task) lost.push_back(*rec.task);
    }
    FailHeld(lost, "worker lost (no heartbeat)", now_p);
  }
  // A page of a checkpoint's scan per turn, between the messages.
  if (checkpointer_ != nullptr) checkpointer_->Step(now_p);
  if (now_p >= next_quota_prune_ms_) {
    next_quota_prune_ms_ = now_p + kQuotaPruneIntervalMs;
    quotas_.Prune(now_p, kQuotaIdleMs);
  }
  if (now_p >= next_request_sweep_ms_) {
    next_request_sweep_ms_ = now_p + kRequestSweepIntervalMs;
    auto swept = store::RequestStore(store_).Sweep(now_d, kRequestSweepBatch);
    if (!swept.ok()) {
      ReportRedis(swept.status(), "request reminders");
    } else if (*swept > 0) {
      StoreWrote();
      counters_.Increment("broker.request_reminders", *swept);
    }
  }
  if (now_p >= next_reap_ms_) {
    next_reap_ms_ = now_p + kReapIntervalMs;
    auto r = store_.Reap(now_p, kTimerBatch);
    if (r.ok()) StoreWrote();
    if (!r.ok()) {
      ReportRedis(r.status(), "lease reaper");
    } else if (r->retried + r->dead > 0) {
      counters_.Increment("broker.leases_expired", r->retried + r->dead);
      Logger("broker")->info("leases expired: {} retried, {} dead-lettered", r->retried, r->dead);
      AnswerDeadRequests(r->dead_requests, router_, quotas_, counters_);
      services_.MarkAllPending();
    }
    auto retries = store_.Pump(now_p, kTimerBatch, "retries");
    if (retries.ok()) {
      for (const auto& svc : retries->services) services_.MarkPending(svc);
    }
  }
  bool timer_due = next_timer_due_ms_ >= 0 && now_d >= next_timer_due_ms_;
  if (timer_due || now_p >= next_timer_check_ms_) {
    next_timer_check_ms_ = now_p + kTimerCheckIntervalMs;
    if (now_p >= next_paused_check_ms_) {
      // Another broker (or a restart) may have changed what staff paused.
      next_paused_check_ms_ = now_p + kTimerCheckIntervalMs;
      if (auto paused = store_.Paused(); paused.ok()) {
        services_.SetPaused(std::set<std::string>(paused->begin(), paused->end()));
      }
    }
    auto p = store_.Pump(now_d, kTimerBatch, "timers");
    if (!p.ok()) {
      ReportRedis(p.status(), "timer pump");
    } else {
      next_timer_due_ms_ = p->next_due_ms;
      if (p->moved > 0) counters_.Increment("broker.timers_fired", p->moved);
      if (p->dropped > 0) {
        // A member of the timers set whose index field is missing or unreadable (edited by
        // hand): dropped, never fired as something else. `dubanctl check` lists the suggestion.
        counters_.Increment("broker.timers_unreadable", p->dropped);
        Logger("broker")->error("{} due timer(s) had no readable index field and were dropped",
                                p->dropped);
      }
      for (auto late : p->lateness_ms) {
        counters_.Observe("broker.timer_lateness_ms", late, kTimerLatenessBoundsMs);
      }
      for (const auto& svc : p->services) services_.MarkPending(svc);
      if (p->moved + p->dropped >= kTimerBatch) next_timer_due_ms_ = now_d;  // more are due: go again
    }
  }
}

}  // namespace duban::broker
