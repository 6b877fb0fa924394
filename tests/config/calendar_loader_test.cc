// Calendar files: the shipped 2026 file says what the notice says; a broken file is refused with
// an InvalidArgument naming the file, the line and column, and the problem.
#include "config/calendar_loader.h"

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
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using ::testing::AllOf;
using ::testing::HasSubstr;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

TEST(ShippedCalendarTest, The2026FileIsTheNotice) {
  const std::string path = std::string(DUBAN_SOURCE_DIR) + "/config/calendar/2026.toml";
  Result<CalendarYear> y = LoadCalendarFile(path);
  ASSERT_TRUE(y.ok()) << y.status().ToString();
  EXPECT_EQ(y->year, 2026);
  EXPECT_EQ(y->file, path);
  EXPECT_THAT(y->source, AllOf(HasSubstr("国务院办公厅关于2026年部分节假日安排的通知"),
                               HasSubstr("国办发明电〔2025〕7号"), HasSubstr("2025-11-04")));
  // The notice's seven items, in its order, with the number of days it gives ("共N天").
  struct Item {
    const char* name;
    std::size_t days;
    Date first, last;
  };
  const Item kItems[] = {
      {"元旦", 3, D(2026, 1, 1), D(2026, 1, 3)},     {"春节", 9, D(2026, 2, 15), D(2026, 2, 23)},
      {"清明节", 3, D(2026, 4, 4), D(2026, 4, 6)},   {"劳动节", 5, D(2026, 5, 1), D(2026, 5, 5)},
      {"端午节", 3, D(2026, 6, 19), D(2026, 6, 21)}, {"中秋节", 3, D(2026, 9, 25), D(2026, 9, 27)},
      {"国庆节", 7, D(2026, 10, 1), D(2026, 10, 7)}};
  ASSERT_EQ(y->holidays.size(), std::size(kItems));
  for (std::size_t i = 0; i < std::size(kItems); ++i) {
    const CalendarPeriod& p = y->holidays[i];
    EXPECT_EQ(p.name, kItems[i].name);
    ASSERT_EQ(p.dates.size(), kItems[i].days) << p.name;
    // Every day of the range, in order, weekends included.
    for (std::size_t k = 0; k < p.dates.size(); ++k) {
      EXPECT_EQ(p.dates[k], AddDays(kItems[i].first, static_cast<int>(k))) << p.name;
    }
    EXPECT_EQ(p.dates.back(), kItems[i].last) << p.name;
  }
  // "…上班": 1月4日（周日）; 2月14日（周六）、2月28日（周六）; 5月9日（周六）; 9月20日（周日）、
  // 10月10日（周六）.
  ASSERT_EQ(y->workdays.size(), 4u);
  EXPECT_EQ(y->workdays[0].dates, (std::vector<Date>{D(2026, 1, 4)}));
  EXPECT_EQ(y->workdays[1].dates, (std::vector<Date>{D(2026, 2, 14), D(2026, 2, 28)}));
  EXPECT_EQ(y->workdays[2].dates, (std::vector<Date>{D(2026, 5, 9)}));
  EXPECT_EQ(y->workdays[3].dates, (std::vector<Date>{D(2026, 9, 20), D(2026, 10, 10)}));
}

// A fresh folder per test; files are written into it.
class CalendarFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("duban_calendar_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }
  // Lines 1 and 2 are year and source; `body` starts on line 3.
  Result<CalendarYear> Load(const std::string& body) {
    return LoadCalendarFile(Write("2026.toml", "year = 2026\nsource = \"test\"\n" + body));
  }
  static void ExpectInvalid(const Result<CalendarYear>& r,
                            const ::testing::Matcher<const std::string&>& message) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
    EXPECT_THAT(r.status().message(), message);
  }

  fs::path dir_;
};

constexpr char kNewYear[] =
    "[[holiday]]\nname = \"元旦\"\ndates = [\"2026-01-01\"]\n";  // lines 3-5

TEST_F(CalendarFileTest, AMinimalFileLoads) {
  Result<CalendarYear> y =
      Load(std::string(kNewYear) + "[[workday]]\nname = \"元旦调休\"\ndates = [\"2026-01-04\"]\n");
  ASSERT_TRUE(y.ok()) << y.status().ToString();
  EXPECT_EQ(y->source, "test");
  ASSERT_EQ(y->holidays.size(), 1u);
  EXPECT_EQ(y->holidays[0].dates, std::vector<Date>{D(2026, 1, 1)});
  ASSERT_EQ(y->workdays.size(), 1u);
  EXPECT_EQ(y->workdays[0].name, "元旦调休");
}

