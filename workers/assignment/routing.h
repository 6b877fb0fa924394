// RoutingTable: decides which handling units (承办单位) a suggestion goes to, from the routing
// rules of the units file (config/units.toml). A rule names a lead unit (主办) and co-handlers
// (协办).
//
// Matching is common/draft_match.h's over the rules in file order: every rule's categories first,
// then their keywords in the draft's keywords, title and content. No match means the suggestion
// waits for staff (代表工作委员会) to assign it by hand.
//
// Invariants (checked by Create): every unit a rule names exists, no rule has an empty keyword or
// category (an empty keyword would match everything).
// Thread rules: immutable after Create; safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/draft_match.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "config/config.h"

namespace duban::workers::assignment {

// Which text of the draft a rule matched (common/draft_match.h).
using duban::MatchedBy;
using duban::MatchedByName;

struct RouteMatch {
  std::string rule;             // the rule's name
  std::string lead;             // unit id of the lead unit
  std::vector<std::string> co;  // unit ids of the co-handlers, in rule order
  MatchedBy by = MatchedBy::kCategory;
  std::string matched;  // the category or keyword that matched
};

class RoutingTable {
 public:
  // The table for `rules` over `units`. InvalidArgument naming the rule for an unknown unit, an
  // empty keyword or category, or a rule that can match nothing.
  static Result<RoutingTable> Create(std::vector<config::Unit> units,
                                     std::vector<config::RoutingRule> rules);

  // The first matching rule (see the passes above), or nullopt when none matches.
  std::optional<RouteMatch> Match(const protocol::SuggestionDraft& draft) const;

  // The unit with this id, or nullptr.
  const config::Unit* FindUnit(std::string_view id) const;

  std::size_t rule_count() const { return rules_.size(); }

 private:
  RoutingTable(std::vector<config::Unit> units, std::vector<config::RoutingRule> rules)
      : units_(std::move(units)), rules_(std::move(rules)) {}

  std::vector<config::Unit> units_;
  std::vector<config::RoutingRule> rules_;  // in file order: the order of matching
};

}  // namespace duban::workers::assignment
