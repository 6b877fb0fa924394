// dubanctl's human tables: columns aligned by display width (Chinese takes two columns), cells
// kept to one line, truncation with "…" that never splits a character, and local times (the ISO
// text --json prints beside them is protocol::FormatLocalIso's).
#include "dubanctl/table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "common/protocol/json_view.h"

namespace duban::ctl {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(DisplayWidth, CountsWideCharactersTwice) {
  EXPECT_EQ(DisplayWidth(""), 0);
  EXPECT_EQ(DisplayWidth("jyj"), 3);
  EXPECT_EQ(DisplayWidth("市教育局"), 8);
  EXPECT_EQ(DisplayWidth("A市B"), 4);
  EXPECT_EQ(DisplayWidth("\xff"), 1) << "an invalid byte counts one column";
}

TEST(TruncateToWidth, CutsWholeCharactersAndMarksTheCut) {
  EXPECT_EQ(TruncateToWidth("abcdef", 10), "abcdef");
  EXPECT_EQ(TruncateToWidth("abcdef", 4), "abc…");
  const std::string cut = TruncateToWidth("关于改善公交线路的建议", 7);
  EXPECT_LE(DisplayWidth(cut), 7);
  EXPECT_EQ(cut, "关于改…");
  EXPECT_EQ(TruncateToWidth("abc", 0), "");
}

TEST(OneLine, ReplacesControlCharacters) {
  EXPECT_EQ(OneLine("a\nb\tc\rd"), "a b c d");
  EXPECT_EQ(OneLine("见面\n沟通"), "见面 沟通");
}

TEST(FormatTime, LocalAndIsoAtTheJurisdictionsOffset) {
  const Millis t = 1'772'328'600'000;  // 2026-03-01T01:30:00Z
  EXPECT_EQ(FormatLocalTime(t, 480), "2026-03-01 09:30:00");
  EXPECT_EQ(protocol::FormatLocalIso(t, 480), "2026-03-01T09:30:00+08:00");
  EXPECT_EQ(protocol::FormatLocalIso(t, 0), "2026-03-01T01:30:00+00:00");
}

TEST(Table, AlignsColumnsByDisplayWidth) {
  Table t({"CODE", "UNIT", "N"});
  t.AlignRight(2);
  t.AddRow({"S2026-00001", "市教育局", "7"});
  t.AddRow({"S2026-00002", "jtj", "12"});
  std::ostringstream out;
  t.Print(out);
  auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 4u) << out.str();  // header, rule, two rows
  // The third column starts at the same display column on every line, and numbers end together.
  for (std::size_t i = 2; i < lines.size(); ++i) {
    EXPECT_EQ(DisplayWidth(lines[i]), DisplayWidth(lines[2])) << lines[i];
  }
  EXPECT_EQ(lines[2].substr(lines[2].size() - 2), " 7");
  EXPECT_EQ(lines[3].substr(lines[3].size() - 2), "12");
  EXPECT_NE(lines[1].find("─"), std::string::npos);
}

TEST(Table, TruncatesCellsToTheirColumnsLimitAndKeepsRowsOnOneLine) {
  Table t({"TITLE"});
  t.SetMaxWidth(0, 10);
  t.AddRow({"关于改善第一号片区\n公交线路的建议"});
  std::ostringstream out;
  t.Print(out);
  auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 3u) << out.str();
  EXPECT_LE(DisplayWidth(lines[2]), 10);
  EXPECT_NE(lines[2].find("…"), std::string::npos);
}

TEST(Table, FitColumnShrinksToTheTerminalButNotBelowItsMinimum) {
  Table t({"CODE", "TITLE"});
  t.AddRow({"S2026-00001", std::string(60, 'x')});
  t.FitColumn(1, 40, 10);
  std::ostringstream out;
  t.Print(out);
  for (const auto& line : Lines(out.str())) EXPECT_LE(DisplayWidth(line), 40) << line;
  Table narrow({"CODE", "TITLE"});
  narrow.AddRow({"S2026-00001", std::string(60, 'x')});
  narrow.FitColumn(1, 5, 10);  // cannot fit: the title keeps its 10 columns
  std::ostringstream out2;
  narrow.Print(out2);
  auto lines = Lines(out2.str());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_GE(DisplayWidth(lines[2]), 11 + 2 + 10);
}

TEST(WrapToWidth, BreaksChineseBetweenCharactersAndLatinBetweenWords) {
  EXPECT_THAT(WrapToWidth("关于改善第一号片区公交线路", 8),
              ElementsAre("关于改善", "第一号片", "区公交线", "路"));
  EXPECT_THAT(WrapToWidth("unit jyj signed for its task", 12),
              ElementsAre("unit jyj", "signed for", "its task"));
  EXPECT_THAT(WrapToWidth("short", 12), ElementsAre("short"));
  EXPECT_THAT(WrapToWidth("", 12), ElementsAre(""));
  // One word longer than the line is cut where the line ends; a wide character never split.
  EXPECT_THAT(WrapToWidth("abcdefghij", 4), ElementsAre("abcd", "efgh", "ij"));
  EXPECT_THAT(WrapToWidth("办", 1), ElementsAre("办"));
}

TEST(Table, AWrappingColumnContinuesBelowInsteadOfWideningTheTable) {
  Table t({"TIME", "NOTE"});
  t.WrapColumn(1, 10);
  t.AddRow({"09:00", "交办给市教育局主办，市财政局协办"});
  t.AddRow({"10:00", "签收"});
  std::ostringstream out;
  t.Print(out);
  auto lines = Lines(out.str());
  // header, rule, the first row on 4 lines (32 columns of text in 10), the second on one
  ASSERT_EQ(lines.size(), 7u) << out.str();
  EXPECT_EQ(lines[2], "09:00  交办给市教");
  EXPECT_EQ(lines[3], "       育局主办，") << "continuation lines leave the other columns blank";
  EXPECT_EQ(lines[4], "       市财政局协");
  EXPECT_EQ(lines[5], "       办");
  EXPECT_EQ(lines[6], "10:00  签收");
  for (const auto& line : lines) EXPECT_LE(DisplayWidth(line), 5 + 2 + 10) << line;
  EXPECT_EQ(out.str().find("…"), std::string::npos) << "nothing is cut";
}

}  // namespace
}  // namespace duban::ctl
