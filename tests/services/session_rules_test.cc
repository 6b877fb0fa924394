// 代表·局长面对面 sessions as stories on one suggestion: S2026-00042, assigned on 2026-09-29 to
// 市教育局 (jyj, lead) with 市财政局 (czj, co-handler), is discussed at session F0003 on Thursday
// 2026-11-19 where the heads of both units meet three deputies. Each step applies the change the
// rules return, as the broker would after its version check, under a manual clock (the times
// below).
#include "services/session_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "common/calendar.h"
#include "common/protocol/timer_names.h"
#include "services/closing_rules.h"
#include "services/unit_tasks.h"
#include "tests/services/unit_tasks_fixture.h"

namespace duban::services {
namespace {

using protocol::Session;
using protocol::SessionRequest;

class SessionRulesTest : public ::testing::Test {
 protected:
  SessionRulesTest() {
    s_.code = "S2026-00042";
    s_.draft.title = "关于增加城区公办幼儿园学位供给的建议";
    s_.state = SuggestionState::kInHandling;
    s_.version = 6;
    s_.units = {{"jyj", UnitRole::kLead, "IN_PROGRESS", ""},
                {"czj", UnitRole::kCo, "OPINION_SENT", ""}};
    session_.id = "F0003";
    session_.date = "2026-11-19";
    session_.place = "市民服务中心三楼会议室";
    session_.topic = "学前教育资源";
    session_.units = {{"jyj", "张明（局长）"}, {"czj", ""}};
    session_.deputies = {"D2026001", "D2026007", "D2026012"};
    session_.codes = {"S2026-00042"};
    rules_.unit_names = {{"jyj", "市教育局"}, {"czj", "市财政局"}, {"zjj", "市住建局"}};
  }

  void Apply(const Result<UnitChange>& r) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    if (r->record) s_.record = *r->record;
    ++s_.version;
  }

  SessionRequest Outcome(const std::string& outcome, const std::string& note,
                         const std::string& due = "", const std::string& unit = "",
                         const std::string& to = "") {
    SessionRequest r;
    r.action = "outcome";
    r.id = session_.id;
    r.code = s_.code;
    r.outcome = outcome;
    r.note = note;
    r.due = due;
    r.unit = unit;
    r.referred_to = to;
    r.actor = "wang";
    return r;
  }

