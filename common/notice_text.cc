#include "common/notice_text.h"

#include <algorithm>

namespace duban {

const std::vector<NoticeTemplateInfo>& NoticeCatalog() {
  static const std::vector<NoticeTemplateInfo> kCatalog = {
      // The broker's own services (services/unit_tasks.cc, services/closing_rules.cc).
      {"return_requested", {"code", "title", "unit", "reason"}},
      {"extension_requested", {"code", "title", "unit", "until", "reason"}},
      {"opinion_sent", {"code", "title", "unit", "reason"}},
      {"return_refused", {"code", "title", "note"}},
      {"reassigned", {"code", "title"}},
      {"extension_refused", {"code", "title", "note"}},
      {"extension_approved", {"code", "title", "date", "old_date"}},
      {"replied", {"code", "title", "unit", "class", "class_name"}},
      {"replied_late", {"code", "title", "unit", "class", "class_name"}},
      {"closed_out", {"code", "title", "basis"}},
      {"review_accepted", {"code", "title", "reason"}},
      {"review_returned", {"code", "title", "reason"}},
      {"review_withdrawn", {"code", "title", "reason"}},
      {"review_merged", {"code", "title", "into", "reason"}},
      // The roles (workers/).
      {"review_needed", {"code", "title"}},
      {"reply_reminder", {"code", "title", "deadline", "days_left"}},
      {"reply_reminder_today", {"code", "title", "deadline"}},
      {"rehandling_reminder", {"code", "title", "deadline", "days_left"}},
      {"rehandling_reminder_today", {"code", "title", "deadline"}},
      {"review_overdue", {"code", "title", "days", "since"}},
      {"return_decision_overdue", {"code", "title", "unit", "days", "since"}},
      {"extension_decision_overdue", {"code", "title", "unit", "days", "since"}},
      {"sign_reminder", {"code", "title", "unit", "days"}},
      {"sign_overdue", {"code", "title", "unit", "days"}},
      {"opinion_reminder", {"code", "title", "unit", "date", "days_left"}},
      {"opinion_reminder_today", {"code", "title", "unit", "date"}},
      {"opinion_overdue", {"code", "title", "unit", "date"}},
      {"evaluation_request", {"code", "title", "unit", "class", "days", "reply", "link"}},
      {"evaluation_reminder", {"code", "title", "replied"}},
      {"evaluation_overdue", {"code", "title", "replied", "deputy"}},
      {"closed", {"code", "title", "class", "level"}},
      {"follow_up", {"code", "title", "class", "level", "open"}},
      {"rehandling_unit", {"code", "title", "level", "reasons", "date"}},
      {"rehandling_deputy", {"code", "title", "date"}},
      {"commitment_reminder", {"code", "title", "id", "text", "due"}},
      {"commitment_overdue", {"code", "title", "id", "text", "due"}},
      {"lookback_due", {"code", "title", "lookbacks"}},
      {"reply_overdue", {"code", "title", "date", "units"}},
      // The escalation role (workers/escalation/): the directors' meeting agenda (主任会议议程),
      // its monthly progress check (重点督办), and how its notices list the units.
      // The reason an item is placed on the agenda (the item's reason; {reason} below).
      {"agenda_reason_reply_overdue", {"days"}},
      {"agenda_reason_rehandling_overdue", {}},
      {"agenda_reason_dissatisfied_twice", {}},
      // Placed on the agenda: the notice to the agenda, then the one to the staff.
      {"agenda_reply_overdue", {"code", "title", "lead_units", "date", "overdue_days", "reason"}},
      {"agenda_reply_overdue_staff", {"code", "title", "lead_units", "reason"}},
      {"agenda_rehandling_overdue", {"code", "title", "lead_units", "date", "reason"}},
      {"agenda_rehandling_overdue_staff", {"code", "title", "lead_units", "reason"}},
      {"agenda_dissatisfied_twice", {"code", "title", "lead_units", "reason"}},
      {"agenda_dissatisfied_twice_staff", {"code", "title", "lead_units", "reason"}},
      {"agenda_progress_check", {"code", "title", "item", "lead_units"}},
      // The unit lists of {units} and {lead_units}.
      {"unit_list_lead", {"unit"}},
      {"unit_list_co", {"unit"}},
      {"unit_list_separator", {}},
      {"unit_list_none", {}},
  };
  return kCatalog;
}

namespace {

const NoticeTemplateInfo* Find(std::string_view name) {
  const auto& c = NoticeCatalog();
  auto it = std::find_if(c.begin(), c.end(), [&](const auto& t) { return t.name == name; });
  return it == c.end() ? nullptr : &*it;
}

// Calls value(name) for each {name} and text(piece) for the rest; false on a lone brace.
template <typename Text, typename Value>
bool Walk(std::string_view t, Text text, Value value) {
  std::size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    if ((c == '{' || c == '}') && i + 1 < t.size() && t[i + 1] == c) {
      text(t.substr(i, 1));
      i += 2;
    } else if (c == '{') {
      const std::size_t end = t.find('}', i + 1);
      if (end == std::string_view::npos) return false;
      value(t.substr(i + 1, end - i - 1));
      i = end + 1;
    } else if (c == '}') {
      return false;
    } else {
      const std::size_t next = t.find_first_of("{}", i);
      const std::size_t stop = next == std::string_view::npos ? t.size() : next;
      text(t.substr(i, stop - i));
      i = stop;
    }
  }
  return true;
}

// `text` with each {name} replaced by its value among `values` (pairs of name and value).
template <typename Pairs>
std::string RenderPairs(std::string_view text, const Pairs& values) {
  std::string out;
  Walk(text, [&](std::string_view piece) { out += piece; }, [&](std::string_view name) {
    for (const auto& [k, v] : values) {
      if (k == name) {
        out += v;
        return;
      }
    }
  });
  return out;
}

}  // namespace

