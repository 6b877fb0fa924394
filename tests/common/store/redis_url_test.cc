// ParseRedisUrl and RedactedRedisUrl: pure logic, no server. Added with the issue "Nothing lost,
// nothing doubled" (hole 6): credentials in the URL, rediss:// refused with its reason, and a
// password never logged.
#include "common/store/redis_client.h"

#include <gtest/gtest.h>

namespace duban::store {
namespace {

TEST(RedisUrlTest, HostPortAndDatabase) {
  auto ep = ParseRedisUrl("redis://127.0.0.1:6390/3");
  ASSERT_TRUE(ep.ok()) << ep.status().ToString();
  EXPECT_EQ(ep->host, "127.0.0.1");
  EXPECT_EQ(ep->port, 6390);
  EXPECT_EQ(ep->db, 3);
  EXPECT_EQ(ep->password, "");
  EXPECT_EQ(ParseRedisUrl("redis://localhost")->port, 6379);
}

TEST(RedisUrlTest, UserAndPasswordArePercentDecoded) {
  auto ep = ParseRedisUrl("redis://duban:s3cret%20pa%25ss%40x@10.0.0.1:6379/0");
  ASSERT_TRUE(ep.ok()) << ep.status().ToString();
  EXPECT_EQ(ep->user, "duban");
  EXPECT_EQ(ep->password, "s3cret pa%ss@x");
  EXPECT_EQ(ep->host, "10.0.0.1");
  auto only_password = ParseRedisUrl("redis://:pw@h:1/0");
  ASSERT_TRUE(only_password.ok());
  EXPECT_EQ(only_password->user, "");
  EXPECT_EQ(only_password->password, "pw");
}

TEST(RedisUrlTest, BadUrlsAreRefusedWithoutEchoingThePassword) {
  for (const char* url : {"redis://u:secret@h:99999/0", "redis://u:secret@h:1/x",
                          "redis://u:%zz@h:1/0", "redis://u:@h:1/0"}) {
    auto ep = ParseRedisUrl(url);
    ASSERT_FALSE(ep.ok()) << url;
    EXPECT_EQ(ep.status().code(), StatusCode::kInvalidArgument) << url;
    EXPECT_EQ(ep.status().message().find("secret"), std::string::npos) << ep.status().ToString();
  }
  EXPECT_FALSE(ParseRedisUrl("http://h:1").ok());
}

TEST(RedisUrlTest, TlsIsRefusedWithItsReason) {
  auto ep = ParseRedisUrl("rediss://h:6380/0");
  ASSERT_FALSE(ep.ok());
  EXPECT_NE(ep.status().message().find("rediss:// (TLS) is not supported"), std::string::npos);
}

TEST(RedisUrlTest, RedactedHidesThePasswordOnly) {
  EXPECT_EQ(RedactedRedisUrl("redis://duban:s3cret@127.0.0.1:6390/0"),
            "redis://duban:***@127.0.0.1:6390/0");
  EXPECT_EQ(RedactedRedisUrl("redis://:s3cret@h:1/0"), "redis://:***@h:1/0");
  EXPECT_EQ(RedactedRedisUrl("redis://127.0.0.1:6390/0"), "redis://127.0.0.1:6390/0");
  EXPECT_EQ(RedactedRedisUrl("unix:///tmp/r.sock"), "unix:///tmp/r.sock");
}

TEST(RedisUrlTest, OutOfMemoryIsResourceExhausted) {
  Status s = ScriptErrorToStatus("OOM command not allowed when used memory > 'maxmemory'.");
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(s.message().find("out of memory"), std::string::npos);
}

}  // namespace
}  // namespace duban::store
