// WebhookRole (service "webhook"): delivers a notice to the HTTP endpoint its unit configured
// (config units.toml `webhook`), as a POST of JSON with an Idempotency-Key header. The notice is
// already in the unit's durable outbox; this is the push copy.
//
// Outcomes: 2xx -> "notice_delivered" (no state change, kAnyVersion). A refusal that will not
// change on retry (4xx other than 408/429, a URL that is not http://) -> InvalidArgument: the
// broker dead-letters the task at once with the reason. Anything else (connection refused, timeout,
// 5xx, 408, 429) -> Unavailable: the broker retries with backoff and dead-letters after
// broker.max_attempts. The key is the same on every attempt, so a receiver can drop repeats.
//
// Where it POSTs comes only from this worker's own configuration: the unit named by the task's
// recipient (`unit:<id>`) and its `webhook` in units.toml, never from the task body (bug: the URL
// was read from the body, so whatever put a notice there chose the target). A task whose recipient
// is not a configured unit with a webhook, or whose body names another URL, is refused
// (InvalidArgument: dead-lettered at once, logged) and nothing is sent. The JSON body is encoded
// with invalid UTF-8 replaced (U+FFFD), so no bytes in a notice can make the encoder throw (bug:
// a title with \xff threw from the JSON encoder and killed the worker on every retry).
//
// Thread rules: one task at a time on the worker's thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "workers/runtime/role.h"

namespace duban::workers::webhook {

struct Target {
  std::string host;
  int port = 80;
  std::string path;
};
// http://HOST[:PORT][/PATH]; InvalidArgument otherwise (https is not supported).
Result<Target> ParseHttpUrl(const std::string& url);

// The JSON body of a delivery; never throws, whatever the bytes (invalid UTF-8 becomes U+FFFD).
std::string DeliveryJson(const std::string& key, const std::string& code,
                         const std::string& recipient, const std::string& kind,
                         const std::string& text, std::int64_t at_ms);

class WebhookRole final : public Role {
 public:
  // webhooks: unit id -> its configured webhook URL (units without one are left out).
  WebhookRole(std::int64_t timeout_ms, std::map<std::string, std::string> webhooks)
      : timeout_ms_(timeout_ms), webhooks_(std::move(webhooks)) {}
  static Result<std::unique_ptr<Role>> Create(const config::Config& config, const Clock& clock);
  Result<protocol::Outcome> Handle(const protocol::TaskMessage& task) override;

 private:
  // The configured URL for `recipient`; InvalidArgument when it is no unit with a webhook.
  Result<std::string> ConfiguredUrl(const std::string& recipient) const;

  std::int64_t timeout_ms_;
  std::map<std::string, std::string> webhooks_;
};

}  // namespace duban::workers::webhook
