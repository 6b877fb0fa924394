// argon2id password hashes and the reading of a password line.
#include "common/http/password.h"

#include <gtest/gtest.h>

#include <sstream>

namespace duban::http {
namespace {

TEST(PasswordTest, HashesAreArgon2idAndVerify) {
  auto hash = HashPassword("correct horse");
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(IsArgon2idHash(*hash));
  EXPECT_TRUE(PasswordMatches(*hash, "correct horse"));
  EXPECT_FALSE(PasswordMatches(*hash, "correct horse "));
  EXPECT_FALSE(PasswordMatches(*hash, ""));
  EXPECT_FALSE(PasswordMatches("plain text", "plain text"));  // never a password in the file
  EXPECT_FALSE(IsArgon2idHash("plain text"));
  EXPECT_NE(*HashPassword("correct horse"), *hash) << "a salt per hash";
  EXPECT_EQ(HashPassword("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(HashPassword(std::string(1025, 'x')).status().code(), StatusCode::kInvalidArgument);
}

TEST(PasswordTest, ReadsOneLine) {
  std::istringstream in("s3cret pass\r\nnext\n");
  EXPECT_EQ(*ReadPasswordLine(in, "password: "), "s3cret pass");
  EXPECT_EQ(*ReadPasswordLine(in, "password: "), "next");
  EXPECT_EQ(ReadPasswordLine(in, "password: ").status().code(), StatusCode::kInvalidArgument);
  std::istringstream no_newline("last");
  EXPECT_EQ(*ReadPasswordLine(no_newline, ""), "last");
}

}  // namespace
}  // namespace duban::http
