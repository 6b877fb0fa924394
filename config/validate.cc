// Validate(): the cross-field rules of a Config, whether it was loaded from files or built in
// code (LoadConfig runs it last).
#include <algorithm>
#include <array>
#include <set>
#include <string_view>

#include "common/key_prefix.h"
#include "common/protocol/mdp.h"
#include "common/protocol/wire.h"
#include "config/config.h"
#include "config/calendar_loader.h"
#include "config/config_keys.h"

namespace duban::config {
namespace internal {
namespace {
// Named zones with a fixed offset today (none of them observes daylight saving).
struct NamedZone {
  std::string_view name;
  std::int64_t offset_minutes;
};
constexpr NamedZone kNamedZones[] = {
    {"Asia/Shanghai", 480}, {"Asia/Chongqing", 480}, {"Asia/Harbin", 480}, {"Asia/Hong_Kong", 480},
    {"Asia/Macau", 480},    {"Asia/Taipei", 480},    {"UTC", 0},           {"Etc/UTC", 0}};
constexpr std::int64_t kMaxOffsetMinutes = 14 * 60;  // UTC+14:00 is the largest offset in use

bool IsUnitId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
  });
}

}  // namespace

// The UTC offset of a time-zone name: a fixed-offset name from kNamedZones, or "UTC+HH:MM" /
// "UTC-HH:MM". InvalidArgument listing what is accepted otherwise.
Result<std::int64_t> ZoneOffsetMinutes(std::string_view zone) {
  for (const auto& z : kNamedZones) {
    if (z.name == zone) return z.offset_minutes;
  }
  if (zone.size() == 9 && zone.substr(0, 3) == "UTC" && (zone[3] == '+' || zone[3] == '-') &&
      zone[6] == ':') {
    auto digit = [&](std::size_t i) { return zone[i] >= '0' && zone[i] <= '9'; };
    if (digit(4) && digit(5) && digit(7) && digit(8)) {
      std::int64_t hh = (zone[4] - '0') * 10 + (zone[5] - '0');
      std::int64_t mm = (zone[7] - '0') * 10 + (zone[8] - '0');
      std::int64_t total = hh * 60 + mm;
      if (mm < 60 && total <= kMaxOffsetMinutes) return zone[3] == '-' ? -total : total;
    }
  }
  std::string names;
  for (const auto& z : kNamedZones) names += std::string(z.name) + ", ";
  return InvalidArgument("unknown time zone '" + std::string(zone) + "': accepted are " + names +
                         "or UTC+HH:MM / UTC-HH:MM (fixed offsets only, no daylight saving)");
}

Status CheckUnitsAndRules(const std::vector<Unit>& units, const std::vector<RoutingRule>& rules,
                          const std::string& where) {
  auto fail = [&](const std::string& m) { return InvalidArgument(where + m); };
  std::set<std::string, std::less<>> ids;
  for (const Unit& u : units) {
    if (!IsUnitId(u.id)) {
      return fail("unit id '" + u.id +
                  "' must be non-empty lower-case letters, digits, '_' or '-'");
    }
    if (u.name.empty()) return fail("unit '" + u.id + "' has no name");
    if (!ids.insert(u.id).second) return fail("duplicate unit id '" + u.id + "'");
  }
  std::set<std::string, std::less<>> names;
  for (const RoutingRule& r : rules) {
    std::string rule = "rule '" + r.name + "'";
    if (r.name.empty()) return fail("a rule has no name");
    if (!names.insert(r.name).second) return fail("duplicate rule name '" + r.name + "'");
    if (r.categories.empty() && r.keywords.empty()) {
      return fail(rule + " has neither categories nor keywords, so it can never match");
    }
    for (const auto& s : r.categories) {
      if (s.empty()) return fail(rule + " has an empty category");
    }
    // An empty keyword is a substring of every text: it would swallow all later rules.
    for (const auto& s : r.keywords) {
      if (s.empty()) return fail(rule + " has an empty keyword");
    }
    if (ids.count(r.lead) == 0) return fail(rule + " names unknown unit '" + r.lead + "' as lead");
    std::set<std::string, std::less<>> co;
    for (const auto& u : r.co) {
      if (ids.count(u) == 0) return fail(rule + " names unknown unit '" + u + "' in co");
      if (u == r.lead) return fail(rule + " names its lead '" + u + "' in co as well");
      if (!co.insert(u).second) return fail(rule + " names '" + u + "' twice in co");
    }
  }
  return Status::Ok();
}

}  // namespace internal

