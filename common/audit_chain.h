// AuditChain: checks that a suggestion's audit trail (Redis list P:a:{CODE}) is the one the
// scripts wrote. Each entry carries `prev`, the hex SHA-1 of the exact stored bytes of the entry
// before it; the first entry's `prev` is the genesis, Sha1Hex(code). The suggestion's hash keeps
// the head: `ahash`, the SHA-1 of the last entry's bytes, and `alen`, the number of entries, both
// written by the same audit() call that appends (common/store/scripts.cc). So changing, removing,
// reordering or appending entries, or cutting the list short, breaks a link or the head.
//
// What this does not prove: someone able to rewrite the list and the head together can forge a
// consistent chain (SHA-1 here detects accidents and tampering by hand, not a determined forger;
// keeping a copy of heads elsewhere would be the next step). See docs/redis-schema.md.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/protocol/messages.h"

namespace duban {

// The `prev` of a suggestion's first audit entry.
std::string AuditGenesis(std::string_view code);

// The head as stored in P:s:{CODE}; fields are "" when absent.
struct AuditHead {
  std::string ahash;
  std::string alen;
};

// What is wrong, on the wire as ChainResult.problem.
inline constexpr char kEntryChanged[] = "entry_changed";        // its bytes differ from those chained
inline constexpr char kEntryMissing[] = "entry_missing";        // fewer entries than chained
inline constexpr char kEntriesReordered[] = "entries_reordered";  // chained after another entry
inline constexpr char kEntryUnchained[] = "entry_unchained";    // no `prev` (written before chains)
inline constexpr char kHeadMismatch[] = "head_mismatch";        // the head does not fit the list

// Verifies the raw stored entries (oldest first) against the chain and the head. Returns a result
// with ok = true, or the first entry found wrong: for a changed entry its own index; for a missing
// one the index it had (the list's length when the last ones are gone); for a reordered one the
// index of the entry that sits in the wrong place.
protocol::ChainResult VerifyAuditChain(std::string_view code,
                                       const std::vector<std::string>& entries,
                                       const AuditHead& head);

}  // namespace duban
