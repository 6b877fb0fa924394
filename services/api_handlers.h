// ApiHandlers: the broker's own services, duban.* (docs/protocol.md lists them with their fields).
// Each decodes its request strictly, calls the store, and answers {"ok":true,...} or an error
// with a code. All submits of one loop turn go to Redis in one script call, and each is answered
// only after that call returned: "accepted" means Redis has it.
//
// Thread rules: broker loop thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <set>
#include <string>
#include <vector>

#include "services/closing_rules.h"
#include "services/request_rules.h"
#include "services/session_rules.h"
#include "services/agenda_api.h"
#include "services/api_table.h"
#include "services/calendar_api.h"
#include "broker/loaded_calendar.h"
#include "broker/own_services.h"
#include "services/unit_tasks.h"
#include "broker/worker_registry.h"
#include "common/working_calendar.h"
#include "common/counters.h"
#include "common/protocol/mdp.h"
#include "common/store/task_store.h"
#include "config/config.h"

namespace duban::services {

using broker::LoadedCalendar;
using broker::WorkerRegistry;

// Long requests (reports) under way at once; one more is refused RESOURCE_EXHAUSTED. Each costs
// the loop one page of Redis reads per turn.
inline constexpr std::size_t kMaxLongRequests = 4;

class ApiHandlers : public broker::OwnServices {
 public:
  // `calendar` is the broker's working calendar (BrokerLoop owns it); duban.calendar replaces it.
  ApiHandlers(store::TaskStore& store, const config::Config& config,
              const WorkerRegistry& registry, const Clock& protocol_clock, Counters& counters,
              LoadedCalendar& calendar);

  // Answers every duban.* request gathered in one loop turn; returns the reply messages.
  std::vector<protocol::Frames> Handle(const std::vector<protocol::ClientRequest>& requests,
                                       Millis now_domain) override;

  // One step of each long request under way (duban.report); the replies of those that finished.
  std::vector<protocol::Frames> Step(Millis now_domain) override;
  bool has_long_requests() const override { return !long_requests_.empty(); }

  // True for the duban.* services answered here (for mmi.service).
  bool Serves(const std::string& service) const override { return table_.Serves(service); }
  // The services of the table with no handler (empty: the broker's start checks it).
  std::vector<std::string_view> Unbound() const override { return table_.Unbound(); }

  // The calendar's re-plan marks (CalendarApi::RecordEdition), until recorded once.
  Status RecordCalendarEdition() override { return calendar_api_->RecordEdition(); }
  bool calendar_edition_recorded() const override { return calendar_api_->edition_recorded(); }

  // True when this turn queued work (a new submit or a replay), for the dispatcher.
  bool submitted_work() const override { return submitted_work_; }
  // What duban.queues says of the store: "ok" or "out_of_memory" (set by the loop).
  void SetStoreState(std::string state) override { store_state_ = std::move(state); }

 private:
  // A long request under way: who asked, and the rest of its work.
  struct LongRequest {
    std::string sender;
    std::string service;
    ApiTable::Step steps;
  };
  std::vector<LongRequest> long_requests_;

