// Delivery: where notices go besides the recipients' inboxes ([delivery] of the main config file):
// e-mail over SMTP and SMS through an HTTP gateway, to the addresses of the contact book
// ([[delivery.contact]]: a recipient as notices name it, its e-mail address and/or mobile number).
// The broker marks each notice for the channels its recipient has (Notice.channels); the delivery
// role (workers/delivery/) finds the address here, never in the task, and sends.
//     [delivery]
//     smtp_url = "smtp://127.0.0.1:25"      # smtp:// or smtps://; needed once a contact has email
//     mail_from = "duban@rd.example.gov.cn"
//     sms_url = "http://127.0.0.1:9000/sms" # http:// or https://; needed once a contact has sms
//     workbench_url = "http://127.0.0.1:8090" # duban-web, for the links in notices ("" = none)
//     timeout_ms = 10000
//     [[delivery.contact]]
//     recipient = "unit:jyj"
//     email = "jyj-duban@example.gov.cn"
//     sms = "13800000001"
//
// Thread rules: values; pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace duban::config {

class TableReader;

struct Contact {
  std::string recipient;  // "unit:jyj", "deputy:D2026001", "staff", "office:supervision", ...
  std::string email;      // "" = none
  std::string sms;        // a mobile number, digits with an optional leading +; "" = none
};

struct DeliveryConfig {
  std::string smtp_url;
  std::string mail_from;
  std::string sms_url;
  std::string workbench_url = "http://127.0.0.1:8090";
  std::int64_t timeout_ms = 10000;
  std::vector<Contact> contacts;
};

// Reads [delivery] and its [[delivery.contact]] tables; the checks of CheckDelivery.
Status ReadDelivery(const std::string& path, TableReader& r, DeliveryConfig* d);

// Each recipient once and well-formed (no braces: it is part of Redis keys), each address
// well-formed (an e-mail with one @ and no spaces, <, > or line breaks; a number of 5..20 digits
// with an optional +), a channel's settings present when a contact uses it, the URLs' schemes.
Status CheckDelivery(const DeliveryConfig& d);

// The contact of `recipient`, or nullptr.
const Contact* FindContact(const DeliveryConfig& d, std::string_view recipient);

// The channels a notice to `recipient` also goes to: "mail", "sms" (in that order), or none.
std::vector<std::string> ChannelsFor(const DeliveryConfig& d, std::string_view recipient);

// The link to a suggestion on the workbench, "" when there is no workbench_url.
std::string WorkbenchLink(const DeliveryConfig& d, std::string_view code);

}  // namespace duban::config
