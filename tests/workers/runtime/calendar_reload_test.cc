// CalendarFollowingRole: a worker follows its calendar files without a restart. When a year's
// file is added to the config (or a file changes), the role is made anew with the new calendar
// before the next task; a broken file keeps the role as it was, counted. Issue 9, hole 9.
#include "workers/runtime/calendar_reload.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace duban::workers {
namespace {

namespace fs = std::filesystem;

// A role that answers with the calendar years it was made with, in its note.
class YearsRole final : public Role {
 public:
  explicit YearsRole(std::string years) : years_(std::move(years)) {}
  Result<protocol::Outcome> Handle(const protocol::TaskMessage&) override {
    protocol::Outcome o;
    o.note = years_;
    return o;
  }

 private:
  std::string years_;
};

Result<std::unique_ptr<Role>> MakeYearsRole(const config::Config& c, const Clock&) {
  std::string years;
  for (const auto& y : c.calendar) years += (years.empty() ? "" : ",") + std::to_string(y.year);
  return std::unique_ptr<Role>(new YearsRole(years));
}

class CalendarReloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("duban_calendar_reload_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    Write("2026.toml", Year(2026));
    Write("duban.toml", "[jurisdiction]\ncalendar_files = [\"2026.toml\"]\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string Year(int y) {
    const std::string n = std::to_string(y);
    return "year = " + n + "\nsource = \"test notice " + n + "\"\n[[holiday]]\nname = \"元旦\"\n" +
           "dates = [\"" + n + "-01-01\"]\n";
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::string Path() const { return (dir_ / "duban.toml").string(); }
  // The note of one task: the years the current role was made with.
  static std::string Years(Role& role) {
    auto o = role.Handle(protocol::TaskMessage{});
    EXPECT_TRUE(o.ok()) << o.status().ToString();
    return o.ok() ? o->note : "";
  }

  fs::path dir_;
  SystemClock clock_;
  Counters counters_;
};

TEST_F(CalendarReloadTest, ANewYearFileReachesTheRoleBeforeTheNextTask) {
  auto cfg = config::LoadConfig(Path());
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  auto role = CalendarFollowingRole::Create(&MakeYearsRole, *cfg, Path(), clock_, counters_);
  ASSERT_TRUE(role.ok()) << role.status().ToString();
  EXPECT_EQ(Years(**role), "2026");
  EXPECT_EQ(Years(**role), "2026");  // nothing changed: the same role
  EXPECT_EQ(counters_.Get("worker.calendar_reloads"), 0u);

  Write("2027.toml", Year(2027));
  Write("duban.toml", "[jurisdiction]\ncalendar_files = [\"2026.toml\", \"2027.toml\"]\n"
                      "# a longer file, so its size changes whatever the clock's resolution\n");
  EXPECT_EQ(Years(**role), "2026,2027");
  EXPECT_EQ(counters_.Get("worker.calendar_reloads"), 1u);

  // A calendar file corrected in place (same list) is read again too.
  Write("2027.toml", Year(2027) + "# corrected\n");
  EXPECT_EQ(Years(**role), "2026,2027");
  EXPECT_EQ(counters_.Get("worker.calendar_reloads"), 2u);
}

TEST_F(CalendarReloadTest, ABrokenFileKeepsTheCalendarInUse) {
  auto cfg = config::LoadConfig(Path());
  ASSERT_TRUE(cfg.ok());
  auto role = CalendarFollowingRole::Create(&MakeYearsRole, *cfg, Path(), clock_, counters_);
  ASSERT_TRUE(role.ok());
  Write("2026.toml", "year = 2026\n[[holiday]]\nname = \"x\"\ndates = [\"2026-02-30\"]\n");
  EXPECT_EQ(Years(**role), "2026");
  EXPECT_EQ(counters_.Get("worker.calendar_reload_errors"), 1u);
  EXPECT_EQ(Years(**role), "2026");  // reported once per change, not on every task
  EXPECT_EQ(counters_.Get("worker.calendar_reload_errors"), 1u);
}

}  // namespace
}  // namespace duban::workers
