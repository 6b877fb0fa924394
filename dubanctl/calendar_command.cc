#include "dubanctl/calendar_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/calendar.h"
#include "common/process.h"
#include "common/working_calendar.h"
#include "config/calendar_loader.h"
#include "config/config.h"
#include "dubanctl/calendar_replan.h"
#include "dubanctl/json_view.h"
#include "dubanctl/table.h"

namespace duban::ctl {
namespace {

// Upper bounds of the counts, far beyond any deadline rule; they keep the walk and the month
// arithmetic away from int limits.
constexpr int kMaxMonths = 1200;
constexpr int kMaxWorkingDays = 100000;

// The config the calendar comes from. main() loaded --config already (for display) and refused a
// broken one; it is read again here because this command also falls back to $DUBAN_CONFIG and
// ./config/duban.toml, and needs the calendar, which the display context does not keep. On failure
// prints the error and returns nullopt with *exit_code = kExitBadFile.
std::optional<config::Config> LoadCalendarConfig(const Context& ctx, int* exit_code) {
  const std::string path = ctx.options.config.empty() ? DefaultConfigPath() : ctx.options.config;
  if (path.empty()) {
    std::cerr << "error: no config to read the working calendar from: give --config FILE or set "
                 "DUBAN_CONFIG (./config/duban.toml does not exist here)\n";
    *exit_code = kExitBadFile;
    return std::nullopt;
  }
  auto cfg = config::LoadConfig(path);
  if (!cfg.ok()) {
    std::cerr << "error: --config: " << cfg.status().message() << '\n';
    *exit_code = kExitBadFile;
    return std::nullopt;
  }
  return std::move(cfg).value();
}

// "周四", as the notices write weekdays, so `show` reads side by side with the notice.
std::string ChineseWeekday(Date d) {
  static constexpr const char* kNames[] = {"周日", "周一", "周二", "周三", "周四", "周五", "周六"};
  return kNames[std::chrono::weekday{std::chrono::sys_days{d}}.c_encoding()];
}

std::string DayWithWeekday(Date d) { return FormatDate(d) + " (" + ChineseWeekday(d) + ")"; }

// Consecutive dates as one range: "2026-02-15 (周日) … 2026-02-23 (周一), 2026-02-28 (周六)".
std::string DescribeDates(std::vector<Date> dates) {
  std::sort(dates.begin(), dates.end());
  std::string out;
  for (std::size_t i = 0; i < dates.size();) {
    std::size_t j = i;
    while (j + 1 < dates.size() && AddDays(dates[j], 1) == dates[j + 1]) ++j;
    out += (out.empty() ? "" : ", ") + DayWithWeekday(dates[i]);
    if (j > i) out += " … " + DayWithWeekday(dates[j]);
    i = j + 1;
  }
  return out;
}

// ---- add ----------------------------------------------------------------------------------------

struct AddFlags {
  std::string date;
  int months = 0;
  int working_days = 0;
};

int RunAdd(const Context& ctx, const AddFlags& f, bool by_months, bool by_working_days) {
  if (by_months == by_working_days) {
    std::cerr << "error: give exactly one of --months N and --working-days N\n";
    return kExitUsage;
  }
  Result<Date> from = ParseDate(f.date);
  if (!from.ok()) {
    std::cerr << "error: DATE: " << from.status().message() << '\n';
    return kExitUsage;
  }
  Date result;
  if (by_months) {
    result = AddCalendarMonths(*from, f.months);
  } else {
    int exit_code = kExitOk;
    std::optional<config::Config> cfg = LoadCalendarConfig(ctx, &exit_code);
    if (!cfg) return exit_code;
    Result<WorkingCalendar> cal = config::BuildWorkingCalendar(cfg->calendar);
    if (!cal.ok()) {  // LoadConfig validated it already; kept for a config built otherwise
      std::cerr << "error: --config: " << cal.status().message() << '\n';
      return kExitBadFile;
    }
    Result<Date> to = cal->AddWorkingDays(*from, f.working_days);
    if (!to.ok()) {
      std::cerr << "error: " << to.status().ToString() << '\n';
      return kExitRefused;
    }
    result = *to;
  }
  if (ctx.options.json) {
    Json j;
    j["from"] = FormatDate(*from);
    if (by_months) {
      j["months"] = f.months;
    } else {
      j["working_days"] = f.working_days;
    }
    j["date"] = FormatDate(result);
    Print(std::cout, j);
  } else {
    std::cout << FormatDate(result) << '\n';
  }
  return kExitOk;
}

// ---- show ---------------------------------------------------------------------------------------

Json PeriodsJson(const std::vector<config::CalendarPeriod>& periods) {
  Json out = Json::array();
  for (const auto& p : periods) {
    std::vector<std::string> dates;
    for (Date d : p.dates) dates.push_back(FormatDate(d));
    out.push_back({{"name", p.name}, {"dates", dates}});
  }
  return out;
}

void PrintYear(const config::CalendarYear& y) {
  std::cout << y.year << ": " << y.source << "\n(" << y.file << ")\n\n";
  struct Row {
    Date first;
    const char* kind;
    const config::CalendarPeriod* period;
  };
  std::vector<Row> rows;
  std::size_t days_off = 0, make_up = 0;
  for (const auto& p : y.holidays) {
    rows.push_back({*std::min_element(p.dates.begin(), p.dates.end()), "holiday", &p});
    days_off += p.dates.size();
  }
  for (const auto& p : y.workdays) {
    rows.push_back({*std::min_element(p.dates.begin(), p.dates.end()), "workday", &p});
    make_up += p.dates.size();
  }
  // In date order, so the year reads like a calendar (春节调休 on 02-14 before 春节 on 02-15).
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.first < b.first; });
  Table t({"KIND", "NAME", "DAYS", "DATES"});
  t.AlignRight(2);
  for (const Row& r : rows) {
    t.AddRow({r.kind, r.period->name, std::to_string(r.period->dates.size()),
              DescribeDates(r.period->dates)});
  }
  t.Print(std::cout);
  std::cout << days_off << " days off (holiday), " << make_up
            << " make-up working days (workday, 调休上班)\n";
}

