// The broker's side of working-day timers (broker/timer_plans.h, broker/loaded_calendar.h,
// services/calendar_api.h's YearsToReplan), as stories: a worker with an old calendar plans a
// reminder, the broker computes it on its own; the 2027 notice arrives and the re-plan moves the
// reminder that fell on a new holiday, keeps the others, sends one whose new date has passed at
// once; a corrected file is found by its fingerprint. Issue 9, hole 9.
#include "broker/timer_plans.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "services/calendar_api.h"
#include "broker/loaded_calendar.h"
#include "common/calendar.h"
#include "common/timer_plan.h"
#include "common/utf8.h"

namespace duban::broker {
namespace {

using services::YearsToReplan;  // the re-plan's choice of years (services/calendar_api.h)

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::int64_t kOffset = 480;

Date D(const char* ymd) { return *ParseDate(ymd); }
Millis At(const char* ymd, int hour) {
  return StartOfLocalDay(D(ymd), kOffset) + hour * 3'600'000LL;
}

config::CalendarYear Year(int y, std::vector<const char*> off, const char* source = "notice") {
  config::CalendarYear out;
  out.year = y;
  out.source = source;
  config::CalendarPeriod p{"假期", {}};
  for (const char* d : off) p.dates.push_back(D(d));
  if (!p.dates.empty()) out.holidays = {p};
  return out;
}

LoadedCalendar Loaded(std::vector<config::CalendarYear> years) {
  auto c = LoadedCalendar::FromYears(years);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(c).value() : LoadedCalendar{};
}

protocol::TimerSpec Reminder(const char* base, Millis due) {
  protocol::TimerSpec t{"reply.remind.1d", "reminder", "remind", due, 0, ""};
  t.plan = protocol::TimerPlan{std::string(kNextWorkingDay), base, 0, 540};
  return t;
}

store::PlannedTimerRow Row(const protocol::TimerSpec& t, Millis due,
                           std::vector<std::int64_t> assumed) {
  store::PlannedTimerRow r;
  r.code = "S2026-00001";
  r.name = t.name;
  r.member = r.code + "|" + t.name;
  r.plan = EncodeStoredPlan(*t.plan);
  r.due = std::to_string(due);
  r.assumed = std::move(assumed);
  return r;
}

// The worker's calendar lacked 2027 and judged Monday 2027-01-04 a working day; the broker has
// the year (01-04 is a holiday in this invented notice) and stores its own reading, with the years.
TEST(TimerPlansTest, TheBrokerComputesPlannedTimersOnItsOwnCalendar) {
  LoadedCalendar cal = Loaded({Year(2026, {"2026-12-31"}), Year(2027, {"2027-01-01", "2027-01-04"})});
  std::vector<protocol::TimerSpec> timers = {Reminder("2027-01-02", At("2027-01-04", 9)),
                                             {"reply.overdue", "escalation", "overdue", 42, 0, ""}};
  Result<int> corrected = ApplyTimerPlans(&timers, cal.calendar(), kOffset);
  ASSERT_TRUE(corrected.ok()) << corrected.status().ToString();
  EXPECT_EQ(*corrected, 1);
  EXPECT_EQ(timers[0].due_ms, At("2027-01-05", 9));
  EXPECT_THAT(timers[0].plan_years, ElementsAre(2027));
  EXPECT_TRUE(timers[0].assumed_years.empty());
  EXPECT_EQ(timers[1].due_ms, 42) << "a timer without a plan is left as sent";
  EXPECT_TRUE(timers[1].plan_years.empty());

  // Without 2027 the broker assumes it too, and says so.
  timers = {Reminder("2027-01-02", At("2027-01-04", 9))};
  corrected = ApplyTimerPlans(&timers, Loaded({Year(2026, {})}).calendar(), kOffset);
  ASSERT_TRUE(corrected.ok());
  EXPECT_EQ(*corrected, 0);
  EXPECT_THAT(timers[0].assumed_years, ElementsAre(2027));
}

TEST(TimerPlansTest, ReplanMovesKeepsReindexesAndFiresPassedDatesAtOnce) {
  const LoadedCalendar with2027 = Loaded({Year(2027, {"2027-01-04"})});
  const protocol::TimerSpec t = Reminder("2027-01-02", At("2027-01-04", 9));
  const Millis now = At("2026-12-20", 10);

  // Planned while 2027 was missing: Monday 01-04. Now a holiday: Tuesday 01-05.
  TimerReplan r = DecideReplan(Row(t, At("2027-01-04", 9), {2027}), 2027, with2027.calendar(),
                               kOffset, now);
  EXPECT_EQ(r.kind, TimerReplan::Kind::kMove);
  EXPECT_EQ(r.old_due_ms, At("2027-01-04", 9));
  EXPECT_EQ(r.new_due_ms, At("2027-01-05", 9));
  EXPECT_THAT(r.old_years, ElementsAre(2027));
  EXPECT_TRUE(r.assumed.empty());
  EXPECT_THAT(ReplanNote(t.name, r, with2027, kOffset),
              HasSubstr("reply.remind.1d re-planned (工作日历更新): 2027-01-04 09:00 → "
                        "2027-01-05 09:00 (next working day from 2027-01-02; working calendar "
                        "2027: notice)"));

  // Same date, but 2027 is no longer assumed: only the indexes change.
  const protocol::TimerSpec t2 = Reminder("2027-01-06", At("2027-01-06", 9));
  r = DecideReplan(Row(t2, At("2027-01-06", 9), {2027}), 2027, with2027.calendar(), kOffset, now);
  EXPECT_EQ(r.kind, TimerReplan::Kind::kReindex);
  // And a second run finds nothing to do.
  r = DecideReplan(Row(t2, At("2027-01-06", 9), {}), 2027, with2027.calendar(), kOffset, now);
  EXPECT_EQ(r.kind, TimerReplan::Kind::kKeep);

  // A timer of the same suggestion that never read 2027 is not this year's business.
  const protocol::TimerSpec sign = Reminder("2026-12-21", At("2026-12-21", 9));
  r = DecideReplan(Row(sign, At("2026-12-21", 9), {}), 2027, with2027.calendar(), kOffset, now);
  EXPECT_EQ(r.kind, TimerReplan::Kind::kOtherYear);

  // The new date has passed (the notice came late): due now, so it fires at once.
  const Millis late = At("2027-01-04", 12);
  r = DecideReplan(Row(t, At("2027-01-05", 9), {}), 2027, Loaded({Year(2027, {})}).calendar(),
                   kOffset, late);
  EXPECT_EQ(r.kind, TimerReplan::Kind::kMove) << "01-04 is a working day again";
  EXPECT_EQ(r.new_due_ms, late);
  // Both dates passed: it fires at the next pump anyway; nothing but the index to write.
  r = DecideReplan(Row(t, At("2027-01-04", 9), {2027}), 2027, with2027.calendar(), kOffset,
                   At("2027-01-06", 12));
  EXPECT_EQ(r.kind, TimerReplan::Kind::kReindex);
  EXPECT_EQ(r.new_due_ms, At("2027-01-04", 9));
}

// A calendar file's source is free text: the timeline note quotes at most 300 bytes of it, cut
// on a character boundary.
TEST(TimerPlansTest, TheNoteStaysBounded) {
  std::string source;
  for (int i = 0; i < 500; ++i) source += "国";  // 1500 bytes
  const LoadedCalendar cal = Loaded({Year(2027, {"2027-01-04"}, source.c_str())});
  const protocol::TimerSpec t = Reminder("2027-01-02", At("2027-01-04", 9));
  TimerReplan r = DecideReplan(Row(t, At("2027-01-04", 9), {2027}), 2027, cal.calendar(), kOffset,
                               At("2026-12-20", 10));
  ASSERT_EQ(r.kind, TimerReplan::Kind::kMove);
  const std::string note = ReplanNote(t.name, r, cal, kOffset);
  EXPECT_LT(note.size(), 600u);
  EXPECT_TRUE(IsValidUtf8(note));
}

TEST(TimerPlansTest, UnreadableTimersAreNotTouched) {
  const LoadedCalendar cal = Loaded({Year(2027, {})});
  store::PlannedTimerRow bad = Row(Reminder("2027-01-02", 1), 1, {});
  bad.plan = "N|2027-02-30|0|540";
  EXPECT_EQ(DecideReplan(bad, 2027, cal.calendar(), kOffset, 0).kind,
            TimerReplan::Kind::kUnreadable);
  bad = Row(Reminder("2027-01-02", 1), 1, {});
  bad.due = "soon";
  EXPECT_EQ(DecideReplan(bad, 2027, cal.calendar(), kOffset, 0).kind,
            TimerReplan::Kind::kUnreadable);
  bad.due = "";
  EXPECT_EQ(DecideReplan(bad, 2027, cal.calendar(), kOffset, 0).kind,
            TimerReplan::Kind::kUnreadable);
}

TEST(TimerPlansTest, YearsReadRunFromTheFirstJudgedDateToTheDueDate) {
  protocol::TimerPlan after{std::string(kWorkingDaysAfter), "2026-12-31", 3, 540};
  EXPECT_THAT(YearsRead(after, At("2027-01-06", 9), kOffset), ElementsAre(2027));
  protocol::TimerPlan next{std::string(kNextWorkingDay), "2026-12-31", 0, 540};
  EXPECT_THAT(YearsRead(next, At("2027-01-04", 9), kOffset), ElementsAre(2026, 2027));
  EXPECT_THAT(YearsRead(next, At("2026-12-31", 9), kOffset), ElementsAre(2026));
}

TEST(TimerPlansTest, FingerprintsFollowTheDatesOnly) {
  config::CalendarYear a = Year(2027, {"2027-01-01", "2027-01-04"}, "first");
  config::CalendarYear b = Year(2027, {"2027-01-04", "2027-01-01"}, "another title");
  EXPECT_EQ(YearFingerprint(a), YearFingerprint(b));
  b.holidays[0].dates.push_back(D("2027-01-05"));
  EXPECT_NE(YearFingerprint(a), YearFingerprint(b));
  config::CalendarYear c = a;
  c.workdays = {{"调休", {D("2027-01-09")}}};
  EXPECT_NE(YearFingerprint(a), YearFingerprint(c));
  const LoadedCalendar cal = Loaded({a});
  EXPECT_EQ(cal.Fingerprint(2027), YearFingerprint(a));
  EXPECT_EQ(cal.Fingerprint(2028), kMissingYearFingerprint);
  EXPECT_EQ(cal.Source(2027), "first");
}

// Which years a re-plan scans: a year now loaded whose timers assumed it; a year whose file
// changed, or was removed, since its mark. Not: a year unchanged, a missing year still missing.
TEST(TimerPlansTest, YearsToReplan) {
  const config::CalendarYear y2026 = Year(2026, {"2026-10-01"});
  const config::CalendarYear y2027 = Year(2027, {"2027-01-01"});
  const LoadedCalendar cal = Loaded({y2026, y2027});
  const std::string fp26 = YearFingerprint(y2026), fp27 = YearFingerprint(y2027);
  using I = store::CalendarYearIndex;
  EXPECT_TRUE(YearsToReplan({I{2026, 5, 0, fp26}, I{2027, 0, 0, fp27}}, cal).empty());
  EXPECT_THAT(YearsToReplan({I{2026, 5, 0, fp26}, I{2027, 3, 3, ""}}, cal), ElementsAre(2027));
  EXPECT_THAT(YearsToReplan({I{2026, 5, 0, fp26}, I{2027, 3, 3, fp27}}, cal), ElementsAre(2027));
  EXPECT_THAT(YearsToReplan({I{2026, 5, 0, "0123"}, I{2027, 3, 0, fp27}}, cal), ElementsAre(2026));
  EXPECT_TRUE(YearsToReplan({I{2028, 4, 4, ""}}, cal).empty()) << "still missing";
  EXPECT_THAT(YearsToReplan({I{2025, 2, 0, "abcd"}}, cal), ElementsAre(2025)) << "file removed";
  EXPECT_TRUE(YearsToReplan({I{2025, 2, 2, kMissingYearFingerprint}}, cal).empty());
}

TEST(TimerPlansTest, TheCalendarIsReadAgainFromTheConfigFile) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("duban_loaded_calendar_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "2027.toml") << "year = 2027\nsource = \"国办 2027\"\n[[holiday]]\n"
                                      "name = \"元旦\"\ndates = [\"2027-01-01\"]\n";
  std::ofstream(dir / "duban.toml") << "[jurisdiction]\ncalendar_files = [\"2027.toml\"]\n";
  Result<LoadedCalendar> cal = LoadedCalendar::Read((dir / "duban.toml").string());
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  EXPECT_THAT(cal->Years(), ElementsAre(2027));
  EXPECT_EQ(cal->Source(2027), "国办 2027");
  std::ofstream(dir / "2027.toml") << "year = 2027\n";  // no source, no holiday
  Result<LoadedCalendar> broken = LoadedCalendar::Read((dir / "duban.toml").string());
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(broken.status().message(), HasSubstr("2027.toml"));
  EXPECT_EQ(LoadedCalendar::Read("").status().code(), StatusCode::kFailedPrecondition);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace duban::broker
