// Checkpoint: a signed statement of every suggestion's audit head at one time, the building block
// of "records that prove themselves" (issue 11, item 4; docs/security.md "Not yet"). The broker
// will sign one at an interval with an Ed25519 key that is not in Redis and append it to Redis and
// to a file outside Redis; `dubanctl verify --checkpoints` will then find a deleted suggestion, a
// truncated timeline or a rollback to an old backup by comparing what Redis holds now with the
// leaves a checkpoint signed. This file is the pure part: leaves, the Merkle root over them
// (RFC 6962's Merkle Tree Hash, SHA-256 from libsodium), the signed body and its text line. It
// is not wired into the broker or dubanctl yet.
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

struct Checkpoint {
  Millis at_ms = 0;
  std::int64_t count = 0;  // suggestions (leaves)
  std::string root;        // 32 raw bytes
  std::string signature;   // 64 raw bytes (Ed25519, detached)
};

// What is signed: "duban-checkpoint 1 <at_ms> <count> <root hex>".
std::string CheckpointBody(const Checkpoint& c);

// An Ed25519 key pair for checkpoints, raw bytes: public 32, secret 64.
struct SigningKey {
  std::string public_key;
  std::string secret_key;
};
SigningKey NewSigningKey();

// Signs at_ms, count and root with `secret_key` (64 bytes; InvalidArgument otherwise).
Result<Checkpoint> SignCheckpoint(Millis at_ms, std::int64_t count, std::string root,
                                  const std::string& secret_key);
// OK when the signature is the public key's over the checkpoint's body; PermissionDenied when it
// is not (the body or the signature changed, or another key signed it).
Status VerifyCheckpoint(const Checkpoint& c, const std::string& public_key);

// One line of the append-only checkpoint file: the body, a space and the signature in hex.
std::string FormatCheckpointLine(const Checkpoint& c);
// InvalidArgument for a line that is not one FormatCheckpointLine wrote.
Result<Checkpoint> ParseCheckpointLine(std::string_view line);

}  // namespace duban
