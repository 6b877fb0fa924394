#include "workers/webhook/webhook_role.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "common/log.h"
#include "common/protocol/wire.h"

namespace duban::workers::webhook {

Result<Target> ParseHttpUrl(const std::string& url) {
  if (url.rfind("http://", 0) != 0) return InvalidArgument("webhook '" + url + "' is not http://");
  std::string rest = url.substr(7);
  auto slash = rest.find('/');
  std::string hostport = rest.substr(0, slash);
  Target t;
  t.path = slash == std::string::npos ? "/" : rest.substr(slash);
  auto colon = hostport.rfind(':');
  t.host = hostport.substr(0, colon);
  if (colon != std::string::npos) {
    const std::string port = hostport.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) {
      return InvalidArgument("webhook '" + url + "' has a bad port");
    }
    t.port = std::stoi(port);
  }
  if (t.host.empty() || t.port <= 0 || t.port > 65535) {
    return InvalidArgument("webhook '" + url + "' has no host");
  }
  return t;
}

std::string DeliveryJson(const std::string& key, const std::string& code,
                         const std::string& recipient, const std::string& kind,
                         const std::string& text, std::int64_t at_ms) {
  nlohmann::json body = {{"idempotency_key", key}, {"code", code}, {"recipient", recipient},
                         {"kind", kind},           {"text", text}, {"at_ms", at_ms}};
  return body.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

Result<std::unique_ptr<Role>> WebhookRole::Create(const config::Config& config, const Clock&) {
  std::map<std::string, std::string> webhooks;
  for (const auto& u : config.units) {
    if (!u.webhook.empty()) webhooks[u.id] = u.webhook;
  }
  return std::unique_ptr<Role>(new WebhookRole(5000, std::move(webhooks)));
}

Result<std::string> WebhookRole::ConfiguredUrl(const std::string& recipient) const {
  if (recipient.rfind("unit:", 0) != 0) {
    return InvalidArgument("webhook: recipient '" + recipient +
                           "' is not a unit; only units have webhooks");
  }
  auto it = webhooks_.find(recipient.substr(5));
  if (it == webhooks_.end()) {
    return InvalidArgument("webhook: " + recipient + " has no webhook in this worker's config");
  }
  return it->second;
}

Result<protocol::Outcome> WebhookRole::Handle(const protocol::TaskMessage& task) {
  if (task.kind != "deliver") return InvalidArgument("webhook: unknown task kind '" + task.kind + "'");
  DUBAN_ASSIGN_OR_RETURN(protocol::MapReader r, protocol::MapReader::Parse(task.payload));
  std::string named_url, key, recipient, kind, text, code;
  std::int64_t at_ms = 0;
  DUBAN_RETURN_IF_ERROR(r.Str("url", &named_url, false));
  DUBAN_RETURN_IF_ERROR(r.Str("key", &key));
  DUBAN_RETURN_IF_ERROR(r.Str("recipient", &recipient));
  DUBAN_RETURN_IF_ERROR(r.Str("kind", &kind));
  DUBAN_RETURN_IF_ERROR(r.Str("text", &text));
  DUBAN_RETURN_IF_ERROR(r.Str("code", &code, false));
  DUBAN_RETURN_IF_ERROR(r.Int("at_ms", &at_ms, false));
  DUBAN_RETURN_IF_ERROR(r.Finish());
  // The target is the unit's configured webhook; the body's `url` is only checked against it.
  auto configured = ConfiguredUrl(recipient);
  if (configured.ok() && !named_url.empty() && named_url != *configured) {
    configured = InvalidArgument(
        "webhook: the task names a URL that is not the configured "
        "webhook of " +
        recipient + "; not delivered");
  }
  if (!configured.ok()) {
    Logger("worker.webhook")
        ->warn("task {} refused: {}", task.task_id, configured.status().ToString());
    return configured.status();
  }
  const std::string url = *configured;
  DUBAN_ASSIGN_OR_RETURN(Target t, ParseHttpUrl(url));

  httplib::Client client(t.host, t.port);
  const auto timeout = std::chrono::milliseconds(timeout_ms_);
  client.set_connection_timeout(timeout);
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  httplib::Headers headers = {{"Idempotency-Key", key}};
  auto res = client.Post(t.path, headers, DeliveryJson(key, code, recipient, kind, text, at_ms),
                         "application/json; charset=utf-8");
  if (!res) {
    return Unavailable("webhook " + url + ": " + httplib::to_string(res.error()));
  }
  const int status = res->status;
  if (status >= 200 && status < 300) {
    protocol::Outcome o;
    o.expect_version = protocol::kAnyVersion;
    o.action = "notice_delivered";
    o.note = kind + " notice for " + recipient + " delivered to its webhook (HTTP " +
             std::to_string(status) + ")";
    return o;
  }
  std::string why = "webhook " + url + " answered HTTP " + std::to_string(status);
  if (status >= 400 && status < 500 && status != 408 && status != 429) return InvalidArgument(why);
  return Unavailable(why);
}

namespace {
const RoleRegistration kRegistration("webhook", &WebhookRole::Create);
}  // namespace

}  // namespace duban::workers::webhook
