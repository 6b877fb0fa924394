// The config loader: the shipped files load and validate; broken files are refused with an
// InvalidArgument that names the file, the key (or line and column) and the problem.
#include "config/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace duban::config {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;

const std::string kSourceDir = DUBAN_SOURCE_DIR;

constexpr char kUnits[] = R"(
[[unit]]
id = "jyj"
name = "市教育局"

[[unit]]
id = "czj"
name = "市财政局"

[[rule]]
name = "教育"
categories = ["教育"]
keywords = ["学校"]
lead = "jyj"
co = ["czj"]
)";

// A fresh folder per test holding duban.toml (and units.toml unless told otherwise).
class ConfigFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("duban_config_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }
  // Writes the main file (with units_file = "units.toml" first) and the units file.
  Result<Config> Load(const std::string& main_body, const std::string& units = kUnits) {
    Write("units.toml", units);
    return LoadConfig(Write("duban.toml", "units_file = \"units.toml\"\n" + main_body));
  }
  static void ExpectInvalid(const Result<Config>& r,
                            const ::testing::Matcher<const std::string&>& message) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
    EXPECT_THAT(r.status().message(), message);
  }

  fs::path dir_;
};

TEST(ShippedConfigTest, LoadsAndValidates) {
  const std::string path = kSourceDir + "/config/duban.toml";
  Result<Config> c = LoadConfig(path);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(Validate(*c).ok());
  EXPECT_EQ(c->source, path);
  EXPECT_GE(c->units.size(), 28u);
  EXPECT_LE(c->units.size(), 40u);
  EXPECT_GE(c->rules.size(), 20u);
  EXPECT_EQ(c->redis.url, "redis://127.0.0.1:6390/0");
  EXPECT_EQ(c->broker.bind, "tcp://127.0.0.1:5555");
  EXPECT_EQ(c->worker.connect, "tcp://127.0.0.1:5555");
  EXPECT_EQ(c->jurisdiction.timezone, "Asia/Shanghai");
  EXPECT_EQ(c->jurisdiction.utc_offset_minutes, 480);
  EXPECT_EQ(c->log_level, "info");
  EXPECT_EQ(fs::path(c->demo_file), fs::path(kSourceDir) / "config" / "demo" / "suggestions.json");
  EXPECT_TRUE(fs::exists(c->demo_file));
  bool has_education = false;
  for (const Unit& u : c->units) has_education |= (u.id == "jyj" && u.name == "市教育局");
  EXPECT_TRUE(has_education);
  // The working calendar: every year shipped, resolved beside duban.toml.
  ASSERT_EQ(c->jurisdiction.calendar_files.size(), 1u);
  EXPECT_EQ(fs::path(c->jurisdiction.calendar_files[0]),
            fs::path(kSourceDir) / "config" / "calendar" / "2026.toml");
  ASSERT_EQ(c->calendar.size(), 1u);
  EXPECT_EQ(c->calendar[0].year, 2026);
  EXPECT_EQ(c->calendar[0].holidays.size(), 7u);
}

