// The words table: every key once, both languages for each, the same {placeholders} in both, and
// a word for every state and unit-task state the broker sends.
#include "web/words.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "common/protocol/messages.h"

namespace duban::web {
namespace {

std::set<std::string> Placeholders(std::string_view text) {
  std::set<std::string> out;
  static const std::regex kPlaceholder(R"(\{[a-z_]+\})");
  std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), kPlaceholder); it != std::sregex_iterator();
       ++it) {
    out.insert(it->str());
  }
  return out;
}

TEST(WordsTest, EveryKeyOnceWithBothLanguages) {
  std::set<std::string_view> keys;
  for (const Word& w : AllWords()) {
    EXPECT_TRUE(keys.insert(w.key).second) << "given twice: " << w.key;
    EXPECT_FALSE(w.zh.empty()) << w.key << " has no Chinese";
    EXPECT_FALSE(w.en.empty()) << w.key << " has no English";
    EXPECT_EQ(Placeholders(w.zh), Placeholders(w.en)) << w.key;
    EXPECT_EQ(Say(Lang::kZh, w.key), w.zh);
    EXPECT_EQ(Say(Lang::kEn, w.key), w.en);
  }
  EXPECT_GT(keys.size(), 100u);
}

TEST(WordsTest, EveryStateTheBrokerSendsHasAWord) {
  using protocol::SuggestionState;
  for (int i = 0; i <= static_cast<int>(SuggestionState::kFollowUp); ++i) {
    std::string name(protocol::StateName(static_cast<SuggestionState>(i)));
    EXPECT_EQ(Say(Lang::kZh, "state." + name).find("[?"), std::string::npos) << name;
  }
  for (const char* s : {"ISSUED", "SIGNED", "IN_PROGRESS", "RETURN_PENDING", "EXTENSION_PENDING",
                        "EXTENDED", "OPINION_SENT", "REPLIED", "REASSIGNED"}) {
    EXPECT_EQ(Say(Lang::kZh, std::string("unit_state.") + s).find("[?"), std::string::npos) << s;
  }
  for (const char* c : {"INVALID_ARGUMENT", "NOT_FOUND", "FAILED_PRECONDITION", "PERMISSION_DENIED",
                        "UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED", "INTERNAL"}) {
    EXPECT_EQ(Say(Lang::kEn, std::string("code.") + c).find("[?"), std::string::npos) << c;
  }
}

TEST(WordsTest, MissingKeysShowAndUnknownNamesPassThrough) {
  EXPECT_EQ(Say(Lang::kZh, "no.such.key"), "[?no.such.key]");
  EXPECT_EQ(SayOr(Lang::kZh, "state.", "ASSIGNED"), "已交办");
  EXPECT_EQ(SayOr(Lang::kEn, "state.", "ASSIGNED"), "assigned");
  EXPECT_EQ(SayOr(Lang::kZh, "state.", "NEW_STATE"), "NEW_STATE");
  EXPECT_EQ(ParseLang("en"), Lang::kEn);
  EXPECT_EQ(ParseLang("zh"), Lang::kZh);
  EXPECT_EQ(ParseLang("<script>"), Lang::kZh);
  EXPECT_EQ(LangCode(Lang::kZh), "zh-CN");
}

}  // namespace
}  // namespace duban::web