TEST_F(CalendarFileTest, ADateThatDoesNotExistIsNamedWithItsPosition) {
  ExpectInvalid(Load("[[holiday]]\nname = \"春节\"\ndates = [\"2026-02-15\", \"2026-02-30\"]\n"),
                AllOf(HasSubstr("2026.toml:5:24"), HasSubstr("holiday '春节'"),
                      HasSubstr("'2026-02-30' does not exist")));
}

TEST_F(CalendarFileTest, ADateInAnotherShapeIsRefused) {
  ExpectInvalid(Load("[[holiday]]\nname = \"春节\"\ndates = [\"2026-2-15\"]\n"),
                AllOf(HasSubstr("2026.toml:5:"), HasSubstr("not YYYY-MM-DD")));
  // A TOML date literal (unquoted) is refused with the hint to quote it.
  ExpectInvalid(Load("[[holiday]]\nname = \"春节\"\ndates = [2026-02-15]\n"),
                AllOf(HasSubstr("2026.toml:5:"), HasSubstr("quoted")));
  ExpectInvalid(Load("[[holiday]]\nname = \"春节\"\ndates = \"2026-02-15\"\n"),
                AllOf(HasSubstr("2026.toml:5:"), HasSubstr("'holiday.dates' must be an array")));
}

TEST_F(CalendarFileTest, ADateOutsideTheFilesYearIsRefused) {
  ExpectInvalid(Load("[[holiday]]\nname = \"元旦\"\ndates = [\"2025-12-31\", \"2026-01-01\"]\n"),
                AllOf(HasSubstr("2026.toml:5:10"), HasSubstr("2025-12-31 is not in 2026")));
  ExpectInvalid(
      Load(std::string(kNewYear) + "[[workday]]\nname = \"元旦调休\"\ndates = [\"2027-01-02\"]\n"),
      AllOf(HasSubstr("2026.toml:8:"), HasSubstr("2027-01-02 is not in 2026")));
}

TEST_F(CalendarFileTest, TheSameDateAsHolidayAndWorkdayNamesBothPlaces) {
  ExpectInvalid(
      Load("[[holiday]]\nname = \"春节\"\ndates = [\"2026-02-15\"]\n"
           "[[workday]]\nname = \"春节调休\"\ndates = [\"2026-02-14\", \"2026-02-15\"]\n"),
      AllOf(HasSubstr("2026.toml:8:24"), HasSubstr("2026-02-15 is both a holiday"),
            HasSubstr("2026.toml:5:10"), HasSubstr("'春节调休'")));
}

TEST_F(CalendarFileTest, ADateListedTwiceIsRefused) {
  ExpectInvalid(Load("[[holiday]]\nname = \"中秋节\"\ndates = [\"2026-09-25\"]\n"
                     "[[holiday]]\nname = \"国庆节\"\ndates = [\"2026-10-01\", \"2026-09-25\"]\n"),
                AllOf(HasSubstr("2026.toml:8:24"), HasSubstr("listed twice"),
                      HasSubstr("'中秋节', "), HasSubstr("2026.toml:5:10")));
}

TEST_F(CalendarFileTest, AMakeUpDayOnAWeekdayIsATypo) {
  ExpectInvalid(
      Load(std::string(kNewYear) + "[[workday]]\nname = \"春节调休\"\ndates = [\"2026-02-13\"]\n"),
      AllOf(HasSubstr("2026.toml:8:"), HasSubstr("2026-02-13 is a Friday")));
}

TEST_F(CalendarFileTest, UnknownKeysAndSectionsAreNamed) {
  ExpectInvalid(
      Load(std::string(kNewYear) + "[[holiday]]\nname = \"春节\"\ndate = [\"2026-02-15\"]\n"),
      AllOf(HasSubstr("2026.toml:8:"), HasSubstr("unknown key 'holiday.date'")));
  ExpectInvalid(Load(std::string(kNewYear) + "[[holidays]]\nname = \"春节\"\n"),
                HasSubstr("unknown section [holidays]"));
  ExpectInvalid(Load(std::string(kNewYear) + "[[workday]]\nname = \"x\"\ndates = []\nnote = 1\n"),
                HasSubstr("unknown key 'workday.note'"));
  ExpectInvalid(LoadCalendarFile(Write("x.toml", "year = 2026\nsource = \"t\"\nnotice = \"\"\n" +
                                                     std::string(kNewYear))),
                AllOf(HasSubstr("x.toml:3:"), HasSubstr("unknown key 'notice'")));
}