// duban.toml documents the defaults of config.h; they must not drift apart.
TEST(ShippedConfigTest, RepeatsTheBuiltInDefaults) {
  Result<Config> c = LoadConfig(kSourceDir + "/config/duban.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const Config d = DefaultConfig();
  const BrokerConfig &b = c->broker, &db = d.broker;
  EXPECT_EQ(b.bind, db.bind);
  EXPECT_EQ(b.heartbeat_interval_ms, db.heartbeat_interval_ms);
  EXPECT_EQ(b.heartbeat_liveness, db.heartbeat_liveness);
  EXPECT_EQ(b.lease_ms, db.lease_ms);
  EXPECT_EQ(b.max_attempts, db.max_attempts);
  EXPECT_EQ(b.backoff_base_ms, db.backoff_base_ms);
  EXPECT_EQ(b.backoff_max_ms, db.backoff_max_ms);
  EXPECT_EQ(b.max_batch, db.max_batch);
  EXPECT_EQ(b.dead_letter_max, db.dead_letter_max);
  EXPECT_EQ(b.request_id_ttl_s, db.request_id_ttl_s);
  EXPECT_EQ(b.max_message_bytes, db.max_message_bytes);
  EXPECT_EQ(b.dispatch_poll_ms, db.dispatch_poll_ms);
  EXPECT_EQ(c->redis.url, d.redis.url);
  EXPECT_EQ(c->redis.key_prefix, d.redis.key_prefix);
  EXPECT_EQ(c->redis.connect_timeout_ms, d.redis.connect_timeout_ms);
  EXPECT_EQ(c->redis.reconnect_max_ms, d.redis.reconnect_max_ms);
  EXPECT_EQ(c->worker.heartbeat_interval_ms, d.worker.heartbeat_interval_ms);
  EXPECT_EQ(c->worker.heartbeat_liveness, d.worker.heartbeat_liveness);
  EXPECT_EQ(c->worker.reconnect_initial_ms, d.worker.reconnect_initial_ms);
  EXPECT_EQ(c->worker.reconnect_max_ms, d.worker.reconnect_max_ms);
  EXPECT_EQ(c->jurisdiction.name, d.jurisdiction.name);
  EXPECT_EQ(c->jurisdiction.reply_months, d.jurisdiction.reply_months);
  EXPECT_EQ(c->jurisdiction.extension_max_months, d.jurisdiction.extension_max_months);
  EXPECT_EQ(c->jurisdiction.reply_reminder_days, d.jurisdiction.reply_reminder_days);
  EXPECT_EQ(c->jurisdiction.agenda_after_overdue_days, d.jurisdiction.agenda_after_overdue_days);
  EXPECT_EQ(c->jurisdiction.return_window_working_days,
            d.jurisdiction.return_window_working_days);
  EXPECT_EQ(c->jurisdiction.work_start_minute, d.jurisdiction.work_start_minute);
  EXPECT_EQ(c->jurisdiction.work_end_minute, d.jurisdiction.work_end_minute);
}

TEST(DefaultConfigTest, IsValidWithoutUnits) {
  Config c = DefaultConfig();
  EXPECT_TRUE(Validate(c).ok()) << Validate(c).ToString();
  EXPECT_TRUE(c.units.empty());
  EXPECT_TRUE(c.rules.empty());
  // No calendar unless one is named: working-day deadlines then fail rather than guess.
  EXPECT_TRUE(c.jurisdiction.calendar_files.empty());
  EXPECT_TRUE(c.calendar.empty());
}

TEST(ValidateTest, RefusesACalendarYearGivenTwice) {
  Config c = DefaultConfig();
  Date jan1{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{1}};
  c.calendar.push_back(CalendarYear{2026, "a", "a.toml", {{"元旦", {jan1}}}, {}});
  EXPECT_TRUE(Validate(c).ok()) << Validate(c).ToString();
  c.calendar.push_back(CalendarYear{2026, "b", "b.toml", {{"元旦", {jan1}}}, {}});
  Status s = Validate(c);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("a.toml"), HasSubstr("b.toml")));
}

TEST(ValidateTest, RefusesAnOffsetThatDisagreesWithTheTimeZone) {
  Config c = DefaultConfig();
  c.jurisdiction.utc_offset_minutes = 0;  // still "Asia/Shanghai"
  Status s = Validate(c);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("utc_offset_minutes"));
}

