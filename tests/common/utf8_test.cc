// The one UTF-8 check (bug: a title with \xff was accepted at submit and later threw from the
// webhook role's JSON encoder, killing the worker on every retry).
#include "common/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace duban {
namespace {

using namespace std::string_literals;

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii\n\t"));
  EXPECT_TRUE(IsValidUtf8("\0"s));
  EXPECT_TRUE(IsValidUtf8("关于增加城区公办幼儿园学位供给的建议"));
  EXPECT_TRUE(IsValidUtf8("é ß ¢"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600, 4 bytes
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
}

TEST(Utf8Test, RefusesEveryMalformedForm) {
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("title \xff"));
  EXPECT_FALSE(IsValidUtf8("\xfe\xfe"));
  EXPECT_FALSE(IsValidUtf8("\x80"));              // a continuation byte alone
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong, 3 bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // overlong, 4 bytes
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800, a surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xE5\x85"));      // truncated 3-byte sequence
  EXPECT_FALSE(IsValidUtf8("关\xE5"));        // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\xE5\x85\x41"));  // a bad continuation byte
  EXPECT_FALSE(IsValidUtf8("\xc1\xdd\xff"));
}

TEST(Excerpt, CutsBetweenCodePointsAndMarksTheCut) {
  EXPECT_EQ(Excerpt("经研究，拟于明年新建", 4), "经研究，…");
  EXPECT_EQ(Excerpt("短", 4), "短");
  EXPECT_EQ(Excerpt("", 4), "");
  EXPECT_EQ(Excerpt("第一行\n第二行", 10), "第一行 第二行") << "one line";
  EXPECT_TRUE(IsValidUtf8(Excerpt("答复全文答复全文", 3)));
}

}  // namespace
}  // namespace duban
