#include "services/api_handlers.h"

#include <algorithm>

#include "services/audit_api.h"
#include "broker/dispatcher.h"
#include "broker/reply_handler.h"
#include "services/report_api.h"
#include "services/timers_api.h"
#include "broker/service_table.h"
#include "broker/timer_plans.h"
#include "common/protocol/services.h"
#include "common/deadline_policy.h"
#include "common/log.h"
#include "common/protocol/codec.h"
#include "common/protocol/limits.h"
#include "common/store/completion.h"

namespace duban::services {

using namespace duban::protocol;
using namespace duban::broker;  // the core: calendar, outcome helpers, stored suggestions

std::unique_ptr<broker::OwnServices> MakeOwnServices(const broker::OwnServicesContext& c) {
  return std::make_unique<ApiHandlers>(c.store, c.config, c.registry, c.protocol_clock, c.counters,
                                       c.calendar);
}

ApiHandlers::ApiHandlers(store::TaskStore& store, const config::Config& config,
                         const WorkerRegistry& registry, const Clock& protocol_clock,
                         Counters& counters, LoadedCalendar& calendar)
    : store_(store),
      config_(config),
      registry_(registry),
      counters_(counters),
      table_(counters),
      protocol_clock_(protocol_clock),
      calendar_(calendar) {
  for (const auto& u : config.units) unit_names_[u.id] = u.name;
  auto bind = [this]<typename S>(S, Result<typename S::Reply> (ApiHandlers::*fn)(
                                        const typename S::Request&, Millis)) {
    table_.Bind<S>([this, fn](const typename S::Request& req, Millis now) {
      return (this->*fn)(req, now);
    });
  };
  table_.Reserve(svc::Submit::kName);  // batched per loop turn: HandleSubmits
  bind(svc::Assign{}, &ApiHandlers::Assign);
  bind(svc::Get{}, &ApiHandlers::Get);
  bind(svc::List{}, &ApiHandlers::List);
  bind(svc::Queues{}, &ApiHandlers::Queues);
  bind(svc::Dlq{}, &ApiHandlers::Dlq);
  bind(svc::Stats{}, &ApiHandlers::Stats);
  bind(svc::Inbox{}, &ApiHandlers::Inbox);
  bind(svc::Workers{}, &ApiHandlers::Workers);
  bind(svc::Pause{}, &ApiHandlers::Pause);
  bind(svc::Decide{}, &ApiHandlers::Decide);
  bind(svc::Committee{}, &ApiHandlers::SetCommittee);
  bind(svc::Supervise{}, &ApiHandlers::Supervise);
  bind(svc::Session{}, &ApiHandlers::SessionCall);
  bind(svc::Requests{}, &ApiHandlers::RequestCall);
  bind(svc::Review{}, &ApiHandlers::ReviewCall);
  BindUnitAction<svc::Sign>("sign");
  BindUnitAction<svc::Start>("start");
  BindUnitAction<svc::Return>("return");
  BindUnitAction<svc::Extend>("extend");
  BindUnitAction<svc::Contact>("contact");
  BindUnitAction<svc::Opinion>("opinion");
  BindUnitAction<svc::Progress>("progress");
  RegisterAuditApi(store, counters, table_);
  RegisterTimersApi(store, table_);
  agenda_api_ = std::make_unique<AgendaApi>(store, config, calendar);
  agenda_api_->Register(table_);
  table_.SetDirectorLeads([this](const std::string& name, const std::string& code) {
    return agenda_api_->Leads(name, code);
  });
  RegisterReportApi(store, config, counters, table_);
  calendar_api_ = std::make_unique<CalendarApi>(store, config, calendar, counters);
  calendar_api_->Register(table_);
  unit_rules_.utc_offset_minutes = config.jurisdiction.utc_offset_minutes;
  unit_rules_.extension_max_months = config.jurisdiction.extension_max_months;
  unit_rules_.return_window_working_days = config.jurisdiction.return_window_working_days;
  unit_rules_.staff_decision_days = config.jurisdiction.staff_decision_days;
  unit_rules_.notices = config::NoticeTextsOf(config);
  closing_rules_ = ClosingRules::FromConfig(config);
  RegisterClosing();
}

std::vector<Frames> ApiHandlers::Handle(const std::vector<ClientRequest>& requests,
                                        Millis now_domain) {
  submitted_work_ = false;
  std::vector<Frames> out;
  std::vector<const ClientRequest*> submits;
  for (const auto& r : requests) {
    if (table_.Reserved(r.service)) {  // duban.submit
      submits.push_back(&r);
      continue;
    }
    std::string body;
    if (!table_.Serves(r.service)) {
      body = table_.Error(r.service, NotFound("unknown service '" + r.service + "'"));
    } else if (r.body.size() != 1) {
      body = table_.Error(r.service, ProtocolError("duban.* requests carry exactly one body frame"));
    } else {
      ApiTable::Begun begun = table_.Begin(r.service, r.body[0], r.caller, now_domain);
      if (begun.steps && long_requests_.size() >= kMaxLongRequests) {
        body = table_.Error(r.service, ResourceExhausted(
                                           std::to_string(kMaxLongRequests) +
                                           " long requests (reports) are under way; retry later"));
      } else if (begun.steps) {
        long_requests_.push_back({r.sender, r.service, std::move(begun.steps)});
        continue;  // answered by Step when its last step is done
      } else {
        body = std::move(begun.reply);
      }
    }
    out.push_back(BrokerToClient(r.sender, r.service, {std::move(body)}));
  }
  if (!submits.empty()) {
    auto replies = HandleSubmits(submits, now_domain);
    for (auto& f : replies) out.push_back(std::move(f));
  }
  return out;
}

std::vector<Frames> ApiHandlers::Step(Millis now_domain) {
  std::vector<Frames> out;
  for (auto it = long_requests_.begin(); it != long_requests_.end();) {
    std::optional<std::string> reply = it->steps(now_domain);
    if (!reply) {
      ++it;
      continue;
    }
    out.push_back(BrokerToClient(it->sender, it->service, {std::move(*reply)}));
    it = long_requests_.erase(it);
  }
  return out;
}

namespace {
// " for CODE" to staff (and the local operator): a deputy's key does not learn the code of a
// suggestion another filed under the same request id.
std::string UsedFor(const protocol::Caller& c, const std::string& code) {
  return c.kind == protocol::Caller::Kind::kKey && !c.Has(svc::kStaff) ? "" : " for " + code;
}
}  // namespace

std::vector<Frames> ApiHandlers::HandleSubmits(const std::vector<const ClientRequest*>& submits,
                                               Millis now) {
  std::vector<Frames> out;
  std::vector<store::SubmitItem> items;
  std::vector<const ClientRequest*> accepted;
  for (const auto* r : submits) {
    Result<SubmitRequest> req = r->body.size() == 1
                                    ? Decode<SubmitRequest>(r->body[0])
                                    : Result<SubmitRequest>(ProtocolError("one body frame expected"));
    Status s = req.ok() ? ValidateDraft(req->draft) : req.status();
    if (s.ok() && !req->draft.requests.empty()) {
      s = InvalidArgument("draft.requests is set by duban.request convert only: a suggestion is "
                          "linked to requests from the people by turning them into it");
    }
    if (s.ok()) s = Authorize(Scope{r->caller, svc::Submit::kCallers, {}}, *req);
    if (!s.ok()) {
      out.push_back(BrokerToClient(r->sender, r->service, {table_.Error(r->service, s)}));
      continue;
    }
    items.push_back({req->request_id, req->draft.session, EncodeBare(req->draft),
                     SubmitActor(r->caller, *req), req->draft.deputy.id});
    accepted.push_back(r);
  }
  if (items.empty()) return out;
  auto results = store_.Submit(now, config_.broker.request_id_ttl_s, items);
  for (std::size_t i = 0; i < accepted.size(); ++i) {
    std::string body;
    if (!results.ok()) {
      body = table_.Error(svc::Submit::kName, results.status());
    } else {
      const auto& r = (*results)[i];
      if (r.conflict) {
        counters_.Increment("api.submit_conflicts");
        body = table_.Error(svc::Submit::kName,
                     FailedPrecondition("request id '" + items[i].request_id +
                                        "' was already used" + UsedFor(accepted[i]->caller, r.code) +
                                        " with other content: a retry sends the same suggestion, "
                                        "a new suggestion needs a new request id"));
        out.push_back(BrokerToClient(accepted[i]->sender, accepted[i]->service, {std::move(body)}));
        continue;
      }
      counters_.Increment(r.duplicate ? "api.submit_duplicates" : "api.submitted");
      if (!r.duplicate) submitted_work_ = true;
      body = EncodeReply(SubmitReply{items[i].request_id, r.code, r.state, r.duplicate});
    }
    out.push_back(BrokerToClient(accepted[i]->sender, accepted[i]->service, {std::move(body)}));
  }
  return out;
}

Result<svc::Assign::Reply> ApiHandlers::Assign(const AssignRequest& req, Millis now) {
  std::vector<UnitAssignment> units;
  std::vector<std::string> all{req.lead_unit};
  all.insert(all.end(), req.co_units.begin(), req.co_units.end());
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (unit_names_.count(all[i]) == 0) {
      return InvalidArgument("unknown unit '" + all[i] + "'");
    }
    if (std::count(all.begin(), all.end(), all[i]) > 1) {
      return InvalidArgument("unit '" + all[i] + "' named twice");
    }
    units.push_back({all[i], i == 0 ? UnitRole::kLead : UnitRole::kCo, "ISSUED"});
  }
  if (req.actor.empty()) return InvalidArgument("actor is empty");
  Deadline d = ReplyDeadline(now, config_.jurisdiction.reply_months,
                             config_.jurisdiction.utc_offset_minutes);
  std::string unit_list;
  for (const auto& u : all) unit_list += (unit_list.empty() ? "" : ",") + u;
  std::string note = req.note.empty() ? "assigned by staff to " + unit_names_[req.lead_unit]
                                       : req.note;
  // The supervising committee (分工督办): the one named, else the one it has, else its field's.
  std::string committee = req.committee;
  if (!committee.empty()) {
    if (config::FindCommittee(config_.committees, committee) == nullptr) {
      return InvalidArgument("unknown committee '" + committee + "'");
    }
  } else if (!config_.committees.empty()) {
    auto stored = store_.Get(req.code, /*with_audit=*/false, 0, 0);
    if (!stored.ok()) return stored.status();
    if (stored->committee.empty()) {
      auto s = store::DecodeSuggestion(req.code, *stored);
      if (!s.ok()) return Internal("stored suggestion is corrupt: " + s.status().message());
      if (auto c = config::CommitteeFor(config_.committees, s->draft); c.committee) {
        committee = c.committee->id;
        if (req.note.empty()) note += "; 分工督办 " + c.committee->name + " (" + c.why + ")";
      }
    }
  }
  auto r = store_.Assign(now, req.code, EncodeUnits(units), EncodeBare(d), req.lead_unit,
                         unit_list, "staff:" + req.actor, note, committee);
  if (!r.ok()) return r.status();
  counters_.Increment("api.assigned");
  return AssignReply{req.code, r->first, r->second};
}

