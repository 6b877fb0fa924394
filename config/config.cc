// The loader walks each TOML table with a TableReader that records the keys it used, so every key
// it does not know is reported (a typo such as `lease = 3` must not silently keep a default).
// Errors carry "file:line:column" when toml++ knows the position. Cross-field rules live in
// Validate(), which LoadConfig runs last, so a Config built in code is checked the same way.
#include "config/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

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

// "string", "integer", "floating-point", "table"... as toml++ names them.
std::string TypeName(const toml::node& n) {
  std::ostringstream name;
  name << n.type();
  return name.str();
}

std::string Where(const std::string& file, const toml::source_region& at) {
  if (at.begin.line == 0) return file;
  return file + ":" + std::to_string(at.begin.line) + ":" + std::to_string(at.begin.column);
}

// Reads the keys of one table into fields. Missing keys leave the field as it was (the default);
// present keys must have the right type. Finish() reports the first key nobody asked for.
class TableReader {
 public:
  TableReader(const std::string& file, std::string prefix, const toml::table& table)
      : file_(file), prefix_(std::move(prefix)), table_(table) {}

  bool Has(std::string_view key) const { return table_.contains(key); }

  Status Int(std::string_view key, std::int64_t* out) {
    const toml::node* n = Use(key);
    if (n == nullptr) return Status::Ok();
    if (!n->is_integer()) return WrongType(key, *n, "an integer");
    *out = n->as_integer()->get();
    return Status::Ok();
  }

  Status Str(std::string_view key, std::string* out) {
    const toml::node* n = Use(key);
    if (n == nullptr) return Status::Ok();
    if (!n->is_string()) return WrongType(key, *n, "a string");
    *out = n->as_string()->get();
    return Status::Ok();
  }

  // Like Str, for a key that must be present and non-empty.
  Status RequiredStr(std::string_view key, std::string* out) {
    DUBAN_RETURN_IF_ERROR(Str(key, out));
    if (!out->empty()) return Status::Ok();
    return InvalidArgument(Where(file_, table_.source()) + ": '" + Name(key) +
                           "' is required and must not be empty");
  }

  Status StrList(std::string_view key, std::vector<std::string>* out) {
    const toml::node* n = Use(key);
    if (n == nullptr) return Status::Ok();
    if (!n->is_array()) return WrongType(key, *n, "an array of strings");
    out->clear();
    for (const toml::node& item : *n->as_array()) {
      if (!item.is_string()) {
        return InvalidArgument(Where(file_, item.source()) + ": '" + Name(key) +
                               "' must hold only strings, found " + TypeName(item));
      }
      out->push_back(item.as_string()->get());
    }
    return Status::Ok();
  }

  // The sub-table at `key`, nullptr when absent.
  Result<const toml::table*> Table(std::string_view key) {
    const toml::node* n = Use(key);
    if (n == nullptr) return static_cast<const toml::table*>(nullptr);
    if (!n->is_table()) return WrongType(key, *n, "a table");
    return n->as_table();
  }

  // The tables of an array of tables ([[key]]), empty when absent.
  Result<std::vector<const toml::table*>> Tables(std::string_view key) {
    std::vector<const toml::table*> out;
    const toml::node* n = Use(key);
    if (n == nullptr) return out;
    if (!n->is_array_of_tables())
      return WrongType(key, *n, "an array of tables ([[" + Name(key) + "]])");
    for (const toml::node& item : *n->as_array()) out.push_back(item.as_table());
    return out;
  }

  Status Error(std::string_view key, const std::string& problem) const {
    const toml::node* n = table_.get(key);
    return InvalidArgument(Where(file_, n ? n->source() : table_.source()) + ": '" + Name(key) +
                           "' " + problem);
  }

  Status Finish() const {
    for (const auto& [key, value] : table_) {
      if (used_.count(key.str()) != 0) continue;
      std::string what = value.is_table() || value.is_array_of_tables()
                             ? "unknown section [" + Name(key.str()) + "]"
                             : "unknown key '" + Name(key.str()) + "'";
      return InvalidArgument(Where(file_, key.source()) + ": " + what);
    }
    return Status::Ok();
  }

 private:
  const toml::node* Use(std::string_view key) {
    used_.insert(std::string(key));
    return table_.get(key);
  }
  std::string Name(std::string_view key) const {
    return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
  }
  Status WrongType(std::string_view key, const toml::node& n, const std::string& want) const {
    return InvalidArgument(Where(file_, n.source()) + ": '" + Name(key) + "' must be " + want +
                           ", got " + TypeName(n));
  }

  const std::string& file_;
  std::string prefix_;
  const toml::table& table_;
  std::set<std::string, std::less<>> used_;
};

Result<toml::table> ParseFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return InvalidArgument(path + ": cannot read the file (missing or not a regular file)");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) return InvalidArgument(path + ": cannot read the file");
  try {
    return toml::parse(text.str(), path);
  } catch (const toml::parse_error& e) {
    return InvalidArgument(Where(path, e.source()) +
                           ": TOML syntax error: " + std::string(e.description()));
  }
}

// A path from a config file, taken relative to that file's folder unless absolute.
std::string ResolveBeside(const std::string& config_path, const std::string& path) {
  if (path.empty() || std::filesystem::path(path).is_absolute()) return path;
  return (std::filesystem::path(config_path).parent_path() / path).string();
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
    {"max_attempts", &BrokerConfig::max_attempts},
    {"backoff_base_ms", &BrokerConfig::backoff_base_ms},
    {"backoff_max_ms", &BrokerConfig::backoff_max_ms},
    {"max_batch", &BrokerConfig::max_batch},
    {"dead_letter_max", &BrokerConfig::dead_letter_max},
    {"request_id_ttl_s", &BrokerConfig::request_id_ttl_s},
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
});

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

