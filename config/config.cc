// The loader walks each TOML table with a TableReader (table_reader.h) that records the keys it
// used, so every key it does not know is reported. Calendar files are read by calendar_loader.h.
// Cross-field rules live in Validate(), which LoadConfig runs last, so a Config built in code is
// checked the same way.
#include "config/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <array>
#include <set>
#include <string_view>
#include <utility>

#include "common/key_prefix.h"
#include "common/protocol/mdp.h"
#include "common/protocol/wire.h"
#include "config/calendar_loader.h"
#include "config/notices_default.h"
#include "config/table_reader.h"

namespace duban::config {
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
constexpr std::int64_t kMaxMonths = 120;             // keeps month arithmetic far from int limits

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

// The plain keys of each section, as data: reading them and checking that every integer is
// positive (all are intervals, counts or limits) walk the same tables, so a new key is one line.
template <typename T>
using StrKey = std::pair<std::string_view, std::string T::*>;
template <typename T>
using IntKey = std::pair<std::string_view, std::int64_t T::*>;

constexpr auto kBrokerStrs = std::to_array<StrKey<BrokerConfig>>({{"bind", &BrokerConfig::bind}});
constexpr auto kBrokerInts = std::to_array<IntKey<BrokerConfig>>({
    {"heartbeat_interval_ms", &BrokerConfig::heartbeat_interval_ms},
    {"heartbeat_liveness", &BrokerConfig::heartbeat_liveness},
    {"lease_ms", &BrokerConfig::lease_ms},
    {"max_lease_ms", &BrokerConfig::max_lease_ms},
    {"max_services", &BrokerConfig::max_services},
    {"client_rate_per_s", &BrokerConfig::client_rate_per_s},
    {"client_burst", &BrokerConfig::client_burst},
    {"client_max_inflight", &BrokerConfig::client_max_inflight},
    {"max_attempts", &BrokerConfig::max_attempts},
    {"backoff_base_ms", &BrokerConfig::backoff_base_ms},
    {"backoff_max_ms", &BrokerConfig::backoff_max_ms},
    {"max_batch", &BrokerConfig::max_batch},
    {"dead_letter_max", &BrokerConfig::dead_letter_max},
    {"request_id_ttl_s", &BrokerConfig::request_id_ttl_s},
    {"reply_record_ttl_s", &BrokerConfig::reply_record_ttl_s},
    {"max_message_bytes", &BrokerConfig::max_message_bytes},
    {"dispatch_poll_ms", &BrokerConfig::dispatch_poll_ms},
});
constexpr auto kRedisStrs = std::to_array<StrKey<RedisConfig>>(
    {{"url", &RedisConfig::url}, {"key_prefix", &RedisConfig::key_prefix}});
constexpr auto kRedisInts = std::to_array<IntKey<RedisConfig>>({
    {"connect_timeout_ms", &RedisConfig::connect_timeout_ms},
    {"reconnect_max_ms", &RedisConfig::reconnect_max_ms},
});
constexpr auto kWorkerStrs =
    std::to_array<StrKey<WorkerConfig>>({{"connect", &WorkerConfig::connect}});
constexpr auto kWorkerInts = std::to_array<IntKey<WorkerConfig>>({
    {"heartbeat_interval_ms", &WorkerConfig::heartbeat_interval_ms},
    {"heartbeat_liveness", &WorkerConfig::heartbeat_liveness},
    {"reconnect_initial_ms", &WorkerConfig::reconnect_initial_ms},
    {"reconnect_max_ms", &WorkerConfig::reconnect_max_ms},
});
// utc_offset_minutes is not a key: it is derived from timezone.
constexpr auto kJurisdictionStrs = std::to_array<StrKey<Jurisdiction>>(
    {{"name", &Jurisdiction::name}, {"timezone", &Jurisdiction::timezone}});
constexpr auto kJurisdictionInts = std::to_array<IntKey<Jurisdiction>>({
    {"reply_months", &Jurisdiction::reply_months},
    {"extension_max_months", &Jurisdiction::extension_max_months},
    {"return_window_working_days", &Jurisdiction::return_window_working_days},
    {"agenda_after_overdue_days", &Jurisdiction::agenda_after_overdue_days},
    {"sign_remind_working_days", &Jurisdiction::sign_remind_working_days},
    {"sign_overdue_working_days", &Jurisdiction::sign_overdue_working_days},
    {"opinion_months", &Jurisdiction::opinion_months},
    {"rehandling_months", &Jurisdiction::rehandling_months},
    {"evaluation_remind_working_days", &Jurisdiction::evaluation_remind_working_days},
    {"evaluation_overdue_working_days", &Jurisdiction::evaluation_overdue_working_days},
    {"evaluation_chase_working_days", &Jurisdiction::evaluation_chase_working_days},
    {"commitment_remind_days", &Jurisdiction::commitment_remind_days},
    {"lookback_months", &Jurisdiction::lookback_months},
    {"staff_decision_days", &Jurisdiction::staff_decision_days},
});
constexpr auto kHotInts = std::to_array<IntKey<HotRules>>({
    {"co_signers_min", &HotRules::co_signers_min},
    {"same_topic_min", &HotRules::same_topic_min},
    {"scan_limit", &HotRules::scan_limit},
});
constexpr std::int64_t kMaxHotScan = 100000;  // one scan must stay a short Redis call
constexpr std::int64_t kMaxReminderDays = 366;  // reminder and agenda day counts stay within a year
constexpr std::int64_t kMinutesPerDay = 24 * 60;

template <typename T, std::size_t S, std::size_t I>
Status ReadKeys(TableReader& r, T* out, const std::array<StrKey<T>, S>& strs,
                const std::array<IntKey<T>, I>& ints) {
  for (const auto& [key, member] : strs) DUBAN_RETURN_IF_ERROR(r.Str(key, &(out->*member)));
  for (const auto& [key, member] : ints) DUBAN_RETURN_IF_ERROR(r.Int(key, &(out->*member)));
  return Status::Ok();
}

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

// An array of integers at `key`, replacing the default when present.
Status ReadIntList(TableReader& r, std::string_view key, std::vector<std::int64_t>* out) {
  DUBAN_ASSIGN_OR_RETURN(const toml::array* items, r.Array(key));
  if (items == nullptr) return Status::Ok();
  out->clear();
  for (const toml::node& d : *items) {
    if (!d.is_integer()) return r.Error(key, "must hold only integers, found " + TypeName(d));
    out->push_back(d.as_integer()->get());
  }
  return Status::Ok();
}

Status ReadJurisdiction(TableReader& r, Jurisdiction* j) {
  if (r.Has("utc_offset_minutes")) {
    return r.Error("utc_offset_minutes",
                   "is derived from jurisdiction.timezone; write timezone = \"UTC+08:00\" instead");
  }
  DUBAN_RETURN_IF_ERROR(ReadKeys(r, j, kJurisdictionStrs, kJurisdictionInts));
  Result<std::int64_t> offset = ZoneOffsetMinutes(j->timezone);
  if (!offset.ok()) return r.Error("timezone", "is invalid: " + offset.status().message());
  j->utc_offset_minutes = *offset;
  DUBAN_RETURN_IF_ERROR(r.StrList("calendar_files", &j->calendar_files));
  for (const std::string& f : j->calendar_files) {
    if (f.empty()) return r.Error("calendar_files", "must not hold an empty path");
  }
  // Not in kJurisdictionInts: 0 (midnight) is a valid start, so they are checked in Validate().
  DUBAN_RETURN_IF_ERROR(r.Int("work_start_minute", &j->work_start_minute));
  DUBAN_RETURN_IF_ERROR(r.Int("work_end_minute", &j->work_end_minute));
  DUBAN_RETURN_IF_ERROR(ReadIntList(r, "reply_reminder_days", &j->reply_reminder_days));
  DUBAN_RETURN_IF_ERROR(ReadIntList(r, "rehandling_reminder_days", &j->rehandling_reminder_days));
  return ReadIntList(r, "opinion_reminder_days", &j->opinion_reminder_days);
}

// [[result_class]] {code, name, after, needs_commitments, solved} and [[satisfaction]] {code,
// name, accepted}: when the file lists any, they replace the defaults whole.
Status ReadResultScheme(const std::string& path, TableReader& top, Config* c) {
  DUBAN_ASSIGN_OR_RETURN(std::vector<const toml::table*> classes, top.Tables("result_class"));
  DUBAN_ASSIGN_OR_RETURN(std::vector<const toml::table*> levels, top.Tables("satisfaction"));
  if (!classes.empty()) c->result_classes.clear();
  for (const toml::table* t : classes) {
    TableReader r(path, "result_class", *t);
    ResultClass rc;
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("code", &rc.code));
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("name", &rc.name));
    DUBAN_RETURN_IF_ERROR(r.Str("after", &rc.after));
    DUBAN_RETURN_IF_ERROR(r.Bool("needs_commitments", &rc.needs_commitments));
    DUBAN_RETURN_IF_ERROR(r.Bool("solved", &rc.solved));
    DUBAN_RETURN_IF_ERROR(r.Finish());
    c->result_classes.push_back(std::move(rc));
  }
  if (!levels.empty()) c->satisfaction_levels.clear();
  for (const toml::table* t : levels) {
    TableReader r(path, "satisfaction", *t);
    SatisfactionLevel l;
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("code", &l.code));
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("name", &l.name));
    DUBAN_RETURN_IF_ERROR(r.Bool("accepted", &l.accepted));
    DUBAN_RETURN_IF_ERROR(r.Finish());
    c->satisfaction_levels.push_back(std::move(l));
  }
  return Status::Ok();
}