Result<svc::Get::Reply> ApiHandlers::Get(const GetRequest& req, Millis) {
  auto stored = store_.Get(req.code, /*with_audit=*/true, req.before, req.limit);
  if (!stored.ok()) return stored.status();
  GetReply reply;
  reply.timeline_total = stored->audit_total;
  reply.timeline_cursor = stored->audit_start;
  auto s = store::DecodeSuggestion(req.code, *stored);
  if (!s.ok()) return Internal("stored suggestion is corrupt: " + s.status().message());
  reply.suggestion = std::move(s).value();
  for (const auto& a : stored->audit) {
    auto e = DecodeBare<AuditEntry>(a);
    if (!e.ok()) return Internal("audit entry is corrupt: " + e.status().message());
    reply.timeline.push_back(std::move(e).value());
  }
  return reply;
}

Result<svc::List::Reply> ApiHandlers::List(const ListRequest& req, Millis) {
  auto rows = store_.List(req.state, req.unit, req.limit, req.committee, req.deputy);
  if (!rows.ok()) return rows.status();
  ListReply reply;
  reply.total = rows->total;
  for (const auto& row : rows->rows) {
    SuggestionSummary s{row.code, "", row.state, row.lead, ""};
    if (auto d = DecodeBare<SuggestionDraft>(row.doc); d.ok()) s.title = d->title;
    if (!row.deadline.empty()) {
      if (auto d = DecodeBare<Deadline>(row.deadline); d.ok()) s.deadline = d->date;
    }
    reply.items.push_back(std::move(s));
  }
  return reply;
}

