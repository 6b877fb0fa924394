// Signing in with a password: a session on success, one message for a wrong name or password, and
// the throttle by name and by peer. Time moves on a ManualClock; no test sleeps.
#include "common/http/sign_in.h"

#include <gtest/gtest.h>

#include "common/http/password.h"
#include "tests/support/manual_clock.h"

namespace duban::http {
namespace {

using duban::testing::ManualClock;

constexpr Millis kMinute = 60 * 1000;

// One hash for the whole program: each takes ~0.1 s and 64 MiB.
const std::string& WangHash() {
  static const std::string hash = *HashPassword("correct horse");
  return hash;
}

class SignInTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = PasswordSignIn::Create(clock_, SignInOptions{});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    sign_in_ = std::move(*s);
  }
  Result<SignedIn> Try(const std::string& name, const std::string& password,
                       const std::string& peer, Millis* wait = nullptr) {
    return sign_in_->SignIn(name, password, peer, hash_of_, wait);
  }
  ManualClock clock_;
  bool wang_disabled_ = false;
  PasswordSignIn::HashOf hash_of_ = [this](const std::string& name) -> std::optional<std::string> {
    if (name != "wang" || wang_disabled_) return std::nullopt;
    return WangHash();
  };
  std::unique_ptr<PasswordSignIn> sign_in_;
};

TEST_F(SignInTest, RightPasswordOpensASession) {
  auto in = Try("wang", "correct horse", "10.0.0.9");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->session.name, "wang");
  EXPECT_EQ(in->session.expires_ms, clock_.NowMs() + 8 * 3600 * 1000);
  ASSERT_TRUE(sign_in_->Find(in->token).has_value());
  EXPECT_EQ(sign_in_->Find(in->token)->csrf_token, in->session.csrf_token);
  clock_.Advance(8 * 3600 * 1000);
  EXPECT_FALSE(sign_in_->Find(in->token).has_value()) << "sessions end after 8 hours";

  auto again = Try("wang", "correct horse", "10.0.0.9");
  ASSERT_TRUE(again.ok());
  sign_in_->SignOut(again->token);
  EXPECT_FALSE(sign_in_->Find(again->token).has_value());

  auto a = Try("wang", "correct horse", "10.0.0.9");
  auto b = Try("wang", "correct horse", "10.0.0.8");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(sign_in_->SignOutAll("wang"), 2u);
  EXPECT_FALSE(sign_in_->Find(a->token).has_value());
}

TEST_F(SignInTest, DisabledAccountsCannotSignIn) {
  wang_disabled_ = true;
  auto in = Try("wang", "correct horse", "10.0.0.9");
  EXPECT_EQ(in.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(in.status().message(), "wrong name or password") << "nothing said about why";
}

TEST_F(SignInTest, WrongPasswordsAreThrottledByName) {
  auto wrong = Try("wang", "guess", "10.0.0.9");
  EXPECT_EQ(wrong.status().code(), StatusCode::kPermissionDenied);
  auto unknown = Try("nobody", "correct horse", "10.0.0.8");
  EXPECT_EQ(unknown.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(unknown.status().message(), wrong.status().message()) << "names are not revealed";
  for (int i = 0; i < 4; ++i) {  // five failures for wang, each from another peer
    clock_.Advance(1000);
    EXPECT_EQ(Try("wang", "guess", "10.0.1." + std::to_string(i)).status().code(),
              StatusCode::kPermissionDenied);
  }
  Millis wait = 0;
  auto refused = Try("wang", "correct horse", "10.0.2.1", &wait);
  EXPECT_EQ(refused.status().code(), StatusCode::kResourceExhausted)
      << "even the right password waits: it is not checked";
  EXPECT_EQ(wait, 5 * kMinute - 4000);
  EXPECT_NE(refused.status().message().find("try again in 296 s"), std::string::npos)
      << refused.status().message();
  clock_.Advance(wait);
  EXPECT_TRUE(Try("wang", "correct horse", "10.0.2.1").ok());
  EXPECT_EQ(Try("wang", "guess", "10.0.2.1").status().code(), StatusCode::kPermissionDenied)
      << "a sign-in cleared the name's failures";
}

TEST_F(SignInTest, WrongPasswordsAreThrottledByPeer) {
  for (int i = 0; i < 5; ++i) {  // five names tried from one peer
    EXPECT_EQ(Try("n" + std::to_string(i), "guess", "10.0.0.66").status().code(),
              StatusCode::kPermissionDenied);
  }
  EXPECT_EQ(Try("wang", "correct horse", "10.0.0.66").status().code(),
            StatusCode::kResourceExhausted);
  EXPECT_TRUE(Try("wang", "correct horse", "10.0.0.67").ok()) << "another peer may";
}

}  // namespace
}  // namespace duban::http
