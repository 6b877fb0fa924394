// Closing the loop as stories on one suggestion: S2026-00042 was assigned (交办) on Tuesday
// 2026-09-29 at 10:00 Beijing time to 市教育局 (jyj, lead 主办) with 市财政局 (czj, co-handler
// 协办); its reply deadline is 2026-12-29 (three calendar months). The lead unit replies (答复),
// the lead deputy evaluates (测评), staff close out the commitments (销号) and record look-back
// rounds (回头看). Each step applies the change the rules return, as the broker would after its
// version check, and the next step starts from there.
#include "services/closing_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/unit_tasks.h"
#include "common/calendar.h"
#include "common/deadline_policy.h"
#include "common/protocol/lifecycle.h"
#include "config/calendar_loader.h"

namespace duban::services {
namespace {

using protocol::Suggestion;
using protocol::SuggestionState;
using protocol::UnitRole;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr std::int64_t kBeijing = 480;  // UTC+08:00, minutes
constexpr Millis kMinuteMs = 60'000;
constexpr Millis kHourMs = 60 * kMinuteMs;

Date D(const char* ymd) {
  Result<Date> d = ParseDate(ymd);
  EXPECT_TRUE(d.ok()) << ymd;
  return d.ok() ? *d : Date{};
}

// The instant of local (Beijing) time hh:mm on `ymd`.
Millis At(const char* ymd, int hh, int mm = 0) {
  return StartOfLocalDay(D(ymd), kBeijing) + hh * kHourMs + mm * kMinuteMs;
}

const Millis kAssignedMs = At("2026-09-29", 10);

// Signed and being handled: the lead is IN_PROGRESS, the co-handler sent its opinion.
Suggestion InHandling() {
  Suggestion s;
  s.code = "S2026-00042";
  s.draft.title = "关于增加城区公办幼儿园学位供给的建议";
  s.draft.deputy = {"D2026001", "王丽华", "13800000000"};
  s.draft.session = "2026";
  s.state = SuggestionState::kInHandling;
  s.version = 6;
  s.assigned_ms = kAssignedMs;
  s.units = {{"jyj", UnitRole::kLead, "IN_PROGRESS", ""},
             {"czj", UnitRole::kCo, "OPINION_SENT", ""}};
  s.deadline = ReplyDeadline(kAssignedMs, 3, kBeijing);
  return s;
}

protocol::ReplyRequest Reply(const std::string& cls,
                             std::vector<protocol::CommitmentDraft> commitments = {}) {
  return {"S2026-00042",         "jyj", "li", cls, "经研究，拟于明年新建两所公办幼儿园。", "张局长",
          std::move(commitments)};
}

template <typename T>
void ExpectCode(const Result<T>& r, StatusCode code, const std::string& part = "") {
  ASSERT_FALSE(r.ok()) << "the request was accepted";
  EXPECT_EQ(r.status().code(), code) << r.status().ToString();
  if (!part.empty()) {
    EXPECT_THAT(r.status().message(), HasSubstr(part));
  }
}

class ClosingRulesTest : public ::testing::Test {
 protected:
  ClosingRulesTest() : s_(InHandling()) {}

  // What the broker does with an accepted change (ApiHandlers::ApplyChange).
  void Apply(const Result<UnitChange>& r) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    s_.units = r->units;
    if (r->deadline) s_.deadline = r->deadline;
    if (r->record) s_.record = *r->record;
    if (!r->to_state.empty()) {
      Result<SuggestionState> st = protocol::ParseState(r->to_state);
      ASSERT_TRUE(st.ok()) << r->to_state;
      ASSERT_TRUE(protocol::IsAllowedTransition(s_.state, *st)) << r->to_state;
      s_.state = *st;
    }
    ++s_.version;
  }

  Result<UnitChange> Evaluate(const std::string& level, const std::string& reasons, Millis now,
                              const std::string& deputy = "D2026001") {
    return ApplyEvaluation(s_, {"S2026-00042", deputy, "", level, reasons}, now, rules_);
  }

  Result<UnitChange> Closeout(const std::string& commitment, const std::string& basis, Millis now) {
    return ApplyCloseout(s_, {"S2026-00042", commitment, basis, "wang"}, now);
  }