  Suggestion s_;
  Session session_;
  SessionRules rules_;
  const Millis now_ = At("2026-11-19", 16);
};

TEST(SessionCommitmentId, IsTheSessionNumberWithoutZeros) {
  EXPECT_EQ(SessionCommitmentId("F0003"), "f3c1");
  EXPECT_EQ(SessionCommitmentId("F0120"), "f120c1");
  EXPECT_EQ(SessionCommitmentId("F12345"), "f12345c1");
}

TEST_F(SessionRulesTest, SchedulingRecordsTheSessionOnceWithTheUnitsByName) {
  Result<UnitChange> r = ApplySessionScheduled(s_, session_, rules_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->action, "session_scheduled");
  EXPECT_THAT(r->note, HasSubstr("F0003"));
  EXPECT_THAT(r->note, HasSubstr("市教育局（张明（局长））、市财政局"));
  EXPECT_THAT(r->note, HasSubstr("代表 3 人"));
  EXPECT_TRUE(r->to_state.empty());
  ASSERT_EQ(r->record->sessions.size(), 1u);
  EXPECT_EQ(r->record->sessions[0].session, "F0003");
  EXPECT_EQ(r->record->sessions[0].date, "2026-11-19");
  EXPECT_TRUE(r->record->sessions[0].outcome.empty());
  Apply(r);
  ExpectCode(ApplySessionScheduled(s_, session_, rules_), StatusCode::kAlreadyExists);
}

TEST_F(SessionRulesTest, AWithdrawnSuggestionIsNotDiscussed) {
  s_.state = SuggestionState::kWithdrawn;
  ExpectCode(ApplySessionScheduled(s_, session_, rules_), StatusCode::kFailedPrecondition,
             "WITHDRAWN");
  ExpectCode(ApplySessionOutcome(s_, session_, Outcome("resolved", "已协调"), now_, rules_),
             StatusCode::kFailedPrecondition);
}

TEST_F(SessionRulesTest, AProblemResolvedOnTheSpotIsRecordedOnceAndNeverRewritten) {
  Apply(ApplySessionScheduled(s_, session_, rules_));
  Result<UnitChange> r =
      ApplySessionOutcome(s_, session_, Outcome("resolved", "当场协调增加学位 200 个"), now_, rules_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->action, "session_outcome");
  EXPECT_THAT(r->note, HasSubstr("当场解决：当场协调增加学位 200 个"));
  EXPECT_THAT(r->timers, IsEmpty());
  Apply(r);
  ASSERT_EQ(s_.record.sessions.size(), 1u);
  EXPECT_EQ(s_.record.sessions[0].outcome, "resolved");
  EXPECT_EQ(s_.record.sessions[0].recorded_by, "staff:wang");
  EXPECT_EQ(s_.record.sessions[0].recorded_ms, now_);
  // The same outcome again is a retry; another one is refused.
  ExpectCode(ApplySessionOutcome(s_, session_, Outcome("resolved", "当场协调增加学位 200 个"), now_,
                                 rules_),
             StatusCode::kAlreadyExists);
  ExpectCode(ApplySessionOutcome(s_, session_, Outcome("referred", "改为转办", "", "", "市住建局"),
                                 now_, rules_),
             StatusCode::kFailedPrecondition, "not rewritten");
}

TEST_F(SessionRulesTest, ACommitmentIsFollowedUpByTheFollowupRole) {
  Apply(ApplySessionScheduled(s_, session_, rules_));
  Result<UnitChange> r = ApplySessionOutcome(
      s_, session_, Outcome("commitment", "2027 年春季学期前新增学位 500 个", "2027-02-26"), now_,
      rules_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_THAT(r->note, HasSubstr("承诺 f3c1（市教育局，期限 2027-02-26）"));
  const auto& o = r->record->sessions[0];
  EXPECT_EQ(o.unit, "jyj");  // the lead, by default
  ASSERT_EQ(o.commitments.size(), 1u);
  EXPECT_EQ(o.commitments[0].id, "f3c1");
  EXPECT_EQ(o.commitments[0].state, "OPEN");
  ASSERT_EQ(r->timers.size(), 2u);
  EXPECT_EQ(r->timers[0].name, protocol::CommitmentRemindTimer("f3c1"));
  EXPECT_EQ(r->timers[0].service, "followup");
  EXPECT_EQ(r->timers[0].kind, protocol::kCommitmentRemindKind);
  EXPECT_EQ(r->timers[0].due_ms, At("2027-02-19", 9));  // 7 days before, at the start of work
  EXPECT_EQ(r->timers[0].payload, "f3c1");
  EXPECT_EQ(r->timers[1].name, protocol::CommitmentOverdueTimer("f3c1"));
  EXPECT_EQ(r->timers[1].kind, protocol::kCommitmentOverdueKind);
  EXPECT_EQ(r->timers[1].due_ms, At("2027-02-27", 0));  // just after the due day ends
}

TEST_F(SessionRulesTest, ACommitmentDueWithinTheReminderWindowGetsOnlyItsOverdueTimer) {
  Result<UnitChange> r = ApplySessionOutcome(
      s_, session_, Outcome("commitment", "下周完成选址", "2026-11-23", "czj"), now_, rules_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->timers.size(), 1u);
  EXPECT_EQ(r->timers[0].kind, protocol::kCommitmentOverdueKind);
  EXPECT_EQ(r->record->sessions[0].unit, "czj");
  // Recorded although the mention was not written yet (a crash after the session was kept).
  EXPECT_EQ(r->record->sessions[0].session, "F0003");
}

TEST_F(SessionRulesTest, ACommitmentByDefaultIsTheLeadsNowNotOneAReturnReplaced) {
  s_.units = {{"jyj", UnitRole::kLead, "REASSIGNED", ""},
              {"czj", UnitRole::kLead, "IN_PROGRESS", ""}};
  Result<UnitChange> r = ApplySessionOutcome(
      s_, session_, Outcome("commitment", "安排专项资金", "2027-01-15"), now_, rules_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->record->sessions[0].unit, "czj");
}

TEST_F(SessionRulesTest, ACommitmentNamesAUnitThatAttendedAndADateNotBeforeTheSession) {
  ExpectCode(ApplySessionOutcome(s_, session_, Outcome("commitment", "x", "2027-01-01", "zjj"),
                                 now_, rules_),
             StatusCode::kInvalidArgument, "did not attend");
  ExpectCode(ApplySessionOutcome(s_, session_, Outcome("commitment", "x", "2026-11-18"), now_,
                                 rules_),
             StatusCode::kInvalidArgument, "before the session");
  ExpectCode(ApplySessionOutcome(s_, session_, Outcome("commitment", "x"), now_, rules_),
             StatusCode::kInvalidArgument, "due date");
  s_.units.clear();
  ExpectCode(ApplySessionOutcome(s_, session_, Outcome("commitment", "x", "2027-01-01"), now_,
                                 rules_),
             StatusCode::kInvalidArgument, "no lead unit");
}

TEST_F(SessionRulesTest, AReferralSaysToWhom) {
  ExpectCode(ApplySessionOutcome(s_, session_, Outcome("referred", "涉及规划调整"), now_, rules_),
             StatusCode::kInvalidArgument, "to whom");
  Result<UnitChange> r = ApplySessionOutcome(
      s_, session_, Outcome("referred", "涉及规划调整", "", "", "市自然资源局"), now_, rules_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_THAT(r->note, HasSubstr("转办 市自然资源局：涉及规划调整"));
  ExpectCode(ApplySessionOutcome(s_, session_, Outcome("resolved", ""), now_, rules_),
             StatusCode::kInvalidArgument, "note is empty");
}

TEST_F(SessionRulesTest, StaffCloseOutASessionCommitmentWhileTheSuggestionIsStillHandled) {
  Apply(ApplySessionOutcome(s_, session_, Outcome("commitment", "新增学位", "2027-02-26"), now_,
                            rules_));
  Result<UnitChange> r =
      ApplyCloseout(s_, {"S2026-00042", "f3c1", "现场核查已新增学位 520 个", "wang"},
                    At("2027-02-20", 10), ClosingRules{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->action, "commitment_met");
  EXPECT_TRUE(r->to_state.empty());  // the suggestion's own handling goes on
  EXPECT_EQ(r->record->sessions[0].commitments[0].state, "MET");
  EXPECT_EQ(r->record->sessions[0].commitments[0].basis, "现场核查已新增学位 520 个");
  EXPECT_THAT(r->cancel_timers,
              ::testing::UnorderedElementsAre(protocol::CommitmentRemindTimer("f3c1"),
                                              protocol::CommitmentOverdueTimer("f3c1")));
  Apply(r);
  ExpectCode(ApplyCloseout(s_, {"S2026-00042", "f3c1", "again", "wang"}, At("2027-02-21", 10),
                           ClosingRules{}),
             StatusCode::kFailedPrecondition, "closed out already");
}

}  // namespace
}  // namespace duban::services