// [meetings] dates = ["YYYY-MM-DD", ...]: kept ascending; a date given twice is an error.
Status ReadMeetings(TableReader& r, Meetings* m) {
  std::vector<std::string> dates;
  DUBAN_RETURN_IF_ERROR(r.StrList("dates", &dates));
  m->dates.clear();
  for (const std::string& d : dates) {
    Result<Date> date = ParseDate(d);
    if (!date.ok()) return r.Error("dates", "holds '" + d + "', which is not a date YYYY-MM-DD");
    if (std::find(m->dates.begin(), m->dates.end(), *date) != m->dates.end()) {
      return r.Error("dates", "lists " + d + " twice");
    }
    m->dates.push_back(*date);
  }
  std::sort(m->dates.begin(), m->dates.end());
  return Status::Ok();
}

// ---- [monitor] [[monitor.account]] {name, password_hash}: duban-monitor's staff accounts -------
// Only the form is checked here (config/ does not link libsodium): a name of [A-Za-z0-9._-], each
// once, and an argon2id hash string; duban-monitor verifies passwords against it.
Status ReadMonitor(const std::string& path, TableReader& r, MonitorConfig* m) {
  DUBAN_ASSIGN_OR_RETURN(std::vector<const toml::table*> accounts, r.Tables("account"));
  m->accounts.clear();
  for (const toml::table* t : accounts) {
    TableReader a(path, "monitor.account", *t);
    MonitorAccount account;
    DUBAN_RETURN_IF_ERROR(a.RequiredStr("name", &account.name));
    DUBAN_RETURN_IF_ERROR(a.RequiredStr("password_hash", &account.password_hash));
    DUBAN_RETURN_IF_ERROR(a.Finish());
    const std::string& name = account.name;
    bool name_ok = name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char ch) {
      return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_' || ch == '-';
    });
    if (!name_ok) return a.Error("name", "'" + name + "' must be 1..64 of A-Z a-z 0-9 . _ -");
    for (const MonitorAccount& other : m->accounts) {
      if (other.name == name) return a.Error("name", "'" + name + "' is given twice");
    }
    if (account.password_hash.rfind("$argon2id$", 0) != 0) {
      return a.Error("password_hash",
                     "must be an argon2id hash ($argon2id$...): make one with "
                     "`duban-monitor --hash-password`, never write the password itself");
    }
    m->accounts.push_back(std::move(account));
  }
  return Status::Ok();
}

