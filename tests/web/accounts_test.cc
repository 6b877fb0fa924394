// The accounts file of duban-web: strict parsing (every refusal names the account and field), a
// format that reads back the same, atomic writes with mode 0600, and the AccountBook that reads
// the file again when it changes.
#include "web/accounts.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "common/http/password.h"
#include "tests/support/manual_clock.h"
#include "web/account_book.h"

namespace duban::web {
namespace {

const std::string& Hash() {
  static const std::string hash = *http::HashPassword("correct horse");
  return hash;
}

std::string Entry(const std::string& name, const std::string& display, const std::string& role,
                  const std::string& extra = "") {
  return "{\"name\":\"" + name + "\",\"display\":\"" + display + "\",\"role\":\"" + role +
         "\",\"password_hash\":\"" + Hash() + "\"" + extra + "}";
}

std::string File(const std::string& entries) {
  return "{\"version\":1,\"accounts\":[" + entries + "]}";
}

std::string TempPath(const std::string& name) {
  std::string dir = ::testing::TempDir() + "/web_accounts_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  return dir + "/" + name;
}

TEST(AccountsTest, ParsesEachRole) {
  auto a = ParseAccounts(File(Entry("zhang", "张三", "unit:jyj") + "," +
                              Entry("li", "李四", "deputy:D2026001", ",\"disabled\":true") + "," +
                              Entry("wang", "王五", "staff") + "," +
                              Entry("zhao", "赵主任", "director:赵主任")));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_EQ(a->size(), 4u);
  EXPECT_EQ((*a)[0].Person(), "unit:jyj/张三");
  EXPECT_EQ((*a)[1].Person(), "deputy:D2026001/李四");
  EXPECT_TRUE((*a)[1].disabled);
  EXPECT_FALSE((*a)[0].disabled);
  EXPECT_EQ((*a)[2].Person(), "staff/王五");
  EXPECT_EQ((*a)[3].Person(), "director:赵主任/赵主任");
  EXPECT_EQ(FindAccount(*a, "wang"), &(*a)[2]);
  EXPECT_EQ(FindAccount(*a, "nobody"), nullptr);
}

TEST(AccountsTest, RefusesWhatIsWrongNamingTheAccount) {
  struct Case {
    std::string text;
    std::string says;
  };
  const Case cases[] = {
      {"not json", "not JSON"},
      {"[]", "not a JSON object"},
      {"{\"version\":2,\"accounts\":[]}", "version"},
      {"{\"version\":1}", "accounts"},
      {"{\"version\":1,\"accounts\":[],\"x\":1}", "unknown key 'x'"},
      {File(Entry("a b", "张三", "unit:jyj")), "login name"},
      {File(Entry("zhang", "张(三)", "unit:jyj")), "display name"},
      {File(Entry("zhang", "张/三", "unit:jyj")), "display name"},
      {File(Entry("zhang", "", "unit:jyj")), "display name"},
      {File(Entry("zhang", "张三", "admin")), "role 'admin'"},
      {File(Entry("zhang", "张三", "delegate")), "role 'delegate'"},
      {File(Entry("zhang", "张三", "worker:reminder")), "role"},
      {File(Entry("zhang", "张三", "unit")), "role 'unit'"},
      {File(Entry("zhang", "张三", "unit:jyj", ",\"disabled\":\"no\"")), "'disabled'"},
      {File(Entry("zhang", "张三", "unit:jyj", ",\"password\":\"x\"")), "unknown key 'password'"},
      {File("{\"name\":\"zhang\",\"display\":\"张三\",\"role\":\"staff\",\"password_hash\":\"plain\"}"),
       "argon2id"},
      {File(Entry("zhang", "张三", "unit:jyj") + "," + Entry("zhang", "李四", "unit:jyj")),
       "given twice"},
      {File(Entry("zhang", "张三", "unit:jyj") + "," + Entry("li", "张三", "unit:czj")),
       "another account's"},
  };
  for (const Case& c : cases) {
    auto a = ParseAccounts(c.text);
    ASSERT_FALSE(a.ok()) << c.text;
    EXPECT_EQ(a.status().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_NE(a.status().message().find(c.says), std::string::npos)
        << c.text << " -> " << a.status().message();
  }
  auto second = ParseAccounts(File(Entry("zhang", "张三", "unit:jyj") + "," +
                                   Entry("li", "李四", "bogus")));
  EXPECT_NE(second.status().message().find("account 2 'li'"), std::string::npos)
      << second.status().message();
}

TEST(AccountsTest, FormatReadsBackTheSame) {
  auto a = ParseAccounts(File(Entry("zhang", "张三", "unit:jyj") + "," +
                              Entry("li", "李四", "deputy:D1", ",\"disabled\":true")));
  ASSERT_TRUE(a.ok());
  const std::string text = FormatAccounts(*a);
  auto again = ParseAccounts(text);
  ASSERT_TRUE(again.ok()) << again.status().ToString() << "\n" << text;
  EXPECT_EQ(FormatAccounts(*again), text);
  EXPECT_LT(text.find("\"name\""), text.find("\"display\"")) << "a fixed order: " << text;
}

TEST(AccountsTest, SavedAtomicallyWithModeOwnerOnly) {
  const std::string path = TempPath("sub/accounts.json");
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
  auto a = ParseAccounts(File(Entry("zhang", "张三", "unit:jyj")));
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(SaveAccounts(path, *a).ok()) << "makes the missing folder";
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto loaded = LoadAccounts(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->at(0).name, "zhang");
  // No temporary file is left behind.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(path).parent_path())) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1);
  EXPECT_EQ(LoadAccounts(path + ".missing").status().code(), StatusCode::kNotFound);
  std::ofstream(path + ".bad") << "{";
  auto bad = LoadAccounts(path + ".bad");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find(path + ".bad"), std::string::npos) << "names the file";
}

TEST(AccountBookTest, ReadsTheFileAgainWhenItChanges) {
  const std::string path = TempPath("book.json");
  auto a = ParseAccounts(File(Entry("zhang", "张三", "unit:jyj")));
  ASSERT_TRUE(SaveAccounts(path, *a).ok());
  duban::testing::ManualClock clock;
  auto book = AccountBook::Open(path, clock);
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  EXPECT_TRUE((*book)->Find("zhang").has_value());
  EXPECT_FALSE((*book)->Find("li").has_value());

  a->push_back(a->at(0));
  a->back().name = "li";
  a->back().display = "李四";
  a->at(0).disabled = true;
  ASSERT_TRUE(SaveAccounts(path, *a).ok());
  EXPECT_FALSE((*book)->Find("li").has_value()) << "checked at most once a second";
  clock.Advance(1000);
  ASSERT_TRUE((*book)->Find("li").has_value());
  EXPECT_TRUE((*book)->Find("zhang")->disabled);

  std::ofstream(path, std::ios::trunc) << "{ broken";
  clock.Advance(1000);
  EXPECT_TRUE((*book)->Find("li").has_value()) << "a broken file keeps the accounts in force";
  EXPECT_EQ(AccountBook::Open(path + ".none", clock).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace duban::web