  // Replied with class B and two commitments, evaluated 满意, in FOLLOW_UP.
  void ToFollowUp() {
    Apply(ApplyReply(s_, Reply("B", {{"完成选址论证", "2027-03-31"}, {"开工建设", "2027-09-30"}}),
                     At("2026-12-01", 10), rules_));
    Apply(Evaluate("satisfied", "", At("2026-12-10", 10)));
    s_.state = SuggestionState::kFollowUp;  // the survey role's conclusion
  }

  ClosingRules rules_;
  Suggestion s_;
};

// ---- reply ---------------------------------------------------------------------------------

TEST_F(ClosingRulesTest, ALeadReplyWithoutACoHandlersOpinionIsWarnedOfOrRefused) {
  const Millis now = At("2026-12-01", 10);
  Result<UnitChange> with = ApplyReply(s_, Reply("A"), now, rules_);
  ASSERT_TRUE(with.ok()) << with.status().ToString();
  EXPECT_THAT(with->warnings, IsEmpty()) << "czj sent its opinion";
  s_.units[1].state = "SIGNED";  // czj has not sent it
  Result<UnitChange> without = ApplyReply(s_, Reply("A"), now, rules_);
  ASSERT_TRUE(without.ok()) << without.status().ToString();
  ASSERT_EQ(without->warnings.size(), 1u);
  EXPECT_THAT(without->warnings[0], HasSubstr("czj"));
  EXPECT_THAT(without->note, HasSubstr("without the opinion of co-handler(s) czj"));
  rules_.refuse_without_opinions = true;
  ExpectCode(ApplyReply(s_, Reply("A"), now, rules_), StatusCode::kFailedPrecondition,
             "have not sent their opinion");
  s_.units[1].state = "REASSIGNED";  // a co-handler no longer on it is not waited for
  EXPECT_TRUE(ApplyReply(s_, Reply("A"), now, rules_).ok());
}

TEST_F(ClosingRulesTest, TheLeadUnitRepliesOnTime) {
  const Millis now = At("2026-12-01", 10);
  Result<UnitChange> r = ApplyReply(s_, Reply("A"), now, rules_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->to_state, "REPLIED");
  EXPECT_EQ(r->unit_state, "REPLIED");
  EXPECT_EQ(r->action, "replied");
  EXPECT_EQ(r->units[0].state, "REPLIED");
  EXPECT_EQ(r->units[1].state, "OPINION_SENT") << "the co-handler's task is left alone";
  EXPECT_FALSE(r->deadline.has_value());
  ASSERT_TRUE(r->record.has_value());
  ASSERT_EQ(r->record->rounds.size(), 1u);
  const protocol::ReplyRound& round = r->record->rounds[0];
  EXPECT_EQ(round.round, 1);
  EXPECT_EQ(round.unit, "jyj");
  EXPECT_EQ(round.result_class, "A");
  EXPECT_EQ(round.text, "经研究，拟于明年新建两所公办幼儿园。");
  EXPECT_EQ(round.signer, "张局长");
  EXPECT_EQ(round.replied_ms, now);
  EXPECT_EQ(round.deadline, "2026-12-29");
  EXPECT_TRUE(round.on_time);
  EXPECT_THAT(round.commitments, IsEmpty());
  EXPECT_EQ(round.satisfaction, "");
  EXPECT_EQ(r->note,
            "unit 'jyj' replied (答复, round 1): class A 已解决或基本解决, signed by 张局长");
  ASSERT_EQ(r->notices.size(), 1u);
  EXPECT_EQ(r->notices[0].recipient, "staff");
  EXPECT_EQ(r->notices[0].kind, "replied");
  EXPECT_EQ(r->notices[0].dedup_key, "replied:r1");
  EXPECT_EQ(
      r->notices[0].text,
      "【已答复】S2026-00042《关于增加城区公办幼儿园学位供给的建议》 主办单位 jyj 已答复（A类："
      "已解决或基本解决）。");
  EXPECT_THAT(r->timers, IsEmpty());
}

TEST_F(ClosingRulesTest, AReplyCancelsEveryReminderItMakesPointlessByName) {
  Result<UnitChange> r = ApplyReply(s_, Reply("A"), At("2026-12-01", 10), rules_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_THAT(
      r->cancel_timers,
      ElementsAre("reply.remind.30d", "reply.remind.15d", "reply.remind.5d", "reply.remind.1d",
                  "reply.overdue", "reply.overdue15", "rehandle.remind.10d", "rehandle.remind.3d",
                  "rehandle.overdue", "sign.remind.jyj", "sign.overdue.jyj", "opinion.remind7.jyj",
                  "opinion.remind2.jyj", "opinion.overdue.jyj", "decision.return.jyj",
                  "decision.extension.jyj", "sign.remind.czj", "sign.overdue.czj",
                  "opinion.remind7.czj", "opinion.remind2.czj", "opinion.overdue.czj",
                  "decision.return.czj", "decision.extension.czj"));
}

TEST_F(ClosingRulesTest, TheConfiguredReminderFiguresNameTheCancelledTimers) {
  rules_.reply_reminder_days = {20, 7};
  rules_.rehandling_reminder_days = {5};
  Result<UnitChange> r = ApplyReply(s_, Reply("A"), At("2026-12-01", 10), rules_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_THAT(r->cancel_timers, Contains("reply.remind.20d"));
  EXPECT_THAT(r->cancel_timers, Contains("reply.remind.7d"));
  EXPECT_THAT(r->cancel_timers, Contains("rehandle.remind.5d"));
  EXPECT_THAT(r->cancel_timers, Not(Contains("reply.remind.30d")));
}

TEST_F(ClosingRulesTest, AReplyAfterTheDeadlineIsRecordedAsLate) {
  // The last millisecond of 2026-12-29 is still on time; the first of 12-30 is not.
  Result<UnitChange> last = ApplyReply(s_, Reply("A"), s_.deadline->due_ms, rules_);
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  EXPECT_TRUE(last->record->rounds[0].on_time);

  Result<UnitChange> late = ApplyReply(s_, Reply("D"), s_.deadline->due_ms + 1, rules_);
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_FALSE(late->record->rounds[0].on_time);
  EXPECT_EQ(late->record->rounds[0].deadline, "2026-12-29");
  EXPECT_THAT(late->note, HasSubstr(", after the deadline 2026-12-29"));
  EXPECT_THAT(late->notices[0].text, HasSubstr("，已超过答复期限。"));
}

TEST_F(ClosingRulesTest, ClassBCommitmentsAreNumberedByRound) {
  Result<UnitChange> r =
      ApplyReply(s_, Reply("B", {{"完成选址论证", "2027-03-31"}, {"开工建设", "2027-09-30"}}),
                 At("2026-12-01", 10), rules_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& cs = r->record->rounds[0].commitments;
  ASSERT_EQ(cs.size(), 2u);
  EXPECT_EQ(cs[0].id, "r1c1");
  EXPECT_EQ(cs[0].text, "完成选址论证");
  EXPECT_EQ(cs[0].due, "2027-03-31");
  EXPECT_EQ(cs[0].state, "OPEN");
  EXPECT_EQ(cs[1].id, "r1c2");
  EXPECT_EQ(cs[1].due, "2027-09-30");
  EXPECT_THAT(r->note,
              HasSubstr("class B 正在解决或列入计划逐步解决, signed by 张局长, 2 commitment(s)"));

  // A second round after a re-handling numbers its own: r2c1.
  Apply(r);
  Apply(Evaluate("dissatisfied", "没有明确时间表", At("2026-12-10", 10)));
  s_.state = SuggestionState::kRehandling;
  s_.units[0].state = "IN_PROGRESS";
  Result<UnitChange> again = ApplyReply(s_, Reply("B", {{"明年三月前完成选址", "2027-03-01"}}),
                                        At("2027-01-05", 10), rules_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->record->rounds.size(), 2u);
  EXPECT_EQ(again->record->rounds[1].round, 2);
  EXPECT_EQ(again->record->rounds[1].commitments[0].id, "r2c1");
  EXPECT_EQ(again->record->rounds[0].satisfaction, "dissatisfied") << "round 1 is kept as it was";
  EXPECT_EQ(again->notices[0].dedup_key, "replied:r2");
}

TEST_F(ClosingRulesTest, ACommitmentDueOnTheReplyDateIsAccepted) {
  Result<UnitChange> r =
      ApplyReply(s_, Reply("B", {{"当日完成", "2026-12-01"}}), At("2026-12-01", 23, 59), rules_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
}

TEST_F(ClosingRulesTest, AReplyIsRefusedWithTheRightCode) {
  const Millis now = At("2026-12-01", 10);
  ExpectCode(ApplyReply(
                 s_,
                 [] {
                   auto r = Reply("A");
                   r.unit = "jtj";
                   return r;
                 }(),
                 now, rules_),
             StatusCode::kNotFound, "unit 'jtj' has no task on S2026-00042");
  ExpectCode(ApplyReply(
                 s_,
                 [] {
                   auto r = Reply("A");
                   r.unit = "czj";
                   return r;
                 }(),
                 now, rules_),
             StatusCode::kFailedPrecondition, "co-handler");

  Suggestion issued = s_;
  issued.units[0].state = "ISSUED";
  ExpectCode(ApplyReply(issued, Reply("A"), now, rules_), StatusCode::kFailedPrecondition,
             "the task of unit 'jyj' is ISSUED (sign for it first: duban.sign)");
  issued.units[0].state = "RETURN_PENDING";
  Result<UnitChange> pending = ApplyReply(issued, Reply("A"), now, rules_);
  ExpectCode(pending, StatusCode::kFailedPrecondition, "is RETURN_PENDING");
  EXPECT_THAT(pending.status().message(), Not(HasSubstr("sign for it first")));

  // A unit re-assigned away has no task any more.
  Suggestion moved = s_;
  moved.units[0].state = "REASSIGNED";
  ExpectCode(ApplyReply(moved, Reply("A"), now, rules_), StatusCode::kNotFound);

  for (SuggestionState st :
       {SuggestionState::kSubmitted, SuggestionState::kAccepted, SuggestionState::kReplied,
        SuggestionState::kEvaluated, SuggestionState::kFollowUp, SuggestionState::kClosed,
        SuggestionState::kWithdrawn}) {
    SCOPED_TRACE(std::string(protocol::StateName(st)));
    Suggestion other = s_;
    other.state = st;
    ExpectCode(ApplyReply(other, Reply("A"), now, rules_), StatusCode::kFailedPrecondition,
               "S2026-00042 is " + std::string(protocol::StateName(st)));
  }
}

TEST_F(ClosingRulesTest, AReplyWithBadContentIsInvalid) {
  const Millis now = At("2026-12-01", 10);
  ExpectCode(ApplyReply(s_, Reply("E"), now, rules_), StatusCode::kInvalidArgument,
             "unknown result class 'E' (known: A, B, C, D)");
  ExpectCode(ApplyReply(s_, Reply("a"), now, rules_), StatusCode::kInvalidArgument, "'a'");
  ExpectCode(ApplyReply(s_, Reply("B"), now, rules_), StatusCode::kInvalidArgument,
             "must list its commitments");
  auto no_text = Reply("A");
  no_text.text.clear();
  ExpectCode(ApplyReply(s_, no_text, now, rules_), StatusCode::kInvalidArgument, "text");
  auto no_signer = Reply("A");
  no_signer.signer.clear();
  ExpectCode(ApplyReply(s_, no_signer, now, rules_), StatusCode::kInvalidArgument, "signer");
  ExpectCode(ApplyReply(s_, Reply("B", {{"选址", "2027-02-30"}}), now, rules_),
             StatusCode::kInvalidArgument, "commitment 1: ");
  ExpectCode(ApplyReply(s_, Reply("B", {{"选址", "next spring"}}), now, rules_),
             StatusCode::kInvalidArgument, "commitment 1: ");
  ExpectCode(
      ApplyReply(s_, Reply("B", {{"选址", "2027-03-31"}, {"开工", "2026-11-30"}}), now, rules_),
      StatusCode::kInvalidArgument,
      "commitment 2 is due 2026-11-30, before the reply date 2026-12-01");
  ExpectCode(ApplyReply(s_, Reply("C", {{"选址", "2027-03-31"}, {"", "2027-09-30"}}), now, rules_),
             StatusCode::kInvalidArgument, "commitment 2 has no text");
}

// ---- evaluate ------------------------------------------------------------------------------

TEST_F(ClosingRulesTest, TheLeadDeputyEvaluatesTheLatestReply) {
  Apply(ApplyReply(s_, Reply("A"), At("2026-12-01", 10), rules_));
  const Millis now = At("2026-12-08", 15);
  Result<UnitChange> r = Evaluate("satisfied", "答复认真", now);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->to_state, "EVALUATED");
  EXPECT_EQ(r->action, "evaluated");
  const protocol::ReplyRound& round = r->record->rounds.back();
  EXPECT_EQ(round.satisfaction, "satisfied");
  EXPECT_EQ(round.reasons, "答复认真");
  EXPECT_EQ(round.evaluated_ms, now);
  EXPECT_EQ(r->note, "the deputy evaluated reply round 1: 满意 — 答复认真");
  EXPECT_THAT(r->cancel_timers, ElementsAre("survey.remind", "survey.overdue", "survey.chase"));
  EXPECT_THAT(r->units,
              ElementsAre(::testing::Field(&protocol::UnitAssignment::state, "REPLIED"),
                          ::testing::Field(&protocol::UnitAssignment::state, "OPINION_SENT")));
}

TEST_F(ClosingRulesTest, TheLevelMayBeGivenByItsChineseName) {
  Apply(ApplyReply(s_, Reply("A"), At("2026-12-01", 10), rules_));
  Result<UnitChange> r = Evaluate("满意", "", At("2026-12-08", 15));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->record->rounds.back().satisfaction, "satisfied") << "the code is stored";
  Result<UnitChange> basic = Evaluate("基本满意", "", At("2026-12-08", 15));
  ASSERT_TRUE(basic.ok()) << basic.status().ToString();
  EXPECT_EQ(basic->record->rounds.back().satisfaction, "basic");
  Result<UnitChange> no = Evaluate("不满意", "没有时间表", At("2026-12-08", 15));
  ASSERT_TRUE(no.ok()) << no.status().ToString();
  EXPECT_EQ(no->record->rounds.back().satisfaction, "dissatisfied");
}

TEST_F(ClosingRulesTest, AnEvaluationIsRefusedWithTheRightCode) {
  const Millis now = At("2026-12-08", 15);
  ExpectCode(Evaluate("satisfied", "", now), StatusCode::kFailedPrecondition,
             "S2026-00042 is IN_HANDLING");
  // Another deputy is refused before the state is looked at, and told neither it nor the lead
  // deputy's id.
  Result<UnitChange> other = Evaluate("satisfied", "", now, "D2026002");
  ExpectCode(other, StatusCode::kPermissionDenied,
             "only its lead deputy (领衔代表) evaluates S2026-00042, and 'D2026002' is not");
  EXPECT_THAT(other.status().message(), ::testing::Not(::testing::HasSubstr("D2026001")));
  EXPECT_THAT(other.status().message(), ::testing::Not(::testing::HasSubstr("IN_HANDLING")));
  Apply(ApplyReply(s_, Reply("A"), At("2026-12-01", 10), rules_));
  ExpectCode(Evaluate("very", "", now), StatusCode::kInvalidArgument,
             "unknown satisfaction 'very' (known: satisfied (满意), basic (基本满意), "
             "dissatisfied (不满意))");
  ExpectCode(Evaluate("dissatisfied", "", now), StatusCode::kInvalidArgument, "不满意");
  ExpectCode(Evaluate("不满意", "", now), StatusCode::kInvalidArgument, "reasons");

  Apply(Evaluate("basic", "", now));
  ExpectCode(Evaluate("satisfied", "", now), StatusCode::kFailedPrecondition,
             "S2026-00042 is EVALUATED");

  // REPLIED without a round (a damaged record) is not evaluated either.
  Suggestion empty = InHandling();
  empty.state = SuggestionState::kReplied;
  ExpectCode(ApplyEvaluation(empty, {"S2026-00042", "D2026001", "", "satisfied", ""}, now, rules_),
             StatusCode::kFailedPrecondition);
}

// ---- close-out and look-back ---------------------------------------------------------------

TEST_F(ClosingRulesTest, ClosingOutOneCommitmentKeepsTheFollowUp) {
  ToFollowUp();
  const Millis now = At("2027-03-20", 11);
  Result<UnitChange> r = Closeout("r1c1", "选址论证报告已批复", now);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->to_state, "");
  EXPECT_EQ(r->action, "commitment_met");
  EXPECT_EQ(r->note, "commitment r1c1 met (销号); 1 still open; basis: 选址论证报告已批复");
  const auto& cs = r->record->rounds[0].commitments;
  EXPECT_EQ(cs[0].state, "MET");
  EXPECT_EQ(cs[0].basis, "选址论证报告已批复");
  EXPECT_EQ(cs[0].closed_by, "wang");
  EXPECT_EQ(cs[0].closed_ms, now);
  EXPECT_EQ(cs[1].state, "OPEN");
  EXPECT_EQ(r->record->closed_ms, 0);
  EXPECT_THAT(r->cancel_timers, ElementsAre("commit.remind.r1c1", "commit.overdue.r1c1"));
  EXPECT_THAT(r->notices, IsEmpty());

  Apply(r);
  EXPECT_EQ(s_.state, SuggestionState::kFollowUp);
  ExpectCode(Closeout("r1c1", "再次销号", now), StatusCode::kFailedPrecondition,
             "commitment r1c1 was closed out already");
}

TEST_F(ClosingRulesTest, ClosingOutTheLastCommitmentClosesTheSuggestion) {
  ToFollowUp();
  Apply(Closeout("r1c1", "选址论证报告已批复", At("2027-03-20", 11)));
  const Millis now = At("2027-09-28", 16);
  Result<UnitChange> r = Closeout("r1c2", "已开工", now);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->to_state, "CLOSED");
  EXPECT_EQ(r->action, "closed_out");
  EXPECT_EQ(r->record->closed_ms, now);
  EXPECT_EQ(r->record->close_basis, "已开工");
  EXPECT_EQ(r->note, "closed out (销号): commitments r1c2 met; basis: 已开工");
  EXPECT_THAT(r->cancel_timers,
              ElementsAre("commit.remind.r1c2", "commit.overdue.r1c2", "lookback"));
  ASSERT_EQ(r->notices.size(), 2u);
  EXPECT_EQ(r->notices[0].recipient, "staff");
  EXPECT_EQ(r->notices[0].kind, "closed");
  EXPECT_EQ(r->notices[0].dedup_key, "closed");
  EXPECT_THAT(r->notices[0].text, HasSubstr("已办结销号。依据：已开工"));
  EXPECT_EQ(r->notices[1].recipient, "deputy:" + s_.draft.deputy.id) << "the deputy is told too";
  EXPECT_EQ(r->notices[1].text, r->notices[0].text);
  Apply(r);
  EXPECT_EQ(s_.state, SuggestionState::kClosed);
}

TEST_F(ClosingRulesTest, ACloseOutNamingNoCommitmentClosesEveryOpenOne) {
  ToFollowUp();
  Apply(Closeout("r1c1", "选址论证报告已批复", At("2027-03-20", 11)));
  Result<UnitChange> r = Closeout("", "整体办结", At("2027-04-01", 11));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->to_state, "CLOSED");
  const auto& cs = r->record->rounds[0].commitments;
  EXPECT_EQ(cs[0].basis, "选址论证报告已批复") << "a met commitment keeps its own basis";
  EXPECT_EQ(cs[1].state, "MET");
  EXPECT_EQ(cs[1].basis, "整体办结");
  EXPECT_THAT(r->cancel_timers,
              ElementsAre("commit.remind.r1c2", "commit.overdue.r1c2", "lookback"));
}

