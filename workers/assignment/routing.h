// RoutingTable: decides which handling units (承办单位) a suggestion goes to, from the routing
// rules of the units file (config/units.toml). A rule names a lead unit (主办) and co-handlers
// (协办).
//
// Matching runs in two passes, each trying the rules in file order and stopping at the first hit:
//   1. category: the draft's category equals one of the rule's categories (the deputy chose it,
//      so it outranks any word that happens to appear in the text);
//   2. keyword: one of the rule's keywords occurs in the draft's keywords, title or content.
// Keywords match as byte substrings, which is right for Chinese (no word boundaries) and safe for
// UTF-8 (a character's bytes never occur inside another character). No match means the
// suggestion waits for staff (代表工作委员会) to assign it by hand.
//
// Invariants (checked by Create): every unit a rule names exists, no rule has an empty keyword or
// category (an empty keyword would match everything).
// Thread rules: immutable after Create; safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/protocol/messages.h"
#include "common/result.h"
#include "config/config.h"

namespace duban::workers::assignment {

// Which text of the draft a rule matched, for the audit note and for tests.
enum class MatchedBy { kCategory, kKeywords, kTitle, kContent };
std::string_view MatchedByName(MatchedBy m);

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
