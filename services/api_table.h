// ApiTable: the handlers of the broker's own services, one per entry of the table of services
// (common/protocol/services.h). A handler takes its service's decoded request and returns the
// reply or a refusal; the table does the rest the same way for every service: the strict decode
// of the one body frame, the reply's encoding, and for a refusal an error reply with its code, a
// log line (INFO for a refusal, ERROR for INTERNAL) and the counter api.errors.<CODE>.
//
// Before its handler, every request is checked against the caller's scope (services/authorize.h:
// a unit acts only as itself, ...) and after it, a read of one record (duban.get) against the
// record; a refusal is PERMISSION_DENIED, counted as api.errors.PERMISSION_DENIED.
//
// A service that may scan without bound (Runs::kOffLoop in the table: a report over every
// suggestion) is bound with BindSteps: its handler returns the work as steps, each bounded (one
// page of Redis reads), and the broker's loop runs one step of each such request per turn
// between everything else (ApiHandlers::Step), answering when the last step gives the reply. So
// the loop never waits on a long scan: other clients and the workers are served in between.
//
// Thread rules: broker loop thread.
#pragma once

#include <functional>
#include <optional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/counters.h"
#include "common/protocol/codec.h"
#include "common/protocol/services.h"
#include "common/result.h"
#include "services/authorize.h"

namespace duban::services {

class ApiTable {
 public:
  template <typename S>
  using Handler = std::function<Result<typename S::Reply>(const typename S::Request&, Millis now)>;

  // The rest of a long request's work: one bounded step per call; nullopt while work remains,
  // then the reply (or a refusal).
  template <typename S>
  using Steps = std::function<std::optional<Result<typename S::Reply>>(Millis now)>;
  template <typename S>
  using Starter = std::function<Result<Steps<S>>(const typename S::Request&, Millis now)>;

  // The encoded steps of one long request: nullopt while work remains, then the reply body.
  using Step = std::function<std::optional<std::string>(Millis now)>;
  // What one request begins: the reply body at once, or (a long request) its steps.
  struct Begun {
    std::string reply;
    Step steps;  // set for a long request: run it until it answers
  };

  explicit ApiTable(Counters& counters) : counters_(counters) {}

  // Binds the handler of service S (one of svc::...). Binding a service twice is a programming
  // error: the second replaces nothing and aborts (caught by the tests of the broker's start).
  template <typename S>
  void Bind(Handler<S> handler) {
    static_assert(S::kRuns == protocol::svc::Runs::kLoop,
                  "a service that runs off the loop is bound with BindSteps");
    Add(S::kName, [this, h = std::move(handler)](const std::string& body,
                                                 const protocol::Caller& caller, Millis now) {
      auto req = protocol::Decode<typename S::Request>(body);
      if (!req.ok()) return Begun{Error(S::kName, req.status()), nullptr};
      const Scope scope{caller, S::kCallers, &leads_};
      if (Status s = Authorize(scope, *req); !s.ok()) return Begun{Error(S::kName, s), nullptr};
      Result<typename S::Reply> reply = h(*req, now);
      if (!reply.ok()) return Begun{Error(S::kName, reply.status()), nullptr};
      if (Status s = AuthorizeReply(scope, *req, *reply); !s.ok()) {
        return Begun{Error(S::kName, s), nullptr};
      }
      return Begun{protocol::EncodeReply(*reply), nullptr};
    });
  }

  // Binds a long service S: `start` checks the request and returns its steps (or refuses at
  // once); the table encodes what the last step answers, as Bind does.
  template <typename S>
  void BindSteps(Starter<S> start) {
    static_assert(S::kRuns == protocol::svc::Runs::kOffLoop,
                  "a service bound with BindSteps is marked kOffLoop in the table of services");
    Add(S::kName, [this, start = std::move(start)](const std::string& body,
                                                   const protocol::Caller& caller, Millis now) {
      auto req = protocol::Decode<typename S::Request>(body);
      if (!req.ok()) return Begun{Error(S::kName, req.status()), nullptr};
      if (Status s = Authorize(Scope{caller, S::kCallers, &leads_}, *req); !s.ok()) {
        return Begun{Error(S::kName, s), nullptr};
      }
      Result<Steps<S>> steps = start(*req, now);
      if (!steps.ok()) return Begun{Error(S::kName, steps.status()), nullptr};
      Step encoded = [this, next = std::move(*steps)](Millis at) -> std::optional<std::string> {
        std::optional<Result<typename S::Reply>> done = next(at);
        if (!done) return std::nullopt;
        if (!done->ok()) return Error(S::kName, done->status());
        return protocol::EncodeReply(**done);
      };
      return Begun{"", std::move(encoded)};
    });
  }
  // A service answered outside this table (duban.submit, whose requests of one loop turn go to
  // Redis together): served, but Handle does not answer it.
  void Reserve(std::string_view name);

  // True for a service bound or reserved here (for mmi.service).
  bool Serves(std::string_view service) const { return handlers_.count(std::string(service)) != 0; }
  bool Reserved(std::string_view service) const;

  // What one request of a bound service begins: its reply body, or the steps of a long one;
  // NOT_FOUND for another service.
  Begun Begin(const std::string& service, const std::string& body, const protocol::Caller& caller,
              Millis now) const;
  // The reply body to one request, its steps (if any) run to the end at once: for tests and
  // tools, never the loop.
  std::string Handle(const std::string& service, const std::string& body, Millis now,
                     const protocol::Caller& caller = protocol::Caller::Local()) const;
  // How a director's duban.get learns whether it leads the suggestion's agenda item.
  void SetDirectorLeads(std::function<bool(const std::string&, const std::string&)> leads) {
    leads_ = std::move(leads);
  }

  // An error reply for `service`, logged and counted.
  std::string Error(std::string_view service, const Status& s) const;

  // The services of the table that nothing bound or reserved: empty once the broker is complete.
  std::vector<std::string_view> Unbound() const;

 private:
  using Raw = std::function<Begun(const std::string& body, const protocol::Caller& caller, Millis now)>;
  void Add(std::string_view name, Raw raw);

  Counters& counters_;
  std::map<std::string, Raw> handlers_;  // an empty Raw marks a reserved service
  std::function<bool(const std::string&, const std::string&)> leads_;
};

}  // namespace duban::services