Status CheckNoticeTemplate(std::string_view name, std::string_view text) {
  const NoticeTemplateInfo* info = Find(name);
  if (info == nullptr) {
    return InvalidArgument("notices." + std::string(name) + " is not a notice template");
  }
  std::string unknown;
  const bool ok = Walk(text, [](std::string_view) {}, [&](std::string_view v) {
    if (unknown.empty() &&
        std::find(info->values.begin(), info->values.end(), v) == info->values.end()) {
      unknown = std::string(v);
    }
  });
  if (!ok) {
    return InvalidArgument("notices." + std::string(name) +
                           ": a lone brace (write {{ or }} for a brace)");
  }
  if (!unknown.empty()) {
    std::string known;
    for (auto v : info->values) known += (known.empty() ? "{" : ", {") + std::string(v) + "}";
    return InvalidArgument("notices." + std::string(name) + " uses {" + unknown +
                           "}, which this notice does not give (it gives " + known + ")");
  }
  return Status::Ok();
}

std::string RenderNotice(std::string_view text, NoticeValues values) {
  return RenderPairs(text, values);
}

std::string NoticeTexts::operator()(std::string_view name, NoticeValues values) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) return "[" + std::string(name) + "]";
  std::string unit_name;
  for (const auto& [k, v] : values) {
    if (k != "unit") continue;
    auto n = unit_names_.find(v);
    if (n == unit_names_.end() || n->second.empty()) break;
    unit_name = n->second;
  }
  if (unit_name.empty()) return RenderNotice(it->second, values);
  // The same values with the unit's name for its id (an initializer list cannot be edited).
  std::vector<std::pair<std::string_view, std::string_view>> named(values.begin(), values.end());
  for (auto& [k, v] : named) {
    if (k == "unit") v = unit_name;
  }
  return RenderPairs(it->second, named);
}

}  // namespace duban
