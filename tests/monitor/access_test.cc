// Who may act: only loopback peers, with a JSON body, from the monitor's own origin; and the
// --http ADDRESS:PORT parser.
#include "monitor/access.h"

#include <gtest/gtest.h>

namespace duban::monitor {
namespace {

TEST(AccessTest, LoopbackAddresses) {
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackAddress("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackAddress("::1"));
  EXPECT_TRUE(IsLoopbackAddress("::ffff:127.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("10.0.0.5"));
  EXPECT_FALSE(IsLoopbackAddress("128.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("::ffff:10.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("fe80::1"));
  EXPECT_FALSE(IsLoopbackAddress(""));
  EXPECT_FALSE(IsLoopbackAddress("localhost"));  // peers are addresses, never names
}

TEST(AccessTest, ActionsOnlyFromThisMachine) {
  ActionRequest r{"127.0.0.1", "application/json", "", "127.0.0.1:8780"};
  EXPECT_TRUE(CheckAction(r).ok());
  r.content_type = "application/json; charset=utf-8";
  EXPECT_TRUE(CheckAction(r).ok());
  r.origin = "http://127.0.0.1:8780";
  EXPECT_TRUE(CheckAction(r).ok());

  ActionRequest remote = r;
  remote.remote_addr = "192.168.1.20";
  EXPECT_EQ(CheckAction(remote).code(), StatusCode::kPermissionDenied);

  ActionRequest form = r;  // what a cross-site form can send
  form.content_type = "application/x-www-form-urlencoded";
  EXPECT_EQ(CheckAction(form).code(), StatusCode::kInvalidArgument);
  form.content_type = "";
  EXPECT_EQ(CheckAction(form).code(), StatusCode::kInvalidArgument);

  ActionRequest other_site = r;
  other_site.origin = "http://evil.example";
  EXPECT_EQ(CheckAction(other_site).code(), StatusCode::kPermissionDenied);
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
