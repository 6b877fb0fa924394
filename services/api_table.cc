#include "services/api_table.h"

#include <cstdlib>

#include "common/log.h"

namespace duban::services {

void ApiTable::Add(std::string_view name, Raw raw) {
  if (protocol::svc::FindService(name) == nullptr || handlers_.count(std::string(name)) != 0) {
    // A handler for a service outside the table, or bound twice: the build is wrong, not the input.
    Logger("broker.api")->critical("service '{}' is not in the table or bound twice", name);
    std::abort();
  }
  handlers_.emplace(std::string(name), std::move(raw));
}

void ApiTable::Reserve(std::string_view name) { Add(name, nullptr); }

bool ApiTable::Reserved(std::string_view service) const {
  auto it = handlers_.find(std::string(service));
  return it != handlers_.end() && !it->second;
}

ApiTable::Begun ApiTable::Begin(const std::string& service, const std::string& body,
                                const protocol::Caller& caller, Millis now) const {
  auto it = handlers_.find(service);
  if (it == handlers_.end() || !it->second) {
    return Begun{Error(service, NotFound("unknown service '" + service + "'")), nullptr};
  }
  return it->second(body, caller, now);
}

std::string ApiTable::Handle(const std::string& service, const std::string& body, Millis now,
                             const protocol::Caller& caller) const {
  Begun begun = Begin(service, body, caller, now);
  if (!begun.steps) return begun.reply;
  while (true) {
    if (auto reply = begun.steps(now)) return *reply;
  }
}

std::string ApiTable::Error(std::string_view service, const Status& s) const {
  counters_.Increment("api.errors." + std::string(StatusCodeName(s.code())));
  if (s.code() == StatusCode::kInternal) {
    Logger("broker.api")->error("{}: {}", service, s.ToString());
  } else {
    Logger("broker.api")->info("{} refused: {}", service, s.ToString());
  }
  return protocol::EncodeError(s);
}

std::vector<std::string_view> ApiTable::Unbound() const {
  std::vector<std::string_view> out;
  for (const auto& s : protocol::svc::kServices) {
    if (handlers_.count(std::string(s.name)) == 0) out.push_back(s.name);
  }
  return out;
}

}  // namespace duban::services