TEST_F(CalendarFileTest, YearAndSourceAreRequired) {
  ExpectInvalid(LoadCalendarFile(Write("a.toml", "source = \"t\"\n" + std::string(kNewYear))),
                AllOf(HasSubstr("a.toml"), HasSubstr("'year' is required")));
  ExpectInvalid(LoadCalendarFile(Write("b.toml", "year = \"2026\"\nsource = \"t\"\n")),
                AllOf(HasSubstr("b.toml:1:"), HasSubstr("'year' must be an integer")));
  ExpectInvalid(LoadCalendarFile(Write("c.toml", "year = 26\nsource = \"t\"\n")),
                AllOf(HasSubstr("c.toml:1:"), HasSubstr("'year' must be between 1949 and 2999")));
  ExpectInvalid(LoadCalendarFile(Write("d.toml", "year = 2026\n" + std::string(kNewYear))),
                AllOf(HasSubstr("d.toml"), HasSubstr("'source' is required")));
}

TEST_F(CalendarFileTest, EntriesNeedANameAndDates) {
  ExpectInvalid(Load(""), HasSubstr("no [[holiday]] entry"));
  ExpectInvalid(Load("[[holiday]]\ndates = [\"2026-01-01\"]\n"),
                HasSubstr("'holiday.name' is required"));
  ExpectInvalid(Load("[[holiday]]\nname = \"元旦\"\n"),
                AllOf(HasSubstr("holiday '元旦'"), HasSubstr("'dates' is required")));
  ExpectInvalid(Load("[[holiday]]\nname = \"元旦\"\ndates = []\n"),
                HasSubstr("'dates' is required and must list at least one date"));
}

TEST_F(CalendarFileTest, UnreadableFilesAreNamed) {
  ExpectInvalid(LoadCalendarFile((dir_ / "2027.toml").string()),
                AllOf(HasSubstr("2027.toml"), HasSubstr("cannot read")));
  ExpectInvalid(Load("[[holiday]\n"), AllOf(HasSubstr("2026.toml:3:"), HasSubstr("syntax error")));
}

TEST(BuildWorkingCalendarTest, TheSameYearFromTwoFilesNamesBoth) {
  CalendarYear a{2026, "a", "cal/a.toml", {{"元旦", {D(2026, 1, 1)}}}, {}};
  CalendarYear b{2026, "b", "cal/b.toml", {{"元旦", {D(2026, 1, 1)}}}, {}};
  Result<WorkingCalendar> cal = BuildWorkingCalendar({a, b});
  ASSERT_FALSE(cal.ok());
  EXPECT_EQ(cal.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(cal.status().message(), AllOf(HasSubstr("2026 is given twice"),
                                            HasSubstr("cal/a.toml"), HasSubstr("cal/b.toml")));
}

TEST(BuildWorkingCalendarTest, AYearBuiltInCodeIsCheckedAndNamed) {
  CalendarYear y{2026, "s", "cal/2026.toml", {{"元旦", {D(2027, 1, 1)}}}, {}};
  Result<WorkingCalendar> cal = BuildWorkingCalendar({y});
  ASSERT_FALSE(cal.ok());
  EXPECT_THAT(cal.status().message(),
              AllOf(HasSubstr("cal/2026.toml: "), HasSubstr("2027-01-01 is not in 2026")));
}

TEST(BuildWorkingCalendarTest, YearsFromSeveralFilesMakeOneCalendar) {
  // Invented years (2027's notice is not out): only the joining is under test.
  CalendarYear a{2026, "a", "a.toml", {{"元旦", {D(2026, 1, 1)}}}, {{"元旦调休", {D(2026, 1, 4)}}}};
  CalendarYear b{2027, "b", "b.toml", {{"元旦", {D(2027, 1, 1)}}}, {}};
  Result<WorkingCalendar> cal = BuildWorkingCalendar({a, b});
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  EXPECT_EQ(cal->Years(), (std::vector<int>{2026, 2027}));
  Result<bool> sunday = cal->IsWorkingDay(D(2026, 1, 4));
  ASSERT_TRUE(sunday.ok());
  EXPECT_TRUE(*sunday);
  // Thu 2026-12-31 (1), Fri 2027-01-01 is a holiday, Mon 2027-01-04 (2).
  Result<Date> d = cal->AddWorkingDays(D(2026, 12, 30), 2);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(*d, D(2027, 1, 4));
}

}  // namespace
}  // namespace duban::config
