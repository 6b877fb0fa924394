// Notice templates: {name} replaced by its value, {{ and }} braces; a template that names a value
// its notice does not give, or has a lone brace, is refused with the template's name.
#include "common/notice_text.h"

#include <gtest/gtest.h>

namespace duban {
namespace {

TEST(NoticeText, ValuesReplaceTheirNamesAndDoubledBracesAreBraces) {
  EXPECT_EQ(RenderNotice("【交办】{code}《{title}》{{注}}", {{"code", "S1"}, {"title", "学位"}}),
            "【交办】S1《学位》{注}");
  EXPECT_EQ(RenderNotice("{code}{code}", {{"code", "S1"}}), "S1S1");
  EXPECT_EQ(RenderNotice("无值", {}), "无值");
  // A value's own braces are text, never read as a template.
  EXPECT_EQ(RenderNotice("{note}", {{"note", "{code}"}}), "{code}");
}

TEST(NoticeText, ATemplateIsCheckedAgainstTheValuesOfItsNotice) {
  EXPECT_TRUE(CheckNoticeTemplate("reassigned", "{code}《{title}》").ok());
  Status unknown = CheckNoticeTemplate("reassigned", "{code} {unit}");
  EXPECT_EQ(unknown.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.message().find("{unit}"), std::string::npos) << unknown.message();
  EXPECT_NE(unknown.message().find("{code}, {title}"), std::string::npos) << unknown.message();
  EXPECT_FALSE(CheckNoticeTemplate("reassigned", "{code").ok());
  EXPECT_FALSE(CheckNoticeTemplate("reassigned", "code}").ok());
  EXPECT_TRUE(CheckNoticeTemplate("reassigned", "{{code}}").ok()) << "escaped braces are text";
  EXPECT_FALSE(CheckNoticeTemplate("no_such_notice", "x").ok());
}

TEST(NoticeText, TextsRenderByNameAndAMissingTemplateIsVisible) {
  NoticeTexts texts(NoticeTemplates{{"reassigned", "请办理 {code}"}});
  EXPECT_EQ(texts("reassigned", {{"code", "S1"}}), "请办理 S1");
  EXPECT_EQ(texts("return_refused", {{"code", "S1"}}), "[return_refused]");
}

TEST(NoticeText, AUnitIsNamedNeverGivenByItsId) {
  NoticeTexts texts(NoticeTemplates{{"opinion_sent", "【协办意见】{code} 协办单位 {unit}：{reason}"}},
                    UnitNames{{"czj", "市财政局"}});
  EXPECT_EQ(texts("opinion_sent", {{"code", "S1"}, {"unit", "czj"}, {"reason", "同意"}}),
            "【协办意见】S1 协办单位 市财政局：同意");
  // An id the config does not know is kept; other values are never renamed.
  EXPECT_EQ(texts("opinion_sent", {{"code", "czj"}, {"unit", "xyz"}, {"reason", "czj"}}),
            "【协办意见】czj 协办单位 xyz：czj");
}

}  // namespace
}  // namespace duban
