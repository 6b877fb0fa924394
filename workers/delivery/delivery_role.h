// DeliveryRole (service "delivery"): sends a notice to its recipient by e-mail (task kind "mail",
// SMTP through libcurl) or SMS (kind "sms", a POST of JSON to the configured gateway). The notice
// is already in the recipient's durable outbox; the broker queued this task in the same script
// (lib/timers.lua send_notice) for each channel of the recipient's contact ([[delivery.contact]],
// config/delivery.h).
//
// Where it sends comes only from this worker's own config: the contact of the task's recipient,
// never an address in the task (a task for a recipient without that channel is refused:
// InvalidArgument, dead-lettered at once, and nothing is sent).
//
// Outcomes: sent -> "notice_delivered" on the suggestion's timeline (kAnyVersion, no change),
// naming the channel and the attempt. A refusal that will not change on retry (SMTP 5xx, HTTP 4xx
// other than 408/429) -> InvalidArgument: dead-lettered at once. Anything else (no connection, a
// timeout, SMTP 4xx, HTTP 5xx/408/429) -> Unavailable: the broker retries with backoff and
// dead-letters after broker.max_attempts. A dead delivery writes "notice_failed" on the
// timeline (the fail script). Each message carries the notice's id (Message-ID, and the gateway's
// Idempotency-Key), so a receiver can drop the repeat a retry after a lost answer would send.
//
// Thread rules: one task at a time on the worker's thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "config/delivery.h"
#include "workers/runtime/role.h"

namespace duban::workers::delivery {

// The JSON body posted to the SMS gateway; never throws (invalid UTF-8 becomes U+FFFD).
std::string SmsJson(const std::string& id, const std::string& to, const std::string& text,
                    const std::string& code);

class DeliveryRole final : public Role {
 public:
  DeliveryRole(config::DeliveryConfig config, const Clock& clock)
      : config_(std::move(config)), clock_(clock) {}
  static Result<std::unique_ptr<Role>> Create(const config::Config& config, const Clock& clock);
  Result<protocol::Outcome> Handle(const protocol::TaskMessage& task) override;

 private:
  struct Notice {
    std::string id, recipient, kind, text, code;
    std::int64_t at_ms = 0;
  };
  Status SendMail(const Notice& n, const std::string& to) const;
  Status SendSms(const Notice& n, const std::string& to) const;

  config::DeliveryConfig config_;
  const Clock& clock_;
};

}  // namespace duban::workers::delivery
