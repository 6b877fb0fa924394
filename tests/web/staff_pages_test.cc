// The staff's, the director's and the public pages as pure functions: the forms the staff's
// requests are built from refuse what the broker would (and what a hostile form could send),
// pending decisions and deadlines are found from the broker's records, the review queue shows why
// a suggestion waits (no routing rule matched), every page has its words in both languages, a
// bundle is one agenda item listing its members, the five rates come out right, and the public
// page shows nothing private and escapes what it shows.
#include <gtest/gtest.h>


#include "tests/web/page_checks.h"
#include "web/director_pages.h"
#include "web/public_pages.h"
#include "web/report_pages.h"
#include "web/staff_agenda_pages.h"
#include "web/staff_pages.h"
#include "web/staff_requests.h"

namespace duban::web {
namespace {

using test::ParseForm;

using protocol::SuggestionState;
using protocol::UnitRole;

const Viewer kStaff{"王五", "staff", std::string(64, 'c')};
constexpr Millis kDay = 86'400'000;
constexpr Millis kJan1 = 1'767'225'600'000;  // 2026-01-01T00:00Z

Vocabulary Vocab() {
  Vocabulary v = DefaultVocabulary();
  v.unit_names = {{"jyj", "市教育局"}, {"czj", "市财政局"}, {"mzj", "市民政局"}};
  return v;
}

void CheckWords(const std::string& html) { test::CheckSafeHtml(html); }
void CheckForms(const std::string& html) { test::CheckPostForms(html); }

protocol::GetReply InReview() {
  protocol::GetReply g;
  auto& s = g.suggestion;
  s.code = "S2026-00007";
  s.draft.title = "关于<script>x</script>的建议";
  s.draft.content = "全文：增设\n社区食堂";
  s.draft.deputy = {"D1", "李四", "13800000000"};
  s.state = SuggestionState::kInReview;
  protocol::AuditEntry e;
  e.at_ms = kJan1;
  e.actor = "worker:assignment";
  e.action = "awaiting_staff";
  e.note = "no routing rule matched category 民生";
  g.timeline = {e};
  return g;
}

// ---- the staff's requests -------------------------------------------------------------------

TEST(StaffRequestsTest, ReviewOutcomesNeedTheirFields) {
  EXPECT_TRUE(ReviewFromForm(Lang::kZh, "accept", ParseForm(""), "S2026-00001", "王五").ok());
  EXPECT_FALSE(ReviewFromForm(Lang::kZh, "return", ParseForm(""), "S2026-00001", "王五").ok())
      << "a return needs its reason";
  EXPECT_FALSE(ReviewFromForm(Lang::kZh, "withdraw", ParseForm("reason=%20%20"), "S", "王五").ok());
  EXPECT_FALSE(ReviewFromForm(Lang::kZh, "merge", ParseForm("reason=dup"), "S", "王五").ok())
      << "a merge needs the code it goes into";
  EXPECT_FALSE(
      ReviewFromForm(Lang::kZh, "merge", ParseForm("reason=dup&into=S2026-00001"), "S2026-00001", "w")
          .ok())
      << "not into itself";
  EXPECT_FALSE(ReviewFromForm(Lang::kZh, "merge", ParseForm("reason=dup&into=a%2Fb"), "S", "w").ok());
  EXPECT_FALSE(ReviewFromForm(Lang::kZh, "delete", ParseForm("reason=x"), "S", "w").ok());
  auto m = ReviewFromForm(Lang::kEn, "merge", ParseForm("reason=same+topic&into=S2026-00002"),
                          "S2026-00003", "王五");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->outcome, "merge");
  EXPECT_EQ(m->into, "S2026-00002");
  EXPECT_EQ(m->reason, "same topic");
  EXPECT_EQ(m->actor, "王五") << "the account's name, never the form's";
  EXPECT_FALSE(ReviewFromForm(Lang::kZh, "return", ParseForm("reason=" + std::string(6001, 'x')),
                              "S", "w")
                   .ok())
      << "bounded as the broker bounds it";
}

TEST(StaffRequestsTest, AssignTakesConfiguredUnitsOnly) {
  Vocabulary v = Vocab();
  auto a = AssignFromForm(Lang::kZh, ParseForm("lead_unit=jyj&co.czj=1&co.mzj=1&actor=evil"), "S1",
                          "王五", v);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->lead_unit, "jyj");
  EXPECT_EQ(a->co_units, (std::vector<std::string>{"czj", "mzj"}));
  EXPECT_EQ(a->actor, "王五");
  EXPECT_FALSE(AssignFromForm(Lang::kZh, ParseForm("lead_unit=nosuch"), "S1", "w", v).ok());
  EXPECT_FALSE(AssignFromForm(Lang::kZh, ParseForm("lead_unit=jyj&co.jyj=1"), "S1", "w", v).ok());
  EXPECT_FALSE(AssignFromForm(Lang::kZh, ParseForm(""), "S1", "w", v).ok());
  auto unknown_co = AssignFromForm(Lang::kZh, ParseForm("lead_unit=jyj&co.nosuch=1"), "S1", "w", v);
  ASSERT_TRUE(unknown_co.ok());
  EXPECT_TRUE(unknown_co->co_units.empty()) << "a unit the config lacks is never read";
}

