// WebhookRole (service "webhook"): delivers a notice to the HTTP endpoint its unit configured
// (config units.toml `webhook`), as a POST of JSON with an Idempotency-Key header. The notice is
// already in the unit's durable outbox; this is the push copy.
//
// Outcomes: 2xx -> "notice_delivered" (no state change, kAnyVersion). A refusal that will not change
// on retry (4xx other than 408/429, a URL that is not http://) -> InvalidArgument: the broker
// dead-letters the task at once with the reason. Anything else (connection refused, timeout, 5xx,
// 408, 429) -> Unavailable: the broker retries with backoff and dead-letters after
// broker.max_attempts. The key is the same on every attempt, so a receiver can drop repeats.
//
// Thread rules: one task at a time on the worker's thread.
#pragma once

#include <memory>

#include "workers/runtime/role.h"

namespace duban::workers::webhook {

struct Target {
  std::string host;
  int port = 80;
  std::string path;
};
// http://HOST[:PORT][/PATH]; InvalidArgument otherwise (https is not supported).
Result<Target> ParseHttpUrl(const std::string& url);

class WebhookRole final : public Role {
 public:
  explicit WebhookRole(std::int64_t timeout_ms) : timeout_ms_(timeout_ms) {}
  Result<protocol::Outcome> Handle(const protocol::TaskMessage& task) override;

 private:
  std::int64_t timeout_ms_;
};

}  // namespace duban::workers::webhook
