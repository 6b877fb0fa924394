// The pages as people get them, in both languages: no missing word, the viewport for phones,
// every form of a signed-in page carrying the CSRF field, hostile text escaped, the forms a
// unit's task allows now (and only those), the co-handlers' opinions beside the reply form with a
// warning for one missing, and the deputy's evaluation form only while a reply waits for it.
#include <gtest/gtest.h>


#include "tests/web/page_checks.h"
#include "web/deputy_pages.h"
#include "web/page_frame.h"
#include "web/unit_pages.h"

namespace duban::web {
namespace {

using protocol::SuggestionState;
using protocol::UnitRole;

const Viewer kViewer{"张三", "unit:jyj", std::string(64, 'c')};

protocol::GetReply Got(SuggestionState state, const std::string& jyj_state,
                       const std::string& czj_state) {
  protocol::GetReply g;
  auto& s = g.suggestion;
  s.code = "S2026-00001";
  s.draft.title = "关于<script>alert(1)</script>的建议";
  s.draft.content = "内容 & \"引号\"";
  s.draft.deputy.name = "李四";
  s.state = state;
  s.deadline = protocol::Deadline{"2026-09-01", "rule", 0};
  protocol::UnitAssignment lead;
  lead.unit = "jyj";
  lead.role = UnitRole::kLead;
  lead.state = jyj_state;
  protocol::UnitAssignment co;
  co.unit = "czj";
  co.role = UnitRole::kCo;
  co.state = czj_state;
  s.units = {lead, co};
  protocol::AuditEntry e;
  e.at_ms = 1'767'225'600'000;
  e.actor = "unit:jyj/web(as unit:jyj/张三)";
  e.action = "signed";
  g.timeline = {e};
  return g;
}

Vocabulary Vocab() {
  Vocabulary v = DefaultVocabulary();
  v.unit_names = {{"jyj", "市教育局"}, {"czj", "市财政局"}};
  return v;
}

// Checks every page must pass.
void CheckPage(const std::string& html, Lang lang) {
  EXPECT_EQ(html.find("[?"), std::string::npos) << "a missing word in:\n" << html;
  EXPECT_NE(html.find("<meta name=\"viewport\""), std::string::npos);
  EXPECT_NE(html.find(std::string("<html lang=\"") + std::string(LangCode(lang)) + "\""),
            std::string::npos);
  test::CheckSafeHtml(html);
  EXPECT_GE(test::CheckPostForms(html), 1u) << "the sign-out form at least";
}

bool HasForm(const std::string& html, const std::string& action) {
  return html.find("action=\"/s/S2026-00001/" + action + "\"") != std::string::npos;
}

TEST(PagesTest, LeadUnitSignsThenRepliesWithOpinionsBeside) {
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    auto issued = RenderUnitTask(lang, kViewer, Got(SuggestionState::kAssigned, "ISSUED", "ISSUED"),
                                 "jyj", Vocab(), {});
    CheckPage(issued, lang);
    EXPECT_TRUE(HasForm(issued, "sign"));
    EXPECT_TRUE(HasForm(issued, "return"));
    EXPECT_FALSE(HasForm(issued, "reply")) << "sign for it first";
    EXPECT_FALSE(HasForm(issued, "start"));
    EXPECT_NE(issued.find("&lt;script&gt;"), std::string::npos);
    EXPECT_NE(issued.find("内容 &amp; &quot;引号&quot;"), std::string::npos);

    auto signed_for = RenderUnitTask(lang, kViewer,
                                     Got(SuggestionState::kAssigned, "SIGNED", "SIGNED"), "jyj",
                                     Vocab(), {"task.done.sign", {}});
    CheckPage(signed_for, lang);
    for (const char* f : {"start", "reply", "contact", "extend", "return"}) {
      EXPECT_TRUE(HasForm(signed_for, f)) << f;
    }
    EXPECT_FALSE(HasForm(signed_for, "opinion")) << "the lead sends no opinion";
    EXPECT_FALSE(HasForm(signed_for, "sign"));
    EXPECT_NE(signed_for.find(Say(lang, "task.done.sign")), std::string::npos);
    // The co-handler's opinion is missing: said beside the reply form.
    EXPECT_NE(signed_for.find(Fill(Say(lang, "act.opinion_missing"), {{"unit", "市财政局 (czj)"}})),
              std::string::npos);
  }
}

TEST(PagesTest, OpinionsShowBesideTheReplyAndWarningsAfterIt) {
  auto g = Got(SuggestionState::kInHandling, "IN_PROGRESS", "OPINION_SENT");
  protocol::UnitNote n;
  n.unit = "czj";
  n.kind = "opinion";
  n.text = "资金已列入预算";
  g.suggestion.record.notes = {n};
  auto html = RenderUnitTask(Lang::kZh, kViewer, g, "jyj", Vocab(),
                             {"task.done.reply", {"without the opinion of co-handler(s) mzj"}});
  CheckPage(html, Lang::kZh);
  EXPECT_NE(html.find("资金已列入预算"), std::string::npos);
  EXPECT_EQ(html.find("尚未提交协办意见"), std::string::npos) << "no opinion is missing";
  EXPECT_NE(html.find("without the opinion of co-handler(s) mzj"), std::string::npos);
}

TEST(PagesTest, CoHandlerSendsItsOpinionAndNeverReplies) {
  auto html = RenderUnitTask(Lang::kZh, Viewer{"王五", "unit:czj", std::string(64, 'd')},
                             Got(SuggestionState::kInHandling, "IN_PROGRESS", "IN_PROGRESS"), "czj",
                             Vocab(), {});
  CheckPage(html, Lang::kZh);
  EXPECT_TRUE(HasForm(html, "opinion"));
  EXPECT_FALSE(HasForm(html, "reply"));
  EXPECT_NE(html.find(std::string(64, 'd')), std::string::npos) << "the viewer's own token";
}

TEST(PagesTest, NothingToDoOnceReplied) {
  auto html = RenderUnitTask(Lang::kEn, kViewer,
                             Got(SuggestionState::kReplied, "REPLIED", "OPINION_SENT"), "jyj",
                             Vocab(), {});
  CheckPage(html, Lang::kEn);
  for (const char* f : {"sign", "start", "reply", "contact", "extend", "return", "opinion"}) {
    EXPECT_FALSE(HasForm(html, f)) << f;
  }
  EXPECT_NE(html.find(Say(Lang::kEn, "act.no_action")), std::string::npos);
}

TEST(PagesTest, BoardGroupsAndLinks) {
  std::vector<BoardItem> items = {
      {"S2026-00002", "逾期的<b>", "IN_HANDLING", "IN_PROGRESS", true, "2026-01-01", Bucket::kOverdue},
      {"S2026-00001", "新的", "ASSIGNED", "ISSUED", false, "2026-09-01", Bucket::kToSign},
  };
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    auto html = RenderUnitBoard(lang, kViewer, items, 5, Vocab());
    CheckPage(html, lang);
    EXPECT_NE(html.find("href=\"/s/S2026-00002\""), std::string::npos);
    EXPECT_NE(html.find("逾期的&lt;b&gt;"), std::string::npos);
    EXPECT_LT(html.find(Say(lang, "bucket.overdue")), html.find(Say(lang, "bucket.to_sign")));
    EXPECT_EQ(html.find(Say(lang, "bucket.done")), std::string::npos) << "an empty group is left out";
  }
  EXPECT_NE(RenderUnitBoard(Lang::kZh, kViewer, items, 5, Vocab()).find("共 5 件"),
            std::string::npos);
}

