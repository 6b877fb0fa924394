// Bug found by tests/fuzz/fuzz_suggestion_file: a CSV field holding a UTF-16 surrogate encoded as
// three bytes (ED BB BA, U+DEFA) was accepted as UTF-8 — only lead bytes were checked — and sent
// on as suggestion text. Such files (and overlong forms, code points above U+10FFFF) are refused
// with the line, like any other text that is not UTF-8.
#include "dubanctl/suggestion_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace duban::ctl {
namespace {

const char kHeader[] = "title,content,deputy_id,deputy_name\n";

Result<std::vector<FileItem>> ReadCsvText(const std::string& text) {
  std::string path = ::testing::TempDir() + "suggestion_file_test_" + std::to_string(getpid()) + ".csv";
  std::ofstream(path, std::ios::binary) << text;
  auto r = ReadSuggestionFile(path, "2026");
  std::remove(path.c_str());
  return r;
}

TEST(SuggestionFileTest, ValidUtf8IsAccepted) {
  auto r = ReadCsvText(std::string(kHeader) + "关于幼儿园的建议,内容 \xF0\x9F\x98\x80,D1,王小明\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].request.draft.content, "内容 \xF0\x9F\x98\x80");
}

TEST(SuggestionFileTest, EncodedSurrogatesOverlongsAndBeyondUnicodeAreNotUtf8) {
  for (const char* bad : {"\xED\xBB\xBA", "\xED\xA0\x80", "\xE0\x80\xAF", "\xC0\xAF",
                          "\xF0\x80\x80\xAF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80"}) {
    auto r = ReadCsvText(std::string(kHeader) + "标题,x" + bad + "y,D1,王小明\n");
    ASSERT_FALSE(r.ok()) << "accepted " << ::testing::PrintToString(std::string(bad));
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find(":2: not UTF-8"), std::string::npos) << r.status().ToString();
  }
}

}  // namespace
}  // namespace duban::ctl
