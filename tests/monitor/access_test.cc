// Who may do what: the Host check against DNS rebinding, who may act (a loopback peer or a staff
// sign-in, a JSON body, the monitor's own origin, Sec-Fetch-Site, the CSRF token), when a sign-in
// is required, the session cookie; and the --http ADDRESS:PORT parser.
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
  EXPECT_FALSE(CheckSameOrigin("https://h:1", "h:1", "").ok());
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

  EXPECT_TRUE(CheckCsrfToken("abc", "abc").ok());
  EXPECT_FALSE(CheckCsrfToken("", "").ok());  // fail closed: no token was ever made
  EXPECT_FALSE(CheckCsrfToken("", "abc").ok());
  EXPECT_FALSE(CheckCsrfToken("abc", "").ok());
}

TEST(AccessTest, HostsOfALoopbackListenAddress) {
  auto hosts = AllowedHosts::Create({"127.0.0.1", 8780}, {});
  ASSERT_TRUE(hosts.ok()) << hosts.status().ToString();
  EXPECT_EQ(hosts->entries(),
            (std::vector<std::string>{"127.0.0.1:8780", "localhost:8780", "[::1]:8780"}));
  for (const char* ok :
       {"127.0.0.1:8780", "localhost:8780", "LocalHost:8780", "[::1]:8780", "[0:0::1]:8780"}) {
    EXPECT_TRUE(hosts->Allows(ok)) << ok;
  }
  // DNS rebinding: the attacker's name, whatever address it resolves to, is not ours.
  for (const char* bad :
       {"evil.example:8780", "evil.example", "127.0.0.1", "127.0.0.1:8781", "localhost.:8780",
        "127.0.0.1.evil.example:8780", "", "::1:8780", "127.0.0.1:8780 ", "127.0.0.1:8780:1",
        "[::1]8780", "localhost:+8780", "localhost:08780x", "[evil]:8780"}) {
    EXPECT_FALSE(hosts->Allows(bad)) << "'" << bad << "'";
  }
}

TEST(AccessTest, HostsOfOtherListenAddresses) {
  auto v6 = AllowedHosts::Create({"::1", 9000}, {});
  ASSERT_TRUE(v6.ok());
  EXPECT_TRUE(v6->Allows("[::1]:9000"));
  EXPECT_TRUE(v6->Allows("localhost:9000"));

  // Another address: only its own form and the names given; never the loopback names.
  auto any = AllowedHosts::Create({"0.0.0.0", 8780}, {"duban.example", "10.0.0.5:80", "[fd00::5]"});
  ASSERT_TRUE(any.ok()) << any.status().ToString();
  EXPECT_EQ(any->entries(), (std::vector<std::string>{"0.0.0.0:8780", "duban.example:8780",
                                                      "10.0.0.5:80", "[fd00::5]:8780"}));
  EXPECT_TRUE(any->Allows("DUBAN.example:8780"));
  EXPECT_TRUE(any->Allows("10.0.0.5"));  // no port: 80, as a browser sends it
  EXPECT_TRUE(any->Allows("[fd00::5]:8780"));
  EXPECT_FALSE(any->Allows("127.0.0.1:8780"));
  EXPECT_FALSE(any->Allows("localhost:8780"));
  EXPECT_FALSE(any->Allows("duban.example:8781"));
  EXPECT_FALSE(any->Allows("evil.example:8780"));

  EXPECT_FALSE(AllowedHosts::Create({"127.0.0.1", 0}, {}).ok()) << "the bound port, never 0";
  EXPECT_FALSE(AllowedHosts::Create({"not a host", 8780}, {}).ok());

  auto port80 = AllowedHosts::Create({"127.0.0.1", 80}, {});
  ASSERT_TRUE(port80.ok());
  EXPECT_TRUE(port80->Allows("localhost"));

  for (const char* bad :
       {"", "evil example", "a/b", "host:0", "host:70000", "fd00::5", "[x]", "host:"}) {
    EXPECT_EQ(AllowedHosts::Create({"127.0.0.1", 8780}, {bad}).status().code(),
              StatusCode::kInvalidArgument)
        << bad;
  }
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

TEST(AccessTest, TokensAndTheSessionCookie) {
  std::string a = RandomToken(), b = RandomToken();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);

  EXPECT_EQ(CookieValue("duban_session=abc", "duban_session"), "abc");
  EXPECT_EQ(CookieValue("x=1; duban_session=abc; y=2", "duban_session"), "abc");
  EXPECT_EQ(CookieValue("xduban_session=abc", "duban_session"), "");
  EXPECT_EQ(CookieValue("", "duban_session"), "");

  std::string cookie = SessionCookieHeader("abc", 28800);
  EXPECT_EQ(cookie, "duban_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800");
}

TEST(AccessTest, ParsesListenAddresses) {
  auto a = ParseListenAddress("127.0.0.1:8780");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 8780);
  auto v6 = ParseListenAddress("[::1]:0");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
  for (const char* bad : {"8780", ":8780", "127.0.0.1:", "127.0.0.1:x", "127.0.0.1:70000",
                          "::1:8780", "[::1:8780", "127.0.0.1:-1"}) {
    EXPECT_FALSE(ParseListenAddress(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace duban::monitor