Result<svc::Queues::Reply> ApiHandlers::Queues(const QueuesRequest&, Millis) {
  auto depths = store_.Queues();
  if (!depths.ok()) return depths.status();
  QueuesReply reply;
  reply.timers = depths->timers;
  reply.next_timer_due_ms = depths->next_timer_due_ms;
  reply.store = store_state_;
  std::set<std::string> seen;
  for (const auto& d : depths->services) {
    reply.services.push_back({d.service, d.queued, d.inflight, d.dead,
                              static_cast<std::int64_t>(registry_.LiveCount(d.service)),
                              static_cast<std::int64_t>(registry_.IdleCount(d.service)),
                              d.paused});
    seen.insert(d.service);
  }
  for (const auto& [svc, idle] : registry_.IdleByService()) {
    if (seen.count(svc) == 0) {
      reply.services.push_back({svc, 0, 0, 0, static_cast<std::int64_t>(registry_.LiveCount(svc)), idle});
    }
  }
  std::sort(reply.services.begin(), reply.services.end(),
            [](const ServiceStats& a, const ServiceStats& b) { return a.name < b.name; });
  return reply;
}

Result<svc::Dlq::Reply> ApiHandlers::Dlq(const DlqRequest& req, Millis now) {
  DlqReply reply;
  if (req.action == "replay") {
    if (req.service.empty()) return InvalidArgument("replay needs service");
    Status s = store_.Replay(now, req.service, req.task_id);
    if (!s.ok()) return s;
    reply.replayed = 1;
    counters_.Increment("api.replayed");
    submitted_work_ = true;
    return reply;
  }
  auto rows = store_.DeadLetters(req.service, req.limit);
  if (!rows.ok()) return rows.status();
  for (const auto& r : *rows) {
    reply.entries.push_back({r.id, r.service, r.reason, r.attempts, r.at_ms});
  }
  return reply;
}

