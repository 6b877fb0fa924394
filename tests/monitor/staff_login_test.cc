// Staff sign-in: the accounts of the [monitor] table of the config file, signed in through
// common/http/sign_in.h (whose hashes, throttle and sessions tests/common/http/ tests in full).
// Time moves on a ManualClock; no test sleeps.
#include "monitor/staff_login.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "common/http/password.h"
#include "config/config.h"
#include "tests/support/manual_clock.h"

namespace duban::monitor {
namespace {

using duban::testing::ManualClock;

constexpr Millis kMinute = 60 * 1000;

// One hash for the whole program: each takes ~0.1 s and 64 MiB.
const std::string& WangHash() {
  static const std::string hash = *http::HashPassword("correct horse");
  return hash;
}

class StaffSignInTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto login = StaffLogin::Create({{"wang", WangHash()}}, clock_, StaffLoginOptions{});
    ASSERT_TRUE(login.ok()) << login.status().ToString();
    login_ = std::move(*login);
  }
  ManualClock clock_;
  std::unique_ptr<StaffLogin> login_;
};

TEST_F(StaffSignInTest, RightPasswordOpensASession) {
  auto in = login_->SignIn("wang", "correct horse", "10.0.0.9");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->session.name, "wang");
  EXPECT_EQ(in->session.expires_ms, clock_.NowMs() + 8 * 3600 * 1000);
  ASSERT_TRUE(login_->Find(in->token).has_value());
  EXPECT_EQ(login_->Find(in->token)->csrf_token, in->session.csrf_token);
  clock_.Advance(8 * 3600 * 1000);
  EXPECT_FALSE(login_->Find(in->token).has_value()) << "sessions end after 8 hours";

  auto again = login_->SignIn("wang", "correct horse", "10.0.0.9");
  ASSERT_TRUE(again.ok());
  login_->SignOut(again->token);
  EXPECT_FALSE(login_->Find(again->token).has_value());
}

TEST_F(StaffSignInTest, WrongPasswordsAreThrottledByName) {
  auto wrong = login_->SignIn("wang", "guess", "10.0.0.9");
  EXPECT_EQ(wrong.status().code(), StatusCode::kPermissionDenied);
  auto unknown = login_->SignIn("nobody", "correct horse", "10.0.0.8");
  EXPECT_EQ(unknown.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(unknown.status().message(), wrong.status().message()) << "names are not revealed";
  for (int i = 0; i < 4; ++i) {  // five failures for wang, each from another peer
    clock_.Advance(1000);
    EXPECT_EQ(login_->SignIn("wang", "guess", "10.0.1." + std::to_string(i)).status().code(),
              StatusCode::kPermissionDenied);
  }
  Millis wait = 0;
  auto refused = login_->SignIn("wang", "correct horse", "10.0.2.1", &wait);
  EXPECT_EQ(refused.status().code(), StatusCode::kResourceExhausted)
      << "even the right password waits: it is not checked";
  EXPECT_EQ(wait, 5 * kMinute - 4000);
  EXPECT_NE(refused.status().message().find("try again in 296 s"), std::string::npos)
      << refused.status().message();
  clock_.Advance(wait);
  EXPECT_TRUE(login_->SignIn("wang", "correct horse", "10.0.2.1").ok());
  EXPECT_TRUE(login_->SignIn("wang", "guess", "10.0.2.1").status().code() ==
              StatusCode::kPermissionDenied)
      << "a sign-in cleared the name's failures";
}

TEST(StaffLoginCreateTest, RefusesWhatCannotWork) {
  ManualClock clock;
  EXPECT_EQ(StaffLogin::Create({}, clock, {}).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(StaffLogin::Create({{"wang", "secret"}}, clock, {}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      StaffLogin::Create({{"wang", WangHash()}, {"wang", WangHash()}}, clock, {}).status().code(),
      StatusCode::kInvalidArgument);
}

// The [monitor] table of the config file (config/config.cc ReadMonitor).
TEST(StaffLoginCreateTest, AccountsComeFromTheConfig) {
  std::string path = ::testing::TempDir() + "/monitor_accounts_test.toml";
  auto load = [&](const std::string& text) {
    std::ofstream(path) << text;
    return config::LoadConfig(path);
  };
  auto c = load("[monitor]\n[[monitor.account]]\nname = \"wang\"\npassword_hash = \"" + WangHash() +
                "\"\n[[monitor.account]]\nname = \"li.na\"\npassword_hash = \"$argon2id$x\"\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->monitor.accounts.size(), 2u);
  EXPECT_EQ(c->monitor.accounts[0].name, "wang");
  EXPECT_EQ(c->monitor.accounts[0].password_hash, WangHash());
  EXPECT_TRUE(load("# no [monitor]\n").value().monitor.accounts.empty());

  auto plain = load("[[monitor.account]]\nname = \"wang\"\npassword_hash = \"secret\"\n");
  EXPECT_EQ(plain.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(plain.status().message().find("--hash-password"), std::string::npos)
      << plain.status().message();
  EXPECT_FALSE(load("[[monitor.account]]\nname = \"a b\"\npassword_hash = \"$argon2id$x\"\n").ok());
  EXPECT_FALSE(load("[[monitor.account]]\nname = \"a\"\npassword_hash = \"$argon2id$x\"\n"
                    "[[monitor.account]]\nname = \"a\"\npassword_hash = \"$argon2id$y\"\n")
                   .ok());
  EXPECT_FALSE(load("[[monitor.account]]\nname = \"a\"\npassword = \"x\"\n").ok());
  EXPECT_FALSE(load("[monitor]\nusers = 1\n").ok()) << "unknown keys are errors";
  std::remove(path.c_str());
}

}  // namespace
}  // namespace duban::monitor
