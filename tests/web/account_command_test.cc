// `duban-web account ...`: add (password from stdin, stored only as its hash), list (never a
// hash), reset-password, disable and enable, with their exit codes; and the deputy's list
// request, flash messages.
#include "web/account_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/http/password.h"
#include "common/protocol/codec.h"
#include "web/accounts.h"
#include "web/deputy_list.h"
#include "web/flash_box.h"

namespace duban::web {
namespace {

struct Outcome {
  int code;
  std::string out, err;
};

class AccountCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/web_account_cmd_" + std::to_string(::getpid()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(dir_);
    path_ = dir_ + "/accounts.json";
  }
  template <typename F>
  Outcome Do(const std::string& stdin_text, F f) {
    std::istringstream in(stdin_text);
    std::ostringstream out, err;
    int code = f(CommandIo{in, out, err});
    return {code, out.str(), err.str()};
  }
  Outcome Add(const std::string& name, const std::string& role, const std::string& display,
          const std::string& password = "correct horse\n") {
    return Do(password, [&](CommandIo io) { return AccountAdd(path_, name, role, display, io); });
  }
  std::string dir_, path_;
};

TEST_F(AccountCommandTest, AddStoresOnlyTheHash) {
  Outcome r = Add("zhang", "unit:jyj", "张三");
  ASSERT_EQ(r.code, kExitOk) << r.err;
  auto accounts = LoadAccounts(path_);
  ASSERT_TRUE(accounts.ok()) << accounts.status().ToString();
  ASSERT_EQ(accounts->size(), 1u);
  EXPECT_TRUE(http::PasswordMatches(accounts->at(0).password_hash, "correct horse"));
  std::ifstream f(path_);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.find("correct horse"), std::string::npos) << "never the password itself";

  Outcome list = Do("", [&](CommandIo io) { return AccountList(path_, io); });
  EXPECT_EQ(list.code, kExitOk);
  EXPECT_EQ(list.out, "zhang\tunit:jyj\t张三\n");
  EXPECT_EQ(list.out.find("argon2"), std::string::npos);
}

TEST_F(AccountCommandTest, AddRefusesWhatCannotBe) {
  ASSERT_EQ(Add("zhang", "unit:jyj", "张三").code, kExitOk);
  EXPECT_EQ(Add("zhang", "unit:czj", "张四").code, kExitRefused) << "the name exists";
  EXPECT_EQ(Add("zhang2", "unit:czj", "张三").code, kExitRefused) << "the display name exists";
  EXPECT_EQ(Add("li", "admin", "李四").code, kExitUsage);
  EXPECT_EQ(Add("li", "unit", "李四").code, kExitUsage);
  EXPECT_EQ(Add("l i", "staff", "李四").code, kExitUsage);
  EXPECT_EQ(Add("li", "staff", "李(四)").code, kExitUsage);
  Outcome short_password = Add("li", "staff", "李四", "short\n");
  EXPECT_EQ(short_password.code, kExitRefused);
  EXPECT_NE(short_password.err.find("at least 8"), std::string::npos) << short_password.err;
  EXPECT_EQ(Add("li", "staff", "李四", "").code, kExitUsage) << "no password at all";
  EXPECT_EQ(LoadAccounts(path_)->size(), 1u) << "nothing refused was written";
}

TEST_F(AccountCommandTest, ResetDisableEnable) {
  ASSERT_EQ(Add("zhang", "unit:jyj", "张三").code, kExitOk);
  Outcome reset = Do("another secret\n",
                 [&](CommandIo io) { return AccountResetPassword(path_, "zhang", io); });
  ASSERT_EQ(reset.code, kExitOk) << reset.err;
  EXPECT_TRUE(http::PasswordMatches(LoadAccounts(path_)->at(0).password_hash, "another secret"));
  EXPECT_EQ(Do("x\n", [&](CommandIo io) { return AccountResetPassword(path_, "li", io); }).code,
            kExitRefused);

  ASSERT_EQ(Do("", [&](CommandIo io) { return AccountSetDisabled(path_, "zhang", true, io); }).code,
            kExitOk);
  EXPECT_TRUE(LoadAccounts(path_)->at(0).disabled);
  EXPECT_EQ(Do("", [&](CommandIo io) { return AccountList(path_, io); }).out,
            "zhang\tunit:jyj\t张三\tdisabled\n");
  ASSERT_EQ(Do("", [&](CommandIo io) { return AccountSetDisabled(path_, "zhang", false, io); }).code,
            kExitOk);
  EXPECT_FALSE(LoadAccounts(path_)->at(0).disabled);
  EXPECT_EQ(Do("", [&](CommandIo io) { return AccountSetDisabled(path_, "li", true, io); }).code,
            kExitRefused);
}

TEST_F(AccountCommandTest, ABrokenFileIsNeitherReadNorOverwritten) {
  std::filesystem::create_directories(dir_);
  std::ofstream(path_) << "{ not json";
  EXPECT_EQ(Add("zhang", "unit:jyj", "张三").code, kExitBadFile);
  EXPECT_EQ(Do("", [&](CommandIo io) { return AccountList(path_, io); }).code, kExitBadFile);
  std::ifstream f(path_);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "{ not json");
  EXPECT_EQ(Do("", [&](CommandIo io) { return AccountList(path_ + ".none", io); }).code,
            kExitBadFile);
}

// The request names the deputy whatever ListRequest holds today (web/deputy_list.h).
TEST(DeputyListTest, NamesTheDeputy) {
  std::string body = EncodeDeputyList("D2026001", 50);
  auto reader = protocol::MapReader::Parse(body);
  ASSERT_TRUE(reader.ok());
  std::string deputy;
  ASSERT_TRUE(reader->Str("deputy", &deputy, true).ok());
  EXPECT_EQ(deputy, "D2026001");
  std::int64_t limit = 0;
  ASSERT_TRUE(reader->Int("limit", &limit, true).ok());
  EXPECT_EQ(limit, 50);
}

TEST(FlashBoxTest, OnceForItsAccountWithinAMinute) {
  FlashBox box;
  std::string id = box.Put("zhang", Flash{"task.done.sign", {"w"}}, 0);
  EXPECT_EQ(id.size(), 32u);
  EXPECT_FALSE(box.Take(id, "li", 1).has_value()) << "another account's";
  auto f = box.Take(id, "zhang", 1);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->done_key, "task.done.sign");
  EXPECT_EQ(f->warnings, std::vector<std::string>{"w"});
  EXPECT_FALSE(box.Take(id, "zhang", 2).has_value()) << "once";
  std::string late = box.Put("zhang", Flash{"task.done.sign", {}}, 0);
  EXPECT_FALSE(box.Take(late, "zhang", kFlashTtlMs).has_value());
  EXPECT_FALSE(box.Take("", "zhang", 0).has_value());
}

}  // namespace
}  // namespace duban::web
