// The browser's marks of where an action comes from (Origin, Sec-Fetch-Site) and the CSRF token,
// shared by duban-monitor and duban-web.
#include "common/http/same_origin.h"

#include <gtest/gtest.h>

namespace duban::http {
namespace {

TEST(SameOriginTest, OriginMustBeThisSiteWhenNamed) {
  CrossSiteMark mark = CrossSiteMark::kFetchSite;
  EXPECT_TRUE(CheckSameOrigin("", "127.0.0.1:8090", "", &mark).ok());
  EXPECT_EQ(mark, CrossSiteMark::kNone);
  EXPECT_TRUE(CheckSameOrigin("http://127.0.0.1:8090", "127.0.0.1:8090", "same-origin").ok());
  // Through a TLS proxy that passes the Host on, and one that names its own (the public origin).
  EXPECT_TRUE(CheckSameOrigin("https://duban.example", "duban.example", "same-origin").ok());
  EXPECT_TRUE(CheckSameOrigin("https://duban.example", "127.0.0.1:8090", "same-origin", &mark,
                              OriginOf("https://duban.example/")).ok());
  EXPECT_FALSE(CheckSameOrigin("https://evil.example", "127.0.0.1:8090", "", &mark,
                               OriginOf("https://duban.example")).ok());
  EXPECT_EQ(OriginOf("https://duban.example:8443/p"), "https://duban.example:8443");
  EXPECT_EQ(OriginOf("duban.example"), "");
  for (const char* bad : {"http://127.0.0.1:8780", "https://127.0.0.1:8091", "null",
                          "http://evil.example", "http://127.0.0.1:8090/", " http://127.0.0.1:8090"}) {
    Status s = CheckSameOrigin(bad, "127.0.0.1:8090", "", &mark);
    EXPECT_EQ(s.code(), StatusCode::kPermissionDenied) << bad;
    EXPECT_EQ(mark, CrossSiteMark::kOrigin) << bad;
  }
}

TEST(SameOriginTest, SecFetchSiteOnlySameOriginOrNone) {
  CrossSiteMark mark = CrossSiteMark::kNone;
  for (const char* ok : {"", "same-origin", "none"}) {
    EXPECT_TRUE(CheckSameOrigin("", "h:1", ok, &mark).ok()) << ok;
  }
  // same-site too: another port of 127.0.0.1 (the dashboard) is the same site, not this one.
  for (const char* bad : {"cross-site", "same-site", "Same-Origin", "whatever"}) {
    EXPECT_EQ(CheckSameOrigin("", "h:1", bad, &mark).code(), StatusCode::kPermissionDenied) << bad;
    EXPECT_EQ(mark, CrossSiteMark::kFetchSite) << bad;
  }
}

TEST(SameOriginTest, CsrfTokenComparedWholeAndFailsClosed) {
  const std::string token(64, 'a');
  EXPECT_TRUE(CheckCsrfToken(token, token).ok());
  EXPECT_EQ(CheckCsrfToken(token, "").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(CheckCsrfToken(token, std::string(63, 'a') + "b").code(),
            StatusCode::kPermissionDenied);
  EXPECT_FALSE(CheckCsrfToken(token, std::string(63, 'a')).ok()) << "a prefix";
  EXPECT_FALSE(CheckCsrfToken(token, std::string(65, 'a')).ok());
  EXPECT_FALSE(CheckCsrfToken("", "").ok()) << "fail closed: no token was ever made";
  EXPECT_FALSE(CheckCsrfToken("", "abc").ok());
}

}  // namespace
}  // namespace duban::http
