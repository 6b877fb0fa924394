// Stories of the layers of supervision beyond the handling loop (issue "The seed's four layers of
// supervision"): 代表·局长面对面 sessions and the requests from the people through deputies
// (社情民意), told to the real broker loop in this process (stories_fixture.h). StoriesCover in
// stories_test.cc reads this file too.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/services/stories_fixture.h"

namespace duban::testing {
namespace {

TEST_F(Stories, StaffHoldAFaceToFaceSessionAndFollowItsCommitment) {
  const std::string a = Assigned(), b = Assigned(), c = Assigned();
  SessionRequest sched;
  sched.action = "schedule";
  sched.request_id = "f2f-1";
  sched.session.date = "2026-12-20";  // a Sunday
  sched.session.place = "市民服务中心";
  sched.session.topic = "学前教育资源";
  sched.session.units = {{"jyj", "张明（局长）"}, {"czj", ""}};
  sched.session.deputies = {"D2026001", "D2026007"};
  sched.session.codes = {a, b, c};
  sched.actor = "wang";
  auto refused = Tell<svc::Session>(sched);
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("not a working day"), std::string::npos);
  sched.session.date = "2026-12-17";  // Thursday
  SessionReply made = Must<svc::Session>(sched);
  ASSERT_EQ(made.sessions.size(), 1u);
  EXPECT_EQ(made.result, "new");
  const Session session = made.sessions[0];
  EXPECT_EQ(session.id, "F0001");
  ASSERT_EQ(session.items.size(), 3u);
  EXPECT_EQ(session.items[0].outcome, "");
  GetReply got = Get(a);
  EXPECT_EQ(got.timeline.back().action, "session_scheduled");
  EXPECT_EQ(got.timeline.back().actor, "staff:wang");
  ASSERT_EQ(got.suggestion.record.sessions.size(), 1u);
  // A retry with the same request id is the same session; nothing is recorded twice.
  SessionReply again = Must<svc::Session>(sched);
  EXPECT_EQ(again.result, "known");
  EXPECT_EQ(again.sessions[0].id, "F0001");
  EXPECT_EQ(Get(a).suggestion.version, got.suggestion.version);
  // An unknown unit, or a suggestion that does not exist: refused before anything is kept.
  sched.request_id = "f2f-2";
  sched.session.units.push_back({"nosuch", ""});
  EXPECT_EQ(Tell<svc::Session>(sched).status().code(), StatusCode::kInvalidArgument);
  sched.session.units.pop_back();
  sched.session.codes = {"S2026-09999"};
  EXPECT_EQ(Tell<svc::Session>(sched).status().code(), StatusCode::kNotFound);

  SessionRequest out;
  out.action = "outcome";
  out.id = "F0001";
  out.actor = "wang";
  out.code = a;
  out.outcome = "resolved";
  out.note = "当场协调增加学位 200 个";
  EXPECT_EQ(Must<svc::Session>(out).result, "recorded");
  EXPECT_EQ(Must<svc::Session>(out).result, "known");
  out.code = b;
  out.outcome = "commitment";
  out.note = "2027 年春季学期前新增学位 500 个";
  out.due = "2027-02-26";
  SessionReply committed = Must<svc::Session>(out);
  EXPECT_EQ(committed.sessions[0].items[1].commitment, "f1c1");
  EXPECT_EQ(committed.sessions[0].items[1].unit, "jyj");
  TimersReply timers = Must<svc::Timers>(TimersRequest{b});
  int followup = 0;
  for (const auto& t : timers.timers) {
    followup += t.service == "followup" && t.state == "pending" ? 1 : 0;
  }
  EXPECT_EQ(followup, 2) << "commit.remind.f1c1 and commit.overdue.f1c1";
  out.code = "S2026-09999";
  EXPECT_EQ(Tell<svc::Session>(out).status().code(), StatusCode::kFailedPrecondition);

  // Staff close the commitment out while the suggestion is still being handled.
  HandlingReply met =
      Must<svc::Closeout>(CloseoutRequest{b, "f1c1", "现场核查新增学位 520 个", "wang"});
  EXPECT_EQ(met.state, "ASSIGNED");
  EXPECT_EQ(Get(b).timeline.back().action, "commitment_met");

