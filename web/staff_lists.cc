#include "web/staff_lists.h"

#include <algorithm>

#include "common/protocol/lifecycle.h"
#include "web/task_board.h"

namespace duban::web {
namespace {

bool Owes(const protocol::UnitAssignment& u) {
  return u.state != "REASSIGNED" && u.state != "REPLIED" && u.state != "OPINION_SENT";
}

}  // namespace

std::vector<PendingDecision> PendingDecisionsOf(const protocol::GetReply& got,
                                                std::int64_t staff_decision_days,
                                                std::int64_t utc_offset_minutes) {
  const protocol::Suggestion& s = got.suggestion;
  std::vector<PendingDecision> out;
  if (!protocol::AwaitsReply(s.state)) return out;  // after the reply nothing can be decided
  for (const protocol::UnitAssignment& u : s.units) {
    const bool ret = u.state == "RETURN_PENDING";
    if (!ret && u.state != "EXTENSION_PENDING") continue;
    PendingDecision d;
    d.code = s.code;
    d.title = s.draft.title;
    d.unit = u.unit;
    d.lead = u.role == protocol::UnitRole::kLead;
    d.request = ret ? "return" : "extension";
    d.until = u.pending_until;
    d.deadline = s.deadline ? s.deadline->date : "";
    const std::string action = ret ? "return_requested" : "extension_requested";
    const std::string actor = "unit:" + u.unit + "/";
    for (auto it = got.timeline.rbegin(); it != got.timeline.rend(); ++it) {
      if (it->action == action && it->actor.rfind(actor, 0) == 0) {
        d.since_ms = it->at_ms;
        d.reason = it->note;
        break;
      }
    }
    if (d.since_ms > 0) {
      Date since = LocalDateOf(d.since_ms, utc_offset_minutes);
      d.decide_by = FormatDate(AddDays(since, static_cast<int>(staff_decision_days)));
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::map<std::string, UnitDeadlines> DeadlinesByUnit(
    const std::vector<protocol::Suggestion>& suggestions, Date today) {
  std::map<std::string, UnitDeadlines> out;
  for (const protocol::Suggestion& s : suggestions) {
    if (!protocol::AwaitsReply(s.state) || !s.deadline) continue;
    auto due = ParseDate(s.deadline->date);
    if (!due.ok()) continue;
    const auto days = (std::chrono::sys_days(*due) - std::chrono::sys_days(today)).count();
    if (days > kDueSoonDays) continue;
    for (const protocol::UnitAssignment& u : s.units) {
      if (!Owes(u)) continue;
      DeadlineItem item{s.code, s.draft.title, u.state, u.role == protocol::UnitRole::kLead,
                        s.deadline->date, days};
      UnitDeadlines& unit = out[u.unit];
      (days < 0 ? unit.overdue : unit.due_soon).push_back(std::move(item));
    }
  }
  auto by_days = [](const DeadlineItem& a, const DeadlineItem& b) {
    return a.days_left != b.days_left ? a.days_left < b.days_left : a.code < b.code;
  };
  for (auto& [unit, lists] : out) {
    std::sort(lists.overdue.begin(), lists.overdue.end(), by_days);
    std::sort(lists.due_soon.begin(), lists.due_soon.end(), by_days);
  }
  return out;
}

ReviewNote ReviewNoteOf(const std::vector<protocol::AuditEntry>& timeline) {
  ReviewNote r;
  for (auto it = timeline.rbegin(); it != timeline.rend(); ++it) {
    if (it->action == "awaiting_staff") {
      r.no_rule_matched = true;
      r.note = it->note;
      r.since_ms = it->at_ms;
      break;
    }
  }
  return r;
}

}  // namespace duban::web
