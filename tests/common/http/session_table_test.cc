// Sessions: a token per sign-in, a CSRF token each, an absolute expiry, a bounded table.
#include "common/http/session_table.h"

#include <gtest/gtest.h>

namespace duban::http {
namespace {

constexpr Millis kMinute = 60 * 1000;

TEST(SessionTableTest, SessionsEndAtTheirExpiry) {
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

TEST(SessionTableTest, CloseAllOfOneAccount) {
  SessionTable sessions(kMinute, 10);
  std::string phone = sessions.Open("zhang", 0);
  std::string desk = sessions.Open("zhang", 0);
  std::string other = sessions.Open("li", 0);
  EXPECT_EQ(sessions.CloseAllOf("zhang"), 2u);
  EXPECT_FALSE(sessions.Find(phone, 1).has_value());
  EXPECT_FALSE(sessions.Find(desk, 1).has_value());
  EXPECT_TRUE(sessions.Find(other, 1).has_value());
  EXPECT_EQ(sessions.CloseAllOf("nobody"), 0u);
}

}  // namespace
}  // namespace duban::http