Result<svc::Stats::Reply> ApiHandlers::Stats(const StatsRequest&, Millis) {
  StatsReply reply;
  for (const auto& [k, v] : counters_.Snapshot()) {
    reply.counters.emplace_back(k, static_cast<std::int64_t>(v));
  }
  return reply;
}

Result<svc::Inbox::Reply> ApiHandlers::Inbox(const InboxRequest& req, Millis now) {
  InboxReply reply;
  if (req.action == "read") {
    const std::string actor = req.recipient + "/" + (req.actor.empty() ? "?" : req.actor);
    DUBAN_ASSIGN_OR_RETURN(reply.marked, store_.InboxRead(req.recipient, now, actor, req.ids));
    counters_.Increment("api.notices_read", reply.marked);
  }
  DUBAN_ASSIGN_OR_RETURN(store::InboxPage page,
                         store_.Inbox(req.recipient, req.limit, req.kind, req.code, req.unread));
  reply.total = page.total;
  reply.unread = page.unread;
  for (const auto& [bytes, id] : page.entries) {
    auto entry = DecodeBare<OutboxEntry>(bytes);
    if (!entry.ok()) return Internal("outbox entry is corrupt: " + entry.status().message());
    if (entry->id.empty()) entry->id = id;
    reply.notices.push_back(std::move(entry).value());
  }
  return reply;
}