TEST_F(ClosingRulesTest, AClassCFollowUpWithoutCommitmentsClosesAsAWhole) {
  Apply(ApplyReply(s_, Reply("C"), At("2026-12-01", 10), rules_));
  Apply(Evaluate("basic", "", At("2026-12-10", 10)));
  s_.state = SuggestionState::kFollowUp;
  ExpectCode(Closeout("r1c1", "无", At("2027-12-01", 10)), StatusCode::kNotFound);
  Result<UnitChange> r = Closeout("", "条件已具备，已解决", At("2027-12-01", 10));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->to_state, "CLOSED");
  EXPECT_EQ(r->note, "closed out (销号); basis: 条件已具备，已解决");
}

TEST_F(ClosingRulesTest, ACloseOutIsRefusedWithTheRightCode) {
  ExpectCode(Closeout("", "整体办结", At("2026-11-01", 10)), StatusCode::kFailedPrecondition,
             "close-out (销号) is for a suggestion in FOLLOW_UP");
  ToFollowUp();
  ExpectCode(Closeout("r1c9", "无", At("2027-03-20", 11)), StatusCode::kNotFound,
             "no commitment 'r1c9' on S2026-00042");
  ExpectCode(Closeout("r1c1", "", At("2027-03-20", 11)), StatusCode::kInvalidArgument, "basis");
}