  SessionReply listed = Must<svc::Session>(SessionRequest{});
  ASSERT_EQ(listed.sessions.size(), 1u);
  EXPECT_TRUE(listed.sessions[0].items.empty());

  ReportRequest rep;
  rep.session = "2026";
  EXPECT_EQ(Must<svc::Report>(rep).sessions.held, 0) << "2026-12-17 is still to come";
  Advance(30LL * 24 * 3600 * 1000);  // past the session
  ReportReply report = Must<svc::Report>(rep);
  EXPECT_EQ(report.sessions.held, 1);
  EXPECT_EQ(report.sessions.discussed, 3);
  EXPECT_EQ(report.sessions.resolved, 1);
  EXPECT_EQ(report.sessions.commitments, 1);
  EXPECT_EQ(report.sessions.commitments_met, 1);
  EXPECT_EQ(report.sessions.referred, 0);
}

TEST_F(Stories, PeoplesRequestsReachDeputiesWhoAnswerOrTurnThemIntoASuggestion) {
  // A resident writes through deputy D2026001's code; another through station xc01's.
  RequestRequest in;
  in.action = "submit";
  in.request_id = "rq-1";
  in.to = "deputy:D2026001";
  in.text = "小区门口路灯坏了三个月";
  in.contact = "张女士 13800000000";
  RequestReply got = Must<svc::Requests>(in);
  EXPECT_EQ(got.result, "new");
  const std::string r1 = got.status.code;
  EXPECT_EQ(r1.substr(0, 12), "R2026-00001-");
  EXPECT_EQ(r1.size(), 18u) << "a random suffix of six";
  EXPECT_EQ(got.status.state_label, "已收到");
  RequestReply retried = Must<svc::Requests>(in);
  EXPECT_EQ(retried.status.code, r1) << "a retry is the same request";
  EXPECT_EQ(retried.result, "known");
  in.text = "另一件事";  // the same request id for another request
  EXPECT_EQ(Tell<svc::Requests>(in).status().code(), StatusCode::kFailedPrecondition);
  in.request_id = "rq-2";
  in.to = "station:xc01";
  in.text = "路灯不亮影响夜间出行";
  const std::string r2 = Must<svc::Requests>(in).status.code;
  in.request_id = "rq-3";
  in.text = "楼道堆放杂物";
  const std::string r3 = Must<svc::Requests>(in).status.code;
  in.request_id = "rq-4";
  in.to = "deputy:D9999999";  // no such deputy at any station
  EXPECT_EQ(Tell<svc::Requests>(in).status().code(), StatusCode::kInvalidArgument);
  in.request_id = "rq-5";
  in.to = "deputy:D2026001";
  in.text = "公园厕所无人保洁";
  const std::string r5 = Must<svc::Requests>(in).status.code;
  InboxReply deputy = Must<svc::Inbox>(InboxRequest{"deputy:D2026002", 50});
  ASSERT_EQ(deputy.notices.size(), 2u) << "the station's deputies hear of its requests";
  EXPECT_EQ(deputy.notices[0].kind, "request");

  // Nobody acknowledges r3: the deputies are reminded, then staff told when it is overdue.
  RequestRequest ask;
  ask.code = r1;
  ask.action = "ack";
  ask.deputy = "D2026001";
  ask.actor = "王丽华";
  EXPECT_EQ(Must<svc::Requests>(ask).requests[0].state, "ACKNOWLEDGED");
  EXPECT_EQ(Tell<svc::Requests>(ask).status().code(), StatusCode::kFailedPrecondition);
  ask.code = r2;
  ask.deputy = "D2026007";  // not at station xc01
  EXPECT_EQ(Tell<svc::Requests>(ask).status().code(), StatusCode::kPermissionDenied);
  Advance(10LL * 24 * 3600 * 1000);
  Must<svc::Stats>(StatsRequest{});  // a loop turn: the reminders are swept
  bool reminded = false, overdue = false;
  for (const auto& n : Must<svc::Inbox>(InboxRequest{"deputy:D2026003", 50}).notices) {
    reminded |= n.kind == "request_remind" && n.code == r3;
    overdue |= n.kind == "request_overdue" && n.code == r3;
  }
  EXPECT_TRUE(reminded && overdue);
  bool staff_told = false;
  for (const auto& n : Must<svc::Inbox>(InboxRequest{"staff", 50}).notices) {
    staff_told |= n.kind == "request_overdue" && n.code == r3;
  }
  EXPECT_TRUE(staff_told);
  for (const auto& n : Must<svc::Inbox>(InboxRequest{"deputy:D2026001", 50}).notices) {
    EXPECT_FALSE(n.kind == "request_overdue" && n.code == r1) << "r1 was acknowledged in time";
  }

  // D2026001 answers r5: the person sees that it was answered, never the answer.
  RequestRequest answer;
  answer.action = "answer";
  answer.code = r5;
  answer.deputy = "D2026001";
  answer.text = "已转告市园林局，每日保洁两次";
  answer.actor = "王丽华";
  EXPECT_EQ(Must<svc::Requests>(answer).requests[0].state, "ANSWERED");
  RequestRequest seen;
  seen.action = "status";
  seen.code = r5;
  const std::string public_view = protocol::Encode(Must<svc::Requests>(seen).status);
  EXPECT_EQ(public_view.find("保洁两次"), std::string::npos) << "the answer is private";
  EXPECT_EQ(public_view.find("公园厕所"), std::string::npos) << "the text is private";
  EXPECT_EQ(public_view.find("13800000000"), std::string::npos) << "the contact is private";
  EXPECT_NE(public_view.find("已答复"), std::string::npos);

  // D2026001 turns r1 and r2 into one suggestion, linked both ways; a retry is the same one.
  RequestRequest conv;
  conv.action = "convert";
  conv.request_id = "conv-1";
  conv.codes = {r1, r2};
  conv.title = "关于修复城区路灯的建议";
  conv.category = "城市管理";
  conv.deputy = "D2026001";
  conv.deputy_name = "王丽华";
  conv.actor = "王丽华";
  RequestReply made = Must<svc::Requests>(conv);
  EXPECT_EQ(made.result, "new");
  const std::string code = made.suggestion;
  GetReply s = Get(code);
  EXPECT_EQ(s.suggestion.draft.requests, (std::vector<std::string>{r1, r2}));
  EXPECT_EQ(s.suggestion.draft.deputy.id, "D2026001");
  EXPECT_NE(s.suggestion.draft.content.find(r2 + "：路灯不亮影响夜间出行"), std::string::npos);
  conv.request_id = "conv-2";  // dubanctl run again: the same requests give the same suggestion
  RequestReply again = Must<svc::Requests>(conv);
  EXPECT_EQ(again.suggestion, code);
  EXPECT_EQ(again.result, "known");
  conv.request_id = "conv-3";  // r1 alone: it belongs to the conversion of r1 and r2
  conv.codes = {r1};
  EXPECT_EQ(Tell<svc::Requests>(conv).status().code(), StatusCode::kFailedPrecondition);
  RequestRequest status;
  status.action = "status";
  status.code = r2;
  EXPECT_EQ(Must<svc::Requests>(status).status.suggestion, code);
  // A suggestion cannot claim requests by itself.
  SubmitRequest claim;
  claim.request_id = "claim-1";
  claim.draft = s.suggestion.draft;
  EXPECT_EQ(Tell<svc::Submit>(claim).status().code(), StatusCode::kInvalidArgument);

  RequestRequest counts;
  counts.action = "counts";
  RequestReply c = Must<svc::Requests>(counts);
  ASSERT_EQ(c.counts.size(), 2u);
  EXPECT_EQ(c.counts[0].to, "deputy:D2026001");
  EXPECT_EQ(c.counts[0].received, 2);
  EXPECT_EQ(c.counts[0].on_time, 1);  // r1 acknowledged at once; r5 answered ten days later
  EXPECT_EQ(c.counts[0].answered, 1);
  EXPECT_EQ(c.counts[0].converted, 1);
  EXPECT_EQ(c.counts[1].to, "station:xc01");
  EXPECT_EQ(c.counts[1].received, 2);
  EXPECT_EQ(c.counts[1].acknowledged, 1);  // r2, by converting it, after the due day
  EXPECT_EQ(c.counts[1].on_time, 0);
  EXPECT_EQ(c.counts[1].open, 1);
}

}  // namespace
}  // namespace duban::testing
