// The report's figures (services/report.h, docs/reports.md) from hand-made suggestions: each rate's
// numerator and denominator, zero denominators, re-handled suggestions judged on their latest
// round (and on time by their first), co-handlers never counted as lead, a lead after an approved
// return, and the session and assignment-date scopes.
#include "services/report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace duban::services {
namespace {

using namespace duban::protocol;

constexpr Millis kDay = 86'400'000;
constexpr Millis kJan1 = 1'767'196'800'000;  // 2026-01-01 00:00 UTC+8

// A suggestion of session 2026 assigned on `assigned_ms` to `lead` (with co-handlers `co`).
Suggestion Assigned(const std::string& code, const std::string& lead,
                    std::vector<std::string> co = {}, Millis assigned_ms = kJan1 + 10 * kDay) {
  Suggestion s;
  s.code = code;
  s.draft.session = "2026";
  s.state = SuggestionState::kInHandling;
  s.submitted_ms = assigned_ms - kDay;
  s.assigned_ms = assigned_ms;
  s.units.push_back({lead, UnitRole::kLead, "IN_PROGRESS", ""});
  for (const auto& c : co) s.units.push_back({c, UnitRole::kCo, "SIGNED", ""});
  return s;
}

// Adds a reply round of class `cls`, on time or not, evaluated with `level` ("" = not yet).
void Reply(Suggestion& s, const std::string& cls, bool on_time, const std::string& level = "") {
  ReplyRound r;
  r.round = static_cast<std::int64_t>(s.record.rounds.size()) + 1;
  r.unit = LeadUnitOf(s);
  r.result_class = cls;
  r.on_time = on_time;
  r.satisfaction = level;
  s.record.rounds.push_back(r);
  s.state = level.empty() ? SuggestionState::kReplied : SuggestionState::kEvaluated;
}

void Contact(Suggestion& s, const std::string& unit) {
  s.record.notes.push_back({unit, "contact", "before", "电话沟通", kJan1});
}

ReportReply Tally(const std::vector<Suggestion>& all, ReportScope scope = {"2026"}) {
  ReportBuilder b(std::move(scope), config::DefaultResultClasses(),
                  config::DefaultSatisfactionLevels());
  for (const auto& s : all) b.Add(s);
  return b.Build();
}

const ReportRow* RowFor(const ReportReply& r, const std::string& unit) {
  for (const auto& row : r.units) {
    if (row.unit == unit) return &row;
  }
  return nullptr;
}

std::int64_t CountOf(const std::vector<ReportCount>& v, const std::string& code) {
  for (const auto& c : v) {
    if (c.code == code) return c.count;
  }
  return -1;
}

TEST(ReportTest, EachRateCountsItsOwnNumeratorAndDenominator) {
  std::vector<Suggestion> all;
  all.push_back(Assigned("S1", "jyj"));  // replied A on time, met, satisfied
  Reply(all.back(), "A", true, "satisfied");
  Contact(all.back(), "jyj");
  all.push_back(Assigned("S2", "jyj"));  // replied B late, basic: accepted but not solved
  Reply(all.back(), "B", false, "basic");
  all.push_back(Assigned("S3", "jyj"));  // replied D on time, not evaluated yet
  Reply(all.back(), "D", true);
  Contact(all.back(), "jyj");
  all.push_back(Assigned("S4", "jyj"));  // not replied, met
  Contact(all.back(), "jyj");

  ReportReply r = Tally(all);
  ASSERT_EQ(r.units.size(), 1u);
  const ReportRow& u = r.units[0];
  EXPECT_EQ(u.unit, "jyj");
  EXPECT_EQ(u.assigned, 4);  // reply rate 3/4
  EXPECT_EQ(u.replied, 3);
  EXPECT_EQ(u.on_time, 2);    // on-time 2/3
  EXPECT_EQ(u.met, 3);        // meeting 3/4
  EXPECT_EQ(u.evaluated, 2);  // satisfaction 2/2 ...
  EXPECT_EQ(u.accepted, 2);
  EXPECT_EQ(u.solved, 1);  // ... while solved is 1/3: the two stay apart
  EXPECT_EQ(CountOf(u.by_class, "A"), 1);
  EXPECT_EQ(CountOf(u.by_class, "B"), 1);
  EXPECT_EQ(CountOf(u.by_class, "C"), 0);  // every configured class, zeros included
  EXPECT_EQ(CountOf(u.by_class, "D"), 1);
  EXPECT_EQ(CountOf(u.by_satisfaction, "satisfied"), 1);
  EXPECT_EQ(CountOf(u.by_satisfaction, "basic"), 1);
  EXPECT_EQ(CountOf(u.by_satisfaction, "dissatisfied"), 0);
  EXPECT_EQ(u.by_class[0].name, "已解决或基本解决");
  EXPECT_EQ(r.overall.assigned, 4);
  EXPECT_EQ(r.overall.solved, 1);
  EXPECT_EQ(r.overall.unit, "");
}

TEST(ReportTest, ZeroDenominatorsStayZero) {
  ReportReply r = Tally({Assigned("S1", "jyj")});
  const ReportRow& u = r.units[0];
  EXPECT_EQ(u.assigned, 1);
  EXPECT_EQ(u.replied, 0);    // on-time, solved: 0/0
  EXPECT_EQ(u.evaluated, 0);  // satisfaction: 0/0
  EXPECT_EQ(CountOf(u.by_class, "A"), 0);

  ReportReply empty = Tally({});
  EXPECT_TRUE(empty.units.empty());
  EXPECT_EQ(empty.overall.assigned, 0);  // every rate 0/0
  EXPECT_EQ(empty.overall.by_class.size(), 4u);
}

TEST(ReportTest, ReHandledSuggestionCountsItsLatestRoundAndItsFirstForOnTime) {
  Suggestion s = Assigned("S1", "jyj");
  Reply(s, "C", true, "dissatisfied");  // round 1: on time, rejected
  Reply(s, "A", false, "satisfied");    // round 2 after re-handling: late, solved, accepted
  ReportRow u = Tally({s}).units[0];
  EXPECT_EQ(u.replied, 1);  // one suggestion, however many rounds
  EXPECT_EQ(u.on_time, 1);  // the first reply was on time
  EXPECT_EQ(u.solved, 1);
  EXPECT_EQ(u.evaluated, 1);
  EXPECT_EQ(u.accepted, 1);
  EXPECT_EQ(CountOf(u.by_class, "A"), 1);
  EXPECT_EQ(CountOf(u.by_class, "C"), 0);
  EXPECT_EQ(CountOf(u.by_satisfaction, "dissatisfied"), 0);

  // The new reply not evaluated yet: the class is the new one, the 不满意 still stands.
  Suggestion pending = Assigned("S2", "jyj");
  Reply(pending, "D", false, "dissatisfied");
  Reply(pending, "A", true);
  u = Tally({pending}).units[0];
  EXPECT_EQ(u.on_time, 0);
  EXPECT_EQ(u.solved, 1);
  EXPECT_EQ(u.evaluated, 1);
  EXPECT_EQ(u.accepted, 0);
  EXPECT_EQ(CountOf(u.by_satisfaction, "dissatisfied"), 1);
}

TEST(ReportTest, CoHandlersAreNotCountedAsLead) {
  Suggestion s = Assigned("S1", "jyj", {"czj", "jtj"});
  Reply(s, "A", true, "satisfied");
  Contact(s, "czj");  // a co-handler's meeting is not the lead's
  ReportReply r = Tally({s, Assigned("S2", "czj")});
  ASSERT_EQ(r.units.size(), 2u);
  EXPECT_EQ(RowFor(r, "jtj"), nullptr);
  EXPECT_EQ(RowFor(r, "jyj")->assigned, 1);
  EXPECT_EQ(RowFor(r, "jyj")->met, 0);
  EXPECT_EQ(RowFor(r, "czj")->assigned, 1);  // only the one it leads
  EXPECT_EQ(RowFor(r, "czj")->replied, 0);
  EXPECT_EQ(r.overall.assigned, 2);
  EXPECT_EQ(r.overall.met, 0);
}

TEST(ReportTest, EachCommitteeGetsTheFiveRatesOfTheSuggestionsItSupervises) {
  Suggestion a = Assigned("S1", "jyj");
  a.committee = "jkww";
  Reply(a, "A", true, "satisfied");
  Contact(a, "jyj");
  Suggestion b = Assigned("S2", "wjw");
  b.committee = "jkww";
  Suggestion c = Assigned("S3", "jtj");
  c.committee = "chw";
  Reply(c, "C", false);
  Suggestion none = Assigned("S4", "jtj");  // no committee: in the unit and overall rows only
  ReportReply r = Tally({a, b, c, none});
  ASSERT_EQ(r.committees.size(), 2u);
  const ReportRow& chw = r.committees[0];
  const ReportRow& jkww = r.committees[1];
  EXPECT_EQ(chw.committee, "chw");
  EXPECT_EQ(chw.unit, "");
  EXPECT_EQ(chw.assigned, 1);
  EXPECT_EQ(chw.replied, 1);
  EXPECT_EQ(chw.on_time, 0);
  EXPECT_EQ(jkww.committee, "jkww");
  EXPECT_EQ(jkww.assigned, 2);
  EXPECT_EQ(jkww.replied, 1);
  EXPECT_EQ(jkww.on_time, 1);
  EXPECT_EQ(jkww.met, 1);
  EXPECT_EQ(jkww.evaluated, 1);
  EXPECT_EQ(jkww.accepted, 1);
  EXPECT_EQ(r.overall.assigned, 4);
  EXPECT_TRUE(Tally({none}).committees.empty());
}

TEST(ReportTest, AfterAnApprovedReturnTheNewLeadCounts) {
  Suggestion s = Assigned("S1", "jyj");
  s.units[0].state = "REASSIGNED";
  s.units.push_back({"jtj", UnitRole::kLead, "SIGNED", ""});
  Contact(s, "jtj");
  ReportReply r = Tally({s});
  ASSERT_EQ(r.units.size(), 1u);
  EXPECT_EQ(r.units[0].unit, "jtj");
  EXPECT_EQ(r.units[0].met, 1);
}

TEST(ReportTest, SessionScopeAndUnassignedSuggestions) {
  Suggestion other = Assigned("S1", "jyj");
  other.draft.session = "2025";
  Suggestion unassigned = Assigned("S2", "jyj");
  unassigned.assigned_ms = 0;
  unassigned.state = SuggestionState::kInReview;
  ReportReply r = Tally({other, unassigned, Assigned("S3", "jtj")});
  ASSERT_EQ(r.units.size(), 1u);
  EXPECT_EQ(r.units[0].unit, "jtj");
  EXPECT_EQ(r.overall.assigned, 1);
  EXPECT_EQ(Tally({other}, {"2025"}).overall.assigned, 1);
}

TEST(ReportTest, DateScopeIncludesBothEnds) {
  ReportScope march;
  march.from_ms = kJan1 + 59 * kDay;    // 2026-03-01 00:00 local
  march.to_ms = kJan1 + 90 * kDay - 1;  // 2026-03-31 23:59:59.999 local
  std::vector<Suggestion> all = {
      Assigned("S1", "jyj", {}, march.from_ms - 1),  // 2026-02-28, last millisecond
      Assigned("S2", "jyj", {}, march.from_ms), Assigned("S3", "jyj", {}, march.to_ms),
      Assigned("S4", "jyj", {}, march.to_ms + 1),  // 2026-04-01
  };
  all[1].draft.session = "2025";  // the session does not matter for a date scope
  EXPECT_EQ(Tally(all, march).overall.assigned, 2);
  EXPECT_FALSE(InScope(all[0], march));
  EXPECT_TRUE(InScope(all[1], march));
}

TEST(ReportTest, UnitFilterKeepsTheOverallAndGivesAnEmptyRowZeros) {
  std::vector<Suggestion> all = {Assigned("S1", "jyj"), Assigned("S2", "jtj")};
  ReportScope one{"2026"};
  one.unit = "jtj";
  ReportReply r = Tally(all, one);
  ASSERT_EQ(r.units.size(), 1u);
  EXPECT_EQ(r.units[0].unit, "jtj");
  EXPECT_EQ(r.overall.assigned, 2);
  one.unit = "fgw";
  r = Tally(all, one);
  ASSERT_EQ(r.units.size(), 1u);
  EXPECT_EQ(r.units[0].unit, "fgw");
  EXPECT_EQ(r.units[0].assigned, 0);
  EXPECT_EQ(r.units[0].by_class.size(), 4u);
}

TEST(ReportTest, LevelsAndClassesNoLongerConfiguredAreCountedNotGuessed) {
  Suggestion s = Assigned("S1", "jyj");
  Reply(s, "E", true, "very_satisfied");  // codes of an older config
  ReportRow u = Tally({s}).units[0];
  EXPECT_EQ(u.solved, 0);
  EXPECT_EQ(u.accepted, 0);  // never taken as satisfied
  EXPECT_EQ(CountOf(u.by_class, "E"), 1);
  EXPECT_EQ(CountOf(u.by_satisfaction, "very_satisfied"), 1);
  EXPECT_EQ(u.by_class.back().code, "E");  // after the configured ones
}

}  // namespace
}  // namespace duban::services
