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
#include "config/config_keys.h"
#include "config/notices_default.h"
#include "config/table_reader.h"

namespace duban::config {
namespace {
using namespace internal;


template <typename T, std::size_t S, std::size_t I>
Status ReadKeys(TableReader& r, T* out, const std::array<StrKey<T>, S>& strs,
                const std::array<IntKey<T>, I>& ints) {
  for (const auto& [key, member] : strs) DUBAN_RETURN_IF_ERROR(r.Str(key, &(out->*member)));
  for (const auto& [key, member] : ints) DUBAN_RETURN_IF_ERROR(r.Int(key, &(out->*member)));
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
  DUBAN_RETURN_IF_ERROR(section(
      "delivery", [&](TableReader& r) { return ReadDelivery(path, r, &c->delivery); }));
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
  DUBAN_ASSIGN_OR_RETURN(std::vector<const toml::table*> stations, top.Tables("station"));
  DUBAN_RETURN_IF_ERROR(top.Finish());
  for (const toml::table* t : stations) {
    TableReader r(path, "station", *t);
    Station s;
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("id", &s.id));
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("name", &s.name));
    DUBAN_RETURN_IF_ERROR(r.StrList("deputies", &s.deputies));
    DUBAN_RETURN_IF_ERROR(r.Finish());
    c->stations.push_back(std::move(s));
  }
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

NoticeTexts NoticeTextsOf(const Config& c) {
  UnitNames names;
  for (const Unit& u : c.units) names[u.id] = u.name;
  return NoticeTexts(c.notices, std::move(names));
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
    DUBAN_RETURN_IF_ERROR(CheckStations(c.stations, units_path + ": "));
  }
  DUBAN_RETURN_IF_ERROR(Validate(c));
  return c;
}

}  // namespace duban::config
