// The inbox (通知) as pure functions: whose inbox an account reads, the filter refuses what the
// broker would not take and keeps what was chosen, a "mark read" form names only well-formed
// notice ids (at most the broker's 100), and the page marks unread notices, keeps the filter in
// its form, carries the CSRF token in every form, escapes the notices' text and has its words in
// both languages; the header shows the unread count.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <set>

#include "tests/web/page_checks.h"
#include "web/inbox_pages.h"
#include "web/inbox_requests.h"

namespace duban::web {
namespace {

using test::ParseForm;

constexpr Millis kJan1 = 1'767'225'600'000;  // 2026-01-01T00:00Z, 08:00 in Beijing

Viewer Clerk(std::optional<std::int64_t> unread = std::nullopt) {
  Viewer v{"张三", "unit:jyj", std::string(64, 'c')};
  v.unread = unread;
  return v;
}

Account AccountOf(const std::string& role) {
  Account a;
  a.name = "x";
  a.display = "某人";
  auto g = ParseAccountRole(role);
  EXPECT_TRUE(g.ok()) << role << ": " << g.status().ToString();
  a.role = *g;
  return a;
}

protocol::OutboxEntry Notice(std::string id, std::string kind, std::string code, std::string text,
                             bool read, Millis at_ms) {
  protocol::OutboxEntry n;
  n.id = std::move(id);
  n.kind = std::move(kind);
  n.code = std::move(code);
  n.text = std::move(text);
  n.read = read;
  n.at_ms = at_ms;
  return n;
}

protocol::InboxReply TwoNotices() {
  protocol::InboxReply r;
  r.notices = {
      Notice(
          "0123456789ab", "opinion", "S2026-00007",
          "【协办意见】S2026-00007《关于<script>alert(1)</script>的建议》协办单位 市财政局：同意",
          false, kJan1 + 3'600'000),
      Notice("ba9876543210", "reminder", "S2026-00003", "【督办提醒】请按时答复 & 办理", true,
             kJan1)};
  r.total = 7;
  r.unread = 3;
  return r;
}

void CheckPage(const std::string& html) {
  test::CheckSafeHtml(html);
  test::CheckPostForms(html);
}

std::size_t Count(const std::string& html, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = html.find(part); at != std::string::npos; at = html.find(part, at + 1)) ++n;
  return n;
}

TEST(InboxRequestsTest, TheRoleDecidesTheRecipient) {
  EXPECT_EQ(InboxRecipientOf(AccountOf("unit:jyj")), "unit:jyj");
  EXPECT_EQ(InboxRecipientOf(AccountOf("deputy:D2026001")), "deputy:D2026001");
  EXPECT_EQ(InboxRecipientOf(AccountOf("staff")), "staff");
  EXPECT_EQ(InboxRecipientOf(AccountOf("director:陈主任")), "office:director:陈主任");
}

TEST(InboxRequestsTest, FilterTakesKindsCodesAndTheCheckbox) {
  auto f = InboxFilterOf(Lang::kZh, "opinion", "  S2026-00007 ", "1");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->kind, "opinion");
  EXPECT_EQ(f->code, "S2026-00007") << "blanks around a typed code are trimmed";
  EXPECT_TRUE(f->unread);
  EXPECT_EQ(f->Query(), "kind=opinion&code=S2026-00007&unread=1");
  EXPECT_TRUE(InboxFilterOf(Lang::kZh, "", "", "on")->unread);
  EXPECT_FALSE(InboxFilterOf(Lang::kZh, "", "", "yes please")->unread);
  EXPECT_EQ(InboxFilterOf(Lang::kZh, "", "", "")->Query(), "");

  auto bad_code = InboxFilterOf(Lang::kZh, "", "S2026 00007<x>", "");
  ASSERT_FALSE(bad_code.ok());
  EXPECT_NE(bad_code.status().message().find("建议编号格式不对"), std::string::npos);
  auto bad_kind = InboxFilterOf(Lang::kEn, "Opinion;drop", "", "");
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_NE(bad_kind.status().message().find("not a notice kind"), std::string::npos);
  EXPECT_FALSE(InboxFilterOf(Lang::kZh, std::string(65, 'a'), "", "").ok());

  protocol::InboxRequest list = InboxList("unit:jyj", *f, kInboxPageLimit);
  EXPECT_EQ(list.recipient, "unit:jyj");
  EXPECT_EQ(list.action, "list");
  EXPECT_EQ(list.limit, 100);
  EXPECT_EQ(list.kind, "opinion");
  EXPECT_EQ(list.code, "S2026-00007");
  EXPECT_TRUE(list.unread);
}