int RunShow(const Context& ctx, int year) {
  int exit_code = kExitOk;
  std::optional<config::Config> cfg = LoadCalendarConfig(ctx, &exit_code);
  if (!cfg) return exit_code;
  const config::CalendarYear* found = nullptr;
  std::string loaded;
  for (const auto& y : cfg->calendar) {
    if (y.year == year) found = &y;
    loaded += (loaded.empty() ? "" : ", ") + std::to_string(y.year);
  }
  if (found == nullptr) {
    Status s = NotFound("no working calendar for " + std::to_string(year) + " in " + cfg->source +
                        " (loaded: " + (loaded.empty() ? "none" : loaded) +
                        "); config/calendar/README.md says how to add a year");
    std::cerr << "error: " << s.ToString() << '\n';
    return kExitRefused;
  }
  if (ctx.options.json) {
    Print(std::cout, Json{{"year", found->year},
                          {"source", found->source},
                          {"file", found->file},
                          {"holidays", PeriodsJson(found->holidays)},
                          {"workdays", PeriodsJson(found->workdays)}});
  } else {
    PrintYear(*found);
  }
  return kExitOk;
}

}  // namespace

Action SetUpCalendar(CLI::App& sub) {
  sub.require_subcommand(1);
  auto add_flags = std::make_shared<AddFlags>();
  auto show_year = std::make_shared<int>(0);

  CLI::App* add = sub.add_subcommand(
      "add", "Print DATE + N calendar months (clamped to the month end) or + N working days");
  add->add_option("DATE", add_flags->date, "Start date, YYYY-MM-DD")->required();
  CLI::Option* months =
      add->add_option("--months", add_flags->months, "Calendar months to add (答复: 3)")
          ->check(CLI::Range(0, kMaxMonths));
  CLI::Option* working_days =
      add->add_option("--working-days", add_flags->working_days,
                      "Working days to add: the N-th working day after DATE (签收: 2 and 3)")
          ->check(CLI::Range(0, kMaxWorkingDays));
  months->excludes(working_days);

  CLI::App* show = sub.add_subcommand("show", "List a year's holidays and make-up working days");
  show->add_option("YEAR", *show_year, "The year, e.g. 2026")->required();

  CLI::App* status = sub.add_subcommand(
      "status", "The broker's calendar years and the pending working-day timers counted on each");
  auto replan_flags = std::make_shared<ReplanFlags>();
  CLI::App* replan = sub.add_subcommand(
      "replan",
      "Have the broker read the calendar files again and move every pending working-day timer "
      "whose date changes (each move on the suggestion's timeline)");
  replan->add_flag("--dry-run", replan_flags->dry_run,
                   "Only list the timers that would move (code, timer, old due, new due)");
  replan->add_option("--actor", replan_flags->actor,
                     "Who re-plans (recorded on the timelines as staff:NAME)")
      ->envname("DUBAN_ACTOR");
  replan->add_option("--page-size", replan_flags->page, "Suggestions looked at per request")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1000}));

  return [add_flags, show_year, show, months, working_days, status, replan,
          replan_flags](const Context& ctx) {
    if (status->parsed()) return RunCalendarStatus(ctx);
    if (replan->parsed()) return RunCalendarReplan(ctx, *replan_flags);
    if (show->parsed()) return RunShow(ctx, *show_year);
    return RunAdd(ctx, *add_flags, months->count() > 0, working_days->count() > 0);
  };
}

}  // namespace duban::ctl
