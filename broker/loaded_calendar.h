// LoadedCalendar: the working calendar the broker counts working days on (the return window,
// every planned timer it applies or re-plans), with what a re-plan needs to know of each year:
// where it comes from (the notice) and its fingerprint, so the broker can tell which years
// changed since the timers counted on them were planned.
//
// The broker reads its calendar at start from the config, and again when staff ask it to re-plan
// (`dubanctl calendar replan`, duban.calendar): Read() loads the config file from disk again and
// takes only its calendar (jurisdiction.calendar_files and those files); every other setting
// still needs a restart. A file that cannot be read leaves the calendar in use unchanged.
//
// Thread rules: a value type; the broker's one instance lives on the loop thread (BrokerLoop owns
// it; ReplyHandler, ApiHandlers and CalendarApi hold references).
// Invariant: calendar() holds exactly the years that have a fingerprint and a source.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/working_calendar.h"
#include "config/config.h"

namespace duban::broker {

// The fingerprint of a missing year in the re-plan marks (P:cal:fp).
inline constexpr char kMissingYearFingerprint[] = "-";

class LoadedCalendar {
 public:
  LoadedCalendar() = default;  // knows no year

  // InvalidArgument as config::BuildWorkingCalendar (a year given twice, an inconsistent year).
  static Result<LoadedCalendar> FromYears(const std::vector<config::CalendarYear>& years);
  // Reads `config_path` (and the files it names) again and keeps its calendar. FailedPrecondition
  // when the broker has no config file; InvalidArgument naming the file and the problem when the
  // config or a calendar file is wrong (LoadConfig's messages).
  static Result<LoadedCalendar> Read(const std::string& config_path);

  const WorkingCalendar& calendar() const { return calendar_; }
  bool HasYear(std::int64_t year) const { return years_.count(year) != 0; }
  std::vector<std::int64_t> Years() const;
  // The year's fingerprint (40 hex digits), or kMissingYearFingerprint when it is not loaded.
  std::string Fingerprint(std::int64_t year) const;
  // The notice the year was copied from, "" when not loaded.
  std::string Source(std::int64_t year) const;

 private:
  struct Year {
    std::string fingerprint, source;
  };
  WorkingCalendar calendar_;
  std::map<std::int64_t, Year> years_;
};

// SHA-1 hex of the year's dates as the calendar counts them: the sorted holidays and the sorted
// make-up working days (names, the source and the file's layout do not count).
std::string YearFingerprint(const config::CalendarYear& year);

}  // namespace duban::broker