namespace {
using namespace internal;

template <typename T, std::size_t I>
Status CheckPositive(const std::string& where, std::string_view section, const T& v,
                     const std::array<IntKey<T>, I>& ints) {
  for (const auto& [key, member] : ints) {
    if (v.*member > 0) continue;
    return InvalidArgument(where + std::string(section) + "." + std::string(key) +
                           " must be positive (got " + std::to_string(v.*member) + ")");
  }
  return Status::Ok();
}

// Codes unique and made of [A-Za-z0-9_-], `after` known, at least one class and one accepted and
// one refused level (otherwise the loop could never close, or never reopen).
Status CheckResultScheme(const Config& c, const std::string& where) {
  auto code_ok = [](const std::string& code) {
    if (code.empty() || code.size() > 32) return false;
    return std::all_of(code.begin(), code.end(), [](unsigned char ch) {
      return std::isalnum(ch) || ch == '_' || ch == '-';
    });
  };
  std::set<std::string> seen;
  if (c.result_classes.empty()) return InvalidArgument(where + "no [[result_class]] given");
  for (const ResultClass& rc : c.result_classes) {
    if (!code_ok(rc.code)) {
      return InvalidArgument(where + "result_class code '" + rc.code +
                             "' must be 1..32 of [A-Za-z0-9_-]");
    }
    if (!seen.insert(rc.code).second) {
      return InvalidArgument(where + "result_class '" + rc.code + "' is listed twice");
    }
    if (rc.after != "close" && rc.after != "follow_up") {
      return InvalidArgument(where + "result_class '" + rc.code + "': after must be close or " +
                             "follow_up, got '" + rc.after + "'");
    }
  }
  seen.clear();
  bool accepted = false, refused = false;
  for (const SatisfactionLevel& l : c.satisfaction_levels) {
    if (!code_ok(l.code)) {
      return InvalidArgument(where + "satisfaction code '" + l.code +
                             "' must be 1..32 of [A-Za-z0-9_-]");
    }
    if (!seen.insert(l.code).second) {
      return InvalidArgument(where + "satisfaction '" + l.code + "' is listed twice");
    }
    (l.accepted ? accepted : refused) = true;
  }
  if (!accepted || !refused) {
    return InvalidArgument(where + "[[satisfaction]] needs at least one accepted and one " +
                           "not accepted level (不满意 must lead to re-handling)");
  }
  return Status::Ok();
}

}  // namespace

