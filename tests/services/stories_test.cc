// Stories of the broker's own services, told to the real broker loop in this process (over
// inproc://, manual clock, the test redis-server and the shipped config; tests/support/
// broker_story.h): every duban.* service of the table is called in at least one story, the way
// staff, units, deputies and the public call it, and what it answers and changes is checked.
// tests/integration/ tells the same stories through real processes and tcp.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/services/stories_fixture.h"

namespace duban::testing {
namespace {

using namespace duban::protocol;
namespace svc = duban::protocol::svc;

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

// Every service of the table has a story here: this file names each service type in a call
// (Must<svc::T>, Tell<svc::T>); a service added to the table fails this until it has one.
TEST(StoriesCover, EveryServiceOfTheTable) {
  std::string source;
  // The fixture's helpers (Act, Get) call services too: they count for the stories using them.
  for (const char* file :
       {"stories_fixture.h", "stories_test.cc", "supervision_stories_test.cc",
        "review_stories_test.cc"}) {
    std::ifstream in(std::string(DUBAN_SOURCE_DIR) + "/tests/services/" + file);
    std::ostringstream text;
    text << in.rdbuf();
    ASSERT_FALSE(text.str().empty()) << file;
    source += text.str();
  }
#define DUBAN_TYPE_NAME(T, ...) #T,
  const char* types[] = {DUBAN_SERVICES(DUBAN_TYPE_NAME)};
#undef DUBAN_TYPE_NAME
  for (const char* t : types) {
    const std::string must = std::string("Must<svc::") + t + ">";
    const std::string tell = std::string("Tell<svc::") + t + ">";
    EXPECT_TRUE(source.find(must) != std::string::npos || source.find(tell) != std::string::npos)
        << "duban service type svc::" << t << " has no story in the stories files";
  }
}

}  // namespace
}  // namespace duban::testing
