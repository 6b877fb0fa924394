#include "common/timer_plan.h"

#include <chrono>

#include "common/calendar.h"

namespace duban {
namespace {

constexpr std::int64_t kMinutesPerDay = 24 * 60;
constexpr Millis kMinuteMs = 60'000;

// Judges dates one at a time, remembering which years it read and which it had to assume.
class Walk {
 public:
  explicit Walk(const WorkingCalendar& calendar) : calendar_(calendar) {}

  bool Working(Date d) {
    const int year = static_cast<int>(d.year());
    if (first_year_ == 0 || year < first_year_) first_year_ = year;
    if (year > last_year_) last_year_ = year;
    Result<bool> known = calendar_.IsWorkingDay(d);
    if (known.ok()) return *known;
    // Only a missing year makes IsWorkingDay fail (d is a valid date here).
    if (assumed_.empty() || assumed_.back() < year) assumed_.push_back(year);
    const std::chrono::weekday wd{std::chrono::sys_days{d}};
    return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
  }

  void Into(PlannedDue* out) const {
    for (int y = first_year_; first_year_ != 0 && y <= last_year_; ++y) out->years.push_back(y);
    out->assumed = assumed_;
  }

 private:
  const WorkingCalendar& calendar_;
  int first_year_ = 0, last_year_ = 0;
  std::vector<std::int64_t> assumed_;  // dates are walked forwards: years come ascending
};

Status TooManyDaysOff(Date from) {
  return FailedPrecondition("the working calendar shows no working day in the " +
                            std::to_string(kMaxPlanDaysOff) + " days from " + FormatDate(from) +
                            "; check the calendar files");
}

}  // namespace

Status ValidateTimerPlan(const protocol::TimerPlan& p) {
  auto bad = [](const std::string& why) { return InvalidArgument("timer plan: " + why); };
  const bool next = p.rule == kNextWorkingDay;
  if (!next && p.rule != kWorkingDaysAfter) {
    return bad("rule '" + p.rule.substr(0, 40) + "' is not next_working_day or working_days_after");
  }
  Result<Date> base = ParseDate(p.base);
  if (!base.ok()) return bad("base: " + base.status().message());
  const int year = static_cast<int>(base->year());
  if (year < kMinPlanYear || year > kMaxPlanYear) {
    return bad("base " + p.base + " is outside " + std::to_string(kMinPlanYear) + ".." +
               std::to_string(kMaxPlanYear));
  }
  if (next && p.n != 0) return bad("next_working_day takes n = 0, not " + std::to_string(p.n));
  if (!next && (p.n < 1 || p.n > kMaxPlanWorkingDays)) {
    return bad("working_days_after takes n in 1.." + std::to_string(kMaxPlanWorkingDays) +
               ", not " + std::to_string(p.n));
  }
  if (p.minute < 0 || p.minute >= kMinutesPerDay) {
    return bad("minute " + std::to_string(p.minute) + " is outside 0..1439");
  }
  return Status::Ok();
}

Result<PlannedDue> ComputePlannedDue(const protocol::TimerPlan& plan,
                                     const WorkingCalendar& calendar,
                                     std::int64_t utc_offset_minutes) {
  DUBAN_RETURN_IF_ERROR(ValidateTimerPlan(plan));
  const Date base = *ParseDate(plan.base);
  Walk walk(calendar);
  Date at = base;
  if (plan.rule == kNextWorkingDay) {
    for (int off = 0; !walk.Working(at); at = AddDays(at, 1)) {
      if (++off > kMaxPlanDaysOff) return TooManyDaysOff(base);
    }
  } else {
    for (std::int64_t counted = 0; counted < plan.n; ++counted) {
      const Date from = at;
      int off = 0;
      do {
        at = AddDays(at, 1);
        if (++off > kMaxPlanDaysOff + 1) return TooManyDaysOff(from);
      } while (!walk.Working(at));
    }
  }
  PlannedDue out;
  out.due_ms = StartOfLocalDay(at, utc_offset_minutes) + plan.minute * kMinuteMs;
  walk.Into(&out);
  return out;
}

std::string EncodeStoredPlan(const protocol::TimerPlan& p) {
  return std::string(p.rule == kNextWorkingDay ? "N" : "W") + "|" + p.base + "|" +
         std::to_string(p.n) + "|" + std::to_string(p.minute);
}

Result<protocol::TimerPlan> DecodeStoredPlan(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument("stored timer plan '" + std::string(text.substr(0, 60)) +
                           "' is not R|YYYY-MM-DD|N|MINUTE");
  };
  // Exactly four parts, each bounded: "W|2026-12-28|366|1439" is at most 21 bytes.
  if (text.size() < 14 || text.size() > 24) return bad();
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '|') {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 4 || (parts[0] != "N" && parts[0] != "W")) return bad();
  auto number = [](std::string_view s, std::int64_t* out) {
    if (s.empty() || s.size() > 4) return false;
    std::int64_t v = 0;
    for (char ch : s) {
      if (ch < '0' || ch > '9') return false;
      v = v * 10 + (ch - '0');
    }
    *out = v;
    return true;
  };
  protocol::TimerPlan p;
  p.rule = std::string(parts[0] == "N" ? kNextWorkingDay : kWorkingDaysAfter);
  p.base = std::string(parts[1]);
  if (!number(parts[2], &p.n) || !number(parts[3], &p.minute)) return bad();
  if (Status s = ValidateTimerPlan(p); !s.ok()) return s;
  return p;
}

std::string DescribeTimerPlan(const protocol::TimerPlan& p) {
  if (p.rule == kNextWorkingDay) return "next working day from " + p.base;
  const std::int64_t n = p.n;
  const char* suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th"
                       : n % 10 == 1                    ? "st"
                       : n % 10 == 2                    ? "nd"
                       : n % 10 == 3                    ? "rd"
                                                        : "th";
  return std::to_string(n) + suffix + " working day after " + p.base;
}

}  // namespace duban