TEST_F(ConfigFilesTest, MissingKeysKeepTheirDefaults) {
  Result<Config> c = Load("[broker]\nlease_ms = 45000\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->broker.lease_ms, 45000);
  EXPECT_EQ(c->broker.max_attempts, DefaultConfig().broker.max_attempts);
  EXPECT_EQ(c->units.size(), 2u);
  ASSERT_EQ(c->rules.size(), 1u);
  EXPECT_EQ(c->rules[0].co, std::vector<std::string>{"czj"});
  EXPECT_EQ(c->demo_file, "");
}

TEST_F(ConfigFilesTest, SyntaxErrorGivesFileLineAndColumn) {
  ExpectInvalid(Load("[broker]\nlease_ms = = 5\n"),
                AllOf(HasSubstr("duban.toml:3:"), HasSubstr("syntax error")));
}

TEST_F(ConfigFilesTest, UnknownKeyIsNamed) {
  ExpectInvalid(Load("[broker]\nlease = 30000\n"),
                AllOf(HasSubstr("duban.toml"), HasSubstr("unknown key 'broker.lease'")));
}

TEST_F(ConfigFilesTest, UnknownSectionIsNamed) {
  ExpectInvalid(Load("[brokr]\nlease_ms = 30000\n"), HasSubstr("unknown section [brokr]"));
}

TEST_F(ConfigFilesTest, UnknownTopLevelKeyIsNamed) {
  ExpectInvalid(Load("unit_file = \"x.toml\"\n"), HasSubstr("unknown key 'unit_file'"));
}

TEST_F(ConfigFilesTest, WrongTypeIsNamed) {
  ExpectInvalid(Load("[broker]\nlease_ms = \"30s\"\n"),
                AllOf(HasSubstr("duban.toml:3:"),
                      HasSubstr("'broker.lease_ms' must be an integer, got string")));
  ExpectInvalid(Load("[redis]\nurl = 6390\n"), HasSubstr("'redis.url' must be a string"));
  ExpectInvalid(Load("broker = 1\n"), HasSubstr("'broker' must be a table"));
}

TEST_F(ConfigFilesTest, NonPositiveIntervalsAreRefused) {
  ExpectInvalid(Load("[broker]\nheartbeat_interval_ms = -2500\n"),
                HasSubstr("broker.heartbeat_interval_ms must be positive (got -2500)"));
  ExpectInvalid(Load("[worker]\nreconnect_initial_ms = 0\n"),
                HasSubstr("worker.reconnect_initial_ms must be positive"));
  ExpectInvalid(Load("[jurisdiction]\nreply_months = 0\n"),
                HasSubstr("jurisdiction.reply_months must be positive"));
}

TEST_F(ConfigFilesTest, InconsistentLimitsAreRefused) {
  ExpectInvalid(Load("[broker]\nbackoff_base_ms = 5000\nbackoff_max_ms = 1000\n"),
                HasSubstr("broker.backoff_max_ms"));
  ExpectInvalid(Load("[redis]\nurl = \"http://localhost\"\n"), HasSubstr("redis.url"));
  ExpectInvalid(Load("[log]\nlevel = \"loud\"\n"), HasSubstr("log.level 'loud'"));
}

// The key prefix becomes the hash tag {NAME} of every key and the upgrade's SCAN pattern NAME:*:
// a brace, a colon, a glob character or an empty name would change what those mean.
TEST_F(ConfigFilesTest, AKeyPrefixThatIsNotAPlainNameIsRefused) {
  for (const char* bad : {"{duban}", "a:b", "du*", "", "a b"}) {
    ExpectInvalid(Load(std::string("[redis]\nkey_prefix = \"") + bad + "\"\n"),
                  HasSubstr("redis.key_prefix '" + std::string(bad) + "' must be 1 to 64"));
  }
  auto ok = Load("[redis]\nkey_prefix = \"city-2027_a.b\"\n");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->redis.key_prefix, "city-2027_a.b");
}

TEST_F(ConfigFilesTest, RuleWithUnknownUnitNamesTheUnitsFile) {
  std::string units = std::string(kUnits) + R"(
[[rule]]
name = "交通"
categories = ["交通"]
lead = "jtj"
)";
  ExpectInvalid(Load("", units), AllOf(HasSubstr("units.toml"), HasSubstr("rule '交通'"),
                                       HasSubstr("unknown unit 'jtj'")));
}