TEST(StaffRequestsTest, DecisionsAreChoicesFromTheForm) {
  Vocabulary v = Vocab();
  auto d = DecideFromForm(Lang::kZh,
                          ParseForm("unit=jyj&request=return&decision=approve&new_unit=czj&note=ok"),
                          "S1", "王五", v);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(d->approve);
  EXPECT_EQ(d->new_unit, "czj");
  auto r = DecideFromForm(Lang::kZh, ParseForm("unit=jyj&request=extension&decision=reject"), "S1",
                          "王五", v);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->approve);
  EXPECT_FALSE(DecideFromForm(Lang::kZh, ParseForm("unit=jyj&request=both&decision=approve"), "S",
                              "w", v)
                   .ok());
  EXPECT_FALSE(DecideFromForm(Lang::kZh, ParseForm("unit=jyj&request=return&decision=yes"), "S", "w",
                              v)
                   .ok());
  EXPECT_FALSE(DecideFromForm(Lang::kZh,
                              ParseForm("unit=jyj&request=return&decision=approve&new_unit=jyj"),
                              "S", "w", v)
                   .ok());
}

// ---- lists worked out from the records ---------------------------------------------------

TEST(StaffListsTest, PendingDecisionsSayWhatWasAskedAndSinceWhen) {
  protocol::GetReply g;
  auto& s = g.suggestion;
  s.code = "S2026-00009";
  s.draft.title = "关于道路的建议";
  s.state = SuggestionState::kInHandling;
  s.deadline = protocol::Deadline{"2026-04-01", "rule", 0};
  protocol::UnitAssignment lead{"jyj", UnitRole::kLead, "EXTENSION_PENDING", "2026-06-30",
                                "IN_PROGRESS", 0};
  protocol::UnitAssignment co{"czj", UnitRole::kCo, "RETURN_PENDING", "", "", 0};
  protocol::UnitAssignment done{"mzj", UnitRole::kCo, "OPINION_SENT", "", "", 0};
  s.units = {lead, co, done};
  protocol::AuditEntry ext{kJan1 + 3 * kDay, "unit:jyj/web(as unit:jyj/张三)",
                           "extension_requested", "", "", "需要调研", "", "", ""};
  protocol::AuditEntry ret{kJan1 + 5 * kDay, "unit:czj/web(as unit:czj/钱六)", "return_requested",
                           "", "", "不属于本单位职责", "", "", ""};
  g.timeline = {ext, ret};
  auto d = PendingDecisionsOf(g, 7, 480);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].unit, "jyj");
  EXPECT_EQ(d[0].request, "extension");
  EXPECT_EQ(d[0].until, "2026-06-30");
  EXPECT_EQ(d[0].reason, "需要调研");
  EXPECT_EQ(d[0].since_ms, kJan1 + 3 * kDay);
  EXPECT_EQ(d[0].decide_by, "2026-01-11");
  EXPECT_TRUE(d[0].lead);
  EXPECT_EQ(d[1].request, "return");
  EXPECT_EQ(d[1].reason, "不属于本单位职责");
  s.state = SuggestionState::kReplied;
  EXPECT_TRUE(PendingDecisionsOf(g, 7, 480).empty()) << "after the reply nothing can be decided";

  g.suggestion.state = SuggestionState::kInHandling;
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    std::string html = RenderDecisions(lang, kStaff, PendingDecisionsOf(g, 7, 480), ScanInfo{1, 1, 0},
                                       Date{std::chrono::year{2026}, std::chrono::month{1},
                                            std::chrono::day{20}},
                                       Vocab(), Flash{});
    CheckWords(html);
    CheckForms(html);
    EXPECT_NE(html.find("action=\"/staff/decide/S2026-00009\""), std::string::npos);
    EXPECT_NE(html.find("name=\"new_unit\""), std::string::npos) << "a return names who takes over";
    EXPECT_NE(html.find("class=\"overdue\">2026-01-11"), std::string::npos)
        << "a decision past its day is marked";
  }
}