// The sections of the main file, in the order of config/duban.toml.
Status ReadMain(const std::string& path, const toml::table& root, Config* c,
                std::string* units_file) {
  TableReader top(path, "", root);
  DUBAN_RETURN_IF_ERROR(top.Str("units_file", units_file));
  auto section = [&](std::string_view name, auto read) -> Status {
    DUBAN_ASSIGN_OR_RETURN(const toml::table* t, top.Table(name));
    if (t == nullptr) return Status::Ok();
    TableReader r(path, std::string(name), *t);
    DUBAN_RETURN_IF_ERROR(read(r));
    return r.Finish();
  };
  DUBAN_RETURN_IF_ERROR(section(
      "broker", [&](TableReader& r) {
        DUBAN_RETURN_IF_ERROR(ReadKeys(r, &c->broker, kBrokerStrs, kBrokerInts));
        return r.StrList("services", &c->broker.services);
      }));
  DUBAN_RETURN_IF_ERROR(section(
      "redis", [&](TableReader& r) { return ReadKeys(r, &c->redis, kRedisStrs, kRedisInts); }));
  DUBAN_RETURN_IF_ERROR(section(
      "worker", [&](TableReader& r) { return ReadKeys(r, &c->worker, kWorkerStrs, kWorkerInts); }));
  DUBAN_RETURN_IF_ERROR(section(
      "jurisdiction", [&](TableReader& r) { return ReadJurisdiction(r, &c->jurisdiction); }));
  DUBAN_RETURN_IF_ERROR(
      section("meetings", [&](TableReader& r) { return ReadMeetings(r, &c->meetings); }));
  DUBAN_RETURN_IF_ERROR(section("hot", [&](TableReader& r) {
    for (const auto& [key, member] : kHotInts) DUBAN_RETURN_IF_ERROR(r.Int(key, &(c->hot.*member)));
    return Status::Ok();
  }));
  DUBAN_ASSIGN_OR_RETURN(const toml::table* notices, top.Table("notices"));
  if (notices != nullptr) {
    for (const auto& [key, value] : *notices) {
      const std::string name(key.str());
      const auto* text = value.as_string();
      if (text == nullptr) {
        return InvalidArgument(Where(path, value.source()) + ": 'notices." + name +
                               "' must be a string");
      }
      Status ok = CheckNoticeTemplate(name, text->get());
      if (!ok.ok()) return InvalidArgument(Where(path, value.source()) + ": " + ok.message());
      c->notices[name] = text->get();
    }
  }
  DUBAN_RETURN_IF_ERROR(
      section("log", [&](TableReader& r) { return r.Str("level", &c->log_level); }));
  DUBAN_RETURN_IF_ERROR(
      section("demo", [&](TableReader& r) { return r.Str("file", &c->demo_file); }));
  DUBAN_RETURN_IF_ERROR(section(
      "monitor", [&](TableReader& r) { return ReadMonitor(path, r, &c->monitor); }));
  DUBAN_RETURN_IF_ERROR(section("security", [&](TableReader& r) {
    DUBAN_RETURN_IF_ERROR(r.Str("keys", &c->security.keys));
    DUBAN_RETURN_IF_ERROR(r.Str("server_key", &c->security.server_key));
    DUBAN_RETURN_IF_ERROR(r.Str("checkpoint_key", &c->security.checkpoint_key));
    DUBAN_RETURN_IF_ERROR(r.Str("checkpoint_file", &c->security.checkpoint_file));
    DUBAN_RETURN_IF_ERROR(r.Int("checkpoint_interval_s", &c->security.checkpoint_interval_s));
    return r.Str("public_bind", &c->security.public_bind);
  }));
  DUBAN_RETURN_IF_ERROR(ReadResultScheme(path, top, c));
  return top.Finish();
}

