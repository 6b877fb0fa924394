// Committees: the special and working committees (专门委员会 / 工作委员会) of the standing
// committee, each supervising the suggestions of its field (分工督办; issue "The seed's four layers
// of supervision"). [[committee]] in the units file (config/units.toml):
//     id = "jkww"                       # short, [a-z0-9_-]: used in keys, roles and commands
//     name = "教育科学文化卫生委员会"
//     categories = ["教育", ...]         # a suggestion of one of these categories, else
//     keywords = ["学校", ...]           # one with one of these words, falls to this committee
//     default = true                    # at most one: takes what no committee's field matches
// Matching is common/draft_match.h's over the committees in file order.
//
// Thread rules: values; pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/draft_match.h"
#include "common/status.h"

namespace duban::config {

struct Committee {
  std::string id;
  std::string name;
  std::vector<std::string> categories;
  std::vector<std::string> keywords;
  bool is_default = false;
};

// Each id once and well-formed, a name, no empty category or keyword, at most one default, and a
// committee without categories or keywords only as the default. Messages start with `where`.
Status CheckCommittees(const std::vector<Committee>& committees, const std::string& where);

// The committee a draft falls to, and why (for the timeline): the first whose field matches, else
// the default; nullptr when neither (no committees, or no default and no match).
struct CommitteeChoice {
  const Committee* committee = nullptr;
  std::string why;  // e.g. "category 教育", "keyword 幼儿园 in the title", "default"
};
CommitteeChoice CommitteeFor(const std::vector<Committee>& committees,
                             const protocol::SuggestionDraft& draft);

// The committee with this id, or nullptr.
const Committee* FindCommittee(const std::vector<Committee>& committees, std::string_view id);

}  // namespace duban::config
