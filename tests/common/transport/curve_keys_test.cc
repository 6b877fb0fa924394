#include "common/transport/curve_keys.h"

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace duban::transport {
namespace {

class CurveKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("duban-keys-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

TEST_F(CurveKeysTest, AKeyPairRoundTripsWithItsSecretAtMode0600) {
  auto key = NewCurveKey("clerk");
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_TRUE(IsZ85Key(key->public_z85));
  EXPECT_TRUE(IsZ85Key(key->secret_z85));
  ASSERT_TRUE(WriteKeyFile(Path("clerk.key"), *key, true).ok());
  ASSERT_TRUE(WriteKeyFile(Path("clerk.pub"), *key, false).ok());
  struct stat st {};
  ASSERT_EQ(::stat(Path("clerk.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto back = ReadKeyFile(Path("clerk.key"));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->name, "clerk");
  EXPECT_EQ(back->public_z85, key->public_z85);
  EXPECT_EQ(back->secret_z85, key->secret_z85);
  auto pub = ReadKeyFile(Path("clerk.pub"));
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->secret_z85, "");
  // Never replaced.
  EXPECT_EQ(WriteKeyFile(Path("clerk.key"), *key, true).code(), StatusCode::kAlreadyExists);
}

TEST_F(CurveKeysTest, RefusesSecretsReadableByOthersAndFilesThatAreNotKeys) {
  auto key = NewCurveKey("k");
  ASSERT_TRUE(key.ok());
  ASSERT_TRUE(WriteKeyFile(Path("k.key"), *key, true).ok());
  ::chmod(Path("k.key").c_str(), 0644);
  EXPECT_EQ(ReadKeyFile(Path("k.key")).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(ReadKeyFile(Path("none")).status().code(), StatusCode::kNotFound);
  std::ofstream(Path("bad")) << "public = \"tooshort\"\n";
  EXPECT_EQ(ReadKeyFile(Path("bad")).status().code(), StatusCode::kInvalidArgument);
  std::ofstream(Path("other")) << "password = \"x\"\n";
  EXPECT_EQ(ReadKeyFile(Path("other")).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(CurveKeysTest, AClientNeedsBothItsKeyAndTheBrokers) {
  auto none = LoadClientCurve("", "");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(LoadClientCurve(Path("a.key"), "").status().code(), StatusCode::kInvalidArgument);
  auto me = NewCurveKey("me"), broker = NewCurveKey("broker");
  ASSERT_TRUE(WriteKeyFile(Path("me.key"), *me, true).ok());
  ASSERT_TRUE(WriteKeyFile(Path("me.pub"), *me, false).ok());
  ASSERT_TRUE(WriteKeyFile(Path("broker.pub"), *broker, false).ok());
  auto both = LoadClientCurve(Path("me.key"), Path("broker.pub"));
  ASSERT_TRUE(both.ok()) << both.status().ToString();
  EXPECT_EQ((*both)->server_public_z85, broker->public_z85);
  EXPECT_EQ(LoadClientCurve(Path("me.pub"), Path("broker.pub")).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace duban::transport