TEST(InboxRequestsTest, ReadNamesWellFormedIdsOnly) {
  auto r = InboxReadFromForm(Lang::kZh, ParseForm("ids=0123456789ab%2Cba9876543210%2C0123456789ab"),
                             "unit:jyj", "张三");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->action, "read");
  EXPECT_EQ(r->recipient, "unit:jyj");
  EXPECT_EQ(r->actor, "张三");
  EXPECT_EQ(r->ids, (std::vector<std::string>{"0123456789ab", "ba9876543210"})) << "repeats once";

  for (const char* body : {"", "ids=", "ids=0123456789AB", "ids=0123456789a", "ids=0123456789ab%2C",
                           "ids=..%2F..%2Fx", "ids=0123456789ab%2C%2Cba9876543210"}) {
    auto bad = InboxReadFromForm(Lang::kZh, ParseForm(body), "unit:jyj", "张三");
    EXPECT_FALSE(bad.ok()) << "refused: " << body;
    if (!bad.ok()) {
      EXPECT_NE(bad.status().message().find("通知编号不对"), std::string::npos);
    }
  }
  std::string hundred, hundred_one;
  for (int i = 0; i < 101; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "%012x", i);
    if (i < 100) hundred += std::string(i == 0 ? "" : "%2C") + id;
    hundred_one += std::string(i == 0 ? "" : "%2C") + id;
  }
  EXPECT_TRUE(InboxReadFromForm(Lang::kZh, ParseForm("ids=" + hundred), "staff", "王五").ok());
  EXPECT_FALSE(InboxReadFromForm(Lang::kZh, ParseForm("ids=" + hundred_one), "staff", "王五").ok())
      << "at most 100 ids, as the broker allows";
}

TEST(InboxPagesTest, UnreadMarkedTextEscapedFormsCarryTheToken) {
  auto f = InboxFilterOf(Lang::kZh, "", "", "");
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    std::string html =
        RenderInbox(lang, Clerk(3), "unit:jyj", *f, TwoNotices(), DefaultVocabulary(), Flash{});
    CheckPage(html);
    EXPECT_EQ(Count(html, "class=\"inbox-item unread\""), 1u) << "the unread one is marked";
    EXPECT_EQ(Count(html, "class=\"inbox-item\""), 1u);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("请按时答复 &amp; 办理"), std::string::npos);
    EXPECT_NE(html.find("href=\"/s/S2026-00007\""), std::string::npos)
        << "a link to the suggestion";
    EXPECT_NE(html.find("2026-01-01 09:00"), std::string::npos) << "Beijing time";
    // One "mark read" form for the unread notice, one "mark all shown", none for the read one.
    EXPECT_EQ(Count(html, "action=\"/inbox/read\""), 2u);
    EXPECT_EQ(Count(html, "name=\"ids\" value=\"0123456789ab\""), 2u);
    EXPECT_EQ(html.find("ba9876543210\""), std::string::npos)
        << "a read notice is not marked again";
    EXPECT_NE(html.find("<code class=\"code\">unit:jyj</code>"), std::string::npos);
  }
  std::string zh = RenderInbox(Lang::kZh, Clerk(3), "unit:jyj", *f, TwoNotices(),
                               DefaultVocabulary(), Flash{"inbox.done.read", {}});
  for (const char* part : {"<h1>通知</h1>", "协办意见", "督办提醒", "未读", "已读", "标为已读",
                           "本页 1 条未读全部标为已读", "收件箱共 7 条，未读 3 条。",
                           "已标为已读。", "通知 (3)", "查看建议 S2026-00007"}) {
    EXPECT_NE(zh.find(part), std::string::npos) << part;
  }
  std::string en =
      RenderInbox(Lang::kEn, Clerk(3), "unit:jyj", *f, TwoNotices(), DefaultVocabulary(), Flash{});
  for (const char* part : {"<h1>Notices</h1>", "Co-handler&#39;s opinion", "Reminder", "Mark read",
                           "Mark the 1 unread shown as read", "The inbox holds 7, 3 unread.",
                           "Notices (3)", "Open S2026-00007"}) {
    EXPECT_NE(en.find(part), std::string::npos) << part;
  }
}

TEST(InboxPagesTest, TheFilterIsKeptInTheFormsAndTheMarkForms) {
  auto f = InboxFilterOf(Lang::kZh, "opinion", "S2026-00007", "1");
  protocol::InboxReply r = TwoNotices();
  r.notices.pop_back();
  std::string html =
      RenderInbox(Lang::kZh, Clerk(), "unit:jyj", *f, r, DefaultVocabulary(), Flash{});
  CheckPage(html);
  EXPECT_NE(html.find("<option value=\"opinion\" selected>协办意见</option>"), std::string::npos);
  EXPECT_NE(html.find("<input name=\"code\" value=\"S2026-00007\""), std::string::npos);
  EXPECT_NE(html.find("name=\"unread\" value=\"1\" checked"), std::string::npos);
  // Every mark form brings the page back with the same filter.
  EXPECT_EQ(Count(html, "<input type=\"hidden\" name=\"kind\" value=\"opinion\">"), 2u);
  EXPECT_EQ(Count(html, "<input type=\"hidden\" name=\"code\" value=\"S2026-00007\">"), 2u);
  EXPECT_EQ(Count(html, "<input type=\"hidden\" name=\"unread\" value=\"1\">"), 2u);
  for (std::string_view kind : NoticeKinds()) {
    EXPECT_NE(html.find("<option value=\"" + std::string(kind) + "\""), std::string::npos) << kind;
  }
  // A kind the table does not know yet is offered as the broker names it, escaped.
  auto unknown = InboxFilterOf(Lang::kZh, "new_kind", "", "");
  html = RenderInbox(Lang::kZh, Clerk(), "staff", *unknown, r, DefaultVocabulary(), Flash{});
  CheckPage(html);
  EXPECT_NE(html.find("<option value=\"new_kind\" selected>new_kind</option>"), std::string::npos);
}