TEST(PagesTest, DeputyReadsTheReplyInFullAndEvaluatesOnlyWhileItWaits) {
  Viewer deputy{"李四", "deputy:D1", std::string(64, 'e')};
  auto g = Got(SuggestionState::kReplied, "REPLIED", "OPINION_SENT");
  protocol::ReplyRound r;
  r.round = 1;
  r.unit = "jyj";
  r.result_class = "B";
  r.text = "已纳入明年计划";
  r.signer = "李局长";
  r.commitments = {{"r1c1", "新建幼儿园", "2027-06-30", "OPEN", "", "", 0}};
  g.suggestion.record.rounds = {r};
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    auto html = RenderDeputyTask(lang, deputy, g, Vocab(), {});
    CheckPage(html, lang);
    for (const char* part : {"已纳入明年计划", "李局长", "B 正在解决或列入计划逐步解决", "新建幼儿园",
                             "2027-06-30", "满意", "基本满意", "不满意"}) {
      EXPECT_NE(html.find(part), std::string::npos) << part;
    }
    EXPECT_TRUE(HasForm(html, "evaluate"));
  }
  g.suggestion.state = SuggestionState::kEvaluated;
  g.suggestion.record.rounds[0].satisfaction = "dissatisfied";
  g.suggestion.record.rounds[0].reasons = "进度太慢";
  auto done = RenderDeputyTask(Lang::kZh, deputy, g, Vocab(), {});
  EXPECT_FALSE(HasForm(done, "evaluate"));
  EXPECT_NE(done.find("进度太慢"), std::string::npos);
}

TEST(PagesTest, DeputyBoardShowsAListOrWhyNot) {
  Viewer deputy{"李四", "deputy:D1", std::string(64, 'e')};
  protocol::ListReply list;
  list.items = {{"S2026-00001", "标题", "REPLIED", "jyj", "2026-09-01"}};
  list.total = 1;
  auto html = RenderDeputyBoard(Lang::kZh, deputy, list);
  CheckPage(html, Lang::kZh);
  EXPECT_NE(html.find("已答复"), std::string::npos);
  auto refused = RenderDeputyBoard(Lang::kEn, deputy,
                                   Result<protocol::ListReply>(PermissionDenied("duban.list is for staff")));
  CheckPage(refused, Lang::kEn);
  EXPECT_NE(refused.find("PERMISSION_DENIED"), std::string::npos);
  EXPECT_NE(refused.find("action=\"/open\""), std::string::npos) << "open by code still works";
}

TEST(PagesTest, LoginAndErrorPages) {
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    auto login = RenderLoginPage(lang, "login.failed");
    EXPECT_EQ(login.find("[?"), std::string::npos);
    EXPECT_NE(login.find("type=\"password\""), std::string::npos);
    EXPECT_NE(login.find(Say(lang, "login.failed")), std::string::npos);
    auto error = RenderErrorPage(lang, &kViewer, "PERMISSION_DENIED", "<b>detail</b>", "/unit");
    CheckPage(error, lang);
    EXPECT_NE(error.find(Say(lang, "code.PERMISSION_DENIED")), std::string::npos);
    EXPECT_NE(error.find("&lt;b&gt;detail"), std::string::npos);
  }
  EXPECT_NE(RenderErrorPage(Lang::kZh, nullptr, "SOMETHING_NEW", "", "/").find("SOMETHING_NEW"),
            std::string::npos);
}

TEST(PagesTest, EscapeAndFill) {
  EXPECT_EQ(Escape("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(Fill("{n} of {n}, {m}", {{"n", "3"}, {"m", "{n}"}}), "3 of 3, {n}");
}

}  // namespace
}  // namespace duban::web