Status ReadJurisdiction(TableReader& r, Jurisdiction* j) {
  if (r.Has("utc_offset_minutes")) {
    return r.Error("utc_offset_minutes",
                   "is derived from jurisdiction.timezone; write timezone = \"UTC+08:00\" instead");
  }
  DUBAN_RETURN_IF_ERROR(ReadKeys(r, j, kJurisdictionStrs, kJurisdictionInts));
  Result<std::int64_t> offset = ZoneOffsetMinutes(j->timezone);
  if (!offset.ok()) return r.Error("timezone", "is invalid: " + offset.status().message());
  j->utc_offset_minutes = *offset;
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
      "broker", [&](TableReader& r) { return ReadKeys(r, &c->broker, kBrokerStrs, kBrokerInts); }));
  DUBAN_RETURN_IF_ERROR(section(
      "redis", [&](TableReader& r) { return ReadKeys(r, &c->redis, kRedisStrs, kRedisInts); }));
  DUBAN_RETURN_IF_ERROR(section(
      "worker", [&](TableReader& r) { return ReadKeys(r, &c->worker, kWorkerStrs, kWorkerInts); }));
  DUBAN_RETURN_IF_ERROR(section(
      "jurisdiction", [&](TableReader& r) { return ReadJurisdiction(r, &c->jurisdiction); }));
  DUBAN_RETURN_IF_ERROR(
      section("log", [&](TableReader& r) { return r.Str("level", &c->log_level); }));
  DUBAN_RETURN_IF_ERROR(
      section("demo", [&](TableReader& r) { return r.Str("file", &c->demo_file); }));
  return top.Finish();
}

// [[unit]] {id, name} and [[rule]] {name, categories, keywords, lead, co}.
Status ReadUnitsFile(const std::string& path, const toml::table& root, Config* c) {
  TableReader top(path, "", root);
  DUBAN_ASSIGN_OR_RETURN(std::vector<const toml::table*> units, top.Tables("unit"));
  DUBAN_ASSIGN_OR_RETURN(std::vector<const toml::table*> rules, top.Tables("rule"));
  DUBAN_RETURN_IF_ERROR(top.Finish());
  for (const toml::table* t : units) {
    TableReader r(path, "unit", *t);
    Unit u;
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("id", &u.id));
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("name", &u.name));
    DUBAN_RETURN_IF_ERROR(r.Finish());
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

Config DefaultConfig() { return Config{}; }

Status Validate(const Config& c) {
  const std::string where = c.source.empty() ? "" : c.source + ": ";
  auto non_empty = [&](const char* key, const std::string& v) -> Status {
    if (!v.empty()) return Status::Ok();
    return InvalidArgument(where + key + " must not be empty");
  };
  auto at_least = [&](const char* key, std::int64_t v, const char* other, std::int64_t min) {
    if (v >= min) return Status::Ok();
    return InvalidArgument(where + key + " (" + std::to_string(v) + ") must not be below " + other +
                           " (" + std::to_string(min) + ")");
  };
  const BrokerConfig& b = c.broker;
  DUBAN_RETURN_IF_ERROR(non_empty("broker.bind", b.bind));
  DUBAN_RETURN_IF_ERROR(CheckPositive(where, "broker", b, kBrokerInts));
  DUBAN_RETURN_IF_ERROR(at_least("broker.backoff_max_ms", b.backoff_max_ms,
                                 "broker.backoff_base_ms", b.backoff_base_ms));

  const RedisConfig& r = c.redis;
  if (r.url.rfind("redis://", 0) != 0 && r.url.rfind("unix://", 0) != 0) {
    return InvalidArgument(where + "redis.url '" + r.url + "' must start with redis:// or unix://");
  }
  DUBAN_RETURN_IF_ERROR(non_empty("redis.key_prefix", r.key_prefix));
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

  static constexpr std::array<std::string_view, 6> kLevels = {"trace", "debug", "info",
                                                              "warn",  "error", "off"};
  if (std::find(kLevels.begin(), kLevels.end(), c.log_level) == kLevels.end()) {
    return InvalidArgument(where + "log.level '" + c.log_level +
                           "' must be one of trace, debug, info, warn, error, off");
  }
  return CheckUnitsAndRules(c.units, c.rules, where);
}

Result<Config> LoadConfig(const std::string& path) {
  Config c = DefaultConfig();
  c.source = path;
  DUBAN_ASSIGN_OR_RETURN(toml::table root, ParseFile(path));
  std::string units_file;
  DUBAN_RETURN_IF_ERROR(ReadMain(path, root, &c, &units_file));
  c.demo_file = ResolveBeside(path, c.demo_file);
  if (!units_file.empty()) {
    const std::string units_path = ResolveBeside(path, units_file);
    DUBAN_ASSIGN_OR_RETURN(toml::table units_root, ParseFile(units_path));
    DUBAN_RETURN_IF_ERROR(ReadUnitsFile(units_path, units_root, &c));
    // Checked here first so that unit and rule errors name the file they are in.
    DUBAN_RETURN_IF_ERROR(CheckUnitsAndRules(c.units, c.rules, units_path + ": "));
  }
  DUBAN_RETURN_IF_ERROR(Validate(c));
  return c;
}

}  // namespace duban::config
