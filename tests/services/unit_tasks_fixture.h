// The story fixture of the unit task tests (unit_tasks_test.cc, unit_decisions_test.cc):
// S2026-00042 is assigned (交办) on Tuesday 2026-09-29 at
// 10:00 Beijing time to 市教育局 (jyj, lead 主办) with 市财政局 (czj, co-handler 协办); its reply
// deadline is three calendar months later, 2026-12-29. Each step applies the change the rules
// return to the suggestion, as the broker would after its version check, and the next step
// starts from there. The working calendar is the shipped config/calendar/2026.toml.
//
// The return window, counted by hand against the State Council's 2026 notice
// (国办发明电〔2025〕7号) and a printed calendar — 7 working days strictly after the assignment
// date:
//   Wed 09-30 = 1; Thu 10-01 … Wed 10-07 National Day holiday (国庆节, not counted);
//   Thu 10-08 = 2; Fri 10-09 = 3; Sat 10-10 make-up working day (调休上班) = 4; Sun 10-11 no;
//   Mon 10-12 = 5; Tue 10-13 = 6; Wed 10-14 = 7.
// So the last day to ask is Wednesday 2026-10-14; Thursday 10-15 is the 8th working day. Counted
// Monday to Friday without the calendar the window would have closed on Thursday 10-08.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "common/calendar.h"
#include "common/deadline_policy.h"
#include "config/calendar_loader.h"


namespace duban::services {
namespace {

using protocol::Suggestion;
using protocol::SuggestionState;
using protocol::UnitAssignment;
using protocol::UnitRole;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr std::int64_t kBeijing = 480;  // UTC+08:00, minutes
constexpr Millis kMinuteMs = 60'000;
constexpr Millis kHourMs = 60 * kMinuteMs;

inline Date D(const char* ymd) {
  Result<Date> d = ParseDate(ymd);
  EXPECT_TRUE(d.ok()) << ymd;
  return d.ok() ? *d : Date{};
}

// The instant of local (Beijing) time hh:mm on `ymd`.
inline Millis At(const char* ymd, int hh, int mm = 0) {
  return StartOfLocalDay(D(ymd), kBeijing) + hh * kHourMs + mm * kMinuteMs;
}

const Millis kAssignedMs = At("2026-09-29", 10);  // Tuesday, before the National Day holiday

inline WorkingCalendar Calendar2026() {
  Result<config::CalendarYear> y =
      config::LoadCalendarFile(std::string(DUBAN_SOURCE_DIR) + "/config/calendar/2026.toml");
  EXPECT_TRUE(y.ok()) << y.status().ToString();
  if (!y.ok()) return WorkingCalendar();
  Result<WorkingCalendar> cal = config::BuildWorkingCalendar({*y});
  EXPECT_TRUE(cal.ok()) << cal.status().ToString();
  return cal.ok() ? *cal : WorkingCalendar();
}

inline Suggestion Assigned() {
  Suggestion s;
  s.code = "S2026-00042";
  s.draft.title = "关于增加城区公办幼儿园学位供给的建议";
  s.draft.content = "适龄儿童数量快速增长，建议新建小区配套幼儿园同步交付。";
  s.draft.deputy = {"D2026001", "王丽华", "13800000000"};
  s.draft.session = "2026";
  s.state = SuggestionState::kAssigned;
  s.version = 2;
  s.submitted_ms = kAssignedMs - 5 * kMinuteMs;
  s.assigned_ms = kAssignedMs;
  s.units = {{"jyj", UnitRole::kLead, "ISSUED", ""}, {"czj", UnitRole::kCo, "ISSUED", ""}};
  s.deadline = ReplyDeadline(kAssignedMs, 3, kBeijing);
  return s;
}

inline const UnitAssignment* UnitOf(const std::vector<UnitAssignment>& units, const std::string& id) {
  for (const auto& u : units) {
    if (u.unit == id) return &u;
  }
  return nullptr;
}

inline std::string StateOf(const std::vector<UnitAssignment>& units, const std::string& id) {
  const UnitAssignment* u = UnitOf(units, id);
  return u == nullptr ? "(none)" : u->state;
}

template <typename T>
inline void ExpectCode(const Result<T>& r, StatusCode code, const std::string& part = "") {
  ASSERT_FALSE(r.ok()) << "the request was accepted";
  EXPECT_EQ(r.status().code(), code) << r.status().ToString();
  if (!part.empty()) {
    EXPECT_THAT(r.status().message(), HasSubstr(part));
  }
}

class UnitTasksTest : public ::testing::Test {
 protected:
  UnitTasksTest() : calendar_(Calendar2026()), s_(Assigned()) {}

  Result<UnitChange> Act(const std::string& action, const std::string& unit, Millis now,
                         const std::string& reason = "", const std::string& phase = "",
                         const std::string& until = "") {
    UnitAction a{action, unit, "li", reason, phase, until};
    return ApplyUnitAction(s_, a, now, rules_, calendar_);
  }

  Result<UnitChange> Decide(const std::string& request, const std::string& unit, bool approve,
                            Millis now, const std::string& new_unit = "",
                            const std::string& note = "") {
    UnitDecision d{request, unit, approve, new_unit, "wang", note};
    return ApplyUnitDecision(s_, d, now, rules_, known_units_);
  }

  // What the broker does with an accepted change (ApiHandlers::ApplyOnSnapshot).
  void Apply(const Result<UnitChange>& r) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    s_.units = r->units;
    if (r->deadline) s_.deadline = r->deadline;
    if (!r->to_state.empty()) {
      Result<SuggestionState> st = protocol::ParseState(r->to_state);
      ASSERT_TRUE(st.ok()) << r->to_state;
      s_.state = *st;
    }
    ++s_.version;
  }

  // Both units signed, the lead started: the suggestion is IN_HANDLING.
  void SignAndStart(Millis now) {
    Apply(Act("sign", "jyj", now));
    Apply(Act("sign", "czj", now));
    Apply(Act("start", "jyj", now));
  }

  UnitRules rules_;
  WorkingCalendar calendar_;
  Suggestion s_;
  std::set<std::string> known_units_{"jyj", "czj", "jtj", "mzj"};
};

}  // namespace
}  // namespace duban::services