TEST(StaffListsTest, DeadlinesByUnitListOnlyWhatIsOwed) {
  auto make = [](std::string code, std::string deadline, std::string lead_state,
                 std::string co_state) {
    protocol::Suggestion s;
    s.code = std::move(code);
    s.draft.title = "t";
    s.state = SuggestionState::kInHandling;
    s.deadline = protocol::Deadline{std::move(deadline), "rule", 0};
    s.units = {{"jyj", UnitRole::kLead, std::move(lead_state), "", "", 0},
               {"czj", UnitRole::kCo, std::move(co_state), "", "", 0}};
    return s;
  };
  Date today{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{10}};
  auto by_unit = DeadlinesByUnit({make("S1", "2026-03-01", "IN_PROGRESS", "OPINION_SENT"),
                                  make("S2", "2026-03-20", "SIGNED", "SIGNED"),
                                  make("S3", "2026-06-01", "SIGNED", "SIGNED")},
                                 today);
  ASSERT_EQ(by_unit.count("jyj"), 1u);
  ASSERT_EQ(by_unit["jyj"].overdue.size(), 1u);
  EXPECT_EQ(by_unit["jyj"].overdue[0].code, "S1");
  EXPECT_EQ(by_unit["jyj"].overdue[0].days_left, -9);
  ASSERT_EQ(by_unit["jyj"].due_soon.size(), 1u);
  EXPECT_EQ(by_unit["jyj"].due_soon[0].code, "S2");
  EXPECT_TRUE(by_unit["czj"].overdue.empty()) << "its opinion was sent: it owes nothing on S1";
  EXPECT_EQ(by_unit["czj"].due_soon.size(), 1u);
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    std::string html = RenderDeadlines(lang, kStaff, by_unit, ScanInfo{3, 3, 0}, today, Vocab());
    CheckWords(html);
    EXPECT_NE(html.find("市教育局 (jyj)"), std::string::npos) << "units by name";
    EXPECT_NE(html.find("href=\"/s/S1\""), std::string::npos) << "with codes";
  }
}

TEST(StaffPagesTest, ReviewQueueShowsTheTextWhyAndTheOutcomes) {
  ReviewEntry e{InReview(), ReviewNoteOf(InReview().timeline)};
  EXPECT_TRUE(e.note.no_rule_matched);
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    std::string html = RenderReviewQueue(lang, kStaff, {e}, ScanInfo{1, 3, 0}, Vocab(),
                                         Flash{"staff.done.accept", {}});
    CheckWords(html);
    CheckForms(html);
    EXPECT_NE(html.find("全文：增设\n社区食堂"), std::string::npos) << "the full text";
    EXPECT_NE(html.find("no routing rule matched category 民生"), std::string::npos);
    EXPECT_NE(html.find(Say(lang, "staff.no_rule")), std::string::npos);
    for (const char* outcome : {"accept", "merge", "return", "withdraw", "assign"}) {
      EXPECT_NE(html.find(std::string("action=\"/staff/review/S2026-00007/") + outcome + "\""),
                std::string::npos)
          << outcome;
    }
    EXPECT_NE(html.find("name=\"co.czj\""), std::string::npos) << "co-units from the config";
    EXPECT_EQ(html.find("13800000000"), std::string::npos) << "never the deputy's contact";
    EXPECT_NE(html.find(Say(lang, "staff.done.accept")), std::string::npos);
  }
  e.got.suggestion.state = SuggestionState::kAccepted;
  std::string accepted = RenderReviewQueue(Lang::kZh, kStaff, {e}, ScanInfo{}, Vocab(), Flash{});
  EXPECT_EQ(accepted.find("/merge\""), std::string::npos) << "accepted: only the assignment left";
  EXPECT_NE(accepted.find("/assign\""), std::string::npos);
}

