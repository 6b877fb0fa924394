#include "common/checkpoint.h"

#include <gtest/gtest.h>

#include <sodium.h>

namespace duban {
namespace {

std::string Hex(const std::string& raw) {
  std::string out(raw.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  out.pop_back();
  return out;
}

TEST(CheckpointTest, TheMerkleRootIsRfc6962s) {
  // RFC 6962: the empty tree hashes to SHA-256(""); a leaf is hashed as SHA-256(0x00 || data).
  EXPECT_EQ(Hex(MerkleRoot({})),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const std::string a = LeafHash({"S2026-00001", 3, "aa"}), b = LeafHash({"S2026-00002", 1, "bb"}),
                    c = LeafHash({"S2026-00003", 7, "cc"});
  EXPECT_EQ(MerkleRoot({a}), a);
  // Three leaves: MTH = H(0x01 || H(0x01 || a || b) || c).
  std::string ab(32, '\0'), abc(32, '\0');
  const std::string in_ab = std::string(1, '\x01') + a + b;
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(ab.data()),
                     reinterpret_cast<const unsigned char*>(in_ab.data()), in_ab.size());
  const std::string in_abc = std::string(1, '\x01') + ab + c;
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(abc.data()),
                     reinterpret_cast<const unsigned char*>(in_abc.data()), in_abc.size());
  EXPECT_EQ(MerkleRoot({a, b, c}), abc);
  // Any change of a leaf, or of the order, changes the root.
  EXPECT_NE(MerkleRoot({a, b, LeafHash({"S2026-00003", 6, "cc"})}), abc);
  EXPECT_NE(MerkleRoot({b, a, c}), abc);
  EXPECT_NE(LeafHash({"S2026-0000", 13, "aa"}), LeafHash({"S2026-00001", 3, "aa"}));
}

TEST(CheckpointTest, ASignedCheckpointVerifiesAndAnyChangeIsFound) {
  const SigningKey key = NewSigningKey();
  const std::string root = MerkleRoot({LeafHash({"S2026-00001", 3, "aa"})});
  Checkpoint unsigned_c{1764979200000, 1, root, Sha256("leaf lines"), std::string(32, '\0'), ""};
  auto c = SignCheckpoint(unsigned_c, key.secret_key);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(VerifyCheckpoint(*c, key.public_key).ok());

  auto line = FormatCheckpointLine(*c);
  auto back = ParseCheckpointLine(line);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(VerifyCheckpoint(*back, key.public_key).ok());
  EXPECT_EQ(back->root, root);

  Checkpoint fewer = *c;
  fewer.count = 0;  // a deleted suggestion
  EXPECT_EQ(VerifyCheckpoint(fewer, key.public_key).code(), StatusCode::kPermissionDenied);
  Checkpoint earlier = *c;
  earlier.at_ms -= 1;
  EXPECT_EQ(VerifyCheckpoint(earlier, key.public_key).code(), StatusCode::kPermissionDenied);
  Checkpoint other_changes = *c;
  other_changes.changes = Sha256("other leaf lines");
  EXPECT_EQ(VerifyCheckpoint(other_changes, key.public_key).code(), StatusCode::kPermissionDenied);
  Checkpoint other_prev = *c;
  other_prev.prev = Sha256("another line");
  EXPECT_EQ(VerifyCheckpoint(other_prev, key.public_key).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(PublicKeyOf(key.secret_key), key.public_key);
  EXPECT_EQ(VerifyCheckpoint(*c, NewSigningKey().public_key).code(),
            StatusCode::kPermissionDenied);

  EXPECT_FALSE(ParseCheckpointLine("duban-checkpoint 1 1 1 00 00 00 00").ok());
  EXPECT_FALSE(ParseCheckpointLine(line + " extra").ok());
  EXPECT_FALSE(SignCheckpoint(unsigned_c, "short").ok());
  Checkpoint no_changes = unsigned_c;
  no_changes.changes.clear();
  EXPECT_FALSE(SignCheckpoint(no_changes, key.secret_key).ok());
}

}  // namespace
}  // namespace duban
