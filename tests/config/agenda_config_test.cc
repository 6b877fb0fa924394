// The [meetings] and [hot] sections of duban.toml: meeting dates of the directors' meeting
// (主任会议) are read strictly and kept ascending; the hot-item rule figures are positive and
// bounded.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include "config/config.h"

namespace duban::config {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class AgendaConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() / ("duban_agenda_config_test_" + std::to_string(::getpid()) +
                                        "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Result<Config> Load(const std::string& body) {
    fs::path p = dir_ / "duban.toml";
    std::ofstream(p) << body;
    return LoadConfig(p.string());
  }
  static void ExpectInvalid(const Result<Config>& r, const std::string& part) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
    EXPECT_THAT(r.status().message(), HasSubstr(part));
  }

  fs::path dir_;
};

TEST_F(AgendaConfigTest, DefaultsHaveNoMeetingsAndTheDocumentedFigures) {
  Result<Config> c = Load("");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->meetings.dates.empty());
  EXPECT_EQ(c->hot.co_signers_min, 10);
  EXPECT_EQ(c->hot.same_topic_min, 5);
  EXPECT_EQ(c->hot.scan_limit, 5000);
}

TEST_F(AgendaConfigTest, ShippedFileRepeatsTheDefaults) {
  Result<Config> c = LoadConfig(std::string(DUBAN_SOURCE_DIR) + "/config/duban.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const Config d = DefaultConfig();
  EXPECT_EQ(c->meetings.dates, d.meetings.dates);
  EXPECT_EQ(c->hot.co_signers_min, d.hot.co_signers_min);
  EXPECT_EQ(c->hot.same_topic_min, d.hot.same_topic_min);
  EXPECT_EQ(c->hot.scan_limit, d.hot.scan_limit);
}

TEST_F(AgendaConfigTest, MeetingDatesAreReadAndSorted) {
  Result<Config> c = Load(
      "[meetings]\ndates = [\"2026-07-15\", \"2026-06-10\"]\n"
      "[hot]\nco_signers_min = 12\nsame_topic_min = 3\nscan_limit = 200\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->meetings.dates.size(), 2u);
  EXPECT_EQ(FormatDate(c->meetings.dates[0]), "2026-06-10");
  EXPECT_EQ(FormatDate(c->meetings.dates[1]), "2026-07-15");
  EXPECT_EQ(c->hot.co_signers_min, 12);
  EXPECT_EQ(c->hot.same_topic_min, 3);
  EXPECT_EQ(c->hot.scan_limit, 200);
}

TEST_F(AgendaConfigTest, RefusesBadMeetingDates) {
  ExpectInvalid(Load("[meetings]\ndates = [\"2026-13-01\"]\n"), "is not a date YYYY-MM-DD");
  ExpectInvalid(Load("[meetings]\ndates = [\"2026-06-10\", \"2026-06-10\"]\n"),
                "lists 2026-06-10 twice");
  ExpectInvalid(Load("[meetings]\ndates = [20260610]\n"), "dates");
  ExpectInvalid(Load("[meetings]\ndate = [\"2026-06-10\"]\n"), "date");  // a typo: unknown key
}

TEST_F(AgendaConfigTest, RefusesBadHotFigures) {
  ExpectInvalid(Load("[hot]\nco_signers_min = 0\n"), "hot.co_signers_min must be positive");
  ExpectInvalid(Load("[hot]\nsame_topic_min = -1\n"), "hot.same_topic_min must be positive");
  ExpectInvalid(Load("[hot]\nscan_limit = 100001\n"), "hot.scan_limit must be at most 100000");
  ExpectInvalid(Load("[hot]\ncosigners = 3\n"), "cosigners");
}

TEST(AgendaValidateTest, RefusesUnsortedMeetingsBuiltInCode) {
  Config c = DefaultConfig();
  c.meetings.dates = {*ParseDate("2026-07-01"), *ParseDate("2026-06-01")};
  Status s = Validate(c);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("meetings.dates must be ascending"));
}

}  // namespace
}  // namespace duban::config