// ---- the directors' meeting ------------------------------------------------------------------

protocol::AgendaReply Agenda() {
  protocol::AgendaReply a;
  a.meeting = "2026-05-12";
  protocol::AgendaItem bundle;
  bundle.id = "B0001";
  bundle.kind = "bundle";
  bundle.title = "养老服务";
  bundle.lead_unit = "mzj";
  bundle.director = "陈主任";
  bundle.state = "OPEN";
  bundle.members = {{"S2026-00001", "社区食堂", "IN_HANDLING", "mzj"},
                    {"S2026-00002", "养老床位", "ASSIGNED", "mzj"}};
  protocol::AgendaItem one;
  one.id = "S2026-00005";
  one.kind = "suggestion";
  one.title = "学位";
  one.state = "OPEN";
  one.reasons = {{"hot", "热点难点", 0, "staff:wang"}};
  one.members = {{"S2026-00005", "学位", "IN_HANDLING", "jyj"}};
  a.items = {bundle, one};
  return a;
}

TEST(AgendaPagesTest, ABundleIsOneItemListingItsMembers) {
  protocol::MeetingReply m;
  m.dates = {{"2026-05-12", "config"}};
  m.next = "2026-05-12";
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    std::string html = RenderAgenda(lang, kStaff, m, Agenda(), Vocab());
    CheckWords(html);
    EXPECT_NE(html.find("2026-05-12"), std::string::npos);
    EXPECT_NE(html.find("id=\"a-B0001\""), std::string::npos);
    EXPECT_EQ(html.find("id=\"a-S2026-00001\""), std::string::npos) << "members are not items";
    EXPECT_NE(html.find("href=\"/s/S2026-00002\""), std::string::npos);
    EXPECT_NE(html.find("陈主任"), std::string::npos) << "the leading director";
    EXPECT_NE(html.find(Say(lang, "agenda.no_director")), std::string::npos);
  }
  std::string refused = RenderAgenda(Lang::kZh, kStaff, m,
                                     Result<protocol::AgendaReply>(Unavailable("redis down")),
                                     Vocab());
  EXPECT_NE(refused.find("UNAVAILABLE"), std::string::npos) << "a refusal shown with its code";
}

TEST(DirectorPagesTest, OnlyTheItemsILeadWithProgress) {
  auto mine = ItemsLedBy(Agenda(), "陈主任");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].id, "B0001");
  EXPECT_TRUE(ItemsLedBy(Agenda(), "").empty());
  protocol::Suggestion s;
  s.code = "S2026-00001";
  s.state = SuggestionState::kReplied;
  s.deadline = protocol::Deadline{"2026-06-01", "rule", 0};
  s.units = {{"mzj", UnitRole::kLead, "REPLIED", "", "", 0}};
  s.record.rounds.resize(1);
  std::map<std::string, protocol::Suggestion> progress{{s.code, s}};
  protocol::MeetingReply m;
  m.next = "2026-05-12";
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    std::string html = RenderDirectorBoard(lang, Viewer{"陈主任", "director:陈主任", "t"},
                                           "陈主任", m, Agenda(), progress, Vocab());
    CheckWords(html);
    EXPECT_NE(html.find("id=\"a-B0001\""), std::string::npos);
    EXPECT_EQ(html.find("id=\"a-S2026-00005\""), std::string::npos) << "not led by me";
    EXPECT_NE(html.find("2026-06-01"), std::string::npos) << "a member's deadline";
    EXPECT_NE(html.find(SayOr(lang, "state.", "REPLIED")), std::string::npos);
  }
}

// ---- reports --------------------------------------------------------------------------------

