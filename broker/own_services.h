// OwnServices: what the broker's loop needs of its own duban.* services, which live in services/
// (services/api_handlers.h implements it) and are wired in by main.cc. The loop hands them the
// client requests of one turn for a duban.* service and sends back what they answer; it never
// reads a suggestion itself.
//
// Thread rules: broker loop thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "broker/loaded_calendar.h"
#include "broker/worker_registry.h"
#include "common/clock.h"
#include "common/counters.h"
#include "common/protocol/mdp.h"
#include "common/status.h"
#include "common/store/task_store.h"
#include "config/config.h"

namespace duban::broker {

class OwnServices {
 public:
  virtual ~OwnServices() = default;

  // Answers every duban.* request gathered in one loop turn; returns the reply messages. A long
  // request (a service that runs off the loop) is not answered here but by Step.
  virtual std::vector<protocol::Frames> Handle(const std::vector<protocol::ClientRequest>& requests,
                                               Millis now_domain) = 0;
  // One bounded step of every long request under way (one page of a report each); the replies of
  // those that finished. Called once per loop turn.
  virtual std::vector<protocol::Frames> Step(Millis now_domain) = 0;
  // True while a long request is under way: the loop does not sleep in its poll then.
  virtual bool has_long_requests() const = 0;
  // True for a duban.* service answered here (for mmi.service).
  virtual bool Serves(const std::string& service) const = 0;
  // The services of the table of services (common/protocol/services.h) with no handler: the
  // broker does not start unless it is empty.
  virtual std::vector<std::string_view> Unbound() const = 0;

  // The calendar's re-plan marks, until recorded once (Unavailable while Redis is not ready).
  virtual Status RecordCalendarEdition() = 0;
  virtual bool calendar_edition_recorded() const = 0;

  // True when the last turn queued work (a new submit or a replay), for the dispatcher.
  virtual bool submitted_work() const = 0;
  // What duban.queues says of the store: "ok" or "out_of_memory" (set by the loop).
  virtual void SetStoreState(std::string state) = 0;
  // The paused services after a duban.pause in the last turn, once (for the service table).
  virtual std::optional<std::set<std::string>> TakePausedUpdate() = 0;
};

// What the services are made with: the loop's store, config, registry, clocks, counters and the
// working calendar it owns (duban.calendar may replace it).
struct OwnServicesContext {
  store::TaskStore& store;
  const config::Config& config;
  const WorkerRegistry& registry;
  const Clock& protocol_clock;
  Counters& counters;
  LoadedCalendar& calendar;
};
using OwnServicesFactory = std::function<std::unique_ptr<OwnServices>(const OwnServicesContext&)>;

}  // namespace duban::broker
