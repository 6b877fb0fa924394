#include "workers/assignment/routing.h"

#include <algorithm>

#include "common/draft_match.h"

namespace duban::workers::assignment {

Result<RoutingTable> RoutingTable::Create(std::vector<config::Unit> units,
                                          std::vector<config::RoutingRule> rules) {
  auto known = [&](const std::string& id) {
    return std::any_of(units.begin(), units.end(),
                       [&](const config::Unit& u) { return u.id == id; });
  };
  for (const config::RoutingRule& r : rules) {
    const std::string rule = "routing rule '" + r.name + "'";
    if (r.categories.empty() && r.keywords.empty()) {
      return InvalidArgument(rule + " has neither categories nor keywords");
    }
    for (const auto& s : r.categories) {
      if (s.empty()) return InvalidArgument(rule + " has an empty category");
    }
    for (const auto& s : r.keywords) {
      if (s.empty()) return InvalidArgument(rule + " has an empty keyword");
    }
    if (!known(r.lead)) return InvalidArgument(rule + " names unknown lead unit '" + r.lead + "'");
    for (const auto& u : r.co) {
      if (!known(u)) return InvalidArgument(rule + " names unknown co unit '" + u + "'");
    }
  }
  return RoutingTable(std::move(units), std::move(rules));
}

std::optional<RouteMatch> RoutingTable::Match(const protocol::SuggestionDraft& draft) const {
  std::vector<MatchTerms> lists;
  lists.reserve(rules_.size());
  for (const config::RoutingRule& rule : rules_) lists.push_back({&rule.categories, &rule.keywords});
  auto hit = FirstMatch(lists, draft);
  if (!hit) return std::nullopt;
  const config::RoutingRule& rule = rules_[hit->index];
  return RouteMatch{rule.name, rule.lead, rule.co, hit->by, hit->matched};
}

const config::Unit* RoutingTable::FindUnit(std::string_view id) const {
  for (const config::Unit& u : units_) {
    if (u.id == id) return &u;
  }
  return nullptr;
}

}  // namespace duban::workers::assignment
