// The Host check against DNS rebinding (which Host headers a listen address answers to, with
// --allowed-host names) and the ADDRESS:PORT parser of --http / --listen.
#include "common/http/hosts.h"

#include <gtest/gtest.h>

namespace duban::http {
namespace {

TEST(HostsTest, HostsOfALoopbackListenAddress) {
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

TEST(HostsTest, HostsOfOtherListenAddresses) {
  auto v6 = AllowedHosts::Create({"::1", 9000}, {});
  ASSERT_TRUE(v6.ok());
  EXPECT_TRUE(v6->Allows("[::1]:9000"));
  EXPECT_TRUE(v6->Allows("localhost:9000"));

  // Another address: only its own form and the names given; never the loopback names.
  auto any = AllowedHosts::Create({"0.0.0.0", 8780}, {"duban.example", "10.0.0.5:80", "[fd00::5]"});
  ASSERT_TRUE(any.ok()) << any.status().ToString();
  EXPECT_EQ(any->entries(),
            (std::vector<std::string>{"0.0.0.0:8780", "duban.example:8780", "duban.example:80",
                                      "duban.example:443", "10.0.0.5:80", "[fd00::5]:8780",
                                      "[fd00::5]:80", "[fd00::5]:443"}));
  EXPECT_TRUE(any->Allows("duban.example")) << "a proxy in front passes the browser's Host on";
  EXPECT_TRUE(any->Allows("duban.example:443"));
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

TEST(HostsTest, ParsesListenAddresses) {
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
}  // namespace duban::http