  std::vector<protocol::Frames> HandleSubmits(
      const std::vector<const protocol::ClientRequest*>& submits, Millis now);
  Result<protocol::AssignReply> Assign(const protocol::AssignRequest& req, Millis now);
  Result<protocol::GetReply> Get(const protocol::GetRequest& req, Millis now);
  Result<protocol::ListReply> List(const protocol::ListRequest& req, Millis now);
  Result<protocol::QueuesReply> Queues(const protocol::QueuesRequest& req, Millis now);
  Result<protocol::DlqReply> Dlq(const protocol::DlqRequest& req, Millis now);
  Result<protocol::StatsReply> Stats(const protocol::StatsRequest& req, Millis now);
  Result<protocol::InboxReply> Inbox(const protocol::InboxRequest& req, Millis now);
  Result<protocol::WorkersReply> Workers(const protocol::WorkersRequest& req, Millis now);
  Result<protocol::PauseReply> Pause(const protocol::PauseRequest& req, Millis now);
  Result<protocol::UnitActionReply> Decide(const protocol::DecideRequest& req, Millis now);
  Result<protocol::CommitteeReply> SetCommittee(const protocol::CommitteeRequest& req, Millis now);
  Result<protocol::SuperviseReply> Supervise(const protocol::SuperviseRequest& req, Millis now);
  Result<protocol::UnitActionReply> UnitAct(const std::string& action,
                                            const protocol::UnitActionRequest& req, Millis now);
  // Binds a unit action service (duban.sign, ...) to UnitAct with its action's name.
  template <typename S>
  void BindUnitAction(std::string action) {
    table_.Bind<S>([this, action = std::move(action)](const protocol::UnitActionRequest& req,
                                                       Millis now) {
      return UnitAct(action, req, now);
    });
  }
  // Applies a change decided on a snapshot of the suggestion, retrying once on a concurrent
  // change; `decide` returns the change for a snapshot.
  using Decider = std::function<Result<UnitChange>(const protocol::Suggestion&)>;
  struct Applied {
    UnitChange change;
    std::string state;  // the suggestion's state afterwards
    std::int64_t version = 0;
  };
  Result<Applied> ApplyChange(const std::string& code, const std::string& actor, Millis now,
                              const Decider& decide);
  // ApplyChange answered as a UnitActionReply for `unit`.
  Result<protocol::UnitActionReply> ApplyOnSnapshot(const std::string& code,
                                                    const std::string& unit,
                                                    const std::string& actor, Millis now,
                                                    const Decider& decide);
  // Closing the loop (closing_api.cc): duban.reply, duban.evaluate, duban.closeout,
  // duban.lookback, duban.status.
  void RegisterClosing();
  Result<protocol::HandlingReply> Reply(const protocol::ReplyRequest& req, Millis now);
  Result<protocol::HandlingReply> Evaluate(const protocol::EvaluateRequest& req, Millis now);
  Result<protocol::HandlingReply> Closeout(bool lookback, const protocol::CloseoutRequest& req,
                                           Millis now);
  Result<protocol::PublicStatus> PublicStatusOf(const protocol::PublicStatusRequest& req, Millis now);
  // 代表·局长面对面 sessions (session_api.cc): duban.session.
  Result<protocol::SessionReply> SessionCall(const protocol::SessionRequest& req, Millis now);
  SessionRules SessionRulesNow() const;
  // The review of a filed suggestion (review_api.cc): duban.review.
  Result<protocol::ReviewReply> ReviewCall(const protocol::ReviewRequest& req, Millis now);
  Result<protocol::ReviewReply> Resubmit(const protocol::ReviewRequest& req,
                                         const std::string& actor, Millis now);
  // The suggestion `code` as stored (no timeline). NotFound; Internal when it cannot be decoded.
  Result<protocol::Suggestion> Stored(const std::string& code);
  // Requests from the people (request_api.cc): duban.request.
  Result<protocol::RequestReply> RequestCall(const protocol::RequestRequest& req, Millis now);
  RequestRules RequestRulesNow() const;
  // ResourceExhausted when the public endpoint sent too many requests this minute (overall, or to
  // `to`); counts this one otherwise.
  Status AdmitPublicSubmit(const std::string& to);
  struct PublicSubmits {
    Millis window_start_ms = 0;
    int total = 0;
    std::map<std::string, int> per_code;
  };
  PublicSubmits public_submits_;
  // Records `session` on each suggestion it discusses that does not name it yet.
  Status RecordSession(const protocol::Session& session, const std::string& actor, Millis now);
  // Each discussed suggestion with the session's outcome, as its record holds it.
  Result<std::vector<protocol::SessionItem>> SessionItems(const protocol::Session& session);

  store::TaskStore& store_;
  const config::Config& config_;
  const WorkerRegistry& registry_;
  Counters& counters_;
  std::map<std::string, std::string> unit_names_;  // id -> name
  ApiTable table_;                                 // service -> handler
  bool submitted_work_ = false;
  std::string store_state_ = "ok";
  const Clock& protocol_clock_;
  LoadedCalendar& calendar_;
  UnitRules unit_rules_;
  ClosingRules closing_rules_;
  std::optional<std::set<std::string>> paused_update_;
  std::unique_ptr<AgendaApi> agenda_api_;  // duban.meeting, duban.agenda, duban.hot, duban.bundle
  std::unique_ptr<CalendarApi> calendar_api_;  // duban.calendar

 public:
  // The paused services after a duban.pause in this turn, once (for the service table).
  std::optional<std::set<std::string>> TakePausedUpdate() override {
    return std::exchange(paused_update_, {});
  }
};

// The broker's own services, for BrokerLoop (main.cc passes this).
std::unique_ptr<broker::OwnServices> MakeOwnServices(const broker::OwnServicesContext& c);

}  // namespace duban::services
