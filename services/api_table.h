// ApiTable: the handlers of the broker's own services, one per entry of the table of services
// (common/protocol/services.h). A handler takes its service's decoded request and returns the
// reply or a refusal; the table does the rest the same way for every service: the strict decode
// of the one body frame, the reply's encoding, and for a refusal an error reply with its code, a
// log line (INFO for a refusal, ERROR for INTERNAL) and the counter api.errors.<CODE>.
//
// Thread rules: broker loop thread.
#pragma once

#include <functional>
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

namespace duban::services {

class ApiTable {
 public:
  template <typename S>
  using Handler = std::function<Result<typename S::Reply>(const typename S::Request&, Millis now)>;

  explicit ApiTable(Counters& counters) : counters_(counters) {}

  // Binds the handler of service S (one of svc::...). Binding a service twice is a programming
  // error: the second replaces nothing and aborts (caught by the tests of the broker's start).
  template <typename S>
  void Bind(Handler<S> handler) {
    Add(S::kName, [this, h = std::move(handler)](const std::string& body, Millis now) {
      auto req = protocol::Decode<typename S::Request>(body);
      if (!req.ok()) return Error(S::kName, req.status());
      Result<typename S::Reply> reply = h(*req, now);
      if (!reply.ok()) return Error(S::kName, reply.status());
      return protocol::EncodeReply(*reply);
    });
  }
  // A service answered outside this table (duban.submit, whose requests of one loop turn go to
  // Redis together): served, but Handle does not answer it.
  void Reserve(std::string_view name);

  // True for a service bound or reserved here (for mmi.service).
  bool Serves(std::string_view service) const { return handlers_.count(std::string(service)) != 0; }
  bool Reserved(std::string_view service) const;

  // The reply body to one request of a bound service; NOT_FOUND for another.
  std::string Handle(const std::string& service, const std::string& body, Millis now) const;

  // An error reply for `service`, logged and counted.
  std::string Error(std::string_view service, const Status& s) const;

  // The services of the table that nothing bound or reserved: empty once the broker is complete.
  std::vector<std::string_view> Unbound() const;

 private:
  using Raw = std::function<std::string(const std::string& body, Millis now)>;
  void Add(std::string_view name, Raw raw);

  Counters& counters_;
  std::map<std::string, Raw> handlers_;  // an empty Raw marks a reserved service
};

}  // namespace duban::services