TEST_F(ClosingRulesTest, LookBackRoundsAreCounted) {
  ExpectCode(ApplyLookback(s_, {"S2026-00042", "", "进展正常", "wang"}, At("2027-01-01", 10)),
             StatusCode::kFailedPrecondition, "FOLLOW_UP");
  ToFollowUp();
  Result<UnitChange> one =
      ApplyLookback(s_, {"S2026-00042", "", "选址已完成", "wang"}, At("2027-12-01", 10));
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->to_state, "");
  EXPECT_EQ(one->action, "looked_back");
  EXPECT_EQ(one->record->lookbacks, 1);
  EXPECT_EQ(one->note, "look-back round (回头看) 1: 选址已完成");
  Apply(one);
  Result<UnitChange> two =
      ApplyLookback(s_, {"S2026-00042", "", "已开工", "wang"}, At("2028-12-01", 10));
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ(two->record->lookbacks, 2);
  ExpectCode(ApplyLookback(s_, {"S2026-00042", "", "", "wang"}, At("2028-12-01", 10)),
             StatusCode::kInvalidArgument, "findings");
}

// ---- contact and opinion records (unit_tasks.h) go on the handling record ------------------

TEST_F(ClosingRulesTest, ContactsAndOpinionsAreNotedOnTheRecord) {
  Result<config::CalendarYear> y =
      config::LoadCalendarFile(std::string(DUBAN_SOURCE_DIR) + "/config/calendar/2026.toml");
  ASSERT_TRUE(y.ok()) << y.status().ToString();
  Result<WorkingCalendar> calendar = config::BuildWorkingCalendar({*y});
  ASSERT_TRUE(calendar.ok()) << calendar.status().ToString();
  s_.units[1].state = "SIGNED";  // the co-handler has not sent its opinion yet
  const Millis met = At("2026-10-12", 15);
  Result<UnitChange> contact =
      ApplyUnitAction(s_, {"contact", "jyj", "li", "与代表面商选址方案", "before", ""}, met,
                      UnitRules{}, *calendar);
  ASSERT_TRUE(contact.ok()) << contact.status().ToString();
  ASSERT_TRUE(contact->record.has_value());
  ASSERT_EQ(contact->record->notes.size(), 1u);
  const protocol::UnitNote& n = contact->record->notes[0];
  EXPECT_EQ(n.unit, "jyj");
  EXPECT_EQ(n.kind, "contact");
  EXPECT_EQ(n.phase, "before");
  EXPECT_EQ(n.text, "与代表面商选址方案");
  EXPECT_EQ(n.at_ms, met);
  Apply(contact);

  const Millis sent = At("2026-10-20", 11);
  Result<UnitChange> opinion =
      ApplyUnitAction(s_, {"opinion", "czj", "zhao", "资金可在明年预算中统筹", "", ""}, sent,
                      UnitRules{}, *calendar);
  ASSERT_TRUE(opinion.ok()) << opinion.status().ToString();
  ASSERT_EQ(opinion->record->notes.size(), 2u) << "the contact note is kept";
  EXPECT_EQ(opinion->record->notes[0].kind, "contact");
  const protocol::UnitNote& o = opinion->record->notes[1];
  EXPECT_EQ(o.unit, "czj");
  EXPECT_EQ(o.kind, "opinion");
  EXPECT_EQ(o.phase, "");
  EXPECT_EQ(o.text, "资金可在明年预算中统筹");
  EXPECT_EQ(o.at_ms, sent);

  // Other actions leave the record alone (no record in the change).
  Result<UnitChange> extend = ApplyUnitAction(
      s_, {"extend", "jyj", "li", "需要协调用地", "", "2027-02-28"}, sent, UnitRules{}, *calendar);
  ASSERT_TRUE(extend.ok()) << extend.status().ToString();
  EXPECT_FALSE(extend->record.has_value());
}

}  // namespace
}  // namespace duban::services
