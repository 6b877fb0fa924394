// PublicView (duban.status, 一事一码) over every suggestion state and every private field (issue
// "The tests prove what their names claim", item 6): each private field of the suggestion holds
// a marker of its own, and no marker may appear in the encoded public status, in any state; the
// public fields are checked value by value.
#include "services/public_status.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "common/protocol/codec.h"
#include "common/protocol/labels.h"
#include "config/config.h"

namespace duban::services {
namespace {

using protocol::SuggestionState;
using protocol::UnitRole;
using ::testing::ElementsAre;
using ::testing::FieldsAre;

constexpr std::int64_t kBeijing = 480;  // UTC+08:00, minutes
// 2026-11-03 17:30 UTC = 2026-11-04 01:30 in Beijing: the local date differs from the UTC one.
constexpr Millis kRepliedRound1Ms = 1793727000000;
// 2027-01-10 16:10 UTC = 2027-01-11 00:10 in Beijing.
constexpr Millis kRepliedRound2Ms = 1799597400000;

// docs/protocol.md#dubanstatus--public-progress-by-tracking-code-一事一码, in the enum's order.
const std::vector<std::pair<SuggestionState, std::string>> kLabels = {
    {SuggestionState::kSubmitted, "已提交"},        {SuggestionState::kInReview, "审核中"},
    {SuggestionState::kWithdrawn, "已撤回"},        {SuggestionState::kMerged, "已并案"},
    {SuggestionState::kReturnedForRework, "退回修改"}, {SuggestionState::kAccepted, "已立案"},
    {SuggestionState::kAssigned, "已交办"},         {SuggestionState::kInHandling, "办理中"},
    {SuggestionState::kReplied, "已答复"},          {SuggestionState::kEvaluated, "已测评"},
    {SuggestionState::kClosed, "已办结"},           {SuggestionState::kRehandling, "重新办理"},
    {SuggestionState::kFollowUp, "跟踪落实"},
};

// Every field the public must not see, each with a marker no public field could hold by chance.
const std::vector<std::string> kPrivate = {
    "PRIV-content",     "PRIV-category",   "PRIV-keyword",
    "PRIV-deputy-id",  "PRIV-deputy-name", "PRIV-contact",    "PRIV-cosigner",
    "PRIV-unit-state", "PRIV-pending",     "PRIV-before",     "PRIV-rule",
    "PRIV-reply-1",    "PRIV-signer-1",    "PRIV-reply-2",    "PRIV-signer-2",
    "PRIV-commitment", "PRIV-basis",       "PRIV-closed-by",  "PRIV-reasons",
    "PRIV-note",       "PRIV-close-basis", "PRIV-round-deadline",
};

protocol::Suggestion Full(SuggestionState state) {
  protocol::Suggestion s;
  s.code = "S2026-00042";
  s.draft.title = "关于增加城区公办幼儿园学位供给的建议";  // public: the page per code shows it
  s.draft.content = "PRIV-content";
  s.draft.category = "PRIV-category";
  s.draft.keywords = {"PRIV-keyword"};
  s.draft.deputy = {"PRIV-deputy-id", "PRIV-deputy-name", "PRIV-contact"};
  s.draft.co_signers = {"PRIV-cosigner"};
  s.draft.session = "2026";
  s.state = state;
  s.version = 7;
  s.submitted_ms = 1780000000000;
  s.assigned_ms = 1780000100000;
  // Co-handlers first in storage: the public view lists the lead first. `ghost` was re-assigned
  // away and is not shown; `xyz` has no configured name and is shown by its id.
  s.units = {{"czj", UnitRole::kCo, "PRIV-unit-state", "PRIV-pending", "PRIV-before", 0},
             {"ghost", UnitRole::kLead, "REASSIGNED", "", "", 0},
             {"jyj", UnitRole::kLead, "SIGNED", "", "", 0},
             {"xyz", UnitRole::kCo, "ISSUED", "", "", 0}};
  s.deadline = protocol::Deadline{"2027-02-28", "PRIV-rule", 1803830399000};
  protocol::ReplyRound r1;
  r1.round = 1;
  r1.unit = "jyj";
  r1.result_class = "A";
  r1.text = "PRIV-reply-1";
  r1.signer = "PRIV-signer-1";
  r1.replied_ms = kRepliedRound1Ms;
  r1.deadline = "PRIV-round-deadline";
  r1.commitments = {{"r1c1", "PRIV-commitment", "2027-06-30", "MET", "PRIV-basis",
                     "PRIV-closed-by", 1790000000000}};
  r1.satisfaction = "basic";
  r1.reasons = "PRIV-reasons";
  r1.evaluated_ms = kRepliedRound1Ms + 1000;
  protocol::ReplyRound r2;  // the latest reply, not evaluated yet
  r2.round = 2;
  r2.unit = "jyj";
  r2.result_class = "B";
  r2.text = "PRIV-reply-2";
  r2.signer = "PRIV-signer-2";
  r2.replied_ms = kRepliedRound2Ms;
  s.record.rounds = {r1, r2};
  s.record.notes = {{"czj", "opinion", "", "PRIV-note", 1780000200000}};
  s.record.lookbacks = 2;
  s.record.closed_ms = 1790000000000;
  s.record.close_basis = "PRIV-close-basis";
  return s;
}

const std::map<std::string, std::string> kUnitNames = {
    {"jyj", "市教育局"}, {"czj", "市财政局"}, {"ghost", "市幽灵局"}};

std::vector<config::ResultClass> Classes() {
  return {{"A", "已解决或基本解决", "close", false, true},
          {"B", "列入计划逐步解决", "follow_up", true, false}};
}
std::vector<config::SatisfactionLevel> Levels() {
  return {{"satisfied", "满意", true}, {"basic", "基本满意", true},
          {"unsatisfied", "不满意", false}};
}

TEST(PublicStatusTest, TheTitleIsPublicFromAcceptanceOnOnly) {
  using protocol::SuggestionState;
  for (SuggestionState st : {SuggestionState::kSubmitted, SuggestionState::kInReview,
                             SuggestionState::kReturnedForRework, SuggestionState::kWithdrawn,
                             SuggestionState::kMerged}) {
    EXPECT_FALSE(TitleIsPublic(st)) << protocol::StateName(st);
  }
  for (SuggestionState st : {SuggestionState::kAccepted, SuggestionState::kAssigned,
                             SuggestionState::kInHandling, SuggestionState::kReplied,
                             SuggestionState::kEvaluated, SuggestionState::kClosed,
                             SuggestionState::kRehandling, SuggestionState::kFollowUp}) {
    EXPECT_TRUE(TitleIsPublic(st)) << protocol::StateName(st);
  }
}

TEST(PublicStatusTest, EveryStateHasItsOwnLabelAndNothingPrivateLeaks) {
  ASSERT_EQ(kLabels.size(), 13u);
  std::set<std::string> seen_labels;
  for (const auto& [state, label] : kLabels) {
    SCOPED_TRACE(std::string(protocol::StateName(state)));
    const protocol::Suggestion s = Full(state);
    const protocol::PublicStatus p = PublicView(s, kUnitNames, Classes(), Levels(), kBeijing);
    EXPECT_EQ(p.code, "S2026-00042");
    EXPECT_EQ(p.session, "2026");
    EXPECT_EQ(p.state, protocol::StateName(state));
    EXPECT_EQ(p.state_label, label);
    EXPECT_EQ(protocol::StateLabel(state), label);
    seen_labels.insert(p.state_label);
    EXPECT_THAT(p.units, ElementsAre(FieldsAre("市教育局", "lead"), FieldsAre("市财政局", "co"),
                                     FieldsAre("xyz", "co")));
    EXPECT_EQ(p.deadline, "2027-02-28");
    EXPECT_EQ(p.reply_date, "2027-01-11") << "the latest round's local (Beijing) date";
    EXPECT_EQ(p.result_class, "B 列入计划逐步解决") << "the latest round's class";
    EXPECT_EQ(p.satisfaction, "基本满意") << "the latest evaluated round's level name";
    EXPECT_EQ(p.rounds, 2);
    if (TitleIsPublic(state)) {
      EXPECT_EQ(p.title, "关于增加城区公办幼儿园学位供给的建议") << "the title is public";
    } else {
      EXPECT_EQ(p.title, "") << "not accepted (yet): the title stays private";
    }

    const std::string bytes = protocol::EncodeBare(p);
    for (const auto& marker : kPrivate) {
      EXPECT_EQ(bytes.find(marker), std::string::npos) << marker << " leaked into duban.status";
    }
    EXPECT_EQ(bytes.find("市幽灵局"), std::string::npos) << "a re-assigned unit is not shown";
    EXPECT_EQ(bytes.find("PRIV"), std::string::npos) << "every private marker is listed above";
  }
  EXPECT_EQ(seen_labels.size(), kLabels.size()) << "two states share a label";
}

TEST(PublicStatusTest, BeforeAssignmentAndBeforeTheFirstReplyTheFieldsAreEmpty) {
  protocol::Suggestion s = Full(SuggestionState::kSubmitted);
  s.units.clear();
  s.deadline.reset();
  s.record = {};
  const protocol::PublicStatus p = PublicView(s, kUnitNames, Classes(), Levels(), kBeijing);
  EXPECT_EQ(p.state, "SUBMITTED");
  EXPECT_TRUE(p.units.empty());
  EXPECT_EQ(p.deadline, "");
  EXPECT_EQ(p.reply_date, "");
  EXPECT_EQ(p.result_class, "");
  EXPECT_EQ(p.satisfaction, "");
  EXPECT_EQ(p.rounds, 0);
}

TEST(PublicStatusTest, OneEvaluatedReplyShowsItsClassDateAndLevel) {
  protocol::Suggestion s = Full(SuggestionState::kEvaluated);
  s.record.rounds.pop_back();
  const protocol::PublicStatus p = PublicView(s, kUnitNames, Classes(), Levels(), kBeijing);
  EXPECT_EQ(p.rounds, 1);
  EXPECT_EQ(p.reply_date, "2026-11-04") << "01:30 in Beijing is the next day in UTC terms";
  EXPECT_EQ(p.result_class, "A 已解决或基本解决");
  EXPECT_EQ(p.satisfaction, "基本满意");
  // In UTC the same reply is dated the day before: the offset is applied.
  EXPECT_EQ(PublicView(s, kUnitNames, Classes(), Levels(), 0).reply_date, "2026-11-03");
  // A code the scheme does not know is shown as it is stored.
  s.record.rounds[0].result_class = "Z";
  s.record.rounds[0].satisfaction = "odd";
  const protocol::PublicStatus q = PublicView(s, kUnitNames, Classes(), Levels(), kBeijing);
  EXPECT_EQ(q.result_class, "Z");
  EXPECT_EQ(q.satisfaction, "odd");
}

}  // namespace
}  // namespace duban::services
