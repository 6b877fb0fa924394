// Checkpoint: a signed statement of every suggestion's audit head at one time ("records that prove
// themselves", docs/security.md). The broker signs one at an interval with an Ed25519 key that is
// not in Redis (broker/checkpointer.h) and appends it to a file outside Redis and to Redis;
// `dubanctl verify --all --checkpoints` then finds a deleted suggestion, a truncated timeline or a
// rollback to an old backup by comparing what Redis holds now with the leaves checkpoints signed
// (common/checkpoint_log.h). This file is the pure part: leaves, the Merkle root over them
// (RFC 6962's Merkle Tree Hash, SHA-256 from libsodium), the signed body, its text line, the key
// files.
//
// Thread rules: pure functions (libsodium is initialised on first use, thread-safe).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"

namespace duban {

// One suggestion as a checkpoint sees it: its code, how many audit entries its trail holds and the
// hash of the last one (the `alen` and `ahash` of its record, common/audit_chain.h).
struct CheckpointLeaf {
  std::string code;
  std::int64_t entries = 0;
  std::string head;
};

// SHA-256(0x00 || code || 0x00 || entries in decimal || 0x00 || head): RFC 6962's leaf hash of the
// leaf's canonical bytes (32 raw bytes).
std::string LeafHash(const CheckpointLeaf& leaf);
// RFC 6962's Merkle Tree Hash over leaf hashes in the given order (32 raw bytes); the hash of the
// empty string for none.
std::string MerkleRoot(const std::vector<std::string>& leaf_hashes);

// SHA-256 (32 raw bytes) and lower-case hex.
std::string Sha256(std::string_view data);
std::string ToHex(std::string_view raw);

struct Checkpoint {
  Millis at_ms = 0;
  std::int64_t count = 0;  // suggestions (leaves)
  std::string root;        // 32 raw bytes
  std::string changes;     // 32 raw bytes: Sha256 of the leaf lines written with it (checkpoint_log.h)
  std::string prev;        // 32 raw bytes: Sha256 of the checkpoint line before it (zeros: first)
  std::string signature;   // 64 raw bytes (Ed25519, detached)
};

// What is signed: "duban-checkpoint 1 <at_ms> <count> <root> <changes> <prev>", hashes in hex.
std::string CheckpointBody(const Checkpoint& c);

// An Ed25519 key pair for checkpoints, raw bytes: public 32, secret 64.
struct SigningKey {
  std::string public_key;
  std::string secret_key;
};
SigningKey NewSigningKey();

// The public half of a secret key (64 bytes), "" for anything else.
std::string PublicKeyOf(const std::string& secret_key);

// Signs `c`'s body with `secret_key` (64 bytes) and returns it with its signature;
// InvalidArgument for a key or a hash of the wrong size.
Result<Checkpoint> SignCheckpoint(Checkpoint c, const std::string& secret_key);
// OK when the signature is the public key's over the checkpoint's body; PermissionDenied when it
// is not (the body or the signature changed, or another key signed it).
Status VerifyCheckpoint(const Checkpoint& c, const std::string& public_key);

// One line of the append-only checkpoint file: the body, a space and the signature in hex.
std::string FormatCheckpointLine(const Checkpoint& c);
// InvalidArgument for a line that is not one FormatCheckpointLine wrote.
Result<Checkpoint> ParseCheckpointLine(std::string_view line);

// Key files, a few TOML-ish lines like the CurveZMQ ones (common/transport/curve_keys.h):
//     # Duban checkpoint signing key: keep this file secret (mode 0600), never in Redis
//     secret = "<128 hex>"          (the .key file; its public half is derived from it)
//     public = "<64 hex>"           (the .pub file, what verify needs)
// WriteSigningKeyFiles writes PATH.key (0600) and PATH.pub and never replaces either
// (AlreadyExists). ReadSigningKeyFile reads a .key file: NotFound, PermissionDenied (readable by
// group or others), InvalidArgument. ReadCheckpointPublicKey reads either file's public key.
Status WriteSigningKeyFiles(const std::string& path, const SigningKey& key);
Result<SigningKey> ReadSigningKeyFile(const std::string& path);
Result<std::string> ReadCheckpointPublicKey(const std::string& path);

}  // namespace duban
