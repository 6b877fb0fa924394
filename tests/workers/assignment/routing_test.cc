// Routing rules: category first, then keywords in the draft's keywords, title and content; rules in
// file order; no match leaves the suggestion to staff. Also checks the shipped demo suggestions
// against the shipped rules, so the demo shows both routed and unrouted items.
#include "workers/assignment/routing.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace duban::workers::assignment {
namespace {

std::vector<config::Unit> Units() {
  return {{"jyj", "市教育局"},
          {"czj", "市财政局"},
          {"gaj", "市公安局"},
          {"jtj", "市交通运输局"},
          {"swj", "市水务局"}};
}

std::vector<config::RoutingRule> Rules() {
  return {
      {"校园周边交通安全", {"校园安全"}, {"上下学", "学校门口"}, "gaj", {"jyj", "jtj"}},
      {"教育", {"教育"}, {"学校", "幼儿园"}, "jyj", {"czj"}},
      {"交通", {"交通"}, {"公交", "停车"}, "jtj", {"gaj"}},
      {"水务", {"水务"}, {"内涝"}, "swj", {}},
  };
}

RoutingTable Table() {
  Result<RoutingTable> t = RoutingTable::Create(Units(), Rules());
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return std::move(t).value();
}

protocol::SuggestionDraft Draft(std::string title, std::string content, std::string category,
                                std::vector<std::string> keywords = {}) {
  protocol::SuggestionDraft d;
  d.title = std::move(title);
  d.content = std::move(content);
  d.category = std::move(category);
  d.keywords = std::move(keywords);
  d.deputy = {"D001", "王丽华", ""};
  d.session = "2026";
  return d;
}

TEST(RoutingTableTest, MatchesByCategory) {
  auto m = Table().Match(Draft("关于优化线路的建议", "增加班次。", "交通"));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->rule, "交通");
  EXPECT_EQ(m->lead, "jtj");
  EXPECT_EQ(m->co, std::vector<std::string>{"gaj"});
  EXPECT_EQ(m->by, MatchedBy::kCategory);
  EXPECT_EQ(m->matched, "交通");
}

TEST(RoutingTableTest, MatchesByKeywordInContent) {
  auto m = Table().Match(Draft("关于城东片区的建议", "每逢暴雨，城东片区内涝严重。", "民生"));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->rule, "水务");
  EXPECT_EQ(m->lead, "swj");
  EXPECT_TRUE(m->co.empty());
  EXPECT_EQ(m->by, MatchedBy::kContent);
  EXPECT_EQ(m->matched, "内涝");
}

TEST(RoutingTableTest, MatchesByKeywordInTitleAndKeywords) {
  auto by_title = Table().Match(Draft("关于增建幼儿园的建议", "见标题。", ""));
  ASSERT_TRUE(by_title.has_value());
  EXPECT_EQ(by_title->lead, "jyj");
  EXPECT_EQ(by_title->by, MatchedBy::kTitle);
  // A rule keyword inside a longer deputy keyword counts ("停车" in "停车难").
  auto by_keywords = Table().Match(Draft("关于出行的建议", "见标题。", "", {"停车难"}));
  ASSERT_TRUE(by_keywords.has_value());
  EXPECT_EQ(by_keywords->lead, "jtj");
  EXPECT_EQ(by_keywords->by, MatchedBy::kKeywords);
}

TEST(RoutingTableTest, FirstMatchingRuleInFileOrderWins) {
  // "学校门口" (rule 1) and "学校" (rule 2) both occur: the earlier, narrower rule wins.
  auto m = Table().Match(Draft("关于学校门口拥堵的建议", "学校门口接送车辆多。", ""));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->rule, "校园周边交通安全");
  EXPECT_EQ(m->lead, "gaj");
  EXPECT_EQ(m->co, (std::vector<std::string>{"jyj", "jtj"}));
}

TEST(RoutingTableTest, CategoryOutranksAKeywordOfAnEarlierRule) {
  // "上下学" belongs to rule 1, but the deputy filed it under 交通 (rule 3).
  auto m = Table().Match(Draft("关于上下学公交专线的建议", "开通上下学专线。", "交通"));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->rule, "交通");
  EXPECT_EQ(m->by, MatchedBy::kCategory);
}

TEST(RoutingTableTest, UnknownCategoryFallsBackToKeywords) {
  auto m = Table().Match(Draft("关于公交的建议", "增加班次。", "其他"));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->rule, "交通");
  EXPECT_EQ(m->by, MatchedBy::kTitle);
}

