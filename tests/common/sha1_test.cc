// SHA-1 against the FIPS 180 test vectors (the NIST "SHA-1 example" values), plus the block
// boundaries where padding spills into a second block.
#include "common/sha1.h"

#include <string>

#include <gtest/gtest.h>

namespace duban {
namespace {

TEST(Sha1Test, FipsVectors) {
  EXPECT_EQ(Sha1Hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(Sha1Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(Sha1Hex(std::string(1'000'000, 'a')), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST(Sha1Test, EmptyAndLongVectors) {
  EXPECT_EQ(Sha1Hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(Sha1Hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                    "klmnopqrlmnopqrsmnopqrstnopqrstu"),
            "a49b2446a02c645bf419f995b67091253a04a259");
}

TEST(Sha1Test, PaddingAtBlockBoundaries) {
  // 55 bytes fit the length in one block; 56 and 64 need a second one.
  EXPECT_EQ(Sha1Hex(std::string(55, 'a')), "c1c8bbdc22796e28c0e15163d20899b65621d65a");
  EXPECT_EQ(Sha1Hex(std::string(56, 'a')), "c2db330f6083854c99d4b5bfb6e8f29f201be699");
  EXPECT_EQ(Sha1Hex(std::string(64, 'a')), "0098ba824b5c16427bd7a1122a5a442a25ec644d");
}

TEST(Sha1Test, BinaryBytes) {
  std::string bytes("\x00\xff\x80", 3);
  EXPECT_EQ(Sha1Hex(bytes).size(), 40u);
  EXPECT_NE(Sha1Hex(bytes), Sha1Hex(std::string("\x00\xff\x81", 3)));
}

}  // namespace
}  // namespace duban
