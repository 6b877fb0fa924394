// Stories of the broker's own services, told to the real broker loop in this process (over
// inproc://, manual clock, the test redis-server and the shipped config; tests/support/
// broker_story.h): every duban.* service of the table is called in at least one story, the way
// staff, units, deputies and the public call it, and what it answers and changes is checked.
// tests/integration/ tells the same stories through real processes and tcp.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/broker_story.h"

namespace duban::testing {
namespace {

using namespace duban::protocol;
namespace svc = duban::protocol::svc;

class Stories : public BrokerStory {
 protected:
  template <typename S>
  Result<typename S::Reply> Tell(const typename S::Request& req) {
    return Call<S>(req);
  }
  template <typename S>
  typename S::Reply Must(const typename S::Request& req) {
    auto r = Tell<S>(req);
    EXPECT_TRUE(r.ok()) << S::kName << ": " << r.status().ToString();
    return r.ok() ? *r : typename S::Reply{};
  }

  GetReply Get(const std::string& code) { return Must<svc::Get>(GetRequest{code, 0, 100}); }

  // A suggestion assigned by staff to jyj (lead) and czj (co-handler).
  std::string Assigned() {
    const std::string code = Submit();
    AssignRequest a;
    a.code = code;
    a.lead_unit = "jyj";
    a.co_units = {"czj"};
    a.actor = "wang";
    Must<svc::Assign>(a);
    return code;
  }

