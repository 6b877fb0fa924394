// Config: the typed settings of every Duban process, loaded from a TOML file (config/duban.toml by
// default) plus the units-and-rules file it names. Code below main() receives these structs, never
// raw keys. Each field's comment gives its default and the trade-off.
//
// Thread rules: plain values; loaded once at start.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/calendar.h"
#include "common/notice_text.h"
#include "common/result.h"
#include "config/committees.h"
#include "config/delivery.h"
#include "config/stations.h"

namespace duban::config {

struct BrokerConfig {
  std::string bind = "tcp://127.0.0.1:5555";  // ROUTER endpoint for clients and workers
  std::int64_t heartbeat_interval_ms = 2500;  // RFC 7 default; lower detects dead workers sooner
  std::int64_t heartbeat_liveness = 3;        // missed heartbeats before a peer counts as dead
  std::int64_t lease_ms = 30000;              // a task not answered in this time is redelivered
  // A busy worker that heartbeats keeps its lease (extended by lease_ms at a time) up to this long
  // after the dispatch; longer work is redelivered. 1 h: no role takes that long; a hung one does.
  std::int64_t max_lease_ms = 3600000;
  std::int64_t max_attempts = 5;              // deliveries before a task goes to the dead letters
  std::int64_t backoff_base_ms = 1000;        // first retry delay; doubles per attempt
  std::int64_t backoff_max_ms = 60000;        // retry delay cap
  std::int64_t max_batch = 512;               // messages gathered per loop turn (one Redis trip)
  std::int64_t dead_letter_max = 100000;      // per service; the oldest are trimmed beyond it
  std::int64_t request_id_ttl_s = 604800;     // how long submit request ids are remembered (7 d)
  std::int64_t reply_record_ttl_s = 86400;    // how long a 7/MDP request id and its reply are kept (1 d)
  std::int64_t max_message_bytes = 1 << 20;   // larger body frames are refused
  std::int64_t dispatch_poll_ms = 50;         // how often idle workers look at shared queues
  // Distinct service names workers may serve and requests may queue for; each costs a queue, a
  // lease set and a look of the reaper every turn, and duban.queues lists them all.
  std::int64_t max_services = 1000;
  // Services of plain 7/MDP workers (not Duban roles) whose requests may queue while no worker
  // serves them, e.g. ["echo"]. Any other request needs a service a worker has served.
  std::vector<std::string> services;
  // Per client connection: requests a second (a token bucket with this burst) and 7/MDP requests
  // in flight; beyond them a request is refused RESOURCE_EXHAUSTED (dubanctl submit keeps 64 in
  // flight, duban-bench 2000).
  std::int64_t client_rate_per_s = 30000;
  std::int64_t client_burst = 60000;
  std::int64_t client_max_inflight = 10000;
};

struct RedisConfig {
  // redis://HOST:PORT[/DB] or unix:///path/to/socket. The embedded default is started by
  // scripts/run on 127.0.0.1:6390 with its data under ./var.
  std::string url = "redis://127.0.0.1:6390/0";
  std::string key_prefix = "duban";      // every key starts with it (several systems per server)
  std::int64_t connect_timeout_ms = 1000;
  std::int64_t reconnect_max_ms = 5000;  // backoff cap while Redis is down
};

struct WorkerConfig {
  std::string connect = "tcp://127.0.0.1:5555";
  std::int64_t heartbeat_interval_ms = 2500;
  std::int64_t heartbeat_liveness = 3;
  std::int64_t reconnect_initial_ms = 250;  // doubles per failed attempt
  std::int64_t reconnect_max_ms = 8000;
};

// The jurisdiction profile: time zone and deadline rules (the table of
// docs/domain.md#every-deadline-and-its-default).
struct Jurisdiction {
  std::string name = "示例市人大常委会";
  std::string timezone = "Asia/Shanghai";  // IANA name; see utc_offset_minutes
  // Offset used for local dates. China has had no daylight saving since 1991, so a fixed offset is
  // exact for Asia/Shanghai; "UTC+HH:MM" names are accepted too.
  std::int64_t utc_offset_minutes = 480;
  std::int64_t reply_months = 3;          // reply (答复) due N calendar months after assignment
  std::int64_t extension_max_months = 6;  // an approved extension never goes beyond this
  // A unit may ask to return its task (退回/调整交办) until this many working days after the
  // assignment date (default 7); later requests are refused. Longer windows let a wrong
  // assignment be fixed later but leave the deputy waiting longer.
  std::int64_t return_window_working_days = 7;
  // The working calendar: one TOML file per year (config/calendar/README.md), relative to the
  // config file; LoadConfig stores them resolved and loads them into Config::calendar. Default
  // none: then every "N working days" deadline fails with FailedPrecondition instead of guessing
  // Monday to Friday; the shipped duban.toml lists calendar/2026.toml. A year must be added
  // before the first deadline that reaches into it (the notice comes out around November).
  std::vector<std::string> calendar_files;
  // Reply reminders (答复提醒) go to the handling units this many days before the reply deadline
  // (default {30, 15, 5, 1}). Each is a distinct 1..366 (it names the reminder's timer); more
  // reminders chase harder but make every one of them easier to ignore.
  std::vector<std::int64_t> reply_reminder_days = {30, 15, 5, 1};
  // The lead unit replies while a co-handler (协办) has not sent its opinion: "warn" (default: the
  // reply is taken, the timeline and the reply say which opinions are missing) or "refuse".
  std::string reply_without_opinions = "warn";
  // A reply this many days overdue goes on the directors' meeting agenda (主任会议议程) (default
  // 15, 1..366). Sooner puts pressure earlier; later spares the meeting replies on the way.
  std::int64_t agenda_after_overdue_days = 15;
  // Working hours, minutes after local midnight (defaults 540 = 09:00 and 1080 = 18:00; 0 <= start
  // < end <= 1440). Reminders go out from the start on working days; one due outside these hours
  // waits for the next working morning rather than reach an empty office at night.
  std::int64_t work_start_minute = 540;
  std::int64_t work_end_minute = 1080;
  // Signing for a task (签收): a unit task still ISSUED is reminded at the start of working hours
  // on the sign_remind_working_days-th working day after the assignment date (default 2), and
  // reported to the staff on the sign_overdue_working_days-th (default 3); 1..366, remind before
  // overdue. The timers are named sign.remind.<unit> and sign.overdue.<unit> whatever the figures
  // (the broker cancels them by name when the unit signs). Fewer days chase harder, and nag units
  // that sign on the day they read their inbox.
  std::int64_t sign_remind_working_days = 2;
  std::int64_t sign_overdue_working_days = 3;
  // A co-handler's opinion (协办意见) to the lead unit is due this many calendar months after the
  // assignment date, clamped like the reply (default 1, 1..reply_months): later leaves the lead
  // less time to use the opinion before its own reply.
  std::int64_t opinion_months = 1;
  // Opinion reminders to a co-handler that has not sent it, this many days before its deadline,
  // at the start of working hours, moved to the next working day (default {7, 2}). At most two
  // distinct values in 1..366: their timers are named opinion.remind7.<unit> (the larger) and
  // opinion.remind2.<unit> (the smaller) whatever the figures, since the broker cancels those
  // names when the opinion is sent. [] sends none.
  std::vector<std::int64_t> opinion_reminder_days = {7, 2};
  // Re-handling (重新办理) after a 不满意 evaluation: a new reply is due this many calendar months
  // after the evaluation date (default 1), reminded this many days before it (default [10, 3];
  // at most two values, timers rehandle.remind.<N>d); when it is overdue the item goes on the
  // directors' meeting agenda.
  std::int64_t rehandling_months = 1;
  std::vector<std::int64_t> rehandling_reminder_days = {10, 3};
  // The deputy's evaluation (测评): reminded on this working day after the reply (default 10),
  // marked overdue for staff on this one (default 20), and then chased with staff every
  // evaluation_chase_working_days working days (default 5) until it comes: silence is never
  // taken as satisfied.
  std::int64_t evaluation_remind_working_days = 10;
  std::int64_t evaluation_overdue_working_days = 20;
  std::int64_t evaluation_chase_working_days = 5;
  // Follow-up (回头看) of B/C replies: each commitment (承诺事项) is reminded this many days before
  // its due date (default 15) and reported to staff when overdue; a look-back round is due every
  // lookback_months calendar months (default 12: "review yearly") until staff close it out.
  std::int64_t commitment_remind_days = 15;
  std::int64_t lookback_months = 12;
  // Staff decide a return or extension request, and assign by hand a suggestion no rule routed,
  // within this many calendar days (default 7); then staff are told, and again every such period
  // until they decide.
  std::int64_t staff_decision_days = 7;
  // A request from the people (社情民意) is acknowledged by its deputy within this many working
  // days of its arrival (default 5); the deputy is reminded one working day before, and staff and
  // the deputy are told when it passes unacknowledged.
  std::int64_t request_ack_working_days = 5;
};

// A result class (答复类别) of the jurisdiction's scheme (A/B/C/D by default:
// docs/domain.md#result-classes-and-satisfaction-levels).
struct ResultClass {
  std::string code;  // "A"
  std::string name;  // "已解决或基本解决"
  // What follows an evaluation of at least 基本满意: "close" (办结) or "follow_up" (回头看).
  std::string after = "close";
  bool needs_commitments = false;  // a reply of this class must list its commitments (承诺事项)
  bool solved = false;             // counts as solved for the solved rate (办成率)
};

// A satisfaction level (满意度) the deputy may give.
struct SatisfactionLevel {
  std::string code;  // "satisfied"
  std::string name;  // "满意"
  bool accepted = true;  // false: dissatisfied (不满意), the item is handled again
};

// The defaults (docs/domain.md#result-classes-and-satisfaction-levels): A close (solved), B
// follow-up with commitments, C follow-up, D close; 满意, 基本满意 accepted, 不满意 not.
std::vector<ResultClass> DefaultResultClasses();
std::vector<SatisfactionLevel> DefaultSatisfactionLevels();

// A named run of dates of one calendar file: a [[holiday]] or a [[workday]] entry.
struct CalendarPeriod {
  std::string name;         // "春节", "春节调休"
  std::vector<Date> dates;  // as listed in the file
};

// One year of the working calendar, as one calendar file gives it (calendar_loader.h). Within a
// file no date appears twice, and every date lies in `year`.
struct CalendarYear {
  int year = 0;
  std::string source;                    // the notice: title, number and date, for people
  std::string file;                      // the file it was read from ("" when built in code)
  std::vector<CalendarPeriod> holidays;  // days off, weekend days inside a holiday block included
  std::vector<CalendarPeriod> workdays;  // make-up working days (调休上班): Saturdays or Sundays
};

struct Unit {
  std::string id;    // short code used everywhere, e.g. "jyj"
  std::string name;  // e.g. "市教育局"
  // Optional: notices for "unit:<id>" are also POSTed here as JSON (http:// only; the webhook
  // role retries with backoff and dead-letters after broker.max_attempts). Default none.
  std::string webhook;
};

// A routing rule: a suggestion whose category is one of `categories`, or whose title, content or
// keywords contain one of `keywords`, goes to `lead` with `co` as co-handlers. Matching runs in two
// passes, each in file order: first by category, then by keyword; the first match wins.
struct RoutingRule {
  std::string name;
  std::vector<std::string> categories;
  std::vector<std::string> keywords;
  std::string lead;
  std::vector<std::string> co;
};

// The directors' meetings (主任会议): the dates known when the file is written. Staff add and
// remove further dates at run time (duban.meeting, kept in Redis); the next meeting is the first
// date of both on or after today. Default none (then only staff-set dates count).
struct Meetings {
  std::vector<Date> dates;  // ascending, each once
};

// Hot and difficult items (热点难点): the rules that propose candidates for staff to mark
// (duban.hot list). Higher figures propose fewer, surer candidates; lower ones more to sift.
struct HotRules {
  // A suggestion with at least this many co-signing deputies (联名) is proposed (default 10).
  std::int64_t co_signers_min = 10;
  // At least this many suggestions of one session on one topic (the same category and a shared
  // keyword) are each proposed (default 5).
  std::int64_t same_topic_min = 5;
  // The rules read the newest this many suggestions, one scan per `dubanctl hot list` (default
  // 5000, 1..100000): a city's several years; a national session needs a topic index instead.
  std::int64_t scan_limit = 5000;
};

// ---- [monitor]: duban-monitor's staff accounts ----------------------------------------------
// Read only by duban-monitor (monitor/staff_login.h). Staff sign in with these when the monitor
// listens on an address other than loopback (or with --require-login); docs/monitoring.md#access.
struct MonitorAccount {
  std::string name;           // the login name, 1..64 of [A-Za-z0-9._-]
  std::string password_hash;  // "$argon2id$...", from `duban-monitor --hash-password`
};
struct MonitorConfig {
  // [[monitor.account]]: default none, and then the monitor refuses to listen on a non-loopback
  // address. Each name once. Never a plain password in the file: only the argon2id hash.
  std::vector<MonitorAccount> accounts;
};

// [security]: keys and identities (CurveZMQ; docs/security.md). Without `keys` the broker
// authenticates nobody and binds loopback addresses only.
struct SecurityConfig {
  std::string keys;         // the key registry (config/key_registry.h); relative to this file
  std::string server_key;   // the broker's own key file, with its secret; relative to this file
  std::string public_bind;  // an endpoint without keys that serves duban.status only ("" = none)
  // Signed checkpoints (broker/checkpointer.h): both or neither; relative to this file.
  std::string checkpoint_key;   // the Ed25519 secret key file (dubanctl keys checkpoint)
  std::string checkpoint_file;  // the append-only file of checkpoints, outside Redis
  std::int64_t checkpoint_interval_s = 300;  // 1..86 400
};

// The default wording of every notice: config/notices.toml as compiled in (NoticeTemplates of
// common/notice_text.h, by template name).
const NoticeTemplates& DefaultNotices();

struct Config {
  BrokerConfig broker;
  RedisConfig redis;
  WorkerConfig worker;
  Jurisdiction jurisdiction;
  std::vector<Unit> units;
  std::vector<RoutingRule> rules;
  std::vector<Committee> committees;  // [[committee]] of the units file (config/committees.h)
  std::vector<Station> stations;      // [[station]] of the units file (config/stations.h)
  std::vector<CalendarYear> calendar;  // one per jurisdiction.calendar_files entry, in that order
  // [[result_class]] and [[satisfaction]] of the main file; the defaults when it lists none.
  std::vector<ResultClass> result_classes = DefaultResultClasses();
  std::vector<SatisfactionLevel> satisfaction_levels = DefaultSatisfactionLevels();
  Meetings meetings;
  HotRules hot;
  MonitorConfig monitor;  // [monitor]
  DeliveryConfig delivery;  // [delivery]: mail and SMS, the contact book (config/delivery.h)
  SecurityConfig security;  // [security]
  // The wording of the notices ([notices]: any entry replaces the default of that name).
  NoticeTemplates notices = DefaultNotices();
  std::string log_level = "info";
  std::string demo_file;  // demo suggestions (JSON), for scripts/run
  std::string source;     // the file this was loaded from, for messages
};

// Loads `path`, the units file and the calendar files it names (relative paths are relative to
// `path`'s folder; calendar_loader.h lists the calendar files' errors).
// InvalidArgument naming the file, the key and the problem for: unreadable file, TOML syntax error
// (with line and column), wrong type, unknown key, out-of-range value, a rule naming an unknown
// unit, duplicate unit ids, a calendar file that is wrong or gives a year another one gives too.
Result<Config> LoadConfig(const std::string& path);

// The notice texts of a config: its templates, and its units' names for {unit}.
NoticeTexts NoticeTextsOf(const Config& c);

// The built-in defaults (no units, no rules, no calendar); what LoadConfig starts from.
Config DefaultConfig();

// Checks cross-field rules (positive intervals, units referenced by rules exist, each calendar
// year given once and consistent...).
Status Validate(const Config& c);

}  // namespace duban::config
