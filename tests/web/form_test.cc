// Posted forms: bounded parsing, escapes, one value per name, checked text; and the broker
// requests built from them with the account's unit or deputy, never the form's.
#include "web/form.h"

#include <gtest/gtest.h>

#include "web/action_requests.h"

namespace duban::web {
namespace {

TEST(FormTest, ParsesAndDecodes) {
  auto f = Form::Parse("a=1&text=%E7%AD%BE%E6%94%B6+ok&empty=&flag&&b=x%2By");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(*f->Raw("a"), "1");
  EXPECT_EQ(*f->Raw("text"), "签收 ok");
  EXPECT_EQ(*f->Raw("empty"), "");
  EXPECT_EQ(*f->Raw("flag"), "");
  EXPECT_EQ(*f->Raw("b"), "x+y");
  EXPECT_FALSE(f->Raw("c").has_value());
  EXPECT_TRUE(Form::Parse("").ok());
}

TEST(FormTest, RefusesHostileBodies) {
  for (const char* bad : {"a=%", "a=%4", "a=%zz", "a=1&a=2", "=x", "%=1"}) {
    EXPECT_EQ(Form::Parse(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_FALSE(Form::Parse(std::string(kMaxFormBytes + 1, 'a')).ok());
  std::string many;
  for (std::size_t i = 0; i <= kMaxFormFields; ++i) many += "f" + std::to_string(i) + "=1&";
  EXPECT_FALSE(Form::Parse(many).ok());
}

TEST(FormTest, TextIsCheckedAndTrimmed) {
  auto f = *Form::Parse("t=+%E4%BD%A0%E5%A5%BD+&ml=line1%0D%0Aline2&ctl=a%01b&bad=%FF&nl=a%0Ab"
                        "&blank=+++&long=abcdef");
  EXPECT_EQ(*f.Text("t", "T", 100), "你好");
  EXPECT_EQ(*f.Text("ml", "ML", 100, true), "line1\nline2");
  EXPECT_EQ(f.Text("ml", "ML", 100, false).status().code(), StatusCode::kInvalidArgument)
      << "a line break where one line is asked";
  EXPECT_FALSE(f.Text("nl", "NL", 100).ok());
  EXPECT_FALSE(f.Text("ctl", "CTL", 100, true).ok());
  auto bad = f.Text("bad", "坏字段", 100);
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("坏字段"), std::string::npos) << "names the field";
  EXPECT_FALSE(f.Text("blank", "B", 100).ok()) << "required";
  EXPECT_EQ(*f.Text("blank", "B", 100, false, true), "");
  EXPECT_EQ(*f.Text("absent", "A", 100, false, true), "");
  EXPECT_FALSE(f.Text("absent", "A", 100).ok());
  EXPECT_FALSE(f.Text("long", "L", 5).ok());
  EXPECT_TRUE(f.Text("long", "L", 6).ok());
}

TEST(FormTest, DatesAndChoices) {
  auto f = *Form::Parse("d=2026-12-31&x=2026-02-30&y=2026-1-5&p=during&q=sometime");
  EXPECT_EQ(*f.Date("d", "D"), "2026-12-31");
  EXPECT_FALSE(f.Date("x", "X").ok());
  EXPECT_FALSE(f.Date("y", "Y").ok());
  EXPECT_EQ(*f.Date("none", "N", true), "");
  EXPECT_EQ(*f.Choice("p", "P", {"before", "during", "after"}), "during");
  EXPECT_FALSE(f.Choice("q", "Q", {"before", "during", "after"}).ok());
  EXPECT_FALSE(f.Choice("none", "N", {"before"}).ok());
}

TEST(ActionRequestsTest, UnitActionsTakeTheAccountsUnit) {
  auto f = *Form::Parse("reason=%E4%B8%8D%E5%B1%9E%E6%9C%AC%E5%8D%95%E4%BD%8D&unit=czj&code=S1");
  auto r = UnitActionFromForm(Lang::kZh, "return", f, "S2026-00001", "jyj", "张三");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->unit, "jyj") << "the form's unit is ignored";
  EXPECT_EQ(r->code, "S2026-00001") << "the URL's code, not the form's";
  EXPECT_EQ(r->actor, "张三");
  EXPECT_EQ(r->reason, "不属本单位");
  EXPECT_FALSE(UnitActionFromForm(Lang::kZh, "return", *Form::Parse(""), "S1", "jyj", "a").ok())
      << "a return needs its reason";
  EXPECT_TRUE(UnitActionFromForm(Lang::kZh, "sign", *Form::Parse(""), "S1", "jyj", "a").ok());
  EXPECT_FALSE(UnitActionFromForm(Lang::kZh, "assign", *Form::Parse(""), "S1", "jyj", "a").ok());

  auto ext = UnitActionFromForm(Lang::kEn, "extend", *Form::Parse("until=2027-01-31&reason=r"),
                                "S1", "jyj", "a");
  ASSERT_TRUE(ext.ok());
  EXPECT_EQ(ext->until, "2027-01-31");
  auto no_date = UnitActionFromForm(Lang::kEn, "extend", *Form::Parse("reason=r"), "S1", "jyj", "a");
  EXPECT_NE(no_date.status().message().find("New reply deadline"), std::string::npos)
      << no_date.status().message();
  auto contact = UnitActionFromForm(Lang::kZh, "contact",
                                    *Form::Parse("phase=before&text=%E7%94%B5%E8%AF%9D"), "S1",
                                    "jyj", "a");
  ASSERT_TRUE(contact.ok());
  EXPECT_EQ(contact->phase, "before");
  EXPECT_EQ(contact->reason, "电话");
  EXPECT_FALSE(UnitActionFromForm(Lang::kZh, "contact", *Form::Parse("phase=later&text=x"), "S1",
                                  "jyj", "a")
                   .ok());
  EXPECT_FALSE(UnitActionFromForm(Lang::kZh, "opinion",
                                  *Form::Parse("text=" + std::string(kMaxNoteBytes + 1, 'x')),
                                  "S1", "jyj", "a")
                   .ok())
      << "bounded as the broker bounds it";
}

TEST(ActionRequestsTest, ReplyWithCommitments) {
  auto f = *Form::Parse(
      "result_class=B&text=%E6%AD%A3%E5%9C%A8%E5%8A%9E&signer=%E6%9D%8E%E5%B1%80%E9%95%BF"
      "&commitment_text_1=%E5%BB%BA%E6%88%90&commitment_due_1=2027-06-30"
      "&commitment_text_2=&commitment_due_2=");
  auto r = ReplyFromForm(Lang::kZh, f, "S1", "jyj", "张三", 3);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->result_class, "B");
  EXPECT_EQ(r->signer, "李局长");
  ASSERT_EQ(r->commitments.size(), 1u);
  EXPECT_EQ(r->commitments[0].text, "建成");
  EXPECT_EQ(r->commitments[0].due, "2027-06-30");
  auto half = *Form::Parse("result_class=B&text=t&signer=s&commitment_text_2=x");
  EXPECT_FALSE(ReplyFromForm(Lang::kZh, half, "S1", "jyj", "a", 3).ok()) << "a text without date";
  auto no_signer = *Form::Parse("result_class=A&text=t");
  EXPECT_FALSE(ReplyFromForm(Lang::kZh, no_signer, "S1", "jyj", "a", 3).ok());
}

TEST(ActionRequestsTest, EvaluationIsTheAccountsDeputy) {
  auto r = EvaluateFromForm(Lang::kZh, *Form::Parse("satisfaction=dissatisfied&reasons=r&deputy=D9"),
                            "S1", "D1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->deputy, "D1");
  EXPECT_EQ(r->satisfaction, "dissatisfied");
  EXPECT_EQ(r->reasons, "r");
  EXPECT_TRUE(r->actor.empty()) << "the broker records the person";
  EXPECT_FALSE(EvaluateFromForm(Lang::kZh, *Form::Parse("reasons=r"), "S1", "D1").ok());
}

}  // namespace
}  // namespace duban::web
