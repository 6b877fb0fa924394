// The lines `dubanctl check` and `dubanctl calendar status` print for the working calendar:
// a warning per year whose pending timers assumed Monday to Friday, or that arrived or changed
// since its timers were planned; none when all is well. Issue 9, hole 9.
#include "dubanctl/calendar_replan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace duban::ctl {
namespace {

using ::testing::HasSubstr;

TEST(CalendarWarningsTest, OneLinePerYearThatNeedsAttention) {
  protocol::CalendarReply r;
  r.loaded = {2026};
  r.years = {{2026, true, "notice", 12, 0, false}, {2027, false, "", 4, 4, false}};
  std::vector<std::string> w = CalendarWarnings(r);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_THAT(w[0], HasSubstr("4 pending working-day timers assume 2027 is Monday to Friday"));
  EXPECT_THAT(w[0], HasSubstr("dubanctl calendar replan"));

  r.years[1] = {2027, true, "test", 4, 4, true};  // the file is in, not yet re-planned
  w = CalendarWarnings(r);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_THAT(w[0], HasSubstr("working calendar for 2027 arrived or changed"));

  r.years[1] = {2027, true, "test", 4, 0, false};  // re-planned
  EXPECT_TRUE(CalendarWarnings(r).empty());
  r.years[0].replan_needed = true;  // a corrected year with timers
  EXPECT_EQ(CalendarWarnings(r).size(), 1u);
  r.years[0].suggestions = 0;  // ... and none counted on it: nothing to warn about
  EXPECT_TRUE(CalendarWarnings(r).empty());
}

TEST(CalendarWarningsTest, StatusJsonCarriesTheYearsAndTheWarnings) {
  protocol::CalendarReply r;
  r.loaded = {2026};
  r.years = {{2027, false, "", 1, 1, false}};
  Json j = CalendarStatusJson(r, 480);
  EXPECT_EQ(j["loaded"], Json::array({2026}));
  EXPECT_EQ(j["years"][0]["assumed"], 1);
  EXPECT_EQ(j["warnings"].size(), 1u);
  EXPECT_THAT(j["warnings"][0].get<std::string>(), HasSubstr("1 pending working-day timer assumes 2027"));
}

}  // namespace
}  // namespace duban::ctl