Status Validate(const Config& c) {
  const std::string where = c.source.empty() ? "" : c.source + ": ";
  for (const NoticeTemplateInfo& t : NoticeCatalog()) {
    auto it = c.notices.find(t.name);
    if (it == c.notices.end()) {
      return InvalidArgument(where + "notices." + std::string(t.name) + " has no wording");
    }
    Status ok = CheckNoticeTemplate(t.name, it->second);
    if (!ok.ok()) return InvalidArgument(where + ok.message());
  }
  for (const auto& [name, text] : c.notices) {
    Status ok = CheckNoticeTemplate(name, text);
    if (!ok.ok()) return InvalidArgument(where + ok.message());
  }
  auto non_empty = [&](const char* key, const std::string& v) -> Status {
    if (!v.empty()) return Status::Ok();
    return InvalidArgument(where + key + " must not be empty");
  };
  auto at_least = [&](const char* key, std::int64_t v, const char* other, std::int64_t min) {
    if (v >= min) return Status::Ok();
    return InvalidArgument(where + key + " (" + std::to_string(v) + ") must not be below " + other +
                           " (" + std::to_string(min) + ")");
  };
  const SecurityConfig& sec = c.security;
  if (sec.checkpoint_key.empty() != sec.checkpoint_file.empty()) {
    return InvalidArgument(where + "security.checkpoint_key and security.checkpoint_file go "
                                   "together: give both or neither");
  }
  if (sec.checkpoint_interval_s < 1 || sec.checkpoint_interval_s > 86400) {
    return InvalidArgument(where + "security.checkpoint_interval_s (" +
                           std::to_string(sec.checkpoint_interval_s) + ") must be 1..86400");
  }
  const BrokerConfig& b = c.broker;
  DUBAN_RETURN_IF_ERROR(non_empty("broker.bind", b.bind));
  DUBAN_RETURN_IF_ERROR(CheckPositive(where, "broker", b, kBrokerInts));
  DUBAN_RETURN_IF_ERROR(at_least("broker.backoff_max_ms", b.backoff_max_ms,
                                 "broker.backoff_base_ms", b.backoff_base_ms));
  DUBAN_RETURN_IF_ERROR(at_least("broker.max_lease_ms", b.max_lease_ms, "broker.lease_ms",
                                 b.lease_ms));
  // A busy worker's lease is extended by a heartbeat in its second half: at least two must fall
  // in it, or the reaper can take the task back from a worker that is still working.
  for (auto [key, interval] : {std::pair{"worker.heartbeat_interval_ms", c.worker.heartbeat_interval_ms},
                               std::pair{"broker.heartbeat_interval_ms", b.heartbeat_interval_ms}}) {
    if (interval * 4 > b.lease_ms) {
      return InvalidArgument(where + key + " (" + std::to_string(interval) +
                             ") must be at most a quarter of broker.lease_ms (" +
                             std::to_string(b.lease_ms) + ")");
    }
  }
  if (b.max_message_bytes > static_cast<std::int64_t>(protocol::kMaxMessageBytes)) {
    return InvalidArgument(where + "broker.max_message_bytes (" +
                           std::to_string(b.max_message_bytes) + ") must not be above " +
                           std::to_string(protocol::kMaxMessageBytes) +
                           ", the largest body Duban's codec decodes");
  }
  for (const std::string& svc : b.services) {
    if (!protocol::IsValidServiceName(svc) || svc.rfind("duban.", 0) == 0 ||
        svc.rfind("mmi.", 0) == 0) {
      return InvalidArgument(where + "broker.services: '" + svc +
                             "' is not a worker service name ([A-Za-z0-9._-]{1,64}, not duban.* "
                             "or mmi.*)");
    }
  }
  if (b.max_services > 9000) {
    return InvalidArgument(where + "broker.max_services (" + std::to_string(b.max_services) +
                           ") must not be above 9000 (duban.queues lists every service)");
  }

  const RedisConfig& r = c.redis;
  if (r.url.rfind("redis://", 0) != 0 && r.url.rfind("unix://", 0) != 0) {
    return InvalidArgument(where + "redis.url '" + r.url + "' must start with redis:// or unix://");
  }
  if (!IsValidKeyPrefixName(r.key_prefix)) {
    return InvalidArgument(where + "redis.key_prefix '" + r.key_prefix +
                           "' must be 1 to 64 letters, digits, '_', '.' or '-' (it becomes the "
                           "hash tag {" + r.key_prefix + "} of every key)");
  }
  DUBAN_RETURN_IF_ERROR(CheckPositive(where, "redis", r, kRedisInts));

  const WorkerConfig& w = c.worker;
  DUBAN_RETURN_IF_ERROR(non_empty("worker.connect", w.connect));
  DUBAN_RETURN_IF_ERROR(CheckPositive(where, "worker", w, kWorkerInts));
  DUBAN_RETURN_IF_ERROR(at_least("worker.reconnect_max_ms", w.reconnect_max_ms,
                                 "worker.reconnect_initial_ms", w.reconnect_initial_ms));

  const Jurisdiction& j = c.jurisdiction;
  DUBAN_RETURN_IF_ERROR(non_empty("jurisdiction.name", j.name));
  Result<std::int64_t> offset = ZoneOffsetMinutes(j.timezone);
  if (!offset.ok()) {
    return InvalidArgument(where + "jurisdiction.timezone: " + offset.status().message());
  }
  // Code that builds a Config by hand must keep the two in step; dates would be off by hours.
  if (*offset != j.utc_offset_minutes) {
    return InvalidArgument(where + "jurisdiction.utc_offset_minutes (" +
                           std::to_string(j.utc_offset_minutes) + ") does not match timezone '" +
                           j.timezone + "' (" + std::to_string(*offset) + ")");
  }
  DUBAN_RETURN_IF_ERROR(CheckPositive(where, "jurisdiction", j, kJurisdictionInts));
  DUBAN_RETURN_IF_ERROR(at_least("jurisdiction.extension_max_months", j.extension_max_months,
                                 "jurisdiction.reply_months", j.reply_months));
  if (j.extension_max_months > kMaxMonths) {
    return InvalidArgument(where + "jurisdiction.extension_max_months must be at most " +
                           std::to_string(kMaxMonths));
  }
  auto day_list = [&](const char* key, const std::vector<std::int64_t>& days) {
    std::set<std::int64_t> seen;
    for (std::int64_t d : days) {
      if (d < 1 || d > kMaxReminderDays) {
        return InvalidArgument(where + "jurisdiction." + key + ": " + std::to_string(d) +
                               " must be between 1 and " + std::to_string(kMaxReminderDays));
      }
      if (!seen.insert(d).second) {
        return InvalidArgument(where + "jurisdiction." + key + " lists " + std::to_string(d) +
                               " twice");
      }
    }
    return Status::Ok();
  };
  auto at_most = [&](const char* key, std::int64_t v, std::int64_t max) {
    if (v <= max) return Status::Ok();
    return InvalidArgument(where + "jurisdiction." + key + " must be at most " +
                           std::to_string(max));
  };
  DUBAN_RETURN_IF_ERROR(day_list("reply_reminder_days", j.reply_reminder_days));
  DUBAN_RETURN_IF_ERROR(
      at_most("agenda_after_overdue_days", j.agenda_after_overdue_days, kMaxReminderDays));
  if (j.reply_without_opinions != "warn" && j.reply_without_opinions != "refuse") {
    return InvalidArgument(where + "jurisdiction.reply_without_opinions must be \"warn\" or "
                           "\"refuse\" (got \"" + j.reply_without_opinions + "\")");
  }
  DUBAN_RETURN_IF_ERROR(
      at_most("return_window_working_days", j.return_window_working_days, kMaxReminderDays));
  DUBAN_RETURN_IF_ERROR(
      at_most("request_ack_working_days", j.request_ack_working_days, kMaxReminderDays));
  DUBAN_RETURN_IF_ERROR(
      at_most("sign_overdue_working_days", j.sign_overdue_working_days, kMaxReminderDays));
  if (j.sign_remind_working_days >= j.sign_overdue_working_days) {
    return InvalidArgument(where + "jurisdiction.sign_remind_working_days (" +
                           std::to_string(j.sign_remind_working_days) +
                           ") must be below sign_overdue_working_days (" +
                           std::to_string(j.sign_overdue_working_days) +
                           "): a reminder after the escalation chases nobody");
  }
  if (j.opinion_months > j.reply_months) {
    return InvalidArgument(where + "jurisdiction.opinion_months (" +
                           std::to_string(j.opinion_months) + ") must not be above reply_months (" +
                           std::to_string(j.reply_months) +
                           "): the lead unit needs the opinion before its reply");
  }
  DUBAN_RETURN_IF_ERROR(day_list("opinion_reminder_days", j.opinion_reminder_days));
  DUBAN_RETURN_IF_ERROR(day_list("rehandling_reminder_days", j.rehandling_reminder_days));
  if (j.rehandling_reminder_days.size() > 2) {
    return InvalidArgument(where + "jurisdiction.rehandling_reminder_days holds " +
                           std::to_string(j.rehandling_reminder_days.size()) +
                           " values; at most 2");
  }
  if (j.evaluation_remind_working_days >= j.evaluation_overdue_working_days) {
    return InvalidArgument(where + "jurisdiction.evaluation_remind_working_days (" +
                           std::to_string(j.evaluation_remind_working_days) +
                           ") must be below evaluation_overdue_working_days (" +
                           std::to_string(j.evaluation_overdue_working_days) + ")");
  }
  DUBAN_RETURN_IF_ERROR(at_most("evaluation_overdue_working_days",
                                j.evaluation_overdue_working_days, kMaxReminderDays));
  DUBAN_RETURN_IF_ERROR(
      at_most("commitment_remind_days", j.commitment_remind_days, kMaxReminderDays));
  DUBAN_RETURN_IF_ERROR(CheckResultScheme(c, where));
  // Two timer names exist for them (opinion.remind7 / opinion.remind2, cancelled by the broker).
  if (j.opinion_reminder_days.size() > 2) {
    return InvalidArgument(where + "jurisdiction.opinion_reminder_days holds " +
                           std::to_string(j.opinion_reminder_days.size()) +
                           " values; at most 2 (their timers have two fixed names)");
  }
  if (j.work_start_minute < 0 || j.work_start_minute >= j.work_end_minute ||
      j.work_end_minute > kMinutesPerDay) {
    return InvalidArgument(where + "jurisdiction.work_start_minute (" +
                           std::to_string(j.work_start_minute) + ") and work_end_minute (" +
                           std::to_string(j.work_end_minute) +
                           ") must satisfy 0 <= start < end <= 1440");
  }
  DUBAN_RETURN_IF_ERROR(CheckPositive(where, "hot", c.hot, kHotInts));
  if (c.hot.scan_limit > kMaxHotScan) {
    return InvalidArgument(where + "hot.scan_limit must be at most " + std::to_string(kMaxHotScan));
  }
  for (std::size_t i = 1; i < c.meetings.dates.size(); ++i) {
    if (!(c.meetings.dates[i - 1] < c.meetings.dates[i])) {
      return InvalidArgument(where + "meetings.dates must be ascending, each date once");
    }
  }

  static constexpr std::array<std::string_view, 6> kLevels = {"trace", "debug", "info",
                                                              "warn",  "error", "off"};
  if (std::find(kLevels.begin(), kLevels.end(), c.log_level) == kLevels.end()) {
    return InvalidArgument(where + "log.level '" + c.log_level +
                           "' must be one of trace, debug, info, warn, error, off");
  }
  DUBAN_RETURN_IF_ERROR(CheckUnitsAndRules(c.units, c.rules, where));
  // Each year once, each file consistent: the same checks the loader made, for a Config built in
  // code; the messages name the calendar files themselves.
  Status calendar = BuildWorkingCalendar(c.calendar).status();
  if (!calendar.ok()) return InvalidArgument(where + calendar.message());
  return Status::Ok();
}


}  // namespace duban::config