// [[unit]] {id, name} and [[rule]] {name, categories, keywords, lead, co}.
Status ReadUnitsFile(const std::string& path, const toml::table& root, Config* c) {
  TableReader top(path, "", root);
  DUBAN_ASSIGN_OR_RETURN(std::vector<const toml::table*> units, top.Tables("unit"));
  DUBAN_ASSIGN_OR_RETURN(std::vector<const toml::table*> rules, top.Tables("rule"));
  DUBAN_ASSIGN_OR_RETURN(std::vector<const toml::table*> committees, top.Tables("committee"));
  DUBAN_RETURN_IF_ERROR(top.Finish());
  for (const toml::table* t : committees) {
    TableReader r(path, "committee", *t);
    Committee k;
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("id", &k.id));
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("name", &k.name));
    DUBAN_RETURN_IF_ERROR(r.StrList("categories", &k.categories));
    DUBAN_RETURN_IF_ERROR(r.StrList("keywords", &k.keywords));
    DUBAN_RETURN_IF_ERROR(r.Bool("default", &k.is_default));
    DUBAN_RETURN_IF_ERROR(r.Finish());
    c->committees.push_back(std::move(k));
  }
  for (const toml::table* t : units) {
    TableReader r(path, "unit", *t);
    Unit u;
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("id", &u.id));
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("name", &u.name));
    DUBAN_RETURN_IF_ERROR(r.Str("webhook", &u.webhook));
    DUBAN_RETURN_IF_ERROR(r.Finish());
    if (!u.webhook.empty() && u.webhook.rfind("http://", 0) != 0) {
      return InvalidArgument(path + ": unit '" + u.id + "': webhook must start with http://");
    }
    c->units.push_back(std::move(u));
  }
  for (const toml::table* t : rules) {
    TableReader r(path, "rule", *t);
    RoutingRule rule;
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("name", &rule.name));
    DUBAN_RETURN_IF_ERROR(r.StrList("categories", &rule.categories));
    DUBAN_RETURN_IF_ERROR(r.StrList("keywords", &rule.keywords));
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("lead", &rule.lead));
    DUBAN_RETURN_IF_ERROR(r.StrList("co", &rule.co));
    DUBAN_RETURN_IF_ERROR(r.Finish());
    c->rules.push_back(std::move(rule));
  }
  return Status::Ok();
}