Result<svc::Workers::Reply> ApiHandlers::Workers(const WorkersRequest&, Millis) {
  static constexpr char kHex[] = "0123456789abcdef";
  Millis now = protocol_clock_.NowMs();
  WorkersReply reply;
  for (const auto& w : registry_.Snapshot()) {
    WorkerInfo info;
    for (unsigned char ch : w.identity) {
      info.id += kHex[ch >> 4];
      info.id += kHex[ch & 15];
    }
    info.service = w.service;
    info.busy = w.task.has_value();
    if (w.task) info.task = w.task->id;
    info.last_seen_age_ms = now - w.last_seen_ms;
    info.key = w.key.substr(0, w.key.find('/'));  // the User-Id is "name/Z85 key"
    reply.workers.push_back(std::move(info));
  }
  return reply;
}

Result<svc::Pause::Reply> ApiHandlers::Pause(const PauseRequest& req, Millis) {
  if (!IsValidServiceName(req.service) || req.service.rfind(svc::kOwnPrefix, 0) == 0) {
    return InvalidArgument("service '" + req.service + "' cannot be paused");
  }
  const auto& named = config_.broker.services;
  bool exists = registry_.HasService(req.service) ||
                std::find(named.begin(), named.end(), req.service) != named.end();
  auto paused = store_.SetPaused(req.service, req.paused, exists, config_.broker.max_services);
  if (!paused.ok()) return paused.status();
  paused_update_ = std::set<std::string>(paused->begin(), paused->end());
  counters_.Increment(req.paused ? "api.paused" : "api.resumed");
  Logger("broker.api")->info("service '{}' {} by {}", req.service,
                             req.paused ? "paused" : "resumed", req.actor);
  if (!req.paused) submitted_work_ = true;
  return PauseReply{req.service, req.paused};
}

Result<ApiHandlers::Applied> ApiHandlers::ApplyChange(const std::string& code,
                                                      const std::string& actor, Millis now,
                                                      const Decider& decide) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    DUBAN_ASSIGN_OR_RETURN(store::StoredSuggestion stored, store_.Get(code, /*with_audit=*/false));
    auto s = store::DecodeSuggestion(code, stored);
    if (!s.ok()) return Internal("stored suggestion is corrupt: " + s.status().message());
    DUBAN_ASSIGN_OR_RETURN(UnitChange change, decide(*s));
    // Bounded before anything is written: a stored value must never outgrow what can be read.
    DUBAN_RETURN_IF_ERROR(CheckChangeBounds(s->units, change.units, s->record,
                                            change.record ? &*change.record : nullptr));
    // The change as an outcome, applied the way a role worker's is (store::CompletionFor).
    Outcome o;
    o.expect_version = s->version;
    o.to_state = change.to_state;
    o.units = change.units;
    o.deadline = change.deadline;
    o.action = change.action;
    o.note = change.note;
    o.timers = change.timers;
    DUBAN_RETURN_IF_ERROR(ApplyTimerPlans(&o.timers, calendar_.calendar(),
                                          config_.jurisdiction.utc_offset_minutes)
                              .status());
    o.cancel_timers = change.cancel_timers;
    o.notices = change.notices;
    o.committee = change.committee;
    AddWebhooks(config_, &o.notices);
    store::Completion c = store::CompletionFor(o, actor);
    c.code = code;
    if (change.record) c.record = EncodeBare(*change.record);
    DUBAN_ASSIGN_OR_RETURN(store::CompletionResult r, store_.Update(now, c));
    if (r == store::CompletionResult::kSuperseded) continue;  // changed meanwhile: decide again
    if (r != store::CompletionResult::kApplied) {
      return FailedPrecondition("the change is not allowed in state " +
                                std::string(StateName(s->state)));
    }
    counters_.Increment("api." + change.action);
    Applied applied;
    applied.state = change.to_state.empty() ? std::string(StateName(s->state)) : change.to_state;
    applied.version = s->version + 1;
    applied.change = std::move(change);
    return applied;
  }
  return Unavailable("the suggestion kept changing; retry");
}

