// Labels: every state and every documented timeline action has the Chinese words people read, so
// a new action cannot reach a page or dubanctl bare without a test failing here.
#include "common/protocol/labels.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace duban::protocol {
namespace {

std::string ReadDoc(const std::string& name) {
  std::ifstream in(std::string(DUBAN_SOURCE_DIR) + "/docs/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The backquoted actions of the table under "### Audit actions" (its second column).
std::set<std::string> DocumentedActions() {
  const std::string doc = ReadDoc("protocol.md");
  const std::size_t begin = doc.find("### Audit actions");
  const std::size_t end = doc.find("\n## ", begin);
  std::set<std::string> actions;
  std::istringstream table(doc.substr(begin, end - begin));
  const std::regex code("`([a-z_]+)`");
  for (std::string line; std::getline(table, line);) {
    if (line.rfind("| ", 0) != 0) continue;
    const std::size_t second = line.find(" | ", 2);
    if (second == std::string::npos) continue;
    const std::string cell = line.substr(second + 3);
    for (std::sregex_iterator m(cell.begin(), cell.end(), code), e; m != e; ++m) {
      actions.insert((*m)[1]);
    }
  }
  return actions;
}

TEST(Labels, EveryDocumentedActionHasChineseWords) {
  const std::set<std::string> actions = DocumentedActions();
  ASSERT_GT(actions.size(), 60u) << "the Audit actions table of docs/protocol.md was not found";
  for (const std::string& action : actions) {
    // Words in backquotes that are services or states, not actions, in the table's prose.
    if (action == "actor" || action == "conclude" || action == "resubmit" || action == "read") {
      continue;
    }
    EXPECT_FALSE(ActionLabel(action).empty()) << "no label for the action " << action;
  }
  EXPECT_EQ(ActionLabel("signed"), "签收");
  EXPECT_EQ(ActionLabel("replied"), "答复代表");
  EXPECT_EQ(ActionLabel("no_such_action"), "");
}

TEST(Labels, EveryStateHasItsOwnLabelByValueAndByName) {
  std::set<std::string_view> seen;
  for (int i = 0; i <= static_cast<int>(SuggestionState::kFollowUp); ++i) {
    const auto s = static_cast<SuggestionState>(i);
    EXPECT_FALSE(StateLabel(s).empty()) << StateName(s);
    EXPECT_EQ(StateLabel(StateName(s)), StateLabel(s));
    seen.insert(StateLabel(s));
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(SuggestionState::kFollowUp) + 1);
  EXPECT_EQ(StateLabel("IN_HANDLING"), "办理中");
  EXPECT_EQ(StateLabel("NOT_A_STATE"), "");
}

TEST(Labels, UnitTaskStatesAndTheCodeBesideTheWords) {
  EXPECT_EQ(UnitTaskStateLabel("ISSUED"), "待签收");
  EXPECT_EQ(UnitTaskStateLabel("OPINION_SENT"), "已送协办意见");
  EXPECT_EQ(UnitTaskStateLabel("UNKNOWN"), "");
  EXPECT_EQ(WithCode("签收", "signed"), "签收 (signed)");
  EXPECT_EQ(WithCode("", "odd_action"), "odd_action");
}

}  // namespace
}  // namespace duban::protocol
