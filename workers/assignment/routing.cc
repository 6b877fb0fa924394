#include "workers/assignment/routing.h"

#include <algorithm>

namespace duban::workers::assignment {
namespace {

RouteMatch MakeMatch(const config::RoutingRule& rule, MatchedBy by, const std::string& matched) {
  return RouteMatch{rule.name, rule.lead, rule.co, by, matched};
}

bool Contains(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

// The first of the rule's keywords found in the draft, looking at the deputy's own keywords
// before the title and the title before the content.
std::optional<RouteMatch> MatchKeywords(const config::RoutingRule& rule,
                                        const protocol::SuggestionDraft& d) {
  for (const std::string& word : rule.keywords) {
    for (const std::string& k : d.keywords) {
      if (Contains(k, word)) return MakeMatch(rule, MatchedBy::kKeywords, word);
    }
  }
  for (const std::string& word : rule.keywords) {
    if (Contains(d.title, word)) return MakeMatch(rule, MatchedBy::kTitle, word);
  }
  for (const std::string& word : rule.keywords) {
    if (Contains(d.content, word)) return MakeMatch(rule, MatchedBy::kContent, word);
  }
  return std::nullopt;
}

}  // namespace

std::string_view MatchedByName(MatchedBy m) {
  switch (m) {
    case MatchedBy::kCategory:
      return "category";
    case MatchedBy::kKeywords:
      return "keywords";
    case MatchedBy::kTitle:
      return "title";
    case MatchedBy::kContent:
      return "content";
  }
  return "unknown";
}

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
  if (!draft.category.empty()) {
    for (const config::RoutingRule& rule : rules_) {
      for (const std::string& category : rule.categories) {
        if (category == draft.category) return MakeMatch(rule, MatchedBy::kCategory, category);
      }
    }
  }
  for (const config::RoutingRule& rule : rules_) {
    if (auto m = MatchKeywords(rule, draft)) return m;
  }
  return std::nullopt;
}

const config::Unit* RoutingTable::FindUnit(std::string_view id) const {
  for (const config::Unit& u : units_) {
    if (u.id == id) return &u;
  }
  return nullptr;
}

}  // namespace duban::workers::assignment
