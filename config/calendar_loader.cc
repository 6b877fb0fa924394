#include "config/calendar_loader.h"

#include <toml++/toml.h>

#include <chrono>
#include <map>
#include <utility>

#include "config/table_reader.h"

namespace duban::config {
namespace {

constexpr const char* kWeekdayNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday"};

// Where a date was first listed, to name both places when it comes again.
struct Listed {
  bool holiday = false;
  std::string name;   // the entry's name
  std::string where;  // file:line:column
};

// [[holiday]] or [[workday]] entries into `out`; `seen` holds every date listed so far in the
// file (holidays are read first, so a clash is reported at the make-up working day).
Status ReadPeriods(const std::string& path, const char* kind, int year,
                   const std::vector<const toml::table*>& tables, std::vector<CalendarPeriod>* out,
                   std::map<Date, Listed>* seen) {
  const bool holiday = std::string_view(kind) == "holiday";
  for (const toml::table* t : tables) {
    TableReader r(path, kind, *t);
    CalendarPeriod period;
    DUBAN_RETURN_IF_ERROR(r.RequiredStr("name", &period.name));
    DUBAN_ASSIGN_OR_RETURN(const toml::array* dates, r.Array("dates"));
    DUBAN_RETURN_IF_ERROR(r.Finish());
    if (dates == nullptr || dates->empty()) {
      return InvalidArgument(Where(path, t->source()) + ": " + kind + " '" + period.name +
                             "': 'dates' is required and must list at least one date");
    }
    const std::string entry = std::string(kind) + " '" + period.name + "'";
    for (const toml::node& item : *dates) {
      const std::string where = Where(path, item.source());
      if (!item.is_string()) {
        return InvalidArgument(where + ": " + entry + ": dates must be quoted \"YYYY-MM-DD\" " +
                               "strings, found " + TypeName(item));
      }
      Result<Date> d = ParseDate(item.as_string()->get());
      if (!d.ok()) return InvalidArgument(where + ": " + entry + ": " + d.status().message());
      const std::string date = FormatDate(*d);
      if (static_cast<int>(d->year()) != year) {
        return InvalidArgument(where + ": " + entry + ": " + date + " is not in " +
                               std::to_string(year) + ", the year of this file");
      }
      const std::chrono::weekday wd{std::chrono::sys_days{*d}};
      if (!holiday && wd != std::chrono::Saturday && wd != std::chrono::Sunday) {
        return InvalidArgument(where + ": " + entry + ": " + date + " is a " +
                               kWeekdayNames[wd.c_encoding()] +
                               ", already a working day; make-up working days (调休上班) are "
                               "Saturdays or Sundays");
      }
      auto [it, inserted] = seen->try_emplace(*d, Listed{holiday, period.name, where});
      if (!inserted) {
        const Listed& first = it->second;
        if (first.holiday != holiday) {
          return InvalidArgument(where + ": " + date + " is both a holiday ('" + first.name +
                                 "', " + first.where + ") and a make-up working day ('" +
                                 period.name + "')");
        }
        return InvalidArgument(where + ": " + entry + ": " + date + " is listed twice (first in '" +
                               first.name + "', " + first.where + ")");
      }
      period.dates.push_back(*d);
    }
    out->push_back(std::move(period));
  }
  return Status::Ok();
}

}  // namespace

Result<CalendarYear> LoadCalendarFile(const std::string& path) {
  DUBAN_ASSIGN_OR_RETURN(toml::table root, ParseFile(path));
  TableReader top(path, "", root);
  CalendarYear y;
  y.file = path;
  if (!top.Has("year")) {
    return InvalidArgument(path + ": 'year' is required (the year the notice covers, e.g. " +
                           "year = 2026)");
  }
  std::int64_t year = 0;
  DUBAN_RETURN_IF_ERROR(top.Int("year", &year));
  if (year < kMinCalendarYear || year > kMaxCalendarYear) {
    return top.Error("year", "must be between " + std::to_string(kMinCalendarYear) + " and " +
                                 std::to_string(kMaxCalendarYear) + " (got " +
                                 std::to_string(year) + ")");
  }
  y.year = static_cast<int>(year);
  DUBAN_RETURN_IF_ERROR(top.RequiredStr("source", &y.source));
  DUBAN_ASSIGN_OR_RETURN(std::vector<const toml::table*> holidays, top.Tables("holiday"));
  DUBAN_ASSIGN_OR_RETURN(std::vector<const toml::table*> workdays, top.Tables("workday"));
  DUBAN_RETURN_IF_ERROR(top.Finish());
  // Every notice gives holidays; a file without any is a half-copied one.
  if (holidays.empty()) {
    return InvalidArgument(path + ": no [[holiday]] entry: list the days off of " +
                           std::to_string(y.year) + " from the notice");
  }
  std::map<Date, Listed> seen;
  DUBAN_RETURN_IF_ERROR(ReadPeriods(path, "holiday", y.year, holidays, &y.holidays, &seen));
  DUBAN_RETURN_IF_ERROR(ReadPeriods(path, "workday", y.year, workdays, &y.workdays, &seen));
  return y;
}

Result<WorkingCalendar> BuildWorkingCalendar(const std::vector<CalendarYear>& years) {
  std::map<int, const CalendarYear*> by_year;
  std::vector<WorkingYear> plain;
  for (const CalendarYear& y : years) {
    auto [it, inserted] = by_year.try_emplace(y.year, &y);
    if (!inserted) {
      return InvalidArgument("calendar year " + std::to_string(y.year) + " is given twice: by " +
                             (it->second->file.empty() ? "(built in code)" : it->second->file) +
                             " and by " + (y.file.empty() ? "(built in code)" : y.file));
    }
    WorkingYear w{y.year, {}, {}};
    for (const CalendarPeriod& p : y.holidays) {
      w.holidays.insert(w.holidays.end(), p.dates.begin(), p.dates.end());
    }
    for (const CalendarPeriod& p : y.workdays) {
      w.workdays.insert(w.workdays.end(), p.dates.begin(), p.dates.end());
    }
    // Checked alone first so that the message names the file the year came from.
    Status alone = WorkingCalendar::Create({w}).status();
    if (!alone.ok()) {
      return InvalidArgument((y.file.empty() ? "" : y.file + ": ") + alone.message());
    }
    plain.push_back(std::move(w));
  }
  return WorkingCalendar::Create(plain);
}

}  // namespace duban::config
