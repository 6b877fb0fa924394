#include "workers/delivery/delivery_role.h"

#include <curl/curl.h>
#include <httplib.h>

#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>

#include "common/log.h"
#include "common/protocol/wire.h"
#include "workers/delivery/mail_message.h"

namespace duban::workers::delivery {
namespace {

// The message libcurl reads as the SMTP DATA.
struct Upload {
  const std::string* text;
  std::size_t done = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t items, void* user) {
  auto* u = static_cast<Upload*>(user);
  const std::size_t room = size * items;
  const std::size_t n = std::min(room, u->text->size() - u->done);
  std::memcpy(buffer, u->text->data() + u->done, n);
  u->done += n;
  return n;
}

std::string Masked(const std::string& address) {
  // Addresses are personal: logs and the timeline show their first characters only.
  return address.size() <= 3 ? std::string("***") : address.substr(0, 3) + "***";
}

}  // namespace

std::string SmsJson(const std::string& id, const std::string& to, const std::string& text,
                    const std::string& code) {
  nlohmann::json body = {{"id", id}, {"to", to}, {"text", text}, {"code", code}};
  return body.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

Result<std::unique_ptr<Role>> DeliveryRole::Create(const config::Config& config,
                                                   const Clock& clock) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::unique_ptr<Role>(new DeliveryRole(config.delivery, clock));
}

Status DeliveryRole::SendMail(const Notice& n, const std::string& to) const {
  MailFields m;
  m.from = config_.mail_from;
  m.to = to;
  m.subject = SubjectOf(n.kind, n.code, n.text);
  m.text = n.text;
  m.message_id = n.id + "." + (n.code.empty() ? std::string("duban") : n.code) + "@duban";
  m.date_ms = n.at_ms != 0 ? n.at_ms : clock_.NowMs();
  const std::string message = MailMessage(m);

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Unavailable("mail: libcurl could not start");
  CURL* c = curl.get();
  Upload upload{&message};
  const std::string from = "<" + config_.mail_from + ">", rcpt_to = "<" + to + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, rcpt_to.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_guard(rcpt, curl_slist_free_all);
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(c, CURLOPT_URL, config_.smtp_url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.timeout_ms));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config_.timeout_ms));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(c);
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  if (rc == CURLE_OK) return Status::Ok();
  const std::string why = "mail to " + Masked(to) + " via " + config_.smtp_url + ": " +
                          (error[0] != '\0' ? std::string(error) : curl_easy_strerror(rc)) +
                          (reply != 0 ? " (SMTP " + std::to_string(reply) + ")" : "");
  // A 5xx answer will be the same next time (the address refused, the message rejected).
  if (reply >= 500 && reply < 600) return InvalidArgument(why);
  return Unavailable(why);
}

Status DeliveryRole::SendSms(const Notice& n, const std::string& to) const {
  httplib::Client client(config_.sms_url.substr(0, config_.sms_url.find('/', 8)));
  const std::size_t path_at = config_.sms_url.find('/', 8);
  const std::string path = path_at == std::string::npos ? "/" : config_.sms_url.substr(path_at);
  const auto timeout = std::chrono::milliseconds(config_.timeout_ms);
  client.set_connection_timeout(timeout);
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  httplib::Headers headers = {{"Idempotency-Key", n.id}};
  auto res = client.Post(path, headers, SmsJson(n.id, to, n.text, n.code),
                         "application/json; charset=utf-8");
  if (!res) return Unavailable("sms gateway " + config_.sms_url + ": " + httplib::to_string(res.error()));
  const int status = res->status;
  if (status >= 200 && status < 300) return Status::Ok();
  const std::string why = "sms gateway " + config_.sms_url + " answered HTTP " + std::to_string(status);
  if (status >= 400 && status < 500 && status != 408 && status != 429) return InvalidArgument(why);
  return Unavailable(why);
}

Result<protocol::Outcome> DeliveryRole::Handle(const protocol::TaskMessage& task) {
  if (task.kind != "mail" && task.kind != "sms") {
    return InvalidArgument("delivery: unknown task kind '" + task.kind + "'");
  }
  DUBAN_ASSIGN_OR_RETURN(protocol::MapReader r, protocol::MapReader::Parse(task.payload));
  Notice n;
  DUBAN_RETURN_IF_ERROR(r.Str("id", &n.id));
  DUBAN_RETURN_IF_ERROR(r.Str("recipient", &n.recipient));
  DUBAN_RETURN_IF_ERROR(r.Str("kind", &n.kind));
  DUBAN_RETURN_IF_ERROR(r.Str("text", &n.text));
  DUBAN_RETURN_IF_ERROR(r.Str("code", &n.code, false));
  DUBAN_RETURN_IF_ERROR(r.Int("at_ms", &n.at_ms, false));
  DUBAN_RETURN_IF_ERROR(r.Finish());
  // The address is this worker's config's, for the recipient the task names; never the task's.
  const config::Contact* contact = config::FindContact(config_, n.recipient);
  const std::string to = contact == nullptr ? "" : task.kind == "mail" ? contact->email : contact->sms;
  if (to.empty()) {
    Status refused = InvalidArgument("delivery: " + n.recipient + " has no " + task.kind +
                                     " contact in this worker's config; not sent");
    Logger("worker.delivery")->warn("task {} refused: {}", task.task_id, refused.ToString());
    return refused;
  }
  DUBAN_RETURN_IF_ERROR(task.kind == "mail" ? SendMail(n, to) : SendSms(n, to));
  protocol::Outcome o;
  o.expect_version = protocol::kAnyVersion;
  o.action = "notice_delivered";
  o.note = n.kind + " notice " + n.id + " for " + n.recipient + " sent by " +
           (task.kind == "mail" ? "e-mail" : "SMS") + " to " + Masked(to) +
           (task.attempt > 1 ? " (attempt " + std::to_string(task.attempt) + ")" : "");
  return o;
}

namespace {
const RoleRegistration kRegistration("delivery", &DeliveryRole::Create);
}  // namespace

}  // namespace duban::workers::delivery
