// CheckpointLog: the append-only file of signed checkpoints (common/checkpoint.h). The broker
// writes it (broker/checkpointer.h); `dubanctl verify --all --checkpoints` reads it. Text lines:
//     leaf <code> <entries> <head>
//     duban-checkpoint 1 <at_ms> <count> <root> <changes> <prev> <signature>
// The leaf lines before a checkpoint line are the leaves new or changed since the checkpoint
// before it. The checkpoint's `changes` is the SHA-256 of exactly those lines (each with its '\n'),
// its `prev` the SHA-256 of the checkpoint line before it (without its '\n'; 32 zero bytes for the
// first), so the signature covers its leaf lines and the order of checkpoints. The leaves of a
// checkpoint are those of the one before with its leaf lines applied in order (a known code's leaf
// replaced in place, a new code's appended); `count` is their number and `root` their Merkle root.
//
// Thread rules: pure functions over values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/checkpoint.h"

namespace duban {

// One (entries, head) of a code as a checkpoint first signed it.
struct SignedLeaf {
  std::size_t checkpoint = 0;  // index into CheckpointLog::checkpoints
  std::int64_t entries = 0;
  std::string head;
};

struct CheckpointLog {
  // Every checkpoint when keep_all (dubanctl, tests); only the last one otherwise (the broker).
  std::vector<Checkpoint> checkpoints;
  bool keep_all = true;
  std::size_t count = 0;  // checkpoints in the file
  std::vector<CheckpointLeaf> leaves;  // the last checkpoint's, in tree order
  std::vector<std::string> leaf_hashes;  // LeafHash of each, same order
  std::unordered_map<std::string, std::size_t> index;  // code -> position in leaves
  // Every (entries, head) each code was signed with, oldest first (ReadCheckpointLog with history).
  std::unordered_map<std::string, std::vector<SignedLeaf>> history;
  std::string last_line;           // the last checkpoint line, "" when none
  std::size_t complete_bytes = 0;  // the text up to the end of the last checkpoint line
};

// True for a code and a head a leaf line can carry: 1..200 printable ASCII bytes without spaces,
// and 40 lower-case hex digits (the SHA-1 heads of common/audit_chain.h).
bool IsLeafCode(std::string_view code);
bool IsLeafHead(std::string_view head);
std::string FormatLeafLine(const CheckpointLeaf& leaf);

// Reads a log: every checkpoint's `changes` and `prev` must match the lines, its time not go
// back, the last one's count and root match the leaves, and the last one's signature verify
// under `public_key` (32 bytes) — which, through the chain of `prev` and `changes`, vouches for
// every line before it; with history every signature is checked as well. What follows the last
// checkpoint line is a write cut short and is ignored when it holds no further checkpoint line
// (leaf lines, a partial line, bytes a crash left): complete_bytes says where it starts.
// InvalidArgument or PermissionDenied naming the line.
Result<CheckpointLog> ReadCheckpointLog(std::string_view text, const std::string& public_key,
                                        bool with_history);

// A checkpoint signed and not yet applied: the text to append (the leaf lines, then the checkpoint
// line, each ending in '\n').
struct PendingCheckpoint {
  std::string text;
  Checkpoint checkpoint;
  std::string line;
  std::vector<CheckpointLeaf> changed;
};
// Signs a checkpoint over the log's leaves with `changed` applied (new or grown leaves, each a
// valid code and head, each code once) at `at_ms`, or at the last checkpoint's time if that is
// later (a wall clock stepped back must not make the file unreadable). The log is unchanged.
Result<PendingCheckpoint> SignNextCheckpoint(const CheckpointLog& log,
                                             std::vector<CheckpointLeaf> changed, Millis at_ms,
                                             const std::string& secret_key);
// Applies a checkpoint once its text is written.
void ApplyCheckpoint(CheckpointLog* log, PendingCheckpoint pending);
// Both: for tests and tools.
Result<std::string> NextCheckpoint(CheckpointLog* log, const std::vector<CheckpointLeaf>& changed,
                                   Millis at_ms, const std::string& secret_key);

// What the store lost against the checkpoints: for each signed code, the first (entries, head)
// the store no longer holds. `heads_of(code)` gives the hex SHA-1 of each of the code's stored
// entries, oldest first, or nullptr when the store has no such suggestion.
struct LeafFinding {
  std::string code;
  std::string problem;  // "deleted" | "truncated" | "rewritten"
  std::size_t checkpoint = 0;  // the first checkpoint whose leaf the store no longer matches
  std::int64_t signed_entries = 0;
  std::int64_t entries_now = 0;  // -1 when deleted
};
std::vector<LeafFinding> CompareWithStore(
    const CheckpointLog& log,
    const std::function<const std::vector<std::string>*(const std::string&)>& heads_of);

}  // namespace duban