TEST(ReportPagesTest, FiveRatesAndTheScope) {
  protocol::ReportRow row;
  row.assigned = 4;
  row.replied = 3;
  row.on_time = 2;
  row.met = 4;
  row.evaluated = 0;
  row.solved = 1;
  auto rates = FiveRates(row);
  EXPECT_EQ(PercentText(rates[0]), "75.0%");
  EXPECT_EQ(PercentText(rates[1]), "66.7%");
  EXPECT_EQ(PercentText(rates[2]), "100.0%");
  EXPECT_EQ(PercentText(rates[3]), "—") << "nothing evaluated: no rate";
  EXPECT_EQ(PercentText(rates[4]), "33.3%");

  Date today{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{10}};
  EXPECT_EQ(ReportScope(Lang::kZh, "", "", "", today)->session, "2026");
  EXPECT_EQ(ReportScope(Lang::kZh, "2025", "", "", today)->session, "2025");
  EXPECT_FALSE(ReportScope(Lang::kZh, "20x5", "", "", today).ok());
  EXPECT_FALSE(ReportScope(Lang::kZh, "2026", "2026-01-01", "2026-02-01", today).ok());
  EXPECT_FALSE(ReportScope(Lang::kZh, "", "2026-02-01", "2026-01-01", today).ok());
  EXPECT_FALSE(ReportScope(Lang::kZh, "", "2026-1-1", "2026-02-01", today).ok());
  auto range = ReportScope(Lang::kZh, "", "2026-01-01", "2026-02-01", today);
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(ScopeQuery(*range), "from=2026-01-01&to=2026-02-01");

  protocol::ReportReply r;
  r.session = "2026";
  row.unit = "jyj";
  r.units = {row};
  r.overall = row;
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    std::string html = RenderReport(lang, kStaff, *ReportScope(lang, "", "", "", today), r, Vocab());
    CheckWords(html);
    EXPECT_NE(html.find("href=\"/staff/report.xlsx?session=2026\""), std::string::npos);
    EXPECT_NE(html.find("75.0%"), std::string::npos);
    for (std::string_view key : kRateKeys) EXPECT_NE(html.find(Say(lang, key)), std::string::npos);
  }
}

// ---- the public page --------------------------------------------------------------------------

TEST(PublicPagesTest, ShowsTheProgressOnlyEscaped) {
  protocol::PublicStatus s;
  s.code = "S2026-00001";
  s.session = "2026";
  s.state = "REPLIED";
  s.state_label = "已答复";
  s.units = {{"市教育局<b>", "lead"}, {"市财政局", "co"}};
  s.deadline = "2026-06-01";
  s.reply_date = "2026-05-01";
  s.result_class = "B 正在解决或列入计划逐步解决";
  s.rounds = 1;
  s.title = "关于<学校>周边交通的建议";
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    std::string html = RenderPublicStatus(lang, s, "/p/S2026-00001/qr.svg",
                                          "http://127.0.0.1:8090/p/S2026-00001");
    EXPECT_NE(html.find("关于&lt;学校&gt;周边交通的建议"), std::string::npos) << "the title, escaped";
    CheckWords(html);
    EXPECT_EQ(html.find("<form method=\"post\""), std::string::npos) << "nothing to post";
    EXPECT_NE(html.find("市教育局&lt;b&gt;"), std::string::npos) << "escaped";
    EXPECT_NE(html.find("<img class=\"qr\" src=\"/p/S2026-00001/qr.svg\""), std::string::npos);
    EXPECT_NE(html.find("B 正在解决"), std::string::npos);
    EXPECT_NE(html.find(Say(lang, "public.not_yet")), std::string::npos) << "no satisfaction yet";
    EXPECT_EQ(html.find(Say(lang, "nav.logout")), std::string::npos) << "no session";
  }
  CheckWords(RenderPublicRefusal(Lang::kEn, "public.not_found", "NOT_FOUND"));
  CheckWords(RenderPublicLookup(Lang::kZh, "public.bad_code"));
}

TEST(StaffPagesTest, HomeAndHotPagesHaveTheirWords) {
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    CheckWords(RenderStaffHome(lang, kStaff));
    protocol::HotReply hot;
    hot.marked = {{"S2026-00001", "标题", "群众反映强烈", "staff:wang", kJan1}};
    hot.proposals = {{"S2026-00002", "标题2", {"co_signers>=10 (12)"}}};
    protocol::BundleReply bundles;
    protocol::Bundle b;
    b.id = "B0001";
    b.topic = "养老";
    b.lead_unit = "mzj";
    b.members = {{"S2026-00003", "食堂", "IN_HANDLING", "mzj"}};
    bundles.bundles = {b};
    std::string html = RenderHotAndBundles(lang, kStaff, hot, bundles, Vocab());
    CheckWords(html);
    EXPECT_NE(html.find("co_signers&gt;=10 (12)"), std::string::npos);
    EXPECT_NE(html.find("href=\"/s/S2026-00003\""), std::string::npos);
  }
}

}  // namespace
}  // namespace duban::web
