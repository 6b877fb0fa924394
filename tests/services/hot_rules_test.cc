// The rules that propose hot items (热点难点) for staff: many co-signers, many suggestions of one
// session on one topic (same category, a shared keyword), a topic raised in an earlier session.
// Also how many meetings an agenda item has been on (AgendaApi::MeetingsOn).
#include "services/hot_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/agenda_api.h"

namespace duban::services {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

store::HotScanRow Row(const std::string& code, const std::string& session,
                      const std::string& category, std::vector<std::string> keywords,
                      std::int64_t co_signers = 0, const std::string& state = "ASSIGNED") {
  return {code, state, session, "title " + code, category, co_signers, std::move(keywords)};
}

config::HotRules Rules(std::int64_t co, std::int64_t topic) {
  config::HotRules r;
  r.co_signers_min = co;
  r.same_topic_min = topic;
  return r;
}

std::vector<std::string> Codes(const std::vector<protocol::HotProposal>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.code);
  return out;
}

TEST(HotRulesTest, ManyCoSignersProposeASuggestion) {
  auto ps = ProposeHot({Row("S1", "2026", "环保", {}, 10), Row("S2", "2026", "环保", {}, 9)},
                       Rules(10, 5), {});
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].code, "S1");
  EXPECT_THAT(ps[0].rules, ElementsAre(HasSubstr("co_signers: 10 ≥ 10")));
}

TEST(HotRulesTest, OneTopicIsTheSameCategoryAndASharedKeyword) {
  std::vector<store::HotScanRow> rows = {
      Row("S1", "2026", "环保", {"垃圾分类", "噪声"}), Row("S2", "2026", "环保", {" 垃圾分类 "}),
      Row("S3", "2026", "环保", {"垃圾分类"}), Row("S4", "2026", "城建", {"垃圾分类"}),
      Row("S5", "2026", "环保", {"噪声"})};
  auto ps = ProposeHot(rows, Rules(100, 3), {});
  EXPECT_THAT(Codes(ps), ElementsAre("S1", "S2", "S3"));  // 城建/垃圾分类 is another topic
  EXPECT_THAT(ps[0].rules, ElementsAre(HasSubstr("same_topic: 环保/垃圾分类 ×3 ≥ 3 in 2026")));
}

TEST(HotRulesTest, KeywordsCompareWithoutCaseAndSpaces) {
  EXPECT_EQ(TopicsOf("Env", {"PM2.5", " pm2.5", ""}), (std::set<std::string>{"env/pm2.5"}));
}

TEST(HotRulesTest, ATopicRaisedInAnEarlierSessionIsProposed) {
  auto ps = ProposeHot({Row("S2026-1", "2026", "交通", {"停车难"}),
                        Row("S2025-9", "2025", "交通", {"停车难"}, 0, "CLOSED")},
                       Rules(100, 100), {});
  ASSERT_EQ(ps.size(), 1u) << "a CLOSED one is never proposed, but it counts";
  EXPECT_EQ(ps[0].code, "S2026-1");
  EXPECT_THAT(ps[0].rules, ElementsAre(HasSubstr("earlier_session: 交通/停车难 in 2025")));
}

TEST(HotRulesTest, MarkedWithdrawnAndMergedAreNotProposed) {
  std::vector<store::HotScanRow> rows = {Row("S1", "2026", "", {}, 20),
                                         Row("S2", "2026", "", {}, 20, "WITHDRAWN"),
                                         Row("S3", "2026", "", {}, 20, "MERGED")};
  EXPECT_THAT(ProposeHot(rows, Rules(10, 5), {"S1"}), IsEmpty());
}

TEST(MeetingsOnTest, CountsTheMeetingsFromPlacementToTheOneShown) {
  std::vector<protocol::MeetingDate> dates = {
      {"2026-05-20", "config"}, {"2026-06-05", "staff"}, {"2026-06-10", "config"}};
  EXPECT_EQ(AgendaApi::MeetingsOn(dates, "2026-05-01", "", "2026-06-10"), 3);
  EXPECT_EQ(AgendaApi::MeetingsOn(dates, "2026-05-20", "", "2026-06-05"), 2);
  EXPECT_EQ(AgendaApi::MeetingsOn(dates, "2026-06-01", "", "2026-06-10"), 2);
  EXPECT_EQ(AgendaApi::MeetingsOn(dates, "2026-05-01", "2026-06-01", "2026-06-10"), 1);
  EXPECT_EQ(AgendaApi::MeetingsOn(dates, "2026-06-11", "", "2026-06-10"), 0);
}

}  // namespace
}  // namespace duban::services