TEST(RoutingTableTest, NoMatch) {
  EXPECT_FALSE(Table().Match(Draft("关于代表履职的建议", "加强培训。", "代表工作")).has_value());
  EXPECT_FALSE(Table().Match(Draft("关于代表履职的建议", "加强培训。", "")).has_value());
}

TEST(RoutingTableTest, FindsUnits) {
  RoutingTable t = Table();
  ASSERT_NE(t.FindUnit("jyj"), nullptr);
  EXPECT_EQ(t.FindUnit("jyj")->name, "市教育局");
  EXPECT_EQ(t.FindUnit("nope"), nullptr);
  EXPECT_EQ(t.rule_count(), 4u);
}

TEST(RoutingTableTest, CreateRefusesBrokenRules) {
  auto with = [](config::RoutingRule r) {
    std::vector<config::RoutingRule> rules = Rules();
    rules.push_back(std::move(r));
    return RoutingTable::Create(Units(), rules);
  };
  Result<RoutingTable> unknown_lead = with({"x", {"x"}, {}, "nope", {}});
  ASSERT_FALSE(unknown_lead.ok());
  EXPECT_EQ(unknown_lead.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown_lead.status().message().find("'nope'"), std::string::npos);
  EXPECT_FALSE(with({"x", {"x"}, {}, "jyj", {"nope"}}).ok());
  EXPECT_FALSE(with({"x", {}, {""}, "jyj", {}}).ok());  // empty keyword matches everything
  EXPECT_FALSE(with({"x", {""}, {}, "jyj", {}}).ok());
  EXPECT_FALSE(with({"x", {}, {}, "jyj", {}}).ok());  // can never match
}

// ---- The shipped demo suggestions against the shipped rules ---------------------------------

// Demo items meant to match no rule, so the demo shows suggestions waiting for staff.
const std::set<std::string> kMeantForStaff = {"demo-2026-021", "demo-2026-022"};

protocol::SuggestionDraft DraftFromJson(const nlohmann::json& j) {
  protocol::SuggestionDraft d;
  d.title = j.at("title").get<std::string>();
  d.content = j.at("content").get<std::string>();
  d.category = j.at("category").get<std::string>();
  d.keywords = j.at("keywords").get<std::vector<std::string>>();
  d.deputy.id = j.at("deputy").at("id").get<std::string>();
  d.deputy.name = j.at("deputy").at("name").get<std::string>();
  d.deputy.contact = j.at("deputy").at("contact").get<std::string>();
  d.co_signers = j.at("co_signers").get<std::vector<std::string>>();
  d.session = j.at("session").get<std::string>();
  return d;
}

TEST(DemoSuggestionsTest, AreValidAndAllButTheIntendedOnesRoute) {
  Result<config::Config> c =
      config::LoadConfig(std::string(DUBAN_SOURCE_DIR) + "/config/duban.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  Result<RoutingTable> table = RoutingTable::Create(c->units, c->rules);
  ASSERT_TRUE(table.ok()) << table.status().ToString();

  std::ifstream in(c->demo_file);
  ASSERT_TRUE(in) << c->demo_file;
  nlohmann::json demo = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(demo.is_discarded()) << c->demo_file << " is not valid JSON";
  ASSERT_TRUE(demo.is_array());
  EXPECT_GE(demo.size(), 18u);

  const std::set<std::string> kFields = {"request_id", "title",  "content",    "category",
                                         "keywords",   "deputy", "co_signers", "session"};
  std::set<std::string> request_ids, unrouted, categories;
  for (const nlohmann::json& item : demo) {
    ASSERT_TRUE(item.is_object());
    std::set<std::string> fields;
    for (const auto& [key, value] : item.items()) fields.insert(key);
    EXPECT_EQ(fields, kFields) << item.dump();
    const std::string id = item.at("request_id").get<std::string>();
    EXPECT_TRUE(request_ids.insert(id).second) << "duplicate request_id " << id;
    EXPECT_EQ(item.at("session"), "2026") << id;

    protocol::SuggestionDraft d = DraftFromJson(item);
    Status valid = protocol::ValidateDraft(d);
    EXPECT_TRUE(valid.ok()) << id << ": " << valid.ToString();
    categories.insert(d.category);
    if (!table->Match(d).has_value()) unrouted.insert(id);
  }
  EXPECT_EQ(unrouted, kMeantForStaff);
  EXPECT_GE(categories.size(), 15u) << "the demo should show many kinds of suggestions";
}

}  // namespace
}  // namespace duban::workers::assignment