Result<UnitActionReply> ApiHandlers::ApplyOnSnapshot(const std::string& code,
                                                     const std::string& unit,
                                                     const std::string& actor, Millis now,
                                                     const Decider& decide) {
  DUBAN_ASSIGN_OR_RETURN(Applied applied, ApplyChange(code, actor, now, decide));
  return UnitActionReply{code, unit, applied.change.unit_state, applied.state, applied.version};
}

Result<UnitActionReply> ApiHandlers::UnitAct(const std::string& action,
                                             const UnitActionRequest& req, Millis now) {
  UnitAction a{action, req.unit, req.actor, req.reason, req.phase, req.until};
  return ApplyOnSnapshot(req.code, req.unit, "unit:" + req.unit + "/" + req.actor, now,
                         [&](const Suggestion& s) {
                           return ApplyUnitAction(s, a, now, unit_rules_, calendar_.calendar());
                         });
}

Result<svc::Decide::Reply> ApiHandlers::Decide(const DecideRequest& req, Millis now) {
  UnitDecision d{req.request, req.unit, req.approve, req.new_unit, req.actor, req.note};
  std::set<std::string> known;
  for (const auto& [id, name] : unit_names_) known.insert(id);
  return ApplyOnSnapshot(req.code, req.unit, "staff:" + req.actor, now,
                         [&](const Suggestion& s) {
                           return ApplyUnitDecision(s, d, now, unit_rules_, known);
                         });
}

Result<svc::Committee::Reply> ApiHandlers::SetCommittee(const CommitteeRequest& req, Millis now) {
  if (req.actor.empty()) return InvalidArgument("actor is empty");
  const config::Committee* to = config::FindCommittee(config_.committees, req.committee);
  if (to == nullptr) return InvalidArgument("unknown committee '" + req.committee + "'");
  DUBAN_ASSIGN_OR_RETURN(
      Applied applied,
      ApplyChange(req.code, "staff:" + req.actor, now,
                  [&](const Suggestion& s) -> Result<UnitChange> {
                    if (s.committee == req.committee) {
                      return FailedPrecondition("suggestion " + s.code + " is already supervised "
                                                "by " + to->name);
                    }
                    const config::Committee* from =
                        config::FindCommittee(config_.committees, s.committee);
                    UnitChange c;
                    c.action = "committee_changed";
                    c.committee = req.committee;
                    c.note = "分工督办 " + to->name + (from ? "（原 " + from->name + "）" : "") +
                             (req.note.empty() ? "" : ": " + req.note);
                    return c;
                  }));
  return CommitteeReply{req.code, req.committee, applied.state, applied.version};
}

Result<svc::Supervise::Reply> ApiHandlers::Supervise(const SuperviseRequest& req, Millis now) {
  const std::string actor = req.committee.empty() ? "staff:" + req.actor
                                                  : "committee:" + req.committee + "/" + req.actor;
  DUBAN_ASSIGN_OR_RETURN(
      Applied applied,
      ApplyChange(req.code, actor, now, [&](const Suggestion& s) -> Result<UnitChange> {
        if (!req.committee.empty() && s.committee != req.committee) {
          return PermissionDenied("suggestion " + s.code + " is not supervised by committee '" +
                                  req.committee + "'");
        }
        UnitChange c;
        c.action = req.kind == "visit" ? "supervision_visit" : "supervision_note";
        c.note = req.kind == "visit"
                     ? "走访 " +
                           (req.date.empty()
                                ? FormatDate(LocalDateOf(now, config_.jurisdiction.utc_offset_minutes))
                                : req.date) +
                           ": " + req.text
                     : req.text;
        return c;
      }));
  return SuperviseReply{req.code, applied.version};
}

}  // namespace duban::services

