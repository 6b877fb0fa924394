#include "config/delivery.h"

#include <algorithm>

#include "config/table_reader.h"

namespace duban::config {
namespace {

bool GoodRecipient(std::string_view r) {
  if (r.empty() || r.size() > 200 || r.find_first_of("{} \t\r\n") != std::string_view::npos) {
    return false;
  }
  for (std::string_view prefix : {"unit:", "deputy:", "office:", "committee:", "agenda:"}) {
    if (r.substr(0, prefix.size()) == prefix) return r.size() > prefix.size();
  }
  return r == "staff";
}

bool GoodEmail(std::string_view e) {
  const std::size_t at = e.find('@');
  return e.size() <= 254 && at != std::string_view::npos && at > 0 && at + 1 < e.size() &&
         e.find('@', at + 1) == std::string_view::npos &&
         e.find_first_of(" \t\r\n<>,;\"") == std::string_view::npos;
}

bool GoodNumber(std::string_view n) {
  if (!n.empty() && n.front() == '+') n.remove_prefix(1);
  return n.size() >= 5 && n.size() <= 20 &&
         std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool Starts(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix && s.size() > prefix.size();
}

}  // namespace

Status ReadDelivery(const std::string& path, TableReader& r, DeliveryConfig* d) {
  DUBAN_RETURN_IF_ERROR(r.Str("smtp_url", &d->smtp_url));
  DUBAN_RETURN_IF_ERROR(r.Str("mail_from", &d->mail_from));
  DUBAN_RETURN_IF_ERROR(r.Str("sms_url", &d->sms_url));
  DUBAN_RETURN_IF_ERROR(r.Str("workbench_url", &d->workbench_url));
  DUBAN_RETURN_IF_ERROR(r.Int("timeout_ms", &d->timeout_ms));
  DUBAN_ASSIGN_OR_RETURN(std::vector<const toml::table*> contacts, r.Tables("contact"));
  d->contacts.clear();
  for (const toml::table* t : contacts) {
    TableReader c(path, "delivery.contact", *t);
    Contact contact;
    DUBAN_RETURN_IF_ERROR(c.RequiredStr("recipient", &contact.recipient));
    DUBAN_RETURN_IF_ERROR(c.Str("email", &contact.email));
    DUBAN_RETURN_IF_ERROR(c.Str("sms", &contact.sms));
    DUBAN_RETURN_IF_ERROR(c.Finish());
    d->contacts.push_back(std::move(contact));
  }
  Status ok = CheckDelivery(*d);
  if (!ok.ok()) return InvalidArgument(path + ": [delivery]: " + ok.message());
  return Status::Ok();
}

Status CheckDelivery(const DeliveryConfig& d) {
  bool mail = false, sms = false;
  for (std::size_t i = 0; i < d.contacts.size(); ++i) {
    const Contact& c = d.contacts[i];
    if (!GoodRecipient(c.recipient)) {
      return InvalidArgument("contact recipient '" + c.recipient +
                             "' must be staff, unit:<id>, deputy:<id>, office:<name>, "
                             "committee:<id> or agenda:<name>, without braces or spaces");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (d.contacts[j].recipient == c.recipient) {
        return InvalidArgument("contact recipient '" + c.recipient + "' is given twice");
      }
    }
    if (c.email.empty() && c.sms.empty()) {
      return InvalidArgument("contact '" + c.recipient + "' has neither email nor sms");
    }
    if (!c.email.empty() && !GoodEmail(c.email)) {
      return InvalidArgument("contact '" + c.recipient + "': '" + c.email +
                             "' is not an e-mail address");
    }
    if (!c.sms.empty() && !GoodNumber(c.sms)) {
      return InvalidArgument("contact '" + c.recipient + "': sms '" + c.sms +
                             "' must be 5..20 digits, with an optional leading +");
    }
    mail = mail || !c.email.empty();
    sms = sms || !c.sms.empty();
  }
  if (!d.smtp_url.empty() && !Starts(d.smtp_url, "smtp://") && !Starts(d.smtp_url, "smtps://")) {
    return InvalidArgument("smtp_url must start with smtp:// or smtps://");
  }
  if (!d.sms_url.empty() && !Starts(d.sms_url, "http://") && !Starts(d.sms_url, "https://")) {
    return InvalidArgument("sms_url must start with http:// or https://");
  }
  if (mail && (d.smtp_url.empty() || !GoodEmail(d.mail_from))) {
    return InvalidArgument("a contact has email: smtp_url and mail_from (an address) are needed");
  }
  if (sms && d.sms_url.empty()) return InvalidArgument("a contact has sms: sms_url is needed");
  if (d.timeout_ms <= 0 || d.timeout_ms > 600000) {
    return InvalidArgument("timeout_ms must be 1..600 000");
  }
  return Status::Ok();
}

const Contact* FindContact(const DeliveryConfig& d, std::string_view recipient) {
  for (const Contact& c : d.contacts) {
    if (c.recipient == recipient) return &c;
  }
  return nullptr;
}

std::vector<std::string> ChannelsFor(const DeliveryConfig& d, std::string_view recipient) {
  std::vector<std::string> out;
  const Contact* c = FindContact(d, recipient);
  if (c == nullptr) return out;
  if (!c->email.empty()) out.push_back("mail");
  if (!c->sms.empty()) out.push_back("sms");
  return out;
}

std::string WorkbenchLink(const DeliveryConfig& d, std::string_view code) {
  if (d.workbench_url.empty()) return "";
  std::string base = d.workbench_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/s/" + std::string(code);
}

}  // namespace duban::config