TEST_F(ConfigFilesTest, CoUnitMustExistToo) {
  std::string units = std::string(kUnits) + R"(
[[rule]]
name = "财政"
keywords = ["预算"]
lead = "czj"
co = ["sjj"]
)";
  ExpectInvalid(Load("", units), HasSubstr("unknown unit 'sjj' in co"));
}

TEST_F(ConfigFilesTest, DuplicateUnitIdsAreRefused) {
  std::string units = std::string(kUnits) + "[[unit]]\nid = \"jyj\"\nname = \"又一个教育局\"\n";
  ExpectInvalid(Load("", units), HasSubstr("duplicate unit id 'jyj'"));
}

TEST_F(ConfigFilesTest, EmptyKeywordIsRefused) {
  std::string units = std::string(kUnits) + R"(
[[rule]]
name = "全部"
keywords = [""]
lead = "czj"
)";
  ExpectInvalid(Load("", units), HasSubstr("empty keyword"));
}

TEST_F(ConfigFilesTest, UnknownKeyInUnitsFileIsNamed) {
  std::string units =
      std::string(kUnits) + "[[unit]]\nid = \"gaj\"\nname = \"市公安局\"\nphone = \"110\"\n";
  ExpectInvalid(Load("", units),
                AllOf(HasSubstr("units.toml"), HasSubstr("unknown key 'unit.phone'")));
}

TEST_F(ConfigFilesTest, UnitWithoutNameIsRefused) {
  std::string units = std::string(kUnits) + "[[unit]]\nid = \"gaj\"\n";
  ExpectInvalid(Load("", units),
                AllOf(HasSubstr("units.toml"), HasSubstr("'unit.name' is required")));
}

TEST_F(ConfigFilesTest, MissingFilesAreNamed) {
  ExpectInvalid(LoadConfig((dir_ / "nope.toml").string()), HasSubstr("nope.toml"));
  ExpectInvalid(LoadConfig(Write("duban.toml", "units_file = \"missing.toml\"\n")),
                HasSubstr("missing.toml"));
}

TEST_F(ConfigFilesTest, DemoFileIsResolvedBesideTheMainFile) {
  Result<Config> c = Load("[demo]\nfile = \"demo/s.json\"\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(fs::path(c->demo_file), dir_ / "demo" / "s.json");
}

TEST_F(ConfigFilesTest, TimeZones) {
  struct Case {
    const char* zone;
    std::int64_t offset;
  };
  for (const Case& k : {Case{"Asia/Shanghai", 480}, Case{"Asia/Hong_Kong", 480}, Case{"UTC", 0},
                        Case{"UTC+05:30", 330}, Case{"UTC-03:00", -180}, Case{"UTC+00:00", 0}}) {
    Result<Config> c = Load(std::string("[jurisdiction]\ntimezone = \"") + k.zone + "\"\n");
    ASSERT_TRUE(c.ok()) << k.zone << ": " << c.status().ToString();
    EXPECT_EQ(c->jurisdiction.utc_offset_minutes, k.offset) << k.zone;
  }
  for (const char* bad : {"Europe/Berlin", "UTC+8", "UTC+15:00", "UTC+08:60", "asia/shanghai"}) {
    ExpectInvalid(Load(std::string("[jurisdiction]\ntimezone = \"") + bad + "\"\n"),
                  AllOf(HasSubstr("jurisdiction.timezone"), HasSubstr("Asia/Shanghai")));
  }
}

constexpr char kCalendar2026[] = R"(year = 2026
source = "test"
[[holiday]]
name = "元旦"
dates = ["2026-01-01"]
)";