  UnitActionReply Act(const std::string& action_service, const std::string& code,
                      const std::string& unit, UnitActionRequest req = {}) {
    req.code = code;
    req.unit = unit;
    if (req.actor.empty()) req.actor = "zhang";
    if (action_service == "sign") return Must<svc::Sign>(req);
    if (action_service == "start") return Must<svc::Start>(req);
    if (action_service == "contact") return Must<svc::Contact>(req);
    if (action_service == "opinion") return Must<svc::Opinion>(req);
    if (action_service == "return") return Must<svc::Return>(req);
    if (action_service == "extend") return Must<svc::Extend>(req);
    ADD_FAILURE() << "no action " << action_service;
    return {};
  }
};

TEST_F(Stories, ADeputyFilesStaffFindItAndAssignIt) {
  const std::string code = Submit();  // Must<svc::Submit> in the fixture's Submit
  EXPECT_EQ(code, "S2026-00001");
  GetReply got = Get(code);
  EXPECT_EQ(got.suggestion.state, SuggestionState::kSubmitted);
  EXPECT_EQ(got.timeline.size(), 1u);

  ListReply list = Must<svc::List>(ListRequest{"SUBMITTED", "", 100});
  ASSERT_EQ(list.items.size(), 1u);
  EXPECT_EQ(list.items[0].code, code);

  QueuesReply q = Must<svc::Queues>(QueuesRequest{});
  bool assignment_queued = false;
  for (const auto& s : q.services) assignment_queued |= s.name == "assignment" && s.queued == 1;
  EXPECT_TRUE(assignment_queued) << "the assign task waits for the assignment role";

  AssignRequest a;
  a.code = code;
  a.lead_unit = "jyj";
  a.actor = "wang";
  AssignReply assigned = Must<svc::Assign>(a);
  EXPECT_EQ(assigned.state, "ASSIGNED");
  got = Get(code);
  EXPECT_EQ(got.suggestion.state, SuggestionState::kAssigned);
  ASSERT_TRUE(got.suggestion.deadline);
  EXPECT_EQ(got.suggestion.assigned_ms, clock_.NowMs());
  // The committee of its field (分工督办, config/units.toml: 教育 is jkww's) supervises it.
  EXPECT_EQ(got.suggestion.committee, "jkww");

  // Staff assign again: refused, nothing changes.
  auto again = Tell<svc::Assign>(a);
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Get(code).suggestion.version, got.suggestion.version);
}

TEST_F(Stories, StaffMoveASuggestionToAnotherCommittee) {
  const std::string code = Assigned();
  ListRequest by_committee;
  by_committee.committee = "jkww";
  EXPECT_EQ(Must<svc::List>(by_committee).items.size(), 1u);

  CommitteeRequest move{code, "chw", "wang", "属城建环资领域"};
  CommitteeReply moved = Must<svc::Committee>(move);
  EXPECT_EQ(moved.committee, "chw");
  GetReply got = Get(code);
  EXPECT_EQ(got.suggestion.committee, "chw");
  EXPECT_EQ(got.suggestion.version, moved.version);
  EXPECT_EQ(got.timeline.back().action, "committee_changed");
  EXPECT_EQ(got.timeline.back().actor, "staff:wang");
  EXPECT_EQ(Must<svc::List>(by_committee).items.size(), 0u);
  by_committee.committee = "chw";
  EXPECT_EQ(Must<svc::List>(by_committee).items.size(), 1u);

  // The same again, or an unknown committee: refused, nothing changes.
  EXPECT_EQ(Tell<svc::Committee>(move).status().code(), StatusCode::kFailedPrecondition);
  move.committee = "nosuch";
  EXPECT_EQ(Tell<svc::Committee>(move).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Get(code).suggestion.version, moved.version);

  // The committee now supervising it records a visit; the one before may not.
  SuperviseRequest visit{code, "chw", "visit", "现场查看学校周边道路改造进度", "2026-03-02", "li"};
  SuperviseReply noted = Must<svc::Supervise>(visit);
  got = Get(code);
  EXPECT_EQ(got.timeline.back().action, "supervision_visit");
  EXPECT_EQ(got.timeline.back().actor, "committee:chw/li");
  EXPECT_EQ(got.timeline.back().note, "走访 2026-03-02: 现场查看学校周边道路改造进度");
  EXPECT_EQ(got.suggestion.version, noted.version);
  visit.committee = "jkww";
  EXPECT_EQ(Tell<svc::Supervise>(visit).status().code(), StatusCode::kPermissionDenied);
  visit.kind = "gossip";
  EXPECT_EQ(Tell<svc::Supervise>(visit).status().code(), StatusCode::kInvalidArgument);

  // The committee proposes it for the directors' meeting: an agenda item with its reason.
  ProposeReply proposed = Must<svc::Propose>(ProposeRequest{code, "chw", "整改进度滞后", "li"});
  EXPECT_EQ(proposed.item, code);
  EXPECT_EQ(proposed.result, "new");
  got = Get(code);
  EXPECT_EQ(got.timeline[got.timeline.size() - 2].action, "committee_proposed");
  EXPECT_EQ(got.timeline.back().action, "placed_on_agenda");
  AgendaRequest agenda;
  agenda.all = true;
  bool found = false;
  for (const auto& item : Must<svc::Agenda>(agenda).items) {
    for (const auto& reason : item.reasons) found |= reason.key.rfind("committee:chw:", 0) == 0;
  }
  EXPECT_TRUE(found) << "the agenda item carries the committee's reason";
  // Proposed again while the item is open: refused, nothing written.
  const std::size_t entries = Get(code).timeline.size();
  EXPECT_EQ(Tell<svc::Propose>(ProposeRequest{code, "chw", "再次提议", "li"}).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(Get(code).timeline.size(), entries);
  // Another committee may not propose what it does not supervise.
  EXPECT_EQ(Tell<svc::Propose>(ProposeRequest{code, "jkww", "x", "li"}).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(Stories, StaffWatchTheBrokerAndPauseAService) {
  Submit();
  StatsReply stats = Must<svc::Stats>(StatsRequest{});
  bool submitted = false;
  for (const auto& [name, value] : stats.counters) submitted |= name == "api.submitted" && value == 1;
  EXPECT_TRUE(submitted);
  EXPECT_TRUE(Must<svc::Workers>(WorkersRequest{}).workers.empty()) << "no worker in this story";

  PauseReply paused = Must<svc::Pause>(PauseRequest{"assignment", true, "ops"});
  EXPECT_TRUE(paused.paused);
  bool shown = false;
  for (const auto& s : Must<svc::Queues>(QueuesRequest{}).services) {
    shown |= s.name == "assignment" && s.paused;
  }
  EXPECT_TRUE(shown);
  EXPECT_FALSE(Must<svc::Pause>(PauseRequest{"assignment", false, "ops"}).paused);

  DlqReply dlq = Must<svc::Dlq>(DlqRequest{"list", "", "", 50});
  EXPECT_TRUE(dlq.entries.empty());
  auto replay = Tell<svc::Dlq>(DlqRequest{"replay", "assignment", "000000000999", 50});
  EXPECT_FALSE(replay.ok()) << "no such dead letter";
}

TEST_F(Stories, UnitsSignStartMeetTheDeputyAndGiveOpinions) {
  const std::string code = Assigned();
  EXPECT_EQ(Act("sign", code, "jyj").unit_state, "SIGNED");
  UnitActionReply started = Act("start", code, "jyj");
  EXPECT_EQ(started.unit_state, "IN_PROGRESS");
  UnitActionRequest contact;
  contact.phase = "before";
  contact.reason = "电话沟通办理思路";
  Act("contact", code, "jyj", contact);
  Act("sign", code, "czj");
  UnitActionRequest opinion;
  opinion.reason = "建议统筹学位规划";
  Act("opinion", code, "czj", opinion);
  GetReply got = Get(code);
  EXPECT_EQ(got.suggestion.record.notes.size(), 2u) << "the contact and the opinion";

  // The lead unit hears of the opinion in its inbox.
  InboxReply inbox = Must<svc::Inbox>(InboxRequest{"unit:jyj", 50});
  ASSERT_FALSE(inbox.notices.empty());
  EXPECT_EQ(inbox.notices[0].code, code);

  // A lead unit sends no opinion; an unknown unit is refused.
  UnitActionRequest lead_opinion;
  lead_opinion.code = code;
  lead_opinion.unit = "jyj";
  lead_opinion.actor = "zhang";
  lead_opinion.reason = "x";
  EXPECT_EQ(Tell<svc::Opinion>(lead_opinion).status().code(), StatusCode::kFailedPrecondition);
  lead_opinion.unit = "nosuch";
  EXPECT_FALSE(Tell<svc::Sign>(lead_opinion).ok());
}

// Staff ask when a decision falls due and whether its reminder went out: duban.timers lists the
// suggestion's pending timers by due time (a co-handler's return request sets the staff decision
// timer); once the clock passes it, it is fired and names its task, queued for its worker (none
// runs here). An unknown code is NOT_FOUND, a malformed one INVALID_ARGUMENT.
TEST_F(Stories, StaffAskWhenADecisionFallsDueAndWhetherItsReminderWentOut) {
  const std::string code = Assigned();
  EXPECT_TRUE(Must<svc::Timers>(TimersRequest{code}).timers.empty())
      << "no worker here sets the signing reminders";
  Act("sign", code, "czj");
  UnitActionRequest ret;
  ret.reason = "不属于本单位职责";
  Act("return", code, "czj", ret);
  TimersReply before = Must<svc::Timers>(TimersRequest{code});
  EXPECT_EQ(before.code, code);
  ASSERT_FALSE(before.timers.empty());
  for (std::size_t i = 0; i < before.timers.size(); ++i) {
    EXPECT_EQ(before.timers[i].state, "pending") << before.timers[i].name;
    EXPECT_GT(before.timers[i].due_ms, clock_.NowMs()) << before.timers[i].name;
    if (i > 0) {
      EXPECT_LE(before.timers[i - 1].due_ms, before.timers[i].due_ms);
    }
  }
  const TimerRow first = before.timers[0];
  EXPECT_EQ(first.name, "decision.return.czj");

  Advance(first.due_ms - clock_.NowMs() + 1000);
  Must<svc::Queues>(QueuesRequest{});  // a turn of the loop: the due timer fires
  TimersReply after = Must<svc::Timers>(TimersRequest{code});
  ASSERT_EQ(after.timers.size(), before.timers.size());
  const TimerRow* fired = nullptr;
  for (const TimerRow& t : after.timers) {
    if (t.name == first.name) fired = &t;
    // The pending ones come first: none after the fired one.
    if (fired != nullptr && &t != fired) {
      EXPECT_NE(t.state, "pending") << t.name;
    }
  }
  ASSERT_NE(fired, nullptr);
  EXPECT_EQ(fired->state, "fired");
  EXPECT_EQ(fired->due_ms, 0);
  EXPECT_EQ(fired->task_id.rfind("T" + code + "." + first.name + ".", 0), 0u) << fired->task_id;
  EXPECT_EQ(fired->task_state, "queued") << "no worker of " << fired->service << " here";

  EXPECT_EQ(Tell<svc::Timers>(TimersRequest{"S2026-99999"}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Tell<svc::Timers>(TimersRequest{"S{2026}"}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(Stories, AReturnAndAnExtensionWaitForStaffWhoDecide) {
  const std::string code = Assigned();
  Act("sign", code, "czj");
  UnitActionRequest ret;
  ret.reason = "不属于本单位职责";
  Act("return", code, "czj", ret);
  DecideRequest refuse;
  refuse.code = code;
  refuse.unit = "czj";
  refuse.request = "return";
  refuse.approve = false;
  refuse.actor = "wang";
  refuse.note = "请继续协办";
  Must<svc::Decide>(refuse);

  Act("sign", code, "jyj");
  UnitActionRequest ext;
  ext.reason = "需要跨部门协调";
  ext.until = "2027-04-30";  // within 6 months of the assignment (jurisdiction.max_extension)
  EXPECT_EQ(Act("extend", code, "jyj", ext).unit_state, "EXTENSION_PENDING");
  DecideRequest approve;
  approve.code = code;
  approve.unit = "jyj";
  approve.request = "extension";
  approve.approve = true;
  approve.actor = "wang";
  EXPECT_EQ(Must<svc::Decide>(approve).unit_state, "EXTENDED");
  GetReply got = Get(code);
  ASSERT_TRUE(got.suggestion.deadline);
  EXPECT_EQ(got.suggestion.deadline->date, "2027-04-30");
}

TEST_F(Stories, TheLeadUnitRepliesTheDeputyEvaluatesThePublicSeesIt) {
  const std::string code = Assigned();
  Act("sign", code, "jyj");
  ReplyRequest reply;
  reply.code = code;
  reply.unit = "jyj";
  reply.actor = "zhang";
  reply.result_class = "A";
  reply.text = "已新增学位 2 000 个。";
  reply.signer = "李局长";
  HandlingReply replied = Must<svc::UnitReply>(reply);
  EXPECT_EQ(replied.state, "REPLIED");
  EXPECT_EQ(replied.round, 1);

  PublicStatus status = Must<svc::StatusByCode>(PublicStatusRequest{code});
  EXPECT_EQ(status.state, "REPLIED");
  EXPECT_EQ(status.result_class.rfind("A ", 0), 0u) << status.result_class;  // "A 已解决…"

  EvaluateRequest ev;
  ev.code = code;
  ev.deputy = "D9999999";  // not the lead deputy
  ev.satisfaction = "satisfied";
  EXPECT_EQ(Tell<svc::Evaluate>(ev).status().code(), StatusCode::kPermissionDenied);
  ev.deputy = "D2026001";
  EXPECT_EQ(Must<svc::Evaluate>(ev).state, "EVALUATED");

  // Close-out and look-back are for a suggestion in FOLLOW_UP (the survey role moves it there).
  CloseoutRequest close;
  close.code = code;
  close.basis = "现场核实";
  close.actor = "wang";
  EXPECT_EQ(Tell<svc::Closeout>(close).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Tell<svc::Lookback>(close).status().code(), StatusCode::kFailedPrecondition);

  // Its audit chain holds, and nothing is stuck: the survey task waits for its role.
  VerifyReply verified = Must<svc::Verify>(VerifyRequest{code, false, 0, 100});
  ASSERT_EQ(verified.results.size(), 1u);
  EXPECT_TRUE(verified.results[0].ok) << verified.results[0].problem;
  CheckReply check = Must<svc::Check>(CheckRequest{0, 500});
  EXPECT_TRUE(check.stuck.empty());
}

TEST_F(Stories, UnitsReportProgressOfAKeyItem) {
  const std::string code = Assigned();
  Act("sign", code, "jyj");
  UnitActionRequest progress;
  progress.code = code;
  progress.unit = "jyj";
  progress.actor = "zhang";
  progress.reason = "本月完成选址";
  const std::size_t before = Get(code).timeline.size();
  UnitActionReply r = Must<svc::Progress>(progress);
  EXPECT_EQ(r.code, code);
  EXPECT_EQ(Get(code).timeline.size(), before + 1) << "the report is recorded in the audit trail";
  progress.unit = "gaj";  // a unit without a task on this suggestion
  EXPECT_FALSE(Tell<svc::Progress>(progress).ok());
}

TEST_F(Stories, StaffPrepareTheDirectorsMeeting) {
  const std::string a = Assigned();
  const std::string b = Assigned();
  // A Sunday is refused, unless forced; a working day is taken.
  auto sunday = Tell<svc::Meeting>(MeetingRequest{"add", "2026-12-20", "wang"});
  EXPECT_EQ(sunday.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(sunday.status().message().find("not a working day"), std::string::npos);
  Must<svc::Meeting>(MeetingRequest{"add", "2026-12-20", "wang", true});
  MeetingReply meetings = Must<svc::Meeting>(MeetingRequest{"add", "2026-12-17", "wang"});
  bool listed = false, forced = false;
  for (const auto& d : meetings.dates) {
    listed |= d.date == "2026-12-17";
    forced |= d.date == "2026-12-20";
  }
  EXPECT_TRUE(listed && forced);

  HotReply hot = Must<svc::Hot>(HotRequest{"mark", a, "群众反映集中", "wang"});
  ASSERT_EQ(hot.marked.size(), 1u);
  EXPECT_EQ(hot.marked[0].code, a);

  BundleRequest bundle;
  bundle.action = "create";
  bundle.topic = "学位供给";
  bundle.lead_unit = "jyj";
  bundle.supervisor = "赵主任";
  bundle.codes = {a, b};
  bundle.actor = "wang";
  bundle.committee = "nosuch";
  EXPECT_EQ(Tell<svc::Bundle>(bundle).status().code(), StatusCode::kInvalidArgument);
  bundle.committee = "jkww";  // 教科文卫委's supervision topic (监督议题)
  BundleReply created = Must<svc::Bundle>(bundle);
  ASSERT_EQ(created.bundles.size(), 1u);
  EXPECT_EQ(created.bundles[0].members.size(), 2u);
  EXPECT_EQ(created.bundles[0].committee, "jkww");

  AgendaReply agenda = Must<svc::Agenda>(AgendaRequest{"show", "", true, "", "", "", ""});
  EXPECT_FALSE(agenda.items.empty()) << "the hot item goes to the directors' agenda";
}

TEST_F(Stories, StaffTakeTheFiguresAndTheCalendar) {
  const std::string code = Assigned();
  Act("sign", code, "jyj");
  ReportRequest req;
  req.session = "2026";
  ReportReply report = Must<svc::Report>(req);
  EXPECT_EQ(report.scanned, 1);
  EXPECT_EQ(report.overall.assigned, 1);
  EXPECT_EQ(report.overall.replied, 0);
  EXPECT_EQ(report.generated_ms, clock_.NowMs());

  CalendarReply cal = Must<svc::Calendar>(CalendarRequest{});
  EXPECT_FALSE(cal.years.empty()) << "the shipped config loads calendar years";
}

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

// Every service of the table has a story here: this file names each service type in a call
// (Must<svc::T>, Tell<svc::T>); a service added to the table fails this until it has one.
TEST(StoriesCover, EveryServiceOfTheTable) {
  std::ifstream in(std::string(DUBAN_SOURCE_DIR) + "/tests/services/stories_test.cc");
  std::ostringstream text;
  text << in.rdbuf();
  const std::string source = text.str();
  ASSERT_FALSE(source.empty());
#define DUBAN_TYPE_NAME(T, ...) #T,
  const char* types[] = {DUBAN_SERVICES(DUBAN_TYPE_NAME)};
#undef DUBAN_TYPE_NAME
  for (const char* t : types) {
    const std::string must = std::string("Must<svc::") + t + ">";
    const std::string tell = std::string("Tell<svc::") + t + ">";
    EXPECT_TRUE(source.find(must) != std::string::npos || source.find(tell) != std::string::npos)
        << "duban service type svc::" << t << " has no story in this file";
  }
}

}  // namespace
}  // namespace duban::testing
