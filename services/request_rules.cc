#include "services/request_rules.h"

#include <algorithm>
#include <chrono>

#include "common/calendar.h"

namespace duban::services {

Result<std::vector<std::string>> RecipientsOf(const RequestRules& rules, const std::string& to) {
  std::vector<std::string> deputies = config::DeputiesReached(rules.stations, to);
  if (deputies.empty()) {
    return InvalidArgument("'" + to + "' is neither a deputy of a liaison station (deputy:<id>, "
                           "一人一码) nor a station (station:<id>, 一家一码)");
  }
  for (auto& d : deputies) d = "deputy:" + d;
  return deputies;
}

namespace {
// The n-th working day after `d`; Monday to Friday where the calendar lacks the year (a request
// is never refused for a missing calendar: the people's channel stays open; *assumed is set).
Result<Date> WorkingDayAfter(const WorkingCalendar& calendar, Date d, int n, bool* assumed) {
  auto exact = calendar.AddWorkingDays(d, n);
  if (exact.ok() || exact.status().code() != StatusCode::kFailedPrecondition) return exact;
  *assumed = true;
  std::chrono::sys_days day{d};
  for (int left = n; left > 0;) {
    day += std::chrono::days{1};
    const unsigned wd = std::chrono::weekday{day}.c_encoding();  // 0 = Sunday
    if (wd != 0 && wd != 6) --left;
  }
  return Date{day};
}
}  // namespace

Result<AckPlan> PlanAck(Millis now, const WorkingCalendar& calendar, const RequestRules& rules) {
  const Date today = LocalDateOf(now, rules.utc_offset_minutes);
  const int n = static_cast<int>(rules.ack_working_days);
  bool assumed = false;
  DUBAN_ASSIGN_OR_RETURN(Date due, WorkingDayAfter(calendar, today, n, &assumed));
  AckPlan plan;
  plan.due = FormatDate(due);
  plan.due_end_ms = EndOfLocalDay(due, rules.utc_offset_minutes);
  if (n > 1) {
    DUBAN_ASSIGN_OR_RETURN(Date before, WorkingDayAfter(calendar, today, n - 1, &assumed));
    const Millis at =
        StartOfLocalDay(before, rules.utc_offset_minutes) + rules.work_start_minute * 60'000;
    if (at > now) plan.remind_ms = at;
  }
  plan.assumed_weekdays = assumed;
  return plan;
}

Status MayAct(const protocol::PeopleRequest& r, const std::string& deputy,
              const RequestRules& rules) {
  if (deputy.empty()) return Status::Ok();
  const auto reached = config::DeputiesReached(rules.stations, r.to);
  if (std::find(reached.begin(), reached.end(), deputy) != reached.end()) return Status::Ok();
  return PermissionDenied("request " + r.code + " came to " + r.to + ", which deputy " + deputy +
                          " does not receive for");
}

Result<protocol::PeopleRequest> Acknowledge(protocol::PeopleRequest r, const std::string& actor,
                                            Millis now) {
  if (r.state != "RECEIVED") {
    return FailedPrecondition("request " + r.code + " is " + r.state + ": acknowledged already");
  }
  r.state = "ACKNOWLEDGED";
  r.acknowledged_ms = now;
  r.acknowledged_by = actor;
  return r;
}

Result<protocol::PeopleRequest> Answer(protocol::PeopleRequest r, const std::string& text,
                                       const std::string& actor, Millis now) {
  if (r.state != "RECEIVED" && r.state != "ACKNOWLEDGED") {
    return FailedPrecondition("request " + r.code + " is " + r.state +
                              ": only a received or acknowledged request is answered");
  }
  if (text.empty()) return InvalidArgument("the answer is empty");
  if (r.state == "RECEIVED") {
    r.acknowledged_ms = now;  // answering acknowledges
    r.acknowledged_by = actor;
  }
  r.state = "ANSWERED";
  r.answer = text;
  r.answered_ms = now;
  r.answered_by = actor;
  return r;
}

Result<protocol::PeopleRequest> Convert(protocol::PeopleRequest r, const std::string& suggestion,
                                        const std::string& actor, Millis now) {
  if (r.state == "CONVERTED" && r.suggestion == suggestion) return r;
  if (r.state != "RECEIVED" && r.state != "ACKNOWLEDGED") {
    return FailedPrecondition("request " + r.code + " is " + r.state +
                              ": only a received or acknowledged request is turned into a "
                              "suggestion");
  }
  if (r.state == "RECEIVED") {
    r.acknowledged_ms = now;
    r.acknowledged_by = actor;
  }
  r.state = "CONVERTED";
  r.suggestion = suggestion;
  return r;
}

std::string ContentOf(const std::vector<protocol::PeopleRequest>& requests) {
  std::string out;
  for (const auto& r : requests) out += (out.empty() ? "" : "\n") + r.code + "：" + r.text;
  return out;
}

protocol::PublicRequest PublicView(const protocol::PeopleRequest& r, const RequestRules& rules) {
  protocol::PublicRequest p;
  p.code = r.code;
  p.state = r.state;
  p.state_label = r.state == "RECEIVED"       ? "已收到"
                  : r.state == "ACKNOWLEDGED" ? "已签收"
                  : r.state == "ANSWERED"     ? "已答复"
                  : r.state == "CONVERTED"    ? "已转为代表建议"
                                              : r.state;
  constexpr std::string_view kStation = "station:";
  p.to_label = r.to;
  if (r.to.rfind("deputy:", 0) == 0) p.to_label = "代表 " + r.to.substr(7);
  if (r.to.rfind(kStation, 0) == 0) {
    if (const auto* s = config::FindStation(rules.stations, r.to.substr(kStation.size()))) {
      p.to_label = s->name;
    }
  }
  auto date = [&](Millis t) {
    return t > 0 ? FormatDate(LocalDateOf(t, rules.utc_offset_minutes)) : std::string();
  };
  p.received = date(r.received_ms);
  p.acknowledged = date(r.acknowledged_ms);
  p.answered = date(r.answered_ms);
  p.suggestion = r.suggestion;
  return p;
}

}  // namespace duban::services
