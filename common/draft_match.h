// DraftMatch: whether a suggestion's draft falls under lists of categories and keywords — the test
// behind the routing rules (workers/assignment/routing.h) and the committees' fields
// (config/committees.h). Two passes over the lists in order, stopping at the first hit:
//   1. category: the draft's category equals one of a list's categories (the deputy chose it, so
//      it outranks any word that happens to appear in the text);
//   2. keyword: one of a list's keywords occurs in the draft's keywords, then its title, then its
//      content.
// Keywords match as byte substrings, which is right for Chinese (no word boundaries) and safe for
// UTF-8 (a character's bytes never occur inside another character).
//
// Thread rules: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/protocol/messages.h"

namespace duban {

// Which text of the draft matched, for audit notes and tests.
enum class MatchedBy { kCategory, kKeywords, kTitle, kContent };
std::string_view MatchedByName(MatchedBy m);

// One list to match against: a rule's or a committee's.
struct MatchTerms {
  const std::vector<std::string>* categories = nullptr;
  const std::vector<std::string>* keywords = nullptr;
};

struct DraftHit {
  std::size_t index = 0;  // which of the lists
  MatchedBy by = MatchedBy::kCategory;
  std::string matched;  // the category or keyword that matched
};

// The first hit over `lists` (see the passes above), or nullopt.
std::optional<DraftHit> FirstMatch(const std::vector<MatchTerms>& lists,
                                   const protocol::SuggestionDraft& draft);

}  // namespace duban
