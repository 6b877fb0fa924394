#include "common/checkpoint.h"

#include "common/key_file.h"

#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

namespace duban {

namespace {
void InitSodium() {
  static const bool ok = sodium_init() >= 0;
  (void)ok;
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

// The secret and public hex values of a key file (either "" when absent).
Status ReadKeyLines(const std::string& path, std::string* secret_hex, std::string* public_hex) {
  return ReadKeyFileFields(
      path, "checkpoint key file", "secret = \"...\" or public = \"...\"",
      [&](const std::string& k, const std::string& v, int n) {
        if (k != "secret" && k != "public") {
          return InvalidArgument("checkpoint key file '" + path + "' line " + std::to_string(n) +
                                 ": expected secret = \"...\" or public = \"...\"");
        }
        (k == "secret" ? *secret_hex : *public_hex) = v;
        return Status::Ok();
      });
}
}  // namespace

std::string Sha256(std::string_view data) {
  InitSodium();
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()),
                     reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return out;
}

std::string ToHex(std::string_view raw) {
  std::string out(raw.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  out.pop_back();
  return out;
}

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
         ToHex(c.root) + " " + ToHex(c.changes) + " " + ToHex(c.prev);
}

SigningKey NewSigningKey() {
  InitSodium();
  SigningKey k{std::string(crypto_sign_PUBLICKEYBYTES, '\0'),
               std::string(crypto_sign_SECRETKEYBYTES, '\0')};
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(k.public_key.data()),
                      reinterpret_cast<unsigned char*>(k.secret_key.data()));
  return k;
}

std::string PublicKeyOf(const std::string& secret_key) {
  InitSodium();
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) return "";
  std::string pk(crypto_sign_PUBLICKEYBYTES, '\0');
  crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(pk.data()),
                               reinterpret_cast<const unsigned char*>(secret_key.data()));
  return pk;
}

Result<Checkpoint> SignCheckpoint(Checkpoint c, const std::string& secret_key) {
  InitSodium();
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) {
    return InvalidArgument("a checkpoint signing key is 64 bytes");
  }
  if (c.root.size() != crypto_hash_sha256_BYTES || c.changes.size() != crypto_hash_sha256_BYTES ||
      c.prev.size() != crypto_hash_sha256_BYTES) {
    return InvalidArgument("a checkpoint's root, changes and prev are 32 bytes each");
  }
  c.signature.assign(crypto_sign_BYTES, '\0');
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
  return CheckpointBody(c) + " " + ToHex(c.signature);
}

Result<Checkpoint> ParseCheckpointLine(std::string_view line) {
  std::istringstream in{std::string(line)};
  std::string magic, version, root_hex, changes_hex, prev_hex, signature_hex, extra;
  Checkpoint c;
  if (!(in >> magic >> version >> c.at_ms >> c.count >> root_hex >> changes_hex >> prev_hex >>
        signature_hex) ||
      (in >> extra) || magic != "duban-checkpoint" || version != "1" || c.count < 0 ||
      !Unhex(root_hex, crypto_hash_sha256_BYTES, &c.root) ||
      !Unhex(changes_hex, crypto_hash_sha256_BYTES, &c.changes) ||
      !Unhex(prev_hex, crypto_hash_sha256_BYTES, &c.prev) ||
      !Unhex(signature_hex, crypto_sign_BYTES, &c.signature)) {
    return InvalidArgument(
        "not a checkpoint line: 'duban-checkpoint 1 AT COUNT ROOT CHANGES PREV SIGNATURE'");
  }
  return c;
}

Status WriteSigningKeyFiles(const std::string& path, const SigningKey& key) {
  struct stat st {};
  if (::stat((path + ".pub").c_str(), &st) == 0) {
    return AlreadyExists("'" + path + ".pub' exists: a key file is never replaced");
  }
  DUBAN_RETURN_IF_ERROR(WriteNewKeyFile(path + ".key",
                                 "# Duban checkpoint signing key: keep this file secret (mode 0600), "
                                 "never in Redis\nsecret = \"" + ToHex(key.secret_key) + "\"\n",
                                 0600));
  return WriteNewKeyFile(path + ".pub",
                  "# Duban checkpoint public key: what `dubanctl verify --public-key` reads\n"
                  "public = \"" + ToHex(key.public_key) + "\"\n",
                  0644);
}

Result<SigningKey> ReadSigningKeyFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return NotFound("checkpoint key file '" + path + "': " + std::strerror(errno));
  }
  if ((st.st_mode & 077) != 0) {
    return PermissionDenied("checkpoint key file '" + path +
                            "' is readable by others: chmod 600 it (and make a new key if it leaked)");
  }
  std::string secret_hex, public_hex;
  DUBAN_RETURN_IF_ERROR(ReadKeyLines(path, &secret_hex, &public_hex));
  SigningKey key;
  if (!Unhex(secret_hex, crypto_sign_SECRETKEYBYTES, &key.secret_key)) {
    return InvalidArgument("checkpoint key file '" + path + "' has no secret of 128 hex digits");
  }
  key.public_key = PublicKeyOf(key.secret_key);
  return key;
}

Result<std::string> ReadCheckpointPublicKey(const std::string& path) {
  std::string secret_hex, public_hex;
  DUBAN_RETURN_IF_ERROR(ReadKeyLines(path, &secret_hex, &public_hex));
  std::string pk;
  if (Unhex(public_hex, crypto_sign_PUBLICKEYBYTES, &pk)) return pk;
  std::string sk;
  if (Unhex(secret_hex, crypto_sign_SECRETKEYBYTES, &sk)) return PublicKeyOf(sk);
  return InvalidArgument("checkpoint key file '" + path + "' holds no public key of 64 hex digits");
}

}  // namespace duban
