// Session cookies (read from a Cookie header, written as Set-Cookie) and random tokens.
#include "common/http/cookie.h"

#include <gtest/gtest.h>

#include "common/http/random_token.h"

namespace duban::http {
namespace {

TEST(CookieTest, ReadsOneCookieByItsWholeName) {
  EXPECT_EQ(CookieValue("duban_session=abc", "duban_session"), "abc");
  EXPECT_EQ(CookieValue("x=1; duban_session=abc; y=2", "duban_session"), "abc");
  EXPECT_EQ(CookieValue("xduban_session=abc", "duban_session"), "");
  EXPECT_EQ(CookieValue("duban_session=abc", "duban_web_session"), "")
      << "the monitor's cookie is not the workbench's";
  EXPECT_EQ(CookieValue("duban_session=a; duban_web_session=b", "duban_web_session"), "b");
  EXPECT_EQ(CookieValue("", "duban_session"), "");
}

TEST(CookieTest, SessionCookieIsHttpOnlyAndStrict) {
  EXPECT_EQ(SessionCookie("duban_web_session", "abc", 28800),
            "duban_web_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800");
  EXPECT_EQ(SessionCookie("n", "", 0), "n=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}

TEST(CookieTest, RandomTokensAreHexAndDiffer) {
  std::string a = RandomToken(), b = RandomToken();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(RandomToken(16).size(), 32u);
  EXPECT_TRUE(SecretsEqual(a, a));
  EXPECT_FALSE(SecretsEqual(a, b));
  EXPECT_FALSE(SecretsEqual(a, a.substr(1)));
}

}  // namespace
}  // namespace duban::http
