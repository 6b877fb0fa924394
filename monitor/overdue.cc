#include "monitor/overdue.h"

#include <algorithm>
#include <map>
#include <set>

namespace duban::monitor {

bool IsOverdue(const protocol::SuggestionSummary& s, std::string_view today) {
  bool owed =
      std::find(std::begin(kOwedStates), std::end(kOwedStates), s.state) != std::end(kOwedStates);
  return owed && !s.deadline.empty() && s.deadline < today;
}

OverdueReport GroupOverdue(const std::vector<protocol::SuggestionSummary>& items,
                           std::string_view today, bool capped) {
  OverdueReport report;
  report.today = std::string(today);
  report.capped = capped;
  // unit -> (deadline, code) pairs; a set orders them earliest deadline first.
  std::map<std::string, std::set<std::pair<std::string, std::string>>> by_unit;
  std::set<std::string> seen;
  for (const auto& s : items) {
    if (!IsOverdue(s, today) || !seen.insert(s.code).second) continue;
    by_unit[s.lead_unit].emplace(s.deadline, s.code);
  }
  for (const auto& [unit, rows] : by_unit) {
    OverdueUnit u;
    u.unit = unit;
    u.count = static_cast<std::int64_t>(rows.size());
    u.oldest_deadline = rows.begin()->first;
    for (const auto& [deadline, code] : rows) {
      if (u.codes.size() == kMaxCodesPerUnit) break;
      u.codes.push_back(code);
    }
    report.total += u.count;
    report.units.push_back(std::move(u));
  }
  std::stable_sort(report.units.begin(), report.units.end(),
                   [](const OverdueUnit& a, const OverdueUnit& b) { return a.count > b.count; });
  return report;
}

}  // namespace duban::monitor