TEST_F(ConfigFilesTest, CalendarFilesAreResolvedBesideTheMainFileAndLoaded) {
  fs::create_directories(dir_ / "calendar");
  Write("calendar/2026.toml", kCalendar2026);
  Result<Config> c = Load("[jurisdiction]\ncalendar_files = [\"calendar/2026.toml\"]\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->jurisdiction.calendar_files.size(), 1u);
  EXPECT_EQ(fs::path(c->jurisdiction.calendar_files[0]), dir_ / "calendar" / "2026.toml");
  ASSERT_EQ(c->calendar.size(), 1u);
  EXPECT_EQ(c->calendar[0].year, 2026);
  EXPECT_EQ(c->calendar[0].file, (dir_ / "calendar" / "2026.toml").string());
}

TEST_F(ConfigFilesTest, CalendarFileErrorsStopTheLoad) {
  ExpectInvalid(Load("[jurisdiction]\ncalendar_files = [\"calendar/2027.toml\"]\n"),
                AllOf(HasSubstr("calendar/2027.toml"), HasSubstr("cannot read")));
  Write("bad.toml", std::string(kCalendar2026) +
                        "[[workday]]\nname = \"x\"\n"
                        "dates = [\"2026-01-04\", \"2026-01-03\"]\n"
                        "[[holiday]]\nname = \"y\"\n"
                        "dates = [\"2026-01-03\"]\n");
  ExpectInvalid(Load("[jurisdiction]\ncalendar_files = [\"bad.toml\"]\n"),
                AllOf(HasSubstr("bad.toml:8:24"), HasSubstr("2026-01-03 is both a holiday"),
                      HasSubstr("bad.toml:11:10")));
  ExpectInvalid(Load("[jurisdiction]\ncalendar_files = [\"\"]\n"),
                HasSubstr("'jurisdiction.calendar_files' must not hold an empty path"));
  ExpectInvalid(Load("[jurisdiction]\ncalendar_files = \"2026.toml\"\n"),
                HasSubstr("'jurisdiction.calendar_files' must be an array of strings"));
}

TEST_F(ConfigFilesTest, TwoCalendarFilesForTheSameYearAreRefused) {
  Write("2026.toml", kCalendar2026);
  Write("copy.toml", kCalendar2026);
  ExpectInvalid(
      Load("[jurisdiction]\ncalendar_files = [\"2026.toml\", \"copy.toml\"]\n"),
      AllOf(HasSubstr("2026 is given twice"), HasSubstr("2026.toml"), HasSubstr("copy.toml")));
}

TEST_F(ConfigFilesTest, OffsetIsDerivedNotWritten) {
  ExpectInvalid(Load("[jurisdiction]\nutc_offset_minutes = 480\n"),
                HasSubstr("derived from jurisdiction.timezone"));
}

TEST_F(ConfigFilesTest, ReminderFiguresAndWorkingHours) {
  Result<Config> c = Load(
      "[jurisdiction]\nreply_reminder_days = [20, 3]\nagenda_after_overdue_days = 10\n"
      "work_start_minute = 510\nwork_end_minute = 1050\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->jurisdiction.reply_reminder_days, (std::vector<std::int64_t>{20, 3}));
  EXPECT_EQ(c->jurisdiction.agenda_after_overdue_days, 10);
  EXPECT_EQ(c->jurisdiction.work_start_minute, 510);
  EXPECT_EQ(c->jurisdiction.work_end_minute, 1050);
  Result<Config> none = Load("[jurisdiction]\nreply_reminder_days = []\n");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->jurisdiction.reply_reminder_days.empty());
}

TEST_F(ConfigFilesTest, BadReminderFiguresAndWorkingHoursAreRefused) {
  ExpectInvalid(
      Load("[jurisdiction]\nreply_reminder_days = [30, \"15\"]\n"),
      HasSubstr("'jurisdiction.reply_reminder_days' must hold only integers, found string"));
  ExpectInvalid(Load("[jurisdiction]\nreply_reminder_days = 30\n"),
                HasSubstr("'jurisdiction.reply_reminder_days' must be an array"));
  ExpectInvalid(Load("[jurisdiction]\nreply_reminder_days = [30, 0]\n"),
                HasSubstr("jurisdiction.reply_reminder_days: 0 must be between 1 and 366"));
  ExpectInvalid(Load("[jurisdiction]\nreply_reminder_days = [5, 1, 5]\n"),
                HasSubstr("jurisdiction.reply_reminder_days lists 5 twice"));
  ExpectInvalid(Load("[jurisdiction]\nreturn_window_working_days = 0\n"),
                HasSubstr("jurisdiction.return_window_working_days must be positive"));
  ExpectInvalid(Load("[jurisdiction]\nagenda_after_overdue_days = 0\n"),
                HasSubstr("jurisdiction.agenda_after_overdue_days must be positive"));
  ExpectInvalid(Load("[jurisdiction]\nagenda_after_overdue_days = 400\n"),
                HasSubstr("jurisdiction.agenda_after_overdue_days must be at most 366"));
  for (const char* hours : {"work_start_minute = 1080\nwork_end_minute = 540\n",
                            "work_start_minute = 540\nwork_end_minute = 540\n",
                            "work_start_minute = -1\n", "work_end_minute = 1441\n"}) {
    ExpectInvalid(Load(std::string("[jurisdiction]\n") + hours),
                  HasSubstr("must satisfy 0 <= start < end <= 1440"));
  }
}

// ---- the wording of the notices ([notices], config/notices.toml) ---------------------------

TEST(NoticeWordingTest, TheCompiledInWordingCoversTheCatalogExactly) {
  const NoticeTemplates& d = DefaultNotices();
  for (const NoticeTemplateInfo& t : NoticeCatalog()) {
    auto it = d.find(t.name);
    ASSERT_NE(it, d.end()) << t.name << " has no wording in config/notices.toml";
    EXPECT_TRUE(CheckNoticeTemplate(t.name, it->second).ok()) << t.name;
  }
  EXPECT_EQ(d.size(), NoticeCatalog().size()) << "config/notices.toml has a template no code uses";
  EXPECT_EQ(Config{}.notices, d) << "every Config starts from the compiled-in wording";
}

TEST_F(ConfigFilesTest, NoticesReplaceTheWordingTheyName) {
  Result<Config> c = Load("[notices]\nreassigned = \"【交办】请办理 {code}（{title}）。\"\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->notices.at("reassigned"), "【交办】请办理 {code}（{title}）。");
  EXPECT_EQ(c->notices.at("return_refused"), DefaultNotices().at("return_refused"))
      << "the others keep the default";
}

TEST_F(ConfigFilesTest, ANoticeTemplateWithAValueItsNoticeDoesNotGiveIsRefused) {
  ExpectInvalid(Load("[notices]\nreassigned = \"【交办】{code} {unit}\"\n"),
                AllOf(HasSubstr("duban.toml"), HasSubstr("notices.reassigned"),
                      HasSubstr("{unit}")));
  ExpectInvalid(Load("[notices]\nreassigned = \"【交办】{code\"\n"), HasSubstr("lone brace"));
  ExpectInvalid(Load("[notices]\nno_such_notice = \"x\"\n"),
                HasSubstr("notices.no_such_notice is not a notice template"));
  ExpectInvalid(Load("[notices]\nreassigned = 5\n"), HasSubstr("must be a string"));
}

}  // namespace
// Found in review: a heartbeat interval near half the lease let the reaper take a task back from
// a busy worker whose renewing heartbeat arrived just after its lease ended.
TEST_F(ConfigFilesTest, HeartbeatsMustFitFourTimesInALease) {
  EXPECT_FALSE(Load("[broker]\nlease_ms = 5000\n").ok()) << "the default heartbeat is 2500";
  EXPECT_TRUE(Load("[broker]\nlease_ms = 10000\n").ok());
  EXPECT_FALSE(Load("[broker]\nlease_ms = 10000\n[worker]\nheartbeat_interval_ms = 3000\n").ok());
}

}  // namespace duban::config
