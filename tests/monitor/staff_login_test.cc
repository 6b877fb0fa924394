// Staff sign-in: argon2id hashes, the throttle of failed sign-ins (5 per name or peer within 5
// minutes), sessions that end at their expiry, and the [monitor] accounts of the config file.
// Time moves on a ManualClock; no test sleeps.
#include "monitor/staff_login.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "config/config.h"
#include "tests/support/manual_clock.h"

namespace duban::monitor {
namespace {

using duban::testing::ManualClock;

constexpr Millis kMinute = 60 * 1000;

// One hash for the whole program: each takes ~0.1 s and 64 MiB.
const std::string& WangHash() {
  static const std::string hash = *HashPassword("correct horse");
  return hash;
}

TEST(StaffLoginTest, PasswordHashesAreArgon2id) {
  const std::string& hash = WangHash();
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(PasswordMatches(hash, "correct horse"));
  EXPECT_FALSE(PasswordMatches(hash, "correct horse "));
  EXPECT_FALSE(PasswordMatches(hash, ""));
  EXPECT_FALSE(PasswordMatches("plain text", "plain text"));  // never a password in the file
  EXPECT_EQ(HashPassword("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(HashPassword(std::string(1025, 'x')).status().code(), StatusCode::kInvalidArgument);
}

TEST(StaffLoginTest, ThrottleRefusesAfterFiveFailuresWithinFiveMinutes) {
  LoginThrottle t(5, 5 * kMinute);
  Millis now = 1'000'000;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(t.WaitMs("name:wang", now), 0);
    t.Failed("name:wang", now);
    now += kMinute;  // failures at 0, 1, 2, 3 minutes
  }
  EXPECT_EQ(t.WaitMs("name:wang", now), 0);
  t.Failed("name:wang", now);  // the fifth, at 4 minutes
  // Free again when the failure at 0 minutes leaves the window, at 5 minutes.
  EXPECT_EQ(t.WaitMs("name:wang", now), kMinute);
  EXPECT_EQ(t.WaitMs("name:li", now), 0) << "another key is not throttled";
  EXPECT_EQ(t.WaitMs("name:wang", now + kMinute - 1), 1);
  EXPECT_EQ(t.WaitMs("name:wang", now + kMinute), 0);
  // Failures spread wider than the window never add up to five.
  LoginThrottle slow(5, 5 * kMinute);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(slow.WaitMs("peer:10.0.0.9", i * 2 * kMinute), 0) << i;
    slow.Failed("peer:10.0.0.9", i * 2 * kMinute);
  }
  t.Clear("name:wang");
  EXPECT_EQ(t.WaitMs("name:wang", now), 0);
  EXPECT_EQ(slow.Tracked(100 * kMinute), 0u) << "old keys are dropped";
}

TEST(StaffLoginTest, SessionsEndAtTheirExpiry) {
  SessionTable sessions(8 * 60 * kMinute, 3);
  Millis now = 1'000'000;
  std::string token = sessions.Open("wang", now);
  EXPECT_EQ(token.size(), 64u);
  auto s = sessions.Find(token, now);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->name, "wang");
  EXPECT_EQ(s->csrf_token.size(), 64u);
  EXPECT_NE(s->csrf_token, token);
  EXPECT_EQ(s->expires_ms, now + 8 * 60 * kMinute);
  EXPECT_TRUE(sessions.Find(token, s->expires_ms - 1).has_value());
  EXPECT_FALSE(sessions.Find(token, s->expires_ms).has_value()) << "ended after 8 hours";
  EXPECT_EQ(sessions.size(), 0u) << "an ended session is dropped";
  EXPECT_FALSE(sessions.Find("", now).has_value());
  EXPECT_FALSE(sessions.Find(std::string(64, '0'), now).has_value());

  std::string other = sessions.Open("li", now);
  EXPECT_NE(sessions.Find(other, now)->csrf_token, s->csrf_token) << "a token per session";
  sessions.Close(other);
  EXPECT_FALSE(sessions.Find(other, now).has_value());

  // Full: the session closest to its end makes room.
  std::string a = sessions.Open("a", now);
  std::string b = sessions.Open("b", now + 1);
  std::string c = sessions.Open("c", now + 2);
  std::string d = sessions.Open("d", now + 3);
  EXPECT_EQ(sessions.size(), 3u);
  EXPECT_FALSE(sessions.Find(a, now + 3).has_value());
  EXPECT_TRUE(sessions.Find(d, now + 3).has_value());
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

TEST_F(StaffSignInTest, WrongPasswordsAreThrottledByPeer) {
  for (int i = 0; i < 5; ++i) {  // five names tried from one peer
    EXPECT_EQ(login_->SignIn("n" + std::to_string(i), "guess", "10.0.0.66").status().code(),
              StatusCode::kPermissionDenied);
  }
  EXPECT_EQ(login_->SignIn("wang", "correct horse", "10.0.0.66").status().code(),
            StatusCode::kResourceExhausted);
  EXPECT_TRUE(login_->SignIn("wang", "correct horse", "10.0.0.67").ok()) << "another peer may";
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