bool IsUnitId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
  });
}

// Units and rules, with messages prefixed by `where` (the file they came from).
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

}  // namespace

std::vector<ResultClass> DefaultResultClasses() {
  return {
      {"A", "已解决或基本解决", "close", false, true},
      {"B", "正在解决或列入计划逐步解决", "follow_up", true, false},
      {"C", "因条件限制暂时无法解决", "follow_up", false, false},
      {"D", "留作参考", "close", false, false},
  };
}

std::vector<SatisfactionLevel> DefaultSatisfactionLevels() {
  return {{"satisfied", "满意", true}, {"basic", "基本满意", true}, {"dissatisfied", "不满意", false}};
}

const NoticeTemplates& DefaultNotices() {
  static const NoticeTemplates kDefaults = [] {
    NoticeTemplates out;
    toml::table root;
    try {
      root = toml::parse(DefaultNoticesToml(), std::string_view("config/notices.toml"));
    } catch (const toml::parse_error& e) {
      std::fprintf(stderr, "config/notices.toml (compiled in): %s\n", e.what());
      std::abort();
    }
    const toml::table* notices = root["notices"].as_table();
    if (notices == nullptr) {
      // The file is compiled in: a broken one is a build defect (config_test loads it).
      std::fprintf(stderr, "config/notices.toml (compiled in) has no [notices] table\n");
      std::abort();
    }
    for (const auto& [key, value] : *notices) {
      if (const auto* text = value.as_string()) out[std::string(key.str())] = text->get();
    }
    return out;
  }();
  return kDefaults;
}

Config DefaultConfig() { return Config{}; }

namespace {

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
  DUBAN_RETURN_IF_ERROR(
      at_most("return_window_working_days", j.return_window_working_days, kMaxReminderDays));
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

Result<Config> LoadConfig(const std::string& path) {
  Config c = DefaultConfig();
  c.source = path;
  DUBAN_ASSIGN_OR_RETURN(toml::table root, ParseFile(path));
  std::string units_file;
  DUBAN_RETURN_IF_ERROR(ReadMain(path, root, &c, &units_file));
  c.demo_file = ResolveBeside(path, c.demo_file);
  c.security.keys = ResolveBeside(path, c.security.keys);
  c.security.server_key = ResolveBeside(path, c.security.server_key);
  c.security.checkpoint_key = ResolveBeside(path, c.security.checkpoint_key);
  c.security.checkpoint_file = ResolveBeside(path, c.security.checkpoint_file);
  for (std::string& f : c.jurisdiction.calendar_files) {
    f = ResolveBeside(path, f);
    DUBAN_ASSIGN_OR_RETURN(CalendarYear year, LoadCalendarFile(f));
    c.calendar.push_back(std::move(year));
  }
  if (!units_file.empty()) {
    const std::string units_path = ResolveBeside(path, units_file);
    DUBAN_ASSIGN_OR_RETURN(toml::table units_root, ParseFile(units_path));
    DUBAN_RETURN_IF_ERROR(ReadUnitsFile(units_path, units_root, &c));
    // Checked here first so that unit and rule errors name the file they are in.
    DUBAN_RETURN_IF_ERROR(CheckUnitsAndRules(c.units, c.rules, units_path + ": "));
    DUBAN_RETURN_IF_ERROR(CheckCommittees(c.committees, units_path + ": "));
  }
  DUBAN_RETURN_IF_ERROR(Validate(c));
  return c;
}

}  // namespace duban::config
