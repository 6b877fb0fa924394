#include "workers/runtime/working_hours.h"

#include <chrono>
#include <cstdio>
#include <string>

#include "common/timer_plan.h"
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

Result<PlannedTime> WorkingHours::OpeningPlan(Date d, std::set<int>* guessed_years) const {
  PlannedTime out;
  out.plan = {std::string(kNextWorkingDay), FormatDate(d), 0, start_minute_};
  DUBAN_ASSIGN_OR_RETURN(PlannedDue due,
                         ComputePlannedDue(out.plan, calendar_, utc_offset_minutes_));
  if (guessed_years != nullptr) {
    for (std::int64_t y : due.assumed) guessed_years->insert(static_cast<int>(y));
  }
  out.at = due.due_ms;
  return out;
}

Result<PlannedTime> WorkingHours::WorkingDaysPlan(Date d, int n,
                                                  std::set<int>* guessed_years) const {
  if (n < 0) {
    return InvalidArgument("working days to add must not be negative (got " + std::to_string(n) +
                           ")");
  }
  if (n == 0) return OpeningPlan(d, guessed_years);
  PlannedTime out;
  out.plan = {std::string(kWorkingDaysAfter), FormatDate(d), n, start_minute_};
  DUBAN_ASSIGN_OR_RETURN(PlannedDue due,
                         ComputePlannedDue(out.plan, calendar_, utc_offset_minutes_));
  if (guessed_years != nullptr) {
    for (std::int64_t y : due.assumed) guessed_years->insert(static_cast<int>(y));
  }
  out.at = due.due_ms;
  return out;
}

Result<PlannedTime> WorkingHours::NextOpeningPlan(Millis t, std::set<int>* guessed_years) const {
  // Today's opening when `t` is not past it (and today is a working day), else the first opening
  // after today: next_working_day from today or from tomorrow.
  Date today = LocalDateOf(t, utc_offset_minutes_);
  return OpeningPlan(t <= StartOn(today) ? today : AddDays(today, 1), guessed_years);
}

Result<Millis> WorkingHours::OpeningOnOrAfter(Date d, std::set<int>* guessed_years) const {
  DUBAN_ASSIGN_OR_RETURN(PlannedTime p, OpeningPlan(d, guessed_years));
  return p.at;
}

Result<Millis> WorkingHours::NextOpening(Millis t, std::set<int>* guessed_years) const {
  DUBAN_ASSIGN_OR_RETURN(PlannedTime p, NextOpeningPlan(t, guessed_years));
  return p.at;
}

Result<Date> WorkingHours::AddWorkingDays(Date d, int n, std::set<int>* guessed_years) const {
  if (n < 0) {
    return InvalidArgument("working days to add must not be negative (got " + std::to_string(n) +
                           ")");
  }
  if (n == 0) return d;
  DUBAN_ASSIGN_OR_RETURN(PlannedTime p, WorkingDaysPlan(d, n, guessed_years));
  return LocalDateOf(p.at, utc_offset_minutes_);
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

Result<std::optional<PlannedTime>> DeferralFor(const WorkingHours& hours, Millis now,
                                               std::set<int>* guessed_years) {
  if (hours.IsOpen(now, guessed_years)) return std::optional<PlannedTime>();
  DUBAN_ASSIGN_OR_RETURN(PlannedTime next, hours.NextOpeningPlan(now, guessed_years));
  return std::optional<PlannedTime>(std::move(next));
}

}  // namespace duban::workers
