#include "broker/timer_plans.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "common/calendar.h"
#include "common/timer_plan.h"

namespace duban::broker {

Result<int> ApplyTimerPlans(std::vector<protocol::TimerSpec>* timers,
                            const WorkingCalendar& calendar, std::int64_t utc_offset_minutes) {
  int corrected = 0;
  for (protocol::TimerSpec& t : *timers) {
    t.plan_years.clear();
    t.assumed_years.clear();
    if (!t.plan) continue;
    Result<PlannedDue> due = ComputePlannedDue(*t.plan, calendar, utc_offset_minutes);
    if (!due.ok()) {
      return Status(due.status().code(), "timer '" + t.name + "': " + due.status().message());
    }
    if (due->due_ms != t.due_ms) ++corrected;
    t.due_ms = due->due_ms;
    t.plan_years = std::move(due->years);
    t.assumed_years = std::move(due->assumed);
  }
  return corrected;
}

std::vector<std::int64_t> YearsRead(const protocol::TimerPlan& plan, Millis due_ms,
                                    std::int64_t utc_offset_minutes) {
  Result<Date> base = ParseDate(plan.base);
  if (!base.ok()) return {};
  const Date first = plan.rule == kWorkingDaysAfter ? AddDays(*base, 1) : *base;
  const int last = static_cast<int>(LocalDateOf(due_ms, utc_offset_minutes).year());
  std::vector<std::int64_t> out;
  for (int y = static_cast<int>(first.year()); y <= last && out.size() < 4; ++y) out.push_back(y);
  return out;
}

TimerReplan DecideReplan(const store::PlannedTimerRow& row, std::int64_t year,
                         const WorkingCalendar& calendar, std::int64_t utc_offset_minutes,
                         Millis now) {
  TimerReplan r;
  auto unreadable = [&](const std::string& why) {
    r.kind = TimerReplan::Kind::kUnreadable;
    r.problem = why;
    return r;
  };
  Result<protocol::TimerPlan> plan = DecodeStoredPlan(row.plan);
  if (!plan.ok()) return unreadable(plan.status().message());
  r.plan = *plan;
  char* end = nullptr;
  const double due = std::strtod(row.due.c_str(), &end);
  if (row.due.empty() || *end != '\0' || !(due > 0) || due > 9.2e18) {
    return unreadable("due time '" + row.due.substr(0, 30) + "' is not a positive number");
  }
  r.old_due_ms = static_cast<Millis>(due);
  r.old_years = YearsRead(r.plan, r.old_due_ms, utc_offset_minutes);
  Result<PlannedDue> planned = ComputePlannedDue(r.plan, calendar, utc_offset_minutes);
  if (!planned.ok()) return unreadable(planned.status().message());
  r.years = planned->years;
  r.assumed = planned->assumed;
  auto has = [year](const std::vector<std::int64_t>& v) {
    return std::find(v.begin(), v.end(), year) != v.end();
  };
  if (!has(r.old_years) && !has(row.assumed) && !has(r.years)) {
    r.kind = TimerReplan::Kind::kOtherYear;
    return r;
  }
  const bool passed = planned->due_ms <= now && r.old_due_ms <= now;
  if (planned->due_ms != r.old_due_ms && !passed) {
    r.kind = TimerReplan::Kind::kMove;
    r.new_due_ms = planned->due_ms < now ? now : planned->due_ms;
    return r;
  }
  r.new_due_ms = r.old_due_ms;
  r.kind = (r.years == r.old_years && r.assumed == row.assumed) ? TimerReplan::Kind::kKeep
                                                               : TimerReplan::Kind::kReindex;
  return r;
}

std::string FormatLocalMinute(Millis t, std::int64_t utc_offset_minutes) {
  const Date d = LocalDateOf(t, utc_offset_minutes);
  const Millis minute = (t - StartOfLocalDay(d, utc_offset_minutes)) / 60'000;
  char hhmm[8];
  std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", static_cast<int>(minute / 60),
                static_cast<int>(minute % 60));
  return FormatDate(d) + " " + hhmm;
}

namespace {

// At most `max` bytes of `s`, cut before a UTF-8 continuation byte: a calendar file's `source` is
// free text, and the note it goes into is bounded (a timeline entry must stay readable).
std::string Prefix(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + "…";
}

constexpr std::size_t kMaxSourceBytes = 300;

}  // namespace

std::string ReplanNote(const std::string& timer, const TimerReplan& r,
                       const LoadedCalendar& calendar, std::int64_t utc_offset_minutes) {
  std::string years;
  for (std::int64_t y : r.years) {
    const std::string source = Prefix(calendar.Source(y), kMaxSourceBytes);
    years += (years.empty() ? "" : "; ") + std::string("working calendar ") + std::to_string(y) +
             (source.empty() ? ": none, Monday to Friday assumed" : ": " + source);
  }
  return timer + " re-planned (工作日历更新): " + FormatLocalMinute(r.old_due_ms, utc_offset_minutes) +
         " → " + FormatLocalMinute(r.new_due_ms, utc_offset_minutes) + " (" +
         DescribeTimerPlan(r.plan) + "; " + years + ")";
}

}  // namespace duban::broker
