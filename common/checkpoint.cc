#include "common/checkpoint.h"

#include <sodium.h>

#include <sstream>

namespace duban {

namespace {
void InitSodium() {
  static const bool ok = sodium_init() >= 0;
  (void)ok;
}

std::string Sha256(std::string_view data) {
  InitSodium();
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()),
                     reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return out;
}

std::string Hex(std::string_view raw) {
  std::string out(raw.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  out.pop_back();
  return out;
}

bool Unhex(std::string_view hex, std::size_t want, std::string* out) {
  if (hex.size() != want * 2) return false;
  out->assign(want, '\0');
  size_t got = 0;
  return sodium_hex2bin(reinterpret_cast<unsigned char*>(out->data()), want, hex.data(),
                        hex.size(), nullptr, &got, nullptr) == 0 &&
         got == want;
}

// MTH(D[lo:hi]) over leaf hashes.
std::string Mth(const std::vector<std::string>& h, std::size_t lo, std::size_t hi) {
  if (hi - lo == 1) return h[lo];
  std::size_t k = 1;
  while (k * 2 < hi - lo) k *= 2;  // the largest power of two below n
  return Sha256(std::string(1, '\x01') + Mth(h, lo, lo + k) + Mth(h, lo + k, hi));
}
}  // namespace

std::string LeafHash(const CheckpointLeaf& leaf) {
  std::string bytes(1, '\0');
  bytes += leaf.code;
  bytes += '\0';
  bytes += std::to_string(leaf.entries);
  bytes += '\0';
  bytes += leaf.head;
  return Sha256(bytes);
}

std::string MerkleRoot(const std::vector<std::string>& leaf_hashes) {
  if (leaf_hashes.empty()) return Sha256("");
  return Mth(leaf_hashes, 0, leaf_hashes.size());
}

std::string CheckpointBody(const Checkpoint& c) {
  return "duban-checkpoint 1 " + std::to_string(c.at_ms) + " " + std::to_string(c.count) + " " +
         Hex(c.root);
}

SigningKey NewSigningKey() {
  InitSodium();
  SigningKey k{std::string(crypto_sign_PUBLICKEYBYTES, '\0'),
               std::string(crypto_sign_SECRETKEYBYTES, '\0')};
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(k.public_key.data()),
                      reinterpret_cast<unsigned char*>(k.secret_key.data()));
  return k;
}

Result<Checkpoint> SignCheckpoint(Millis at_ms, std::int64_t count, std::string root,
                                  const std::string& secret_key) {
  InitSodium();
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) {
    return InvalidArgument("a checkpoint signing key is 64 bytes");
  }
  if (root.size() != crypto_hash_sha256_BYTES) return InvalidArgument("a root is 32 bytes");
  Checkpoint c{at_ms, count, std::move(root), std::string(crypto_sign_BYTES, '\0')};
  const std::string body = CheckpointBody(c);
  crypto_sign_detached(reinterpret_cast<unsigned char*>(c.signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                       reinterpret_cast<const unsigned char*>(secret_key.data()));
  return c;
}

Status VerifyCheckpoint(const Checkpoint& c, const std::string& public_key) {
  InitSodium();
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || c.signature.size() != crypto_sign_BYTES) {
    return InvalidArgument("a checkpoint public key is 32 bytes and a signature 64");
  }
  const std::string body = CheckpointBody(c);
  if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(c.signature.data()),
                                  reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                                  reinterpret_cast<const unsigned char*>(public_key.data())) != 0) {
    return PermissionDenied("the checkpoint of " + std::to_string(c.at_ms) +
                            " is not signed by this key, or was changed");
  }
  return Status::Ok();
}

std::string FormatCheckpointLine(const Checkpoint& c) {
  return CheckpointBody(c) + " " + Hex(c.signature);
}

Result<Checkpoint> ParseCheckpointLine(std::string_view line) {
  std::istringstream in{std::string(line)};
  std::string magic, version, root_hex, signature_hex, extra;
  Checkpoint c;
  if (!(in >> magic >> version >> c.at_ms >> c.count >> root_hex >> signature_hex) ||
      (in >> extra) || magic != "duban-checkpoint" || version != "1" || c.count < 0 ||
      !Unhex(root_hex, crypto_hash_sha256_BYTES, &c.root) ||
      !Unhex(signature_hex, crypto_sign_BYTES, &c.signature)) {
    return InvalidArgument("not a checkpoint line: 'duban-checkpoint 1 AT COUNT ROOT SIGNATURE'");
  }
  return c;
}

}  // namespace duban
