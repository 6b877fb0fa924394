#include "workers/runtime/working_hours.h"

#include <chrono>
#include <cstdio>
#include <string>

#include "config/calendar_loader.h"

namespace duban::workers {
namespace {

constexpr Millis kMinuteMs = 60'000;
constexpr std::int64_t kMinutesPerDay = 24 * 60;

}  // namespace

Result<WorkingHours> WorkingHours::Create(const config::Config& c) {
  const config::Jurisdiction& j = c.jurisdiction;
  if (j.work_start_minute < 0 || j.work_start_minute >= j.work_end_minute ||
      j.work_end_minute > kMinutesPerDay) {
    return InvalidArgument("working hours " + std::to_string(j.work_start_minute) + "–" +
                           std::to_string(j.work_end_minute) +
                           " (minutes after midnight) must satisfy 0 <= start < end <= 1440");
  }
  DUBAN_ASSIGN_OR_RETURN(WorkingCalendar calendar, config::BuildWorkingCalendar(c.calendar));
  return WorkingHours(std::move(calendar), j.utc_offset_minutes, j.work_start_minute,
                      j.work_end_minute);
}

bool WorkingHours::IsWorkingDay(Date d, std::set<int>* guessed_years) const {
  Result<bool> known = calendar_.IsWorkingDay(d);
  if (known.ok()) return *known;
  // Only a missing year makes IsWorkingDay fail (d is a valid date here).
  if (guessed_years != nullptr) guessed_years->insert(static_cast<int>(d.year()));
  std::chrono::weekday wd{std::chrono::sys_days{d}};
  return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
}

bool WorkingHours::IsOpen(Millis t, std::set<int>* guessed_years) const {
  Date d = LocalDateOf(t, utc_offset_minutes_);
  Millis minute = (t - StartOfLocalDay(d, utc_offset_minutes_)) / kMinuteMs;
  if (minute < start_minute_ || minute >= end_minute_) return false;
  return IsWorkingDay(d, guessed_years);
}

Result<Millis> WorkingHours::OpeningOnOrAfter(Date d, std::set<int>* guessed_years) const {
  Date at = d;
  for (int i = 0; i <= kMaxDaysOff; ++i, at = AddDays(at, 1)) {
    if (IsWorkingDay(at, guessed_years)) return StartOn(at);
  }
  return FailedPrecondition("the working calendar shows no working day from " + FormatDate(d) +
                            " to " + FormatDate(at) + "; check the calendar files");
}

Result<Millis> WorkingHours::NextOpening(Millis t, std::set<int>* guessed_years) const {
  Date today = LocalDateOf(t, utc_offset_minutes_);
  if (t <= StartOn(today) && IsWorkingDay(today, guessed_years)) return StartOn(today);
  return OpeningOnOrAfter(AddDays(today, 1), guessed_years);
}

Result<Date> WorkingHours::AddWorkingDays(Date d, int n, std::set<int>* guessed_years) const {
  Result<Date> exact = calendar_.AddWorkingDays(d, n);
  if (exact.ok() || exact.status().code() != StatusCode::kFailedPrecondition) return exact;
  // The count reaches a year the calendar lacks: walk it with the Monday-to-Friday guess.
  Date at = d;
  for (int counted = 0; counted < n; ++counted) {
    int days_off = 0;
    do {
      at = AddDays(at, 1);
      if (++days_off > kMaxDaysOff) {
        return FailedPrecondition("the working calendar shows no working day in the " +
                                  std::to_string(kMaxDaysOff) + " days before " + FormatDate(at) +
                                  "; check the calendar files");
      }
    } while (!IsWorkingDay(at, guessed_years));
  }
  return at;
}

Millis WorkingHours::StartOn(Date d) const {
  return StartOfLocalDay(d, utc_offset_minutes_) + start_minute_ * kMinuteMs;
}

std::string FormatLocalTime(Millis t, std::int64_t utc_offset_minutes) {
  Date d = LocalDateOf(t, utc_offset_minutes);
  Millis minute = (t - StartOfLocalDay(d, utc_offset_minutes)) / kMinuteMs;
  char hhmm[8];
  std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", static_cast<int>(minute / 60),
                static_cast<int>(minute % 60));
  return FormatDate(d) + " " + hhmm;
}

Result<std::optional<Millis>> DeferralFor(const WorkingHours& hours, Millis now,
                                          std::set<int>* guessed_years) {
  if (hours.IsOpen(now, guessed_years)) return std::optional<Millis>();
  DUBAN_ASSIGN_OR_RETURN(Millis next, hours.NextOpening(now, guessed_years));
  return std::optional<Millis>(next);
}

}  // namespace duban::workers
