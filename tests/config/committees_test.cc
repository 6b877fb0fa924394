// Committees (config/committees.h): the units file's [[committee]] entries are checked, and a
// draft falls to the first committee whose field (categories, then keywords) it matches, else the
// default.
#include "config/committees.h"

#include <gtest/gtest.h>

namespace duban::config {
namespace {

std::vector<Committee> Sample() {
  return {{"jkww", "教育科学文化卫生委员会", {"教育", "医疗卫生"}, {"学校", "医院"}, false},
          {"chw", "城乡建设环境资源保护委员会", {"城市管理"}, {"垃圾", "停车"}, false},
          {"dbgw", "代表工作委员会", {}, {}, true}};
}

protocol::SuggestionDraft Draft(std::string category, std::string title,
                                std::string content = "请研究办理。") {
  protocol::SuggestionDraft d;
  d.category = std::move(category);
  d.title = std::move(title);
  d.content = std::move(content);
  return d;
}

TEST(CommitteesTest, ADraftFallsToItsFieldsCommitteeByCategoryThenKeywordElseTheDefault) {
  const auto cs = Sample();
  ASSERT_TRUE(CheckCommittees(cs, "").ok());
  auto by_category = CommitteeFor(cs, Draft("教育", "关于停车难的建议"));  // category first
  ASSERT_NE(by_category.committee, nullptr);
  EXPECT_EQ(by_category.committee->id, "jkww");
  EXPECT_EQ(by_category.why, "category 教育");
  auto by_keyword = CommitteeFor(cs, Draft("其他", "关于小区垃圾分类的建议"));
  ASSERT_NE(by_keyword.committee, nullptr);
  EXPECT_EQ(by_keyword.committee->id, "chw");
  EXPECT_EQ(by_keyword.why, "keyword 垃圾 in the title");
  auto fallback = CommitteeFor(cs, Draft("其他", "关于其他事项的建议"));
  ASSERT_NE(fallback.committee, nullptr);
  EXPECT_EQ(fallback.committee->id, "dbgw");
  EXPECT_EQ(fallback.why, "default");
  std::vector<Committee> no_default(cs.begin(), cs.end() - 1);
  EXPECT_EQ(CommitteeFor(no_default, Draft("其他", "关于其他事项的建议")).committee, nullptr);
  EXPECT_EQ(CommitteeFor({}, Draft("教育", "x")).committee, nullptr);
  EXPECT_EQ(FindCommittee(cs, "chw")->name, "城乡建设环境资源保护委员会");
  EXPECT_EQ(FindCommittee(cs, "nope"), nullptr);
}

TEST(CommitteesTest, BadEntriesAreRefusedWithTheirId) {
  auto twice = Sample();
  twice.push_back(twice[0]);
  EXPECT_NE(CheckCommittees(twice, "units.toml: ").message().find("'jkww' is listed twice"),
            std::string::npos);
  auto bad_id = Sample();
  bad_id[0].id = "JK WW";
  EXPECT_FALSE(CheckCommittees(bad_id, "").ok());
  auto two_defaults = Sample();
  two_defaults[0].is_default = true;
  EXPECT_FALSE(CheckCommittees(two_defaults, "").ok());
  auto empty_word = Sample();
  empty_word[1].keywords.push_back("");
  EXPECT_FALSE(CheckCommittees(empty_word, "").ok());
  auto no_field = Sample();
  no_field[1].categories.clear();
  no_field[1].keywords.clear();
  EXPECT_FALSE(CheckCommittees(no_field, "").ok());
  auto nameless = Sample();
  nameless[2].name.clear();
  EXPECT_FALSE(CheckCommittees(nameless, "").ok());
}

}  // namespace
}  // namespace duban::config
