// AuditChain: checks that a suggestion's audit trail (Redis list P:a:{CODE}) is the one the
// scripts wrote. Each entry carries `prev`, the hex SHA-1 of the exact stored bytes of the entry
// before it; the first entry's `prev` is the genesis, Sha1Hex(code). The suggestion's hash keeps
// the head: `ahash`, the SHA-1 of the last entry's bytes, and `alen`, the number of entries, both
// written by the same audit() call that appends (common/store/scripts.cc). So changing, removing,
// reordering or appending entries, or cutting the list short, breaks a link or the head.
//
// Each entry also carries `rs`, the digest of the record's fields as the change left them
// (RecordDigest), so a record changed outside the scripts (a reply's text, the state, the units,
// the deadline, the evaluation) no longer matches its last entry; the record keeps `dh` and `rh`,
// the SHA-1 of the suggestion's text and of its handling record, which must match them.
//
// What this does not prove: someone able to rewrite the list, the head and the record together
// can forge a consistent chain: every hash here is computed in Redis with no key. What stops that
// forger is the broker's signed checkpoints (common/checkpoint.h, broker/checkpointer.h): see
// docs/security.md "Records that prove themselves".
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

// The record's fields an entry's `rs` covers, in digest order (common/store/lua/lib/tasks.lua's
// RS_FIELDS): SHA-1 over "<length>:<value>" of each, joined by ',', an absent field as ""; the
// fields after the first kRecordStateAlways (added later) only when they are not empty, so a record
// that never had them keeps the digest its entries recorded.
inline constexpr std::string_view kRecordStateFields[] = {
    "state", "ver", "submitted", "units", "deadline", "lead", "assigned", "rh", "dh", "committee"};
inline constexpr std::size_t kRecordStateFieldCount = 10;
inline constexpr std::size_t kRecordStateAlways = 9;
inline constexpr std::size_t kRecordRh = 7, kRecordDh = 8;  // indexes of rh and dh
std::string RecordDigest(const std::vector<std::string>& values);

// The record as verify reads it: the kRecordStateFields values, in that order, its text (doc,
// whose SHA-1 is dh) and its handling record (rec, whose SHA-1 is rh).
struct AuditRecord {
  std::vector<std::string> values;
  std::string doc;
  std::string rec;
};

// What is wrong, on the wire as ChainResult.problem.
inline constexpr char kEntryChanged[] = "entry_changed";        // its bytes differ from those chained
inline constexpr char kEntryMissing[] = "entry_missing";        // fewer entries than chained
inline constexpr char kEntriesReordered[] = "entries_reordered";  // chained after another entry
inline constexpr char kEntryUnchained[] = "entry_unchained";    // no `prev` (written before chains)
inline constexpr char kHeadMismatch[] = "head_mismatch";        // the head does not fit the list
inline constexpr char kRecordChanged[] = "record_changed";      // the record is not the one entered

// Verifies the raw stored entries (oldest first) against the chain and the head. Returns a result
// with ok = true, or the first entry found wrong: for a changed entry its own index; for a missing
// one the index it had (the list's length when the last ones are gone); for a reordered one the
// index of the entry that sits in the wrong place. With `record`, an intact chain is then checked
// against it: the last entry's `rs` (when it has one: entries written before record digests have
// none) against RecordDigest(values), and `dh` and `rh` (when set) against the SHA-1 of the text
// and of the handling record. The result's
// `heads` holds the hex SHA-1 of every entry's bytes, in order.
protocol::ChainResult VerifyAuditChain(std::string_view code,
                                       const std::vector<std::string>& entries,
                                       const AuditHead& head, const AuditRecord* record = nullptr);

}  // namespace duban
