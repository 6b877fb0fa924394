// Who may act on the monitor (a loopback peer or a staff sign-in, a JSON body, the monitor's own
// origin, Sec-Fetch-Site, the CSRF token in X-CSRF-Token), when a sign-in is required, the session
// cookie. The shared parts (Host check, same-origin, tokens, cookies) are tested in
// tests/common/http/.
#include "monitor/access.h"

#include <gtest/gtest.h>

#include <set>

namespace duban::monitor {
namespace {

// A request the page itself sends: every check passes.
ActionRequest PageAction() {
  ActionRequest r;
  r.remote_addr = "127.0.0.1";
  r.content_type = "application/json";
  r.host = "127.0.0.1:8780";
  r.csrf_token = r.expected_csrf = std::string(64, 'a');
  return r;
}

TEST(AccessTest, ActionsOnlyFromThisMachine) {
  ActionRequest r = PageAction();
  EXPECT_TRUE(CheckAction(r).ok());
  r.content_type = "application/json; charset=utf-8";
  EXPECT_TRUE(CheckAction(r).ok());
  r.origin = "http://127.0.0.1:8780";
  EXPECT_TRUE(CheckAction(r).ok());

  Refusal why = Refusal::kHost;
  ActionRequest remote = r;
  remote.remote_addr = "192.168.1.20";
  EXPECT_EQ(CheckAction(remote, &why).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(why, Refusal::kPeer);
  remote.signed_in = true;  // a staff session stands behind it: the peer may be anywhere
  EXPECT_TRUE(CheckAction(remote).ok());

  ActionRequest form = r;  // what a cross-site form can send
  form.content_type = "application/x-www-form-urlencoded";
  EXPECT_EQ(CheckAction(form, &why).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(why, Refusal::kContentType);
  form.content_type = "";
  EXPECT_EQ(CheckAction(form).code(), StatusCode::kInvalidArgument);

  ActionRequest other_site = r;
  other_site.origin = "http://evil.example";
  EXPECT_EQ(CheckAction(other_site, &why).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(why, Refusal::kOrigin);
  other_site.origin = "null";  // a sandboxed frame
  EXPECT_EQ(CheckAction(other_site).code(), StatusCode::kPermissionDenied);
}

TEST(AccessTest, SecFetchSiteOnlySameOriginOrNone) {
  ActionRequest r = PageAction();
  for (const char* ok : {"", "same-origin", "none"}) {
    r.fetch_site = ok;
    EXPECT_TRUE(CheckAction(r).ok()) << ok;
  }
  Refusal why = Refusal::kHost;
  for (const char* bad : {"cross-site", "same-site", "Same-Origin", "whatever"}) {
    r.fetch_site = bad;
    EXPECT_EQ(CheckAction(r, &why).code(), StatusCode::kPermissionDenied) << bad;
    EXPECT_EQ(why, Refusal::kFetchSite) << bad;
  }
  EXPECT_TRUE(CheckSameOrigin("http://h:1", "h:1", "same-origin").ok());
  EXPECT_FALSE(CheckSameOrigin("http://h:2", "h:1", "same-origin").ok());
  EXPECT_TRUE(CheckSameOrigin("https://h:1", "h:1", "").ok()) << "through a TLS proxy";
  EXPECT_FALSE(CheckSameOrigin("https://h:2", "h:1", "").ok());
}

TEST(AccessTest, ActionsNeedTheCsrfToken) {
  ActionRequest r = PageAction();
  Refusal why = Refusal::kHost;
  r.csrf_token = "";
  EXPECT_EQ(CheckAction(r, &why).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(why, Refusal::kCsrf);
  r.csrf_token = std::string(63, 'a') + "b";  // one character off
  EXPECT_EQ(CheckAction(r, &why).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(why, Refusal::kCsrf);
  r.csrf_token = std::string(63, 'a');  // a prefix
  EXPECT_FALSE(CheckAction(r).ok());
  r.csrf_token = std::string(65, 'a');
  EXPECT_FALSE(CheckAction(r).ok());
  r.csrf_token = "";
  r.expected_csrf = "";
  EXPECT_FALSE(CheckAction(r).ok()) << "fail closed: no token was ever made";
}

TEST(AccessTest, SignInRequiredBehindAProxy) {
  // Loopback listen address, but reached through a proxy under another name: sign in.
  EXPECT_EQ(*SignInRequired({"127.0.0.1", 8780}, true, false, {"duban.office.example:443"}), true);
  EXPECT_FALSE(SignInRequired({"127.0.0.1", 8780}, false, false, {"duban.office.example"}).ok());
  EXPECT_EQ(*SignInRequired({"127.0.0.1", 8780}, false, false, {"localhost:8780", "[::1]:8780",
                                                                 "127.0.0.2"}),
            false);
}

TEST(AccessTest, SignInRequiredOffLoopback) {
  EXPECT_EQ(*SignInRequired({"127.0.0.1", 8780}, false, false), false);
  EXPECT_EQ(*SignInRequired({"127.0.0.1", 8780}, true, false), false);  // accounts alone: no
  EXPECT_EQ(*SignInRequired({"localhost", 8780}, true, true), true);    // --require-login
  EXPECT_EQ(*SignInRequired({"::1", 8780}, true, false), false);
  EXPECT_EQ(*SignInRequired({"0.0.0.0", 8780}, true, false), true);
  EXPECT_EQ(*SignInRequired({"10.0.0.5", 8780}, true, false), true);
  EXPECT_EQ(*SignInRequired({"::", 8780}, true, false), true);
  // Nobody could sign in: refuse to start.
  auto none = SignInRequired({"0.0.0.0", 8780}, false, false);
  EXPECT_EQ(none.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(none.status().message().find("[[monitor.account]]"), std::string::npos);
  EXPECT_EQ(SignInRequired({"127.0.0.1", 8780}, false, true).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST(AccessTest, RefusalsHaveTheirStatusAndAUniqueReason) {
  std::set<std::string> reasons;
  for (std::size_t i = 0; i < kRefusalCount; ++i) {
    EXPECT_TRUE(reasons.insert(Describe(static_cast<Refusal>(i)).reason).second);
  }
  EXPECT_EQ(Describe(Refusal::kHost).http_status, 421);
  EXPECT_EQ(Describe(Refusal::kCsrf).http_status, 403);
  EXPECT_EQ(Describe(Refusal::kNotSignedIn).http_status, 401);
  EXPECT_EQ(Describe(Refusal::kSignInThrottled).http_status, 429);
  EXPECT_EQ(Describe(Refusal::kSignInThrottled).reason, std::string("sign_in_throttled"));
}

TEST(AccessTest, TheSessionCookie) {
  std::string cookie = SessionCookieHeader("abc", 28800);
  EXPECT_EQ(cookie, "duban_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800");
  EXPECT_EQ(SessionCookieHeader("", 0), "duban_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}

}  // namespace
}  // namespace duban::monitor
