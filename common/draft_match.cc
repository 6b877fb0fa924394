#include "common/draft_match.h"

namespace duban {
namespace {

bool Contains(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

// The first of the keywords found in the draft, looking at the deputy's own keywords before the
// title and the title before the content.
std::optional<DraftHit> MatchKeywords(const std::vector<std::string>& keywords,
                                      const protocol::SuggestionDraft& d) {
  for (const std::string& word : keywords) {
    for (const std::string& k : d.keywords) {
      if (Contains(k, word)) return DraftHit{0, MatchedBy::kKeywords, word};
    }
  }
  for (const std::string& word : keywords) {
    if (Contains(d.title, word)) return DraftHit{0, MatchedBy::kTitle, word};
  }
  for (const std::string& word : keywords) {
    if (Contains(d.content, word)) return DraftHit{0, MatchedBy::kContent, word};
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

std::optional<DraftHit> FirstMatch(const std::vector<MatchTerms>& lists,
                                   const protocol::SuggestionDraft& draft) {
  if (!draft.category.empty()) {
    for (std::size_t i = 0; i < lists.size(); ++i) {
      if (lists[i].categories == nullptr) continue;
      for (const std::string& category : *lists[i].categories) {
        if (category == draft.category) return DraftHit{i, MatchedBy::kCategory, category};
      }
    }
  }
  for (std::size_t i = 0; i < lists.size(); ++i) {
    if (lists[i].keywords == nullptr) continue;
    if (auto hit = MatchKeywords(*lists[i].keywords, draft)) {
      hit->index = i;
      return hit;
    }
  }
  return std::nullopt;
}

}  // namespace duban
