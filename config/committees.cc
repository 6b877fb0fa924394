#include "config/committees.h"

#include <set>

namespace duban::config {

namespace {
bool IsId(const std::string& id) {
  if (id.empty() || id.size() > 32) return false;
  for (char ch : id) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-')) {
      return false;
    }
  }
  return true;
}
}  // namespace

Status CheckCommittees(const std::vector<Committee>& committees, const std::string& where) {
  std::set<std::string> ids;
  int defaults = 0;
  for (const Committee& c : committees) {
    const std::string what = where + "committee '" + c.id + "'";
    if (!IsId(c.id)) {
      return InvalidArgument(where + "committee id '" + c.id +
                             "' must be 1..32 of [a-z0-9_-]");
    }
    if (!ids.insert(c.id).second) return InvalidArgument(what + " is listed twice");
    if (c.name.empty()) return InvalidArgument(what + " has no name");
    for (const auto& s : c.categories) {
      if (s.empty()) return InvalidArgument(what + " has an empty category");
    }
    for (const auto& s : c.keywords) {
      if (s.empty()) return InvalidArgument(what + " has an empty keyword");
    }
    if (c.is_default) ++defaults;
    if (c.categories.empty() && c.keywords.empty() && !c.is_default) {
      return InvalidArgument(what + " has neither categories nor keywords and is not the default");
    }
  }
  if (defaults > 1) return InvalidArgument(where + "more than one committee is the default");
  return Status::Ok();
}

CommitteeChoice CommitteeFor(const std::vector<Committee>& committees,
                             const protocol::SuggestionDraft& draft) {
  std::vector<MatchTerms> lists;
  lists.reserve(committees.size());
  for (const Committee& c : committees) lists.push_back({&c.categories, &c.keywords});
  if (auto hit = FirstMatch(lists, draft)) {
    std::string why = hit->by == MatchedBy::kCategory
                          ? "category " + hit->matched
                          : "keyword " + hit->matched + " in the " +
                                std::string(MatchedByName(hit->by));
    return {&committees[hit->index], std::move(why)};
  }
  for (const Committee& c : committees) {
    if (c.is_default) return {&c, "default"};
  }
  return {};
}

const Committee* FindCommittee(const std::vector<Committee>& committees, std::string_view id) {
  for (const Committee& c : committees) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

}  // namespace duban::config
