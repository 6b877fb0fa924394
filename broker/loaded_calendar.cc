#include "broker/loaded_calendar.h"

#include <algorithm>

#include "common/calendar.h"
#include "common/sha1.h"
#include "config/calendar_loader.h"

namespace duban::broker {

std::string YearFingerprint(const config::CalendarYear& year) {
  auto dates = [](const std::vector<config::CalendarPeriod>& periods) {
    std::vector<std::string> out;
    for (const auto& p : periods) {
      for (Date d : p.dates) out.push_back(FormatDate(d));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    std::string text;
    for (const auto& d : out) text += d + ",";
    return text;
  };
  return Sha1Hex(std::to_string(year.year) + "|off:" + dates(year.holidays) +
                 "|on:" + dates(year.workdays));
}

Result<LoadedCalendar> LoadedCalendar::FromYears(const std::vector<config::CalendarYear>& years) {
  LoadedCalendar out;
  DUBAN_ASSIGN_OR_RETURN(out.calendar_, config::BuildWorkingCalendar(years));
  for (const auto& y : years) out.years_[y.year] = {YearFingerprint(y), y.source};
  return out;
}

Result<LoadedCalendar> LoadedCalendar::Read(const std::string& config_path) {
  if (config_path.empty()) {
    return FailedPrecondition("the broker runs without a config file: there are no calendar "
                              "files to read (start it with --config)");
  }
  Result<config::Config> c = config::LoadConfig(config_path);
  if (!c.ok()) return InvalidArgument("reading the calendar again: " + c.status().message());
  return FromYears(c->calendar);
}

std::vector<std::int64_t> LoadedCalendar::Years() const {
  std::vector<std::int64_t> out;
  for (const auto& [year, unused] : years_) out.push_back(year);
  return out;
}

std::string LoadedCalendar::Fingerprint(std::int64_t year) const {
  auto it = years_.find(year);
  return it == years_.end() ? kMissingYearFingerprint : it->second.fingerprint;
}

std::string LoadedCalendar::Source(std::int64_t year) const {
  auto it = years_.find(year);
  return it == years_.end() ? "" : it->second.source;
}

}  // namespace duban::broker