TEST(InboxPagesTest, EmptyRefusedAndCappedPages) {
  InboxFilter none;
  protocol::InboxReply empty;
  std::string html =
      RenderInbox(Lang::kZh, Clerk(0), "deputy:D1", none, empty, DefaultVocabulary(), Flash{});
  CheckPage(html);
  EXPECT_NE(html.find("没有符合条件的通知。"), std::string::npos);
  EXPECT_EQ(html.find("/inbox/read"), std::string::npos);
  EXPECT_EQ(html.find("通知 (0)"), std::string::npos) << "no number when nothing is unread";

  Status refused = PermissionDenied("recipient 'unit:x': an inbox is read by its own recipient")
                       .WithZh("只能查看本人的通知");
  html = RenderInbox(Lang::kZh, Clerk(), "unit:jyj", none, Result<protocol::InboxReply>(refused),
                     DefaultVocabulary(), Flash{});
  CheckPage(html);
  EXPECT_NE(html.find("PERMISSION_DENIED"), std::string::npos);
  EXPECT_NE(html.find("只能查看本人的通知"), std::string::npos) << "the broker's Chinese words";
  EXPECT_NE(html.find("action=\"/inbox\""), std::string::npos) << "the filter form stays";

  protocol::InboxReply full;
  char id[16];
  for (int i = 0; i < 100; ++i) {
    std::snprintf(id, sizeof id, "%012x", i);
    full.notices.push_back(
        Notice(id, "reminder", "", "第" + std::to_string(i) + "条", false, kJan1));
  }
  full.total = full.unread = 150;
  html = RenderInbox(Lang::kZh, Clerk(150), "unit:jyj", none, full, DefaultVocabulary(), Flash{});
  CheckPage(html);
  EXPECT_NE(html.find("本页 100 条未读全部标为已读"), std::string::npos);
  EXPECT_NE(html.find("只显示符合条件的最新 100 条。"), std::string::npos);
  EXPECT_EQ(html.find("href=\"/s/\""), std::string::npos) << "no link without a code";
}

TEST(InboxPagesTest, TheHeaderLinksTheInboxWithTheUnreadCount) {
  std::string body = "<p>x</p>";
  Viewer v = Clerk(12);
  std::string zh = RenderPage({Lang::kZh, "t", "/unit", &v}, body);
  EXPECT_NE(zh.find("<a class=\"inbox\" href=\"/inbox\"><strong>通知 (12)</strong></a>"),
            std::string::npos);
  v.unread = std::nullopt;
  std::string en = RenderPage({Lang::kEn, "t", "/unit", &v}, body);
  EXPECT_NE(en.find("<a class=\"inbox\" href=\"/inbox\">Notices</a>"), std::string::npos);
  EXPECT_EQ(RenderLoginPage(Lang::kZh, "").find("/inbox"), std::string::npos)
      << "no inbox before sign-in";
}

// The kinds the filter offers are the kinds docs/protocol.md#notices says are in use: a kind the
// broker adds shows up here first.
TEST(InboxPagesTest, TheKindsAreTheProtocolsKinds) {
  std::ifstream in(std::string(DUBAN_SOURCE_DIR) + "/docs/protocol.md");
  ASSERT_TRUE(in) << "docs/protocol.md";
  std::string line, paragraph;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("Notice kinds in use:", 0) == 0) inside = true;
    if (inside && line.empty()) break;
    if (inside) paragraph += line + " ";
  }
  ASSERT_FALSE(paragraph.empty()) << "the paragraph 'Notice kinds in use:'";
  std::set<std::string> documented;
  static const std::regex kKind("`([a-z_]+)`");
  for (auto it = std::sregex_iterator(paragraph.begin(), paragraph.end(), kKind);
       it != std::sregex_iterator(); ++it) {
    documented.insert((*it)[1].str());
  }
  std::set<std::string> offered(NoticeKinds().begin(), NoticeKinds().end());
  EXPECT_EQ(offered, documented);
}

TEST(InboxPagesTest, EveryNoticeKindHasWords) {
  for (std::string_view kind : NoticeKinds()) {
    for (Lang lang : {Lang::kZh, Lang::kEn}) {
      EXPECT_NE(SayOr(lang, "notice_kind.", kind), kind) << kind << " has no word";
    }
  }
  EXPECT_EQ(Say(Lang::kZh, "notice_kind.evaluation_request"), "请测评");
  EXPECT_EQ(Say(Lang::kZh, "notice_kind.decision_overdue"), "待决逾期");
  EXPECT_EQ(Say(Lang::kZh, "notice_kind.review"), "审核结果");
}

}  // namespace
}  // namespace duban::web
